package plan

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/rules"
)

// runner is a profile with max HR 190 (recovery cap 133 bpm) and no
// measured easy pace.
func runner(t testing.TB) Profile {
	t.Helper()
	return NewProfile(activity.Athlete{MaxHR: activity.Value{V: 190}, Units: activity.Kilometres}, 0, rules.Default())
}

// date parses a test date.
func date(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// hardOf parses test hard choices.
func hardOf(t testing.TB, s string) []HardChoice {
	t.Helper()
	h, err := ParseHard(s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// checkWeek checks the placement rules on w, whose day before Monday had
// the hard kind prev and whose day after Sunday has next: the errors
// name the rule. race is the block's goal race, if any.
func checkWeek(w Week, req Request, p Profile, prev, next Kind) []error {
	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("week of %s: "+format, append([]any{w.Monday}, args...)...))
	}
	var days [7]Session
	var evenings [7]*Session
	hard := 0
	for i := range w.Sessions {
		s := w.Sessions[i]
		d := s.Date.DaysSince(w.Monday)
		if d < 0 || d > 6 {
			fail("session on %s outside the week", s.Date)
			continue
		}
		if i > 0 && w.Sessions[i-1].Date.Compare(s.Date) > 0 {
			fail("sessions out of order at %s", s.Date)
		}
		if s.Slot == Evening {
			evenings[d] = &w.Sessions[i]
			continue
		}
		if days[d].Kind != "" {
			fail("two main sessions on %s", s.Date)
		}
		days[d] = s
		if s.Hard {
			hard++
		}
		if s.Hard != s.Kind.Hard() {
			fail("%s on %s: Hard %v", s.Kind, s.Date, s.Hard)
		}
		if s.Kind != Rest && (len(s.Workout.Steps) == 0 || s.Duration <= 0 || s.Purpose == "" || s.Why == "" || s.When == "" || s.HR.Reason == "") {
			fail("%s on %s lacks its workout, length, purpose, reason, time or heart-rate reason", s.Kind, s.Date)
		}
	}
	if hard > 3 {
		fail("%d hard days, more than 3", hard)
	}
	runDays := 0
	for _, s := range days {
		if s.Kind != Rest && s.Kind != "" {
			runDays++
		}
	}
	if req.Experience == activity.Beginner && runDays > 4 {
		fail("a beginner runs on %d days, more than 4: beginners keep rest days", runDays)
	}
	for i, s := range days {
		if s.Kind == "" {
			fail("no session on day %d", i)
			continue
		}
		before := prev
		if i > 0 {
			before = Kind("")
			if days[i-1].Hard {
				before = days[i-1].Kind
			}
		}
		if before != "" && s.Hard {
			fail("hard days back to back: %s then %s on %s", before, s.Kind, s.Date)
		}
		if before != "" && s.Kind != Recovery && s.Kind != Rest {
			fail("%s on %s, the day after a hard day: want recovery or rest", s.Kind, s.Date)
		}
		if i == 6 && s.Hard && next != "" {
			fail("hard Sunday before a hard Monday")
		}
		if s.Kind == Recovery {
			r, _ := p.Rules.RecoveryLength(req.Experience, equivalentOf(w.Target, p), "")
			if s.Duration < r.Min || s.Duration > r.Max {
				fail("recovery run of %v on %s outside %v–%v", s.Duration, s.Date, r.Min, r.Max)
			}
			if s.HR.HighBPM != 133 || s.RPE != 3 {
				fail("recovery run on %s: ceiling %d bpm, RPE %d; want 133 bpm, RPE 3", s.Date, s.HR.HighBPM, s.RPE)
			}
		}
		if s.Kind == Long {
			share := longShare
			if req.Race != nil && req.Race.DistanceM > 10000 {
				share = 0.5
			}
			var other time.Duration
			for _, o := range w.Sessions {
				if o.Kind == Easy || o.Kind == Recovery {
					other = max(other, o.Duration)
				}
			}
			if other > s.Duration {
				fail("long run %v on %s shorter than a %v run of its week", s.Duration, s.Date, other)
			}
			if limit := max(time.Duration(share*float64(equivalentOf(w.Target, p))), other+5*time.Minute); s.Duration > limit || s.Duration > 3*time.Hour {
				fail("long run %v over %.0f %% of %v (and longer than the week's other runs)", s.Duration, 100*share, w.Target)
			}
		}
		if e := evenings[i]; e != nil && (!s.Hard || s.Slot != Morning || e.Kind != Recovery || req.Experience != activity.Experienced || !req.Doubles) {
			fail("evening %s on %s after a %s %s", e.Kind, s.Date, s.Slot, s.Kind)
		}
	}
	var planned Volume
	for _, s := range w.Sessions {
		planned.Duration += s.Duration
		planned.DistanceM += s.DistanceM
	}
	if w.Target.Duration > 0 && math.Abs(float64(planned.Duration-w.Target.Duration)) > 0.05*float64(w.Target.Duration) {
		fail("planned %v for a target of %v: more than 5 %% off", planned.Duration, w.Target.Duration)
	}
	if w.Target.DistanceM > 0 && math.Abs(planned.DistanceM-w.Target.DistanceM) > 0.05*w.Target.DistanceM+1 {
		fail("planned %.0f m for a target of %.0f m: more than 5 %% off", planned.DistanceM, w.Target.DistanceM)
	}
	return errs
}

// equivalentOf is the running time of v at the profile's speed.
func equivalentOf(v Volume, p Profile) time.Duration {
	if v.Duration > 0 {
		return v.Duration
	}
	return time.Duration(v.DistanceM / p.Rules.ApproxSpeedMS * float64(time.Second))
}
