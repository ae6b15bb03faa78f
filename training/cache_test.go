package training_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// reads is a store that counts how often it is read: the whole history
// listed (once per advice made), the peaks (once per profile made while
// max heart rate is detected) and the loads.
type reads struct {
	store.Store
	n, peaks, loads int // n: the whole history
}

func (r *reads) Activities(ctx context.Context, a store.AthleteID, f store.Filter) ([]store.Record, error) {
	if reflect.DeepEqual(f, store.Filter{}) {
		r.n++
	}
	return r.Store.Activities(ctx, a, f)
}

func (r *reads) Peaks(ctx context.Context, a store.AthleteID, from, to time.Time) ([]store.Peak, error) {
	r.peaks++
	return r.Store.Peaks(ctx, a, from, to)
}

func (r *reads) Loads(ctx context.Context, a store.AthleteID, from, to time.Time) ([]store.LoadEntry, error) {
	r.loads++
	return r.Store.Loads(ctx, a, from, to)
}

// TestCache checks when a cached advice is made anew: after a write of
// its athlete's unless primed, after AdviceTTL, at midnight; and not
// after another athlete's write.
func TestCache(t *testing.T) {
	ctx := context.Background()
	loc := time.FixedZone("CET", 3600)
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, loc)
	plain := newService(t, now)
	var cache training.Cache
	st := &reads{Store: cache.Store(plain.Store)}
	clock := func() time.Time { return now }
	ann := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: clock, Cache: &cache}
	// The first user takes the default athlete.
	var users [2]store.User
	for i, name := range []string{"ann", "ben"} {
		var err error
		if users[i], err = plain.Store.AddUser(ctx, name, store.RoleAthlete, ""); err != nil {
			t.Fatalf("add user %s: %v", name, err)
		}
	}
	ann.Athlete = users[0].ID
	ben := &training.Service{Store: st, Athlete: users[1].ID, Now: clock, Cache: &cache}
	setMaxHR(t, ann, 190)
	save(t, ann, daily(sim.Easy, now.AddDate(0, 0, -14), 13, 40*time.Minute)...)
	save(t, ann, sim.Session{Kind: sim.Intervals, Start: now.AddDate(0, 0, -1), Duration: time.Hour})
	refresh(t, ann, false, 14, 0)

	advice := func(step string, weeks int, wantMade bool) training.Advice {
		t.Helper()
		before := st.n
		a, err := ann.Advice(ctx, loc, weeks)
		if err != nil {
			t.Fatalf("%s: Advice: %v", step, err)
		}
		if got := st.n > before; got != wantMade {
			t.Errorf("%s: advice made anew %t, want %t", step, got, wantMade)
		}
		return a
	}
	whole := advice("first view", 0, true)
	advice("same minute, last week", 1, false)
	if again := advice("same minute, whole audit", 0, false); !reflect.DeepEqual(again, whole) {
		t.Errorf("the cached audit changed after a view of its last week: %d verdicts, want %d",
			len(again.Report.Verdicts), len(whole.Report.Verdicts))
	}
	if uncached, err := plain.Advice(ctx, loc, 0); err != nil || !reflect.DeepEqual(uncached.Today, whole.Today) {
		t.Errorf("uncached advice = %+v, %v; want the cached one's %+v", uncached.Today, err, whole.Today)
	}

	save(t, ben, sim.Session{Kind: sim.Easy, Start: now.Add(-3 * time.Hour), Duration: 30 * time.Minute})
	advice("after another athlete's upload", 0, false)
	if _, err := ann.SetRPE(ctx, 1, 3); err != nil {
		t.Fatalf("SetRPE: %v", err)
	}
	advice("after the athlete's RPE", 0, true)
	if _, err := ann.SetRPE(ctx, 1, 4); err != nil {
		t.Fatalf("SetRPE: %v", err)
	}
	if err := ann.Prime(ctx, loc); err != nil {
		t.Fatalf("Prime: %v", err)
	}
	advice("primed after a write", 0, false)

	now = now.Add(training.AdviceTTL - time.Second)
	advice("within the TTL", 0, false)
	now = now.Add(2 * time.Second)
	advice("past the TTL", 0, true)

	now = time.Date(2026, 3, 20, 23, 59, 50, 0, loc)
	advice("before midnight", 0, true)
	now = now.Add(20 * time.Second)
	advice("after midnight", 0, true)
}

// TestCacheProfile checks that a cached profile is the one made afresh,
// kept within AdviceTTL, and made anew after its athlete's write and
// after the TTL.
func TestCacheProfile(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	plain := newService(t, now)
	var cache training.Cache
	st := &reads{Store: cache.Store(plain.Store)}
	svc := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return now }, Cache: &cache}
	save(t, svc, daily(sim.Easy, now.AddDate(0, 0, -14), 13, 40*time.Minute)...)
	refresh(t, svc, false, 13, 0)

	profile := func(step string, wantMade bool) training.Profile {
		t.Helper()
		before := st.peaks
		p, err := svc.Profile(ctx)
		if err != nil {
			t.Fatalf("%s: Profile: %v", step, err)
		}
		if got := st.peaks > before; got != wantMade {
			t.Errorf("%s: profile made anew %t, want %t", step, got, wantMade)
		}
		return p
	}
	first := profile("first view", true)
	if uncached, err := plain.Profile(ctx); err != nil || !reflect.DeepEqual(uncached, first) {
		t.Errorf("uncached profile = %+v, %v; want the cached one's %+v", uncached, err, first)
	}
	if again := profile("same minute", false); !reflect.DeepEqual(again, first) {
		t.Errorf("the cached profile changed: %+v, want %+v", again, first)
	}
	if err := svc.Store.SaveAthlete(ctx, svc.Athlete, activity.Athlete{BirthYear: 1980}); err != nil {
		t.Fatalf("save athlete: %v", err)
	}
	if p := profile("after the athlete's profile", true); p.Set.BirthYear != 1980 {
		t.Errorf("after the athlete's profile: birth year %d, want 1980", p.Set.BirthYear)
	}
	now = now.Add(training.AdviceTTL + time.Second)
	profile("past the TTL", true)
}

// TestCacheZone checks that services sharing a Cache, as a server's
// requests do, share one resolved zone until the runner sets another.
func TestCacheZone(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	plain := newService(t, now)
	var cache training.Cache
	st := cache.Store(plain.Store)
	request := func() *training.Service {
		return &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return now }, Cache: &cache}
	}
	save(t, request(), sim.Session{Kind: sim.Easy, Start: now.AddDate(0, 0, -1), Duration: 30 * time.Minute})
	first, err := request().Zone(ctx)
	if err != nil {
		t.Fatalf("Zone: %v", err)
	}
	if again, err := request().Zone(ctx); err != nil || again.Location != first.Location {
		t.Errorf("second request's zone = %v (%p), %v; want the first one's %v (%p)", again.Location, again.Location, err, first.Location, first.Location)
	}
	if uncached, err := plain.Zone(ctx); err != nil || uncached.Name != first.Name || uncached.Origin != first.Origin {
		t.Errorf("uncached zone = %+v, %v; want %+v", uncached, err, first)
	}
	if err := st.SaveAthlete(ctx, store.DefaultAthlete, activity.Athlete{TimeZone: "Asia/Tokyo"}); err != nil {
		t.Fatalf("save athlete: %v", err)
	}
	if z, err := request().Zone(ctx); err != nil || z.Name != "Asia/Tokyo" {
		t.Errorf("after setting Asia/Tokyo: zone %+v, %v", z, err)
	}
}

// TestCacheAdaptedPlan checks that services sharing a Cache share one
// adapted plan, the one worked out afresh, until the runner writes.
func TestCacheAdaptedPlan(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 5, 6, 20, 0, 0, 0, time.UTC) // Wednesday evening
	plain := newService(t, now)
	setMaxHR(t, plain, 190)
	var cache training.Cache
	svc := &training.Service{Store: cache.Store(plain.Store), Athlete: store.DefaultAthlete, Now: func() time.Time { return now }, Cache: &cache}
	makePlan(t, svc)
	first, _, err := svc.AdaptedPlan(ctx, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if again, _, err := svc.AdaptedPlan(ctx, time.UTC); err != nil || again != first {
		t.Errorf("second view worked the plan out again (%p, %v), want the kept one (%p)", again, err, first)
	}
	if uncached, _, err := plain.AdaptedPlan(ctx, time.UTC); err != nil || !reflect.DeepEqual(uncached, first) {
		t.Errorf("uncached adapted plan = %+v, %v; want the cached one %+v", uncached, err, first)
	}
	if _, err := svc.Log(ctx, &activity.Activity{Sport: activity.Running, Start: now.Add(-2 * time.Hour),
		Elapsed: time.Hour, Moving: time.Hour, DistanceM: 12000, RPE: 8}); err != nil {
		t.Fatal(err)
	}
	after, _, err := svc.AdaptedPlan(ctx, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if uncached, _, err := plain.AdaptedPlan(ctx, time.UTC); err != nil || after == first || !reflect.DeepEqual(uncached, after) {
		t.Errorf("after a logged run: adapted plan kept %t, or not the one worked out afresh: %+v, want %+v (%v)", after == first, after, uncached, err)
	}
}

// TestCacheProjection checks that the projection of the kept adapted
// plan is kept with it, is the one made afresh, and is made anew after
// a write; and that another plan's is never taken for it.
func TestCacheProjection(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 5, 6, 20, 0, 0, 0, time.UTC)
	plain := newService(t, now)
	setMaxHR(t, plain, 190)
	save(t, plain, daily(sim.Easy, now.AddDate(0, 0, -30), 29, 40*time.Minute)...)
	refresh(t, plain, false, 29, 0)
	var cache training.Cache
	st := &reads{Store: cache.Store(plain.Store)}
	svc := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return now }, Cache: &cache}
	makePlan(t, svc)
	project := func(step string, wantRead bool) training.Projection {
		t.Helper()
		p, _, err := svc.AdaptedPlan(ctx, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		before := st.loads
		pr, err := svc.Projection(ctx, p, time.UTC)
		if err != nil {
			t.Fatalf("%s: Projection: %v", step, err)
		}
		if got := st.loads > before; got != wantRead {
			t.Errorf("%s: loads read %t, want %t", step, got, wantRead)
		}
		up, _, err := plain.AdaptedPlan(ctx, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if uncached, err := plain.Projection(ctx, up, time.UTC); err != nil || !reflect.DeepEqual(uncached, pr) {
			t.Errorf("%s: projection %+v, want the one made afresh %+v (%v)", step, pr, uncached, err)
		}
		return pr
	}
	project("first view", true)
	project("second view", false)
	other, _, err := plain.AdaptedPlan(ctx, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	before := st.loads
	if _, err := svc.Projection(ctx, other, time.UTC); err != nil || st.loads == before {
		t.Errorf("projection of another plan than the kept one: loads read %t, %v; want it made", st.loads > before, err)
	}
	if _, err := svc.Log(ctx, &activity.Activity{Sport: activity.Running, Start: now.Add(-2 * time.Hour),
		Elapsed: time.Hour, Moving: time.Hour, DistanceM: 12000, RPE: 8}); err != nil {
		t.Fatal(err)
	}
	project("after a logged run", true)
}

// TestKeep checks that a value kept for a page is made anew by the
// advice's rules: after a write of its athlete, after AdviceTTL, at
// midnight; kept apart by name and by athlete; and made on every call
// without a Cache.
func TestKeep(t *testing.T) {
	ctx := context.Background()
	loc := time.FixedZone("CET", 3600)
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, loc)
	var cache training.Cache
	st := cache.Store(newService(t, now).Store)
	made := 0
	keep := func(c *training.Cache, step, what string, a store.AthleteID, want int) {
		t.Helper()
		got, err := training.Keep(c, what, a, loc, now, func() (int, error) { made++; return made, nil })
		if err != nil || got != want {
			t.Errorf("%s: Keep = %d, %v; want %d", step, got, err, want)
		}
	}
	keep(&cache, "first", "weeks", store.DefaultAthlete, 1)
	keep(&cache, "again", "weeks", store.DefaultAthlete, 1)
	keep(&cache, "another name", "days", store.DefaultAthlete, 2)
	keep(&cache, "another athlete", "weeks", 2, 3)
	if err := st.SaveAthlete(ctx, store.DefaultAthlete, activity.Athlete{}); err != nil {
		t.Fatal(err)
	}
	keep(&cache, "after another athlete's write", "weeks", 2, 3)
	keep(&cache, "after the athlete's write", "weeks", store.DefaultAthlete, 4)
	now = now.Add(training.AdviceTTL - time.Second)
	keep(&cache, "within the TTL", "weeks", store.DefaultAthlete, 4)
	now = now.Add(2 * time.Second)
	keep(&cache, "past the TTL", "weeks", store.DefaultAthlete, 5)
	now = time.Date(2026, 3, 20, 23, 59, 50, 0, loc)
	keep(&cache, "before midnight", "weeks", store.DefaultAthlete, 6)
	now = now.Add(20 * time.Second)
	keep(&cache, "after midnight", "weeks", store.DefaultAthlete, 7)
	keep(nil, "without a cache", "weeks", store.DefaultAthlete, 8)
	keep(nil, "without a cache, again", "weeks", store.DefaultAthlete, 9)
}
