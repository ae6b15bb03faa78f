package training_test

import (
	"context"
	"testing"
	"time"

	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/training"
)

// TestBests: the bests come from every run, fastest first, at most
// TopBests of them; the recent best leaves out a run over a year old;
// each effort names its run; a distance no run was as long as has none.
func TestBests(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	s := newService(t, now)
	setMaxHR(t, s, 190)
	old := now.AddDate(0, 0, -training.RecentDays-10)
	ids := save(t, s,
		sim.Session{Kind: sim.Race, Start: old, Duration: 45 * time.Minute}, // the fastest, long ago
		sim.Session{Kind: sim.Easy, Start: now.AddDate(0, 0, -9), Duration: 50 * time.Minute},
		sim.Session{Kind: sim.Threshold, Start: now.AddDate(0, 0, -6), Duration: 50 * time.Minute},
		sim.Session{Kind: sim.Recovery, Start: now.AddDate(0, 0, -3), Duration: 40 * time.Minute},
	)
	// Each run's own fastest kilometre, measured from its streams.
	km := map[int64]float64{}
	for _, id := range ids {
		rec, err := s.Store.Activity(context.Background(), s.Athlete, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range analysis.Bests(&rec.Activity) {
			if b.DistanceM == 1000 {
				km[id] = b.Seconds
			}
		}
	}
	if len(km) != len(ids) {
		t.Fatalf("1 km bests of the simulated runs: %v, want one for each of %d", km, len(ids))
	}

	bests, err := s.Bests(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(bests) != len(analysis.BestDistances) || bests[0].Name != "1 km" {
		t.Fatalf("bests %+v, want one entry for each of %d distances, 1 km first", bests, len(analysis.BestDistances))
	}
	top := bests[0].Top
	if len(top) != training.TopBests {
		t.Fatalf("1 km: %d best runs, want %d", len(top), training.TopBests)
	}
	for i, e := range top {
		if e.Seconds != km[e.ActivityID] || e.Start.IsZero() {
			t.Errorf("1 km #%d: %+v, want the run's own %v s with its start", i+1, e, km[e.ActivityID])
		}
		if i > 0 && e.Seconds < top[i-1].Seconds {
			t.Errorf("1 km: #%d (%v s) faster than #%d (%v s)", i+1, e.Seconds, i, top[i-1].Seconds)
		}
	}
	if top[0].ActivityID != ids[0] {
		t.Errorf("1 km all-time best from run %d, want the race %d", top[0].ActivityID, ids[0])
	}
	recent := bests[0].Recent
	fastestRecent := ids[1]
	for _, id := range ids[2:] {
		if km[id] < km[fastestRecent] {
			fastestRecent = id
		}
	}
	if recent == nil || recent.ActivityID != fastestRecent {
		t.Errorf("1 km best of the last 12 months %+v, want run %d (the race is older)", recent, fastestRecent)
	}
	if m := bests[len(bests)-1]; m.Name != "marathon" || len(m.Top) != 0 || m.Recent != nil {
		t.Errorf("marathon bests from runs under an hour: %+v", m)
	}
}
