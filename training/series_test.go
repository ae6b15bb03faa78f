package training

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/store/storetest"
)

// TestSeriesIsExact checks the load series read from the day summaries
// against the one read from the whole history (wholeSeries), to the last
// bit, over simulated histories and random windows — from a day to a
// year long, ending before the first session, inside the history or
// after it — while the history changes under them: RPE set on old runs
// (which moves the session-RPE scale of every device-free run), sports
// corrected, runs logged without a device on old days, activities
// deleted with and without a refresh, an old analysis replaced behind
// Refresh's back, a new max heart rate that changes every load, another
// time zone, and summaries of an older version. Wherever the summaries
// are current the read must have used them: after every refresh, the
// series up to now reads only the recent weeks. And the summaries are
// kept incrementally: a run logged on an old day rewrites them from that
// day on, and a refresh that changes nothing writes none.
func TestSeriesIsExact(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates and imports two histories")
	}
	t.Parallel()
	for h, r := range []sim.Runner{sim.DefaultRunner(), func() sim.Runner {
		r := sim.DefaultRunner()
		r.Seed, r.UTCOffset = 7, -7*time.Hour
		return r
	}()} {
		t.Run(fmt.Sprint(h), func(t *testing.T) {
			t.Parallel()
			checkSeriesUnderChanges(t, r, rand.New(rand.NewPCG(19, uint64(h))))
		})
	}
}

func checkSeriesUnderChanges(t *testing.T, r sim.Runner, rng *rand.Rand) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "easyrun.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	first := time.Date(2025, 1, 6, 6, 0, 0, 0, time.UTC)
	const weeks = 40
	now := first.AddDate(0, 0, 7*(weeks+1)+2) // History starts on the first Monday after first
	saves := &savesTo{Store: st}
	svc := &Service{Store: saves, Athlete: store.DefaultAthlete, Now: func() time.Time { return now }}
	var ids []int64
	for _, ses := range r.History(first, weeks) {
		a, err := r.Simulate(ses)
		if err != nil {
			t.Fatal(err)
		}
		name := ses.Start.Format("2006-01-02-1504.fit")
		saved, err := st.SaveFile(ctx, svc.Athlete, storetest.Encode(t, storetest.File(name, activity.FIT, []byte(name)), a))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, saved[0].ID)
	}
	// logOld logs a run without a device on an old day and returns the day.
	logOld := func() time.Time {
		at := first.Add(time.Duration(rng.IntN(7*weeks*24)) * time.Hour)
		id, err := svc.Log(ctx, &activity.Activity{Sport: activity.Running, Start: at,
			Elapsed: 40 * time.Minute, Moving: 40 * time.Minute, RPE: 1 + rng.IntN(10)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		return at
	}
	logOld()
	if _, err := svc.Refresh(ctx, false); err != nil {
		t.Fatal(err)
	}

	// The runner's time zone, as Refresh dates sessions in it.
	local := func() *time.Location {
		p, err := svc.Profile(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return p.Zone.Location
	}
	windowed := func(to time.Time) bool {
		b, _, err := st.LoadState(ctx, svc.Athlete, to)
		if err != nil {
			t.Fatal(err)
		}
		return b.Current && b.Version == summaryVersion && b.Zone == zoneKey(to.Location()) && b.Last.Before(to.AddDate(0, 0, 1))
	}
	check := func(step string) {
		t.Helper()
		loc := local()
		for c := range 30 {
			to := first.Add(time.Duration(rng.IntN(24*(7*weeks+60))-24*30) * time.Hour).In(loc)
			if c == 0 {
				to = now.In(loc)
			}
			from := to.AddDate(0, 0, -rng.IntN(366))
			want, err := svc.wholeSeries(ctx, from, to)
			if err != nil {
				t.Fatal(err)
			}
			got, err := svc.Series(ctx, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: Series(%s, %s) differs from the whole history's: %s", step,
					from.Format(time.DateTime), to.Format(time.DateTime), firstDifference(got, want))
			}
		}
	}
	pick := func() int64 { return ids[rng.IntN(len(ids))] }
	refreshed := func(step string, _ Refreshed, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if to := now.In(local()); !windowed(to) {
			t.Fatalf("%s: after the refresh the summaries are not used for the series up to now", step)
		}
		check(step)
		// A refresh that changes nothing writes no summary.
		n := len(saves.from)
		if _, err := svc.Refresh(ctx, false); err != nil {
			t.Fatal(err)
		}
		if len(saves.from) != n {
			t.Fatalf("%s: a refresh that changed nothing rewrote the summaries from %s", step, saves.from[n].Format(time.DateOnly))
		}
	}

	refreshed("imported", Refreshed{}, nil)
	for range 24 {
		switch op := rng.IntN(8); op {
		case 0:
			r, err := svc.SetRPE(ctx, pick(), 1+rng.IntN(10))
			refreshed("RPE set", r, err)
		case 1:
			r, err := svc.SetSport(ctx, []activity.Sport{activity.Cycling, activity.Running}[rng.IntN(2)], pick())
			refreshed("sport set", r, err)
		case 2: // a run without heart rate changes no other day's load
			n := len(saves.from)
			day := dateOf(logOld().In(local()))
			if len(saves.from) != n+1 || saves.from[n].Before(day) {
				t.Fatalf("a run logged on %s rewrote the summaries from %v", day.Format(time.DateOnly), saves.from[n:])
			}
			refreshed("logged on an old day", Refreshed{}, nil)
		case 3:
			i := rng.IntN(len(ids))
			r, err := svc.Delete(ctx, ids[i])
			ids = append(ids[:i], ids[i+1:]...)
			refreshed("deleted", r, err)
		case 4: // deleted, not refreshed yet
			i := rng.IntN(len(ids))
			if err := st.DeleteActivity(ctx, svc.Athlete, ids[i]); err != nil {
				t.Fatal(err)
			}
			ids = append(ids[:i], ids[i+1:]...)
			check("deleted before a refresh")
			r, err := svc.Refresh(ctx, false)
			refreshed("refreshed after a deletion", r, err)
		case 5: // an old analysis replaced behind Refresh's back
			id := pick()
			rec, err := st.Activity(ctx, svc.Athlete, id)
			if err != nil {
				t.Fatal(err)
			}
			if rec.Analysis == nil {
				continue
			}
			res := *rec.Analysis
			res.Load.Value *= 1.5
			if err := st.SaveAnalyses(ctx, svc.Athlete, []store.Analysis{{ActivityID: id, Result: res}}); err != nil {
				t.Fatal(err)
			}
			check("analysis replaced before a refresh")
			r, err := svc.Refresh(ctx, false)
			refreshed("refreshed after a replaced analysis", r, err)
		case 6: // a new max heart rate changes every load
			a := activity.Athlete{MaxHR: activity.Value{V: float64(180 + rng.IntN(20)), Origin: activity.SetByRunner}}
			if err := st.SaveAthlete(ctx, svc.Athlete, a); err != nil {
				t.Fatal(err)
			}
			check("new max heart rate before a refresh")
			r, err := svc.Refresh(ctx, false)
			refreshed("new max heart rate", r, err)
		case 7: // another time zone
			svc.Location = time.FixedZone(fmt.Sprintf("UTC%+d", rng.IntN(25)-12), 3600*(rng.IntN(25)-12))
			check("another time zone before a refresh")
			r, err := svc.Refresh(ctx, false)
			refreshed("another time zone", r, err)
		}
	}

	// Summaries of another version — an older store — are not trusted,
	// and the first read makes them anew.
	b, _, err := st.LoadState(ctx, svc.Athlete, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	b.Version = summaryVersion - 1
	if err := st.SaveLoadDays(ctx, svc.Athlete, b, time.Time{}, []load.State{{Date: first, Load: 1e6, Fitness: 1e6, Days: 1}}); err != nil {
		t.Fatal(err)
	}
	check("summaries of an older version")
	if to := now.In(local()); !windowed(to) {
		t.Fatal("a read from summaries of an older version did not make them anew")
	}
	check("summaries made anew by a read")
}

// firstDifference says where two series first differ.
func firstDifference(got, want LoadSeries) string {
	if got.Unit != want.Unit || got.RPEScale != want.RPEScale || got.Unloaded != want.Unloaded {
		return fmt.Sprintf("unit %q, scale %+v, %d unloaded; want %q, %+v, %d",
			got.Unit, got.RPEScale, got.Unloaded, want.Unit, want.RPEScale, want.Unloaded)
	}
	for i := range min(len(got.Points), len(want.Points)) {
		if got.Points[i] != want.Points[i] {
			return fmt.Sprintf("point %d: %+v, want %+v", i, got.Points[i], want.Points[i])
		}
	}
	return fmt.Sprintf("%d points, want %d", len(got.Points), len(want.Points))
}

// savesTo records the day SaveLoadDays rewrote the summaries from, each time.
type savesTo struct {
	store.Store
	from []time.Time
}

func (s *savesTo) SaveLoadDays(ctx context.Context, athlete store.AthleteID, b store.LoadBasis, from time.Time, days []load.State) error {
	s.from = append(s.from, from)
	return s.Store.SaveLoadDays(ctx, athlete, b, from, days)
}
