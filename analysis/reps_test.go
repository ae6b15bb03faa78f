package analysis

import (
	"fmt"
	"math"
	"testing"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format"
	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/sim"
)

// TestRepsOfSimulatedIntervals finds the 6 × 3 min with 2 min jogs of
// the simulated interval session, for several runners: from the laps the
// simulated watch marks active and rest, from the speed once the laps
// are gone, and from the heart rate once the distance is gone too.
func TestRepsOfSimulatedIntervals(t *testing.T) {
	t.Parallel()
	ctx := Context{Athlete: resolved(t)}
	for _, tt := range []struct {
		name          string
		strip         func(a *activity.Activity)
		from          RepsFrom
		slackS, lagS  int // how far a rep's time and start may be off
		wantDistances bool
	}{
		{"laps", func(*activity.Activity) {}, RepsFromLaps, 0, 0, true},
		{"speed", func(a *activity.Activity) { a.Laps = nil }, RepsFromSpeed, 12, 10, true},
		{"heart rate", func(a *activity.Activity) {
			a.Laps, a.Streams.DistanceM, a.Streams.SpeedMS = nil, nil, nil
		}, RepsFromHeartRate, 40, 75, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for seed := range uint64(truthSeeds) {
				runner := sim.DefaultRunner()
				runner.Seed = seed + 1
				a, err := runner.Simulate(sim.Session{Kind: sim.Intervals, Start: truthStart})
				if err != nil {
					t.Fatal(err)
				}
				plan, err := sim.Session{Kind: sim.Intervals}.Plan()
				if err != nil {
					t.Fatal(err)
				}
				warmS := int(plan[0].Duration.Seconds())
				tt.strip(a)
				r := Analyze(a, ctx)
				if err := checkReps(r.Reps, tt.from, warmS, tt.slackS, tt.lagS, tt.wantDistances); err != nil {
					t.Errorf("seed %d: %v\n%+v", runner.Seed, err, r.Reps)
				}
			}
		})
	}
}

// checkReps holds reps to 6 × 180 s every 300 s from warmS, with 120 s
// between, within slackS for durations and lagS for starts.
func checkReps(r *Reps, from RepsFrom, warmS, slackS, lagS int, distances bool) error {
	if r == nil {
		return fmt.Errorf("no reps")
	}
	if r.From != from || r.Reason == "" || len(r.Reps) != 6 {
		return fmt.Errorf("%d reps from %s (%q), want 6 from %s", len(r.Reps), r.From, r.Reason, from)
	}
	for i, rep := range r.Reps {
		start := warmS + i*300
		if abs(rep.StartS-start) > lagS || abs(rep.DurationS-180) > slackS {
			return fmt.Errorf("rep %d: %d s from %d s, want 180 s from %d s", i+1, rep.DurationS, rep.StartS, start)
		}
		if rep.AvgHR <= 0 || rep.MaxHR < rep.AvgHR || (distances && rep.DistanceM < 500) {
			return fmt.Errorf("rep %d: %.0f m, HR %.0f avg %.0f max", i+1, rep.DistanceM, rep.AvgHR, rep.MaxHR)
		}
		last := i == len(r.Reps)-1
		if last != (rep.Recovery == nil) {
			return fmt.Errorf("rep %d: recovery %+v", i+1, rep.Recovery)
		}
		if rec := rep.Recovery; rec != nil && (abs(rec.DurationS-120) > slackS || rec.LowHR <= 0 || rec.DropBPM <= 10) {
			return fmt.Errorf("recovery %d: %+v, want 120 s and heart rate falling", i+1, *rec)
		}
	}
	return nil
}

func abs(n int) int { return max(n, -n) }

// TestRepsOfARealSession reads a real treadmill session of 4 × 1 km with
// 5 min recoveries from its manual laps, which have no roles.
func TestRepsOfARealSession(t *testing.T) {
	t.Parallel()
	acts, err := format.Decode(corpus.Read(t, "fit/dtcooper__20170518-191602-1740899583.fit"))
	if err != nil {
		t.Fatal(err)
	}
	a := acts[0]
	r := findReps(a, a.Streams.HeartRate, a.Streams.SpeedMS, 190, activity.Kilometres)
	if r == nil || r.From != RepsFromLaps || len(r.Reps) != 4 {
		t.Fatalf("reps %+v, want 4 from the laps", r)
	}
	for i, rep := range r.Reps {
		if math.Abs(rep.DistanceM-1000) > 5 || rep.DurationS < 195 || rep.DurationS > 199 || rep.AvgHR < 140 {
			t.Errorf("rep %d: %+v, want 1 km in 3:15 to 3:19", i+1, rep)
		}
		if rec := rep.Recovery; i < 3 && (rec == nil || rec.DurationS != 300 || rec.DropBPM <= 0) {
			t.Errorf("recovery %d: %+v, want 5:00 and heart rate falling", i+1, rec)
		}
	}
}

// TestLapsThatAreNotReps: autolaps of a run that got faster, and a lap
// that is merely short, are not reps.
func TestLapsThatAreNotReps(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"dtcooper__compressed-speed-distance.fit", "dtcooper__2013-02-06-12-11-14.fit"} {
		acts, err := format.Decode(corpus.Read(t, "fit/"+name))
		if err != nil {
			t.Fatal(err)
		}
		if r := lapReps(acts[0], acts[0].Streams.HeartRate); r != nil {
			t.Errorf("%s: %+v, want no reps from its laps", name, r)
		}
	}
}
