package training_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
)

// readsNoStreams is a store whose every read of streams fails, and which
// counts the verdict writes.
type readsNoStreams struct {
	store.Store
	verdictWrites int
}

var errStreams = errors.New("streams read on a read path")

func (s *readsNoStreams) Activity(context.Context, store.AthleteID, int64) (*store.Record, error) {
	return nil, errStreams
}

func (s *readsNoStreams) EachActivity(context.Context, store.AthleteID, store.Filter, func(*store.Record) error) error {
	return errStreams
}

func (s *readsNoStreams) SaveVerdicts(ctx context.Context, a store.AthleteID, vs []recovery.Verdict) error {
	s.verdictWrites++
	return s.Store.SaveVerdicts(ctx, a, vs)
}

// TestReadPaths checks that once Refresh ran, the read paths read no
// streams (max HR comes from the stored peaks) and write nothing, not
// even when the clock changed a verdict: a hard day's "due" becoming
// "rested" is computed, and the activity's own page shows it.
func TestReadPaths(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	hardDay := time.Date(2026, 5, 22, 7, 0, 0, 0, time.UTC)
	now := hardDay.Add(3 * time.Hour)
	s := newService(t, now)
	ids := save(t, s, sim.Session{Kind: sim.Easy, Start: hardDay.AddDate(0, 0, -2)}, sim.Session{Kind: sim.Intervals, Start: hardDay})
	before, err := s.Profile(ctx)
	if err != nil {
		t.Fatalf("Profile before Refresh: %v", err)
	}
	if _, err := s.Refresh(ctx, false); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	counted := &readsNoStreams{Store: s.Store}
	s.Store = counted
	after, err := s.Profile(ctx)
	if err != nil {
		t.Fatalf("Profile from the stored peaks: %v", err)
	}
	if after.Resolved.MaxHR != before.Resolved.MaxHR || after.Resolved.MaxHR.ActivityID != ids[1] {
		t.Errorf("max HR from the peaks = %+v, want what the streams gave, in the intervals (activity %d): %+v",
			after.Resolved.MaxHR, ids[1], before.Resolved.MaxHR)
	}

	due := func(r recovery.Report) bool {
		for _, v := range r.Verdicts {
			if v.Kind == recovery.Due {
				return true
			}
		}
		return false
	}
	for i, tt := range []struct {
		now        time.Time
		wantDue    bool
		wantWrites int
	}{
		{now, true, 0},                       // Refresh wrote these verdicts
		{now.Add(time.Hour), true, 0},        // the same words an hour later
		{hardDay.AddDate(0, 0, 4), false, 0}, // the window passed: rested
		{hardDay.AddDate(0, 0, 5), false, 0}, // and stays so
	} {
		s.Now = func() time.Time { return tt.now }
		r, err := s.Audit(ctx, 0)
		if err != nil {
			t.Fatalf("Audit %d: %v", i, err)
		}
		if _, err := s.Today(ctx, time.UTC); err != nil {
			t.Fatalf("Today %d: %v", i, err)
		}
		if due(r) != tt.wantDue || counted.verdictWrites != tt.wantWrites {
			t.Errorf("at %s: due %t after %d verdict writes, want due %t after %d", tt.now, due(r),
				counted.verdictWrites, tt.wantDue, tt.wantWrites)
		}
	}
	s.Store = counted.Store
	rec, err := s.Activity(ctx, ids[1])
	if err != nil {
		t.Fatalf("Activity: %v", err)
	}
	if len(rec.Verdicts) != 1 || rec.Verdicts[0].Kind != recovery.Rested {
		t.Errorf("the intervals' page, days after, shows %+v; want one verdict, rested (it was stored as due)", rec.Verdicts)
	}
}
