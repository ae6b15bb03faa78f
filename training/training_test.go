package training_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/training"
)

func TestProfile(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	intervalsDay := time.Date(2026, 5, 22, 7, 0, 0, 0, time.UTC)
	runs := []sim.Session{
		{Kind: sim.Easy, Start: intervalsDay.AddDate(0, 0, -2)},
		{Kind: sim.Intervals, Start: intervalsDay},
		{Kind: sim.Recovery, Start: intervalsDay.AddDate(0, 0, 2)},
	}
	tests := []struct {
		name        string
		set         activity.Athlete
		runs        bool
		wantOrigin  activity.Origin
		wantBPM     float64 // 0: detected from the intervals
		wantProblem error
		wantExp     activity.Experience
		wantExpWhy  string
	}{
		{
			name:        "nothing set, no runs",
			wantProblem: physio.ErrNoMaxHR,
			wantExp:     activity.Beginner, wantExpWhy: "derived from your last 8 weeks",
		},
		{
			name:       "birth year",
			set:        activity.Athlete{BirthYear: 1986},
			wantOrigin: activity.Estimated, wantBPM: 180, // Tanaka: 208 − 0.7 × 40
			wantExp: activity.Beginner, wantExpWhy: "derived from your last 8 weeks",
		},
		{
			name:       "a detected max below the age estimate is a lower bound",
			set:        activity.Athlete{BirthYear: 1986},
			runs:       true,
			wantOrigin: activity.Estimated, wantBPM: 180,
			wantExp: activity.Beginner, wantExpWhy: "derived from the 2 weeks of history you have",
		},
		{
			name:       "runs with intervals without an age",
			runs:       true,
			wantOrigin: activity.Detected,
			wantExp:    activity.Beginner, wantExpWhy: "derived from the 2 weeks of history you have",
		},
		{
			name: "set max HR beats detection and estimate",
			set: activity.Athlete{BirthYear: 1986, MaxHR: activity.Value{V: 193, Origin: activity.SetByRunner},
				Experience: activity.Experienced},
			runs:       true,
			wantOrigin: activity.SetByRunner, wantBPM: 193,
			wantExp: activity.Experienced, wantExpWhy: "set by you",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newService(t, now)
			if err := s.Store.SaveAthlete(context.Background(), s.Athlete, tt.set); err != nil {
				t.Fatal(err)
			}
			var ids []int64
			if tt.runs {
				ids = save(t, s, runs...)
			}
			p, err := s.Profile(context.Background())
			if err != nil {
				t.Fatalf("Profile: %v", err)
			}
			if !errors.Is(p.Problem, tt.wantProblem) || (tt.wantProblem == nil) != (p.Problem == nil) {
				t.Errorf("Problem = %v, want %v", p.Problem, tt.wantProblem)
			}
			if !reflect.DeepEqual(p.Set, tt.set) {
				t.Errorf("Set = %+v, want what was saved, %+v", p.Set, tt.set)
			}
			maxHR := p.Resolved.MaxHR
			if maxHR.Origin != tt.wantOrigin {
				t.Errorf("max HR origin = %q (%s), want %q", maxHR.Origin, maxHR.Detail, tt.wantOrigin)
			}
			switch {
			case tt.wantOrigin == activity.Detected:
				// The simulated runner reaches about 93 % of 190 in intervals.
				if maxHR.V < 170 || maxHR.V > 190 {
					t.Errorf("detected max HR = %v bpm, want 170-190", maxHR.V)
				}
				if maxHR.ActivityID != ids[1] || !strings.Contains(maxHR.Detail, "2026-05-22") {
					t.Errorf("detected in activity %d (%s), want the intervals of 2026-05-22, activity %d",
						maxHR.ActivityID, maxHR.Detail, ids[1])
				}
			case maxHR.V != tt.wantBPM:
				t.Errorf("max HR = %v bpm, want %v", maxHR.V, tt.wantBPM)
			}
			if p.Resolved.Experience != tt.wantExp || !strings.Contains(p.Resolved.ExperienceDetail, tt.wantExpWhy) {
				t.Errorf("experience = %q (%s), want %q (%s …)", p.Resolved.Experience,
					p.Resolved.ExperienceDetail, tt.wantExp, tt.wantExpWhy)
			}
		})
	}
}

// TestProfileDetectionWindow checks that runs older than a year are not
// read for max heart rate.
func TestProfileDetectionWindow(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	s := newService(t, now)
	save(t, s, sim.Session{Kind: sim.Intervals, Start: now.Add(-training.DetectionWindow - 24*time.Hour)})
	p, err := s.Profile(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(p.Problem, physio.ErrNoMaxHR) || p.Resolved.MaxHR.Known() {
		t.Errorf("max HR %+v, problem %v: want none from a run over a year old", p.Resolved.MaxHR, p.Problem)
	}
}

func TestRefresh(t *testing.T) {
	t.Parallel()
	first := time.Date(2026, 4, 6, 7, 0, 0, 0, time.UTC)
	s := newService(t, first.AddDate(0, 0, 7))
	setMaxHR(t, s, 190)
	ids := save(t, s, append(daily(sim.Easy, first, 3, 40*time.Minute),
		sim.Session{Kind: sim.Intervals, Start: first.AddDate(0, 0, 3)},
		sim.Session{Kind: sim.Recovery, Start: first.AddDate(0, 0, 4)})...)
	n := len(ids)

	refresh(t, s, false, n, 0)
	refresh(t, s, false, 0, n)
	for _, id := range ids {
		if r := stored(t, s, id); r.CapBPM != 133 {
			t.Errorf("activity %d: cap %v bpm, want 133 (70 %% of 190)", id, r.CapBPM)
		}
	}

	setMaxHR(t, s, 200) // a new basis makes every analysis stale
	refresh(t, s, false, n, 0)
	for _, id := range ids {
		r := stored(t, s, id)
		if r.CapBPM != 140 || !strings.Contains(r.Basis, "max HR 200 bpm") {
			t.Errorf("activity %d: cap %v bpm, basis %q; want 140 bpm from max HR 200", id, r.CapBPM, r.Basis)
		}
	}
	refresh(t, s, false, 0, n)
	refresh(t, s, true, n, 0)
}

// TestSecondLook: after weeks of 30-min runs, a 75-min easy run is long
// for this runner (1.5 × the typical run) and hard by load, which only
// the second look with the runner's history can see.
func TestSecondLook(t *testing.T) {
	t.Parallel()
	first := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	base := daily(sim.Easy, first, 28, 30*time.Minute)
	longDay := first.AddDate(0, 0, 28)
	s := newService(t, longDay.AddDate(0, 0, 1))
	setMaxHR(t, s, 190)
	ids := save(t, s, append(base, sim.Session{Kind: sim.Easy, Start: longDay, Duration: 75 * time.Minute})...)
	refresh(t, s, false, len(ids), 0)

	long := stored(t, s, ids[len(ids)-1])
	if long.Class != analysis.Long || !containsText(long.Reasons, "typical run of 30 min") {
		t.Errorf("75-min run after 30-min runs: class %q, reasons %q; want long for a typical run of 30 min",
			long.Class, long.Reasons)
	}
	if !long.Hard || !containsText(long.HardReasons, "median daily load") {
		t.Errorf("75-min run: hard %t %q, want hard by load over the median daily load", long.Hard, long.HardReasons)
	}
	// The runs before it are judged the same with and without history.
	if r := stored(t, s, ids[len(ids)-2]); r.Class == analysis.Long || r.Hard {
		t.Errorf("30-min run: class %q, hard %t (%q); want neither long nor hard", r.Class, r.Hard, r.HardReasons)
	}
}

func TestSetRPE(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 5, 5, 7, 0, 0, 0, time.UTC)
	s := newService(t, start.AddDate(0, 0, 1))
	setMaxHR(t, s, 190)
	ids := save(t, s, sim.Session{Kind: sim.Easy, Start: start, Duration: 40 * time.Minute, NoHR: true})
	refresh(t, s, false, 1, 0)
	if r := stored(t, s, ids[0]); r.Load.Method != analysis.NoLoad {
		t.Fatalf("run without heart rate or RPE: load %+v, want none", r.Load)
	}
	tests := []struct {
		rpe       int
		wantClass analysis.Class
		wantHard  bool
		wantLoad  float64 // RPE × minutes
	}{
		{rpe: 3, wantClass: analysis.Recovery, wantLoad: 120},
		{rpe: 8, wantClass: analysis.Intervals, wantHard: true, wantLoad: 320},
		{rpe: 0, wantClass: analysis.Unknown},
	}
	for _, tt := range tests {
		got, err := s.SetRPE(context.Background(), ids[0], tt.rpe)
		if err != nil {
			t.Fatalf("SetRPE(%d): %v", tt.rpe, err)
		}
		if got.Analysed != 1 {
			t.Errorf("SetRPE(%d) analysed %d activities, want 1", tt.rpe, got.Analysed)
		}
		r := stored(t, s, ids[0])
		if r.Class != tt.wantClass || r.Hard != tt.wantHard || r.Load.Value != tt.wantLoad {
			t.Errorf("RPE %d: class %q, hard %t, load %v; want %q, %t, %v (%q)",
				tt.rpe, r.Class, r.Hard, r.Load.Value, tt.wantClass, tt.wantHard, tt.wantLoad, r.Reasons)
		}
	}
	if _, err := s.SetRPE(context.Background(), ids[0], 11); err == nil {
		t.Error("SetRPE(11): no error")
	}
}

func TestLog(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 5, 5, 18, 0, 0, 0, time.UTC)
	s := newService(t, start.Add(time.Hour))
	setMaxHR(t, s, 190)
	ctx := context.Background()
	id, err := s.Log(ctx, &activity.Activity{Sport: activity.Running, Start: start,
		Elapsed: 35 * time.Minute, Moving: 35 * time.Minute, DistanceM: 6000, RPE: 3})
	if err != nil {
		t.Fatalf("Log: %v", err)
	}
	r := stored(t, s, id)
	if r.Class != analysis.Recovery || r.Load.Method != analysis.SessionRPE || r.Load.Value != 105 {
		t.Errorf("logged 35 min at RPE 3: class %q, load %+v; want recovery, session-RPE 105 AU", r.Class, r.Load)
	}

	day := time.Date(2026, 5, 5, 0, 0, 0, 0, time.UTC)
	ls, err := s.Series(ctx, day, day)
	if err != nil {
		t.Fatalf("Series: %v", err)
	}
	if ls.RPEScale.Factor != load.DefaultRPEFactor || !strings.Contains(ls.RPEScale.Reason, "default") {
		t.Errorf("RPE scale %+v, want the default with fewer than %d pairs", ls.RPEScale, load.MinRPEPairs)
	}
	if want := 105 * load.DefaultRPEFactor; len(ls.Points) != 1 || math.Abs(ls.Current().Load-want) > 1e-9 {
		t.Errorf("series %+v, want one day with load %v", ls.Points, want)
	}
	if ls.Unloaded != 0 {
		t.Errorf("Unloaded = %d, want 0", ls.Unloaded)
	}
}

// containsText reports whether any of ss contains sub.
func containsText(ss []string, sub string) bool {
	return slices.ContainsFunc(ss, func(s string) bool { return strings.Contains(s, sub) })
}
