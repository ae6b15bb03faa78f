package training_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
)

// TestAdaptedPlan: a hard run logged today that the plan did not have
// turns tomorrow's hard session into recovery in the plan every view
// shows, and reading it, or today's advice, writes nothing: the kept plan
// stays as it was made.
func TestAdaptedPlan(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 5, 6, 20, 0, 0, 0, time.UTC) // Wednesday evening
	s := newService(t, now)
	setMaxHR(t, s, 190)
	ctx := context.Background()
	made := makePlan(t, s)
	for _, at := range []time.Time{now.AddDate(0, 0, -1).Add(-2 * time.Hour), now.Add(-2 * time.Hour)} { // Tuesday's intervals, and Wednesday's too
		if _, err := s.Log(ctx, &activity.Activity{Sport: activity.Running, Start: at,
			Elapsed: time.Hour, Moving: time.Hour, DistanceM: 12000, RPE: 8}); err != nil {
			t.Fatal(err)
		}
	}
	adapted, changes, err := s.AdaptedPlan(ctx, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	thu := plan.Date{Year: 2026, Month: time.May, Day: 7}
	for _, ses := range adapted.Weeks[0].Sessions {
		if ses.Date == thu && ses.Hard {
			t.Errorf("Thursday after Wednesday's hard run: %s (changes %v)", ses.Title(), changes)
		}
	}
	if len(changes) == 0 {
		t.Error("no change said")
	}
	if _, err := s.Advice(ctx, time.UTC, 1); err != nil {
		t.Fatal(err)
	}
	kept, err := s.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(kept, made) {
		t.Error("reading the adapted plan and today's advice changed the kept plan")
	}
}
