package training

import (
	"context"
	"testing"

	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/priority"
	"github.com/easyrun/easyrun/internal/priority/prioritytest"
	"github.com/easyrun/easyrun/store"
)

// listed is a store that lists the same activities whatever is asked.
type listed struct {
	store.Store
	recs []*store.Record
}

func (l listed) EachActivity(_ context.Context, _ store.AthleteID, _ store.Filter, fn func(*store.Record) error) error {
	for _, r := range l.recs {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// TestAnalyseLowersItsWorkers checks that with Nice, the activities are
// analysed at a lower priority than the caller's.
func TestAnalyseLowersItsWorkers(t *testing.T) {
	base, err := priority.Thread()
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	l := listed{}
	for id := range int64(20) {
		ids = append(ids, id)
		l.recs = append(l.recs, &store.Record{ID: id})
	}
	var workers, caller prioritytest.Threads
	got, err := (&Service{Store: l, Nice: 4}).analyse(context.Background(), ids, func(int64) analysis.Context {
		workers.Record()
		return analysis.Context{}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ids) || workers.Calls() != len(ids) {
		t.Fatalf("%d analysed, %d contexts asked for, want %d", len(got), workers.Calls(), len(ids))
	}
	workers.Check(t, "analysis workers", min(base+4, priority.MaxNice))
	caller.Record()
	caller.Check(t, "the caller after", base)
}
