package training_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/store/storetest"
	"github.com/easyrun/easyrun/training"
)

// runner is the simulated athlete of every test: max HR 190, UTC+01:00.
var runner = sim.DefaultRunner()

// newService opens a store in t's temporary directory and returns a
// Service on it whose clock reads now.
func newService(t *testing.T, now time.Time) *training.Service {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "easyrun.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return now }}
}

// save simulates sessions and stores each as a file of its own, returning
// the stored ids in the order of sessions.
func save(t *testing.T, s *training.Service, sessions ...sim.Session) []int64 {
	t.Helper()
	ids := make([]int64, len(sessions))
	for i, ses := range sessions {
		a, err := runner.Simulate(ses)
		if err != nil {
			t.Fatalf("simulate %s at %s: %v", ses.Kind, ses.Start, err)
		}
		name := fmt.Sprintf("%s-%s.fit", ses.Start.Format("2006-01-02-1504"), ses.Kind)
		saved, err := s.Store.SaveFile(context.Background(), s.Athlete,
			storetest.Encode(t, storetest.File(name, activity.FIT, []byte(name)), a))
		if err != nil {
			t.Fatalf("save %s: %v", name, err)
		}
		if len(saved) != 1 || saved[0].Outcome != store.Imported {
			t.Fatalf("save %s: %+v, want one imported activity", name, saved)
		}
		ids[i] = saved[0].ID
	}
	return ids
}

// daily is one session of kind a day at 07:00 UTC from first, n days.
func daily(kind sim.Kind, first time.Time, n int, d time.Duration) []sim.Session {
	ss := make([]sim.Session, n)
	for i := range ss {
		ss[i] = sim.Session{Kind: kind, Start: first.AddDate(0, 0, i), Duration: d}
	}
	return ss
}

// setMaxHR stores a profile with max HR set by the runner.
func setMaxHR(t *testing.T, s *training.Service, bpm float64) {
	t.Helper()
	a := activity.Athlete{MaxHR: activity.Value{V: bpm, Origin: activity.SetByRunner}}
	if err := s.Store.SaveAthlete(context.Background(), s.Athlete, a); err != nil {
		t.Fatalf("save athlete: %v", err)
	}
}

// refresh runs Refresh and fails t unless it analysed wantAnalysed
// activities and found wantCurrent current.
func refresh(t *testing.T, s *training.Service, all bool, wantAnalysed, wantCurrent int) {
	t.Helper()
	got, err := s.Refresh(context.Background(), all)
	if err != nil {
		t.Fatalf("Refresh(%t): %v", all, err)
	}
	if got.Analysed != wantAnalysed || got.Current != wantCurrent {
		t.Fatalf("Refresh(%t) analysed %d with %d current, want %d and %d",
			all, got.Analysed, got.Current, wantAnalysed, wantCurrent)
	}
}

// stored returns the stored analysis of activity id, failing t without one.
func stored(t *testing.T, s *training.Service, id int64) *analysis.Result {
	t.Helper()
	r, err := s.Store.Activity(context.Background(), s.Athlete, id)
	if err != nil {
		t.Fatalf("activity %d: %v", id, err)
	}
	if r.Analysis == nil {
		t.Fatalf("activity %d has no stored analysis", id)
	}
	return r.Analysis
}

// makePlan makes the weekly plan the tests share: intervals on Tuesday,
// threshold on Thursday, the long run on Sunday, 5 h a week for an
// intermediate runner, from Monday 4 May 2026.
func makePlan(t *testing.T, s *training.Service) *plan.Plan {
	t.Helper()
	hard, err := plan.ParseHard("tue:intervals,thu:threshold,sun:long")
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.MakePlan(context.Background(), plan.Request{Hard: hard, Volume: plan.Volume{Duration: 5 * time.Hour},
		Experience: activity.Intermediate, Start: plan.Date{Year: 2026, Month: time.May, Day: 4}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
