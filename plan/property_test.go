package plan

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/fit"
	"github.com/easyrun/easyrun/rules"
)

// runnerType is one of the three runners: how many hard days they
// choose and what weekly volume, in minutes.
type runnerType struct {
	name             string
	exp              activity.Experience
	doubles          bool
	minHard, maxHard int
	minMin, maxMin   int
}

var runnerTypes = []runnerType{
	{"beginner", activity.Beginner, false, 1, 2, 75, 150},
	{"intermediate", activity.Intermediate, false, 1, 3, 180, 400},
	{"experienced with doubles", activity.Experienced, true, 2, 3, 360, 600},
}

// randomRequest is a request of rt with random hard days (valid or not),
// a random volume (a time or a distance) and a random start.
func randomRequest(rng *rand.Rand, rt runnerType) Request {
	n := rt.minHard + rng.IntN(rt.maxHard-rt.minHard+1)
	days := rng.Perm(7)[:n]
	var hard []HardChoice
	long := false
	for _, d := range days {
		k := hardKinds[rng.IntN(3)] // intervals, threshold, long
		if k == Long {
			if long {
				k = Intervals
			}
			long = true
		}
		hard = append(hard, HardChoice{Day: time.Weekday(d), Kind: k})
	}
	req := Request{
		Hard:       hard,
		Experience: rt.exp,
		Doubles:    rt.doubles,
		Start:      Date{2026, time.November, 23}.AddDays(7 * rng.IntN(60)),
	}
	minutes := rt.minMin + rng.IntN(rt.maxMin-rt.minMin+1)
	if rng.IntN(3) == 0 {
		req.Volume.DistanceM = float64(minutes) * 60 * 1000 / 360
	} else {
		req.Volume.Duration = time.Duration(minutes) * time.Minute
	}
	return req
}

// TestBuildProperties checks every placement rule on many random weeks of
// each runner type; a refused week must really break a rule, and its
// proposal must build.
func TestBuildProperties(t *testing.T) {
	p := runner(t)
	for i, rt := range runnerTypes {
		t.Run(rt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(i)+1, 42))
			built, refused := 0, 0
			for range 400 {
				req := randomRequest(rng, rt)
				w, err := Build(req, p)
				var ref *Refusal
				if errors.As(err, &ref) {
					refused++
					if ref.Reason == "" || ref.Change == "" {
						t.Errorf("%v: refusal without reason or change: %+v", req.Hard, ref)
					}
					if w, err = Build(ref.Proposal, p); err != nil {
						t.Errorf("%v %v: proposal %v %v does not build: %v", req.Hard, req.Volume, ref.Proposal.Hard, ref.Proposal.Volume, err)
						continue
					}
					req = ref.Proposal
				} else if err != nil {
					t.Fatalf("%v: %v", req.Hard, err)
				} else {
					built++
					if reason := weekConflict(req.Hard, levelOf(req.Experience)); reason != "" {
						t.Errorf("%v built although %s", req.Hard, reason)
					}
				}
				sunday, monday := mainSession(w, w.Monday.AddDays(6)), mainSession(w, w.Monday)
				prev, next := Kind(""), Kind("")
				if sunday.Hard {
					prev = sunday.Kind
				}
				if monday.Hard {
					next = monday.Kind
				}
				for _, e := range checkWeek(w, req, p, prev, next) {
					t.Errorf("%v %v: %v", req.Hard, req.Volume, e)
				}
				checkWorkouts(t, w)
			}
			t.Logf("%d built, %d refused and built as proposed", built, refused)
			if built < 50 || refused < 50 {
				t.Errorf("%d built and %d refused of 400: the generator no longer covers both", built, refused)
			}
		})
	}
}

// checkWorkouts checks that every workout of w is one a watch accepts.
func checkWorkouts(t *testing.T, w Week) {
	t.Helper()
	for _, s := range w.Sessions {
		if s.Kind == Rest {
			if len(s.Workout.Steps) != 0 {
				t.Errorf("rest day %s has steps", s.Date)
			}
			continue
		}
		if err := fit.EncodeWorkout(&bytes.Buffer{}, s.Workout, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Errorf("%s %s: %v", s.Date, s.Kind, err)
		}
	}
}

// TestBlockProperties checks random blocks toward a race: every week
// meets the placement rules, full weeks grow by at most 10 % on the last
// full week, lighter weeks are 20–30 % lighter, the taper falls, the race
// is on its day and rest follows it.
func TestBlockProperties(t *testing.T) {
	p := runner(t)
	races := []float64{5000, 10000, 21097.5, 42195}
	for i, rt := range runnerTypes {
		t.Run(rt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(i)+7, 99))
			blocks, refused := 0, 0
			for range 60 {
				req := randomRequest(rng, rt)
				req.Weeks = 4 + rng.IntN(13)
				raceM := races[rng.IntN(len(races))]
				req.Race = &Goal{Date: req.Start.AddDays(7*(req.Weeks-1) + rng.IntN(7)), DistanceM: raceM, Name: "race"}
				pl, err := Block(req, p)
				var ref *Refusal
				if errors.As(err, &ref) {
					refused++
					checkRefusal(t, req, ref, p)
					continue
				}
				if err != nil {
					t.Fatalf("%v %v: %v", req.Hard, req.Volume, err)
				}
				blocks++
				checkBlock(t, pl, p)
			}
			t.Logf("%d blocks built, %d refused", blocks, refused)
			if blocks == 0 || refused == 0 {
				t.Errorf("%d blocks built and %d refused: the generator no longer covers both", blocks, refused)
			}
		})
	}
}

// checkRefusal checks that a refused block says why and offers safe
// alternatives, the first its proposal, each of which builds and keeps
// the rules.
func checkRefusal(t *testing.T, req Request, ref *Refusal, p Profile) {
	t.Helper()
	if ref.Reason == "" || ref.Change == "" || len(ref.Alternatives) > 0 && ref.Alternatives[0].Change != ref.Change {
		t.Errorf("%v %v: refusal without reason or alternative: %+v", req.Hard, req.Volume, ref)
	}
	alts := ref.Alternatives
	if len(alts) == 0 {
		alts = []Alternative{{ref.Change, ref.Proposal}}
	}
	for _, a := range alts {
		pl, err := Block(a.Proposal, p)
		if err != nil {
			t.Errorf("%v %v race %+v: refused (%s); alternative %q (%v %v weeks %d taper %v race %+v) does not build: %v",
				req.Hard, req.Volume, req.Race, ref.Reason, a.Change, a.Proposal.Hard, a.Proposal.Volume, a.Proposal.Weeks, a.Proposal.TaperOnly, a.Proposal.Race, err)
			continue
		}
		checkBlock(t, pl, p)
	}
}

// checkBlock checks the rules of a block toward a race.
func checkBlock(t *testing.T, pl Plan, p Profile) {
	t.Helper()
	req := pl.Request
	if len(pl.Weeks) != req.Weeks || pl.Weeks[0].Monday != req.Start {
		t.Fatalf("%d weeks from %s; want %d from %s", len(pl.Weeks), pl.Weeks[0].Monday, req.Weeks, req.Start)
	}
	var full, peak time.Duration
	prev := Kind("")
	if k := kindOn(req.Hard, time.Sunday); k != "" {
		prev = k
	}
	for i, w := range pl.Weeks {
		next := Kind("")
		if i+1 < len(pl.Weeks) {
			if m := mainSession(pl.Weeks[i+1], pl.Weeks[i+1].Monday); m.Hard {
				next = m.Kind
			}
		}
		for _, e := range checkWeek(w, req, p, prev, next) {
			t.Errorf("week %d of %v %v: %v", w.Number, req.Hard, req.Volume, e)
		}
		checkWorkouts(t, w)
		prev = lastHard(w)
		vol := equivalentOf(w.Target, p)
		switch w.Phase {
		case "build":
			if full > 0 && float64(vol) > 1.10*float64(full)+float64(time.Minute) {
				t.Errorf("week %d: %v after a full week of %v: more than 10 %% growth", w.Number, vol, full)
			}
			full, peak = vol, max(peak, vol)
		case "lighter":
			if r := float64(vol) / float64(full); (r < 0.70 || r > 0.80) && !adjusted(w) {
				t.Errorf("week %d: lighter week %v is %.0f %% of the last full week %v", w.Number, vol, 100*r, full)
			}
		case "taper":
			if vol >= peak && !adjusted(w) {
				t.Errorf("week %d: taper %v not under the peak %v", w.Number, vol, peak)
			}
		case "race":
			race := mainSession(w, req.Race.Date)
			if i != len(pl.Weeks)-1 || race.Kind != Race || race.DistanceM != req.Race.DistanceM {
				t.Errorf("week %d: race week without the race on %s: %+v", w.Number, req.Race.Date, race)
			}
			for d := req.Race.Date.AddDays(2); d.Compare(w.Monday.AddDays(6)) <= 0; d = d.AddDays(1) {
				if s := mainSession(w, d); s.Kind != Rest {
					t.Errorf("%s after the race: %s, want rest", d, s.Kind)
				}
			}
		default:
			t.Errorf("week %d: phase %q", w.Number, w.Phase)
		}
	}
	if req.Race != nil && pl.Weeks[len(pl.Weeks)-1].Phase != "race" {
		t.Errorf("the last week is %s, not the race week", pl.Weeks[len(pl.Weeks)-1].Phase)
	}
}

// adjusted reports whether w's volume was moved off its schedule, and says so.
func adjusted(w Week) bool {
	for _, n := range w.Notes {
		if bytes.HasPrefix([]byte(n), []byte("volume ")) {
			return true
		}
	}
	return false
}

// TestAdaptProperties adapts random weeks to random hard runs on random
// days: the days after through must keep every rule, counting the hard
// runs done.
func TestAdaptProperties(t *testing.T) {
	p := runner(t)
	for i, rt := range runnerTypes {
		t.Run(rt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(i)+11, 5))
			for range 200 {
				req := randomRequest(rng, rt)
				req.Weeks = 2
				pl, err := Block(req, p)
				var ref *Refusal
				if errors.As(err, &ref) {
					pl, err = Block(ref.Proposal, p)
				}
				if err != nil {
					t.Fatal(err)
				}
				mon := pl.Weeks[0].Monday
				through := mon.AddDays(rng.IntN(7))
				var ran []Run
				for d := mon; d.Compare(through) <= 0; d = d.AddDays(1) {
					if rng.IntN(3) == 0 {
						ran = append(ran, Run{Date: d, Kind: Intervals, Hard: true, Duration: time.Hour})
					}
				}
				got, changes, err := Adapt(pl, through, ran, p)
				if err != nil {
					t.Fatal(err)
				}
				w := got.Weeks[through.AddDays(1).DaysSince(mon)/7]
				hardOn := func(d Date) bool {
					if d.Compare(through) <= 0 {
						for _, r := range ran {
							if r.Date == d {
								return true
							}
						}
						return false
					}
					return mainSession(w, d).Hard
				}
				for d := through.AddDays(1); d.Compare(w.Monday.AddDays(6)) <= 0; d = d.AddDays(1) {
					s := mainSession(w, d)
					if hardOn(d.AddDays(-1)) && s.Kind != Recovery && s.Kind != Rest {
						t.Errorf("%v, ran %v through %s: %s on %s after a hard day (changes %v)", pl.Request.Hard, ran, through, s.Kind, d, changes)
					}
				}
			}
		})
	}
}

// hardDays are the days of pl with a hard session (an evening double
// after a hard morning is the same day).
func hardDays(pl Plan) map[Date]Kind {
	out := map[Date]Kind{}
	for _, w := range pl.Weeks {
		for _, s := range w.Sessions {
			if s.Hard {
				out[s.Date] = s.Kind
			}
		}
	}
	return out
}

// TestNoHardDaysInARow is coaching.md's first rule over random inputs:
// no output of the planner — a week, a block toward a race, a refusal's
// alternatives, an adaptation to random unplanned hard runs logged on
// random days, today included — has hard sessions on consecutive
// calendar days; and every refusal says why and offers an alternative.
func TestNoHardDaysInARow(t *testing.T) {
	p := runner(t)
	races := []float64{5000, 10000, 15000, 21097.5, 42195}
	rng := rand.New(rand.NewPCG(2026, 14))
	check := func(what string, pl Plan, done map[Date]bool, after Date) {
		t.Helper()
		// Stacked as the audit and today define it (rules.Stacked).
		hard := hardDays(pl)
		for d, k := range hard {
			if d.Compare(after) <= 0 {
				continue
			}
			for e := range hard {
				if e.Compare(d) < 0 && e.Compare(after) > 0 && rules.Stacked(e.Time(), d.Time()) {
					t.Errorf("%s: %s on %s the day after a hard day", what, k, d)
				}
			}
			for e := range done {
				if e.Compare(d) < 0 && rules.Stacked(e.Time(), d.Time()) {
					t.Errorf("%s: %s on %s the day after a hard run", what, k, d)
				}
			}
		}
	}
	plans := 0
	for range 300 {
		rt := runnerTypes[rng.IntN(len(runnerTypes))]
		req := randomRequest(rng, rt)
		req.Weeks = 1 + rng.IntN(20)
		if rng.IntN(4) > 0 {
			req.Race = &Goal{Date: req.Start.AddDays(7*(req.Weeks-1) + rng.IntN(7)), DistanceM: races[rng.IntN(len(races))], Name: "race"}
		}
		pl, err := Block(req, p)
		var ref *Refusal
		switch {
		case errors.As(err, &ref):
			if ref.Reason == "" || ref.Change == "" {
				t.Fatalf("%+v: refusal without a reason or an alternative: %+v", req, ref)
			}
			if pl, err = Block(ref.Proposal, p); err != nil {
				t.Fatalf("%+v: the proposal %q does not build: %v", req, ref.Change, err)
			}
		case err != nil:
			t.Fatalf("%+v: %v", req, err)
		}
		plans++
		check("block", pl, nil, Date{})
		// Unplanned hard runs on random days up to a random today.
		today := pl.Weeks[0].Monday.AddDays(rng.IntN(7 * len(pl.Weeks)))
		var ran []Run
		done := map[Date]bool{}
		for d := today.AddDays(-8); d.Compare(today) <= 0; d = d.AddDays(1) {
			if rng.IntN(3) == 0 {
				ran = append(ran, Run{Date: d, Kind: hardKinds[rng.IntN(3)], Hard: true, Duration: time.Hour})
				done[d] = true
			}
		}
		got, _, err := AdaptToday(pl, today, ran, p)
		if err != nil {
			t.Fatal(err)
		}
		through := today.AddDays(-1)
		if done[today] {
			through = today
		}
		check(fmt.Sprintf("adapted through %s to hard runs %v", through, slices.SortedFunc(maps.Keys(done), Date.Compare)), got, done, through)
	}
	t.Logf("%d plans", plans)
}
