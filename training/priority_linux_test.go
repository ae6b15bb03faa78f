package training_test

import (
	"context"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/priority"
	"github.com/easyrun/easyrun/internal/priority/prioritytest"
	"github.com/easyrun/easyrun/store"
)

// niceness records the priority of the threads that read activities for
// their peaks and of those that save analyses and peaks.
type niceness struct {
	store.Store
	read, writes prioritytest.Threads
}

func (n *niceness) Activity(ctx context.Context, athlete store.AthleteID, id int64) (*store.Record, error) {
	n.read.Record()
	return n.Store.Activity(ctx, athlete, id)
}

func (n *niceness) SaveAnalyses(ctx context.Context, athlete store.AthleteID, as []store.Analysis) error {
	n.writes.Record()
	return n.Store.SaveAnalyses(ctx, athlete, as)
}

func (n *niceness) SavePeaks(ctx context.Context, athlete store.AthleteID, ps []store.Peak) error {
	n.writes.Record()
	return n.Store.SavePeaks(ctx, athlete, ps)
}

// TestRefreshLowersOnlyItsWorkers checks that with Nice, the workers that
// measure peaks run at a lower priority and the writes at the caller's:
// a write held back would hold the database's write lock.
func TestRefreshLowersOnlyItsWorkers(t *testing.T) {
	base, err := priority.Thread()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	s := newService(t, now)
	sessions := runner.History(now.AddDate(0, 0, -7*4), 4)
	save(t, s, sessions...)
	n := &niceness{Store: s.Store}
	s.Store, s.Nice = n, 3
	if _, err := s.Refresh(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	if n.read.Calls() != len(sessions) {
		t.Errorf("%d activities read for their peaks, want %d", n.read.Calls(), len(sessions))
	}
	n.read.Check(t, "peaks measured", min(base+3, priority.MaxNice))
	n.writes.Check(t, "analyses and peaks saved", base)
}
