package recovery

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/golden"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/sim"
)

// tuesday is the Tuesday the scenarios start on; the simulated runner
// lives at UTC+01:00.
var tuesday = time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)

// resolved is the test athlete at experience exp, resolved as the
// application resolves it: max 190, resting 50, male, 70 kg, born 1986.
func resolved(t testing.TB, exp activity.Experience) activity.Athlete {
	t.Helper()
	a, err := physio.Resolve(activity.Athlete{
		BirthYear:  1986,
		Sex:        activity.Male,
		MassKg:     70,
		MaxHR:      activity.Value{V: 190, Origin: activity.SetByRunner},
		RestingHR:  activity.Value{V: 50, Origin: activity.SetByRunner},
		Experience: exp,
		Units:      activity.Kilometres,
	}, tuesday, activity.Value{})
	if err != nil {
		t.Fatalf("resolve the test athlete: %v", err)
	}
	return a
}

// simulated simulates and analyses each session with the default runner,
// numbering them from 1.
func simulated(t testing.TB, ath activity.Athlete, sessions ...sim.Session) []Session {
	t.Helper()
	r := sim.DefaultRunner()
	var out []Session
	for i, s := range sessions {
		a, err := r.Simulate(s)
		if err != nil {
			t.Fatalf("simulate %s: %v", s.Kind, err)
		}
		res := analysis.Analyze(a, analysis.Context{Athlete: ath})
		out = append(out, NewSession(int64(i+1), a, &res, time.UTC))
	}
	return out
}

// at is a UTC time on the day days after tuesday, at hh:mm.
func at(days, hh, mm int) time.Time {
	return tuesday.AddDate(0, 0, days).Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
}

// plus1 is the runner's zone in the hand-made histories.
var plus1 = time.FixedZone("+01:00", 3600)

// made is a hand-made session: a run of minutes starting at the local
// time start, easy (below the cap, with heart rate) unless changed by opts.
func made(id int64, start time.Time, minutes int, opts ...func(*Session)) Session {
	d := time.Duration(minutes) * time.Minute
	s := Session{
		ID: id, Start: start, End: start.Add(d), DurationS: int(d / time.Second),
		DistanceM: float64(minutes) * 60 * 1000 / 360, Sport: activity.Running, Run: true,
		Class: analysis.Recovery, Load: float64(minutes), HRSeconds: int(d / time.Second),
		MaxHR: 130, CapBPM: 133, CadenceSPM: 170,
	}
	for _, o := range opts {
		o(&s)
	}
	return s
}

// hard makes a session a hard one of class c with a higher load.
func hard(c analysis.Class) func(*Session) {
	return func(s *Session) {
		s.Class, s.Hard, s.HardReasons = c, true, []string{string(c)}
		s.Load, s.MaxHR, s.MinutesAboveCap = 3*float64(s.DurationS/60), 180, float64(s.DurationS/120)
	}
}

// noHR makes a session one without heart rate, with RPE rpe (0 for none).
func noHR(rpe int) func(*Session) {
	return func(s *Session) {
		s.HRSeconds, s.MaxHR, s.CapBPM, s.RPE = 0, 0, 0, rpe
		if rpe == 0 {
			s.Class = analysis.Unknown
		}
	}
}

// check compares v as indented JSON with testdata/name.json.
func check(t *testing.T, name string, v any) {
	t.Helper()
	golden.JSON(t, filepath.Join("testdata", name+".json"), v)
}

// verdictOf is the verdict on activity id, failing the test when there
// is not exactly one.
func verdictOf(t *testing.T, r Report, id int64) Verdict {
	t.Helper()
	var found []Verdict
	for _, v := range r.Verdicts {
		if v.ActivityID == id {
			found = append(found, v)
		}
	}
	if len(found) != 1 {
		t.Fatalf("activity %d has %d verdicts, want 1: %+v", id, len(found), r.Verdicts)
	}
	return found[0]
}

// says reports whether some line contains every one of the words.
func says(lines []string, words ...string) bool {
	for _, w := range words {
		if !slices.ContainsFunc(lines, func(s string) bool { return strings.Contains(s, w) }) {
			return false
		}
	}
	return true
}

// followUp is the follow-up verdict of the hard day d, failing the test
// when there is not exactly one.
func followUp(t *testing.T, r Report, d HardDay) Verdict {
	t.Helper()
	var found []Verdict
	for _, v := range r.Verdicts {
		if v.FollowUp && v.AfterHard != nil && v.AfterHard.Date == d.Date {
			found = append(found, v)
		}
	}
	if len(found) != 1 {
		t.Fatalf("hard day %s has %d follow-up verdicts, want 1: %+v", d.Date, len(found), found)
	}
	return found[0]
}

// afterAll is a time after every test history, when every window has
// closed.
var afterAll = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
