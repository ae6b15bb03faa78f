package training_test

import (
	"context"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// planWrites is a store that counts the plans saved.
type planWrites struct {
	store.Store
	n int
}

func (w *planWrites) SavePlan(ctx context.Context, a store.AthleteID, p *plan.Plan) error {
	w.n++
	return w.Store.SavePlan(ctx, a, p)
}

// TestPlanRevisedOnSave checks that the adapted plan every view shows is
// revised against the kept one (without writing it), and that a new plan
// is revised against what the runner last saw, so its exports update or
// cancel what was exported.
func TestPlanRevisedOnSave(t *testing.T) {
	ctx := context.Background()
	loc := time.FixedZone("CET", 3600)
	now := time.Date(2026, 3, 18, 12, 0, 0, 0, loc) // a Wednesday
	plain := newService(t, now)
	st := &planWrites{Store: plain.Store}
	svc := &training.Service{Store: st, Athlete: plain.Athlete, Now: plain.Now}
	setMaxHR(t, svc, 190)
	request := func(monday string) plan.Request {
		start, err := plan.ParseDate(monday)
		if err != nil {
			t.Fatal(err)
		}
		hard, err := plan.ParseHard("tue:intervals,thu:threshold,sun:long")
		if err != nil {
			t.Fatal(err)
		}
		return plan.Request{Hard: hard, Volume: plan.Volume{Duration: 5 * time.Hour}, Experience: activity.Intermediate, Start: start}
	}
	if _, err := svc.MakePlan(ctx, request("2026-03-16")); err != nil {
		t.Fatal(err)
	}
	// Nothing was run: Tuesday's intervals move, in what every view
	// shows, and no view writes the plan.
	for i := range 2 {
		if _, err := svc.Advice(ctx, loc, 1); err != nil {
			t.Fatal(err)
		}
		if st.n != 1 {
			t.Fatalf("after %d views, %d plans saved; want the first alone", i+1, st.n)
		}
	}
	adapted, _, err := svc.AdaptedPlan(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	yesterday := plan.DateOf(now).AddDays(-1)
	revised := 0
	for _, s := range adapted.Weeks[0].Sessions {
		switch {
		case s.Date.Compare(yesterday) <= 0 && s.Revision != 0:
			t.Errorf("%s %s, past, has revision %d; want 0", s.Date, s.Kind, s.Revision)
		case s.Revision > 1:
			t.Errorf("%s %s has revision %d after one change", s.Date, s.Kind, s.Revision)
		}
		revised += s.Revision
	}
	if revised == 0 || len(adapted.Cancelled) != 0 {
		t.Errorf("adapted plan: %d sessions revised, %d cancelled; want some revised, none cancelled", revised, len(adapted.Cancelled))
	}

	// The next week's plan cancels every session of this one.
	next, err := svc.MakePlan(ctx, request("2026-03-23"))
	if err != nil {
		t.Fatal(err)
	}
	stored, err := svc.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored.Cancelled) != len(adapted.Weeks[0].Sessions) || len(next.Cancelled) != len(stored.Cancelled) {
		t.Fatalf("%d sessions cancelled (%d returned), want the %d of the week before", len(stored.Cancelled), len(next.Cancelled), len(adapted.Weeks[0].Sessions))
	}
	for i, c := range stored.Cancelled {
		if s := adapted.Weeks[0].Sessions[i]; c.Date != s.Date || c.Revision != s.Revision+1 {
			t.Errorf("cancelled %+v, want %s at revision %d", c, s.Date, s.Revision+1)
		}
	}
}
