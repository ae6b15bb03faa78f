package training

import (
	"context"
	"errors"
	"time"

	"github.com/easyrun/easyrun/activity"

	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/store"
)

// ErrNoPlan is returned when the runner has not made a plan yet.
var ErrNoPlan = errors.New("no plan yet: make one from your hard days and a weekly volume (easyrun plan, the plan page, or PUT /api/v1/plan)")

// planProfile is what the planner takes from the runner: the resolved
// profile's cap, zones and rules, and their own easy pace from their runs.
func planProfile(p Profile, sessions []recovery.Session) plan.Profile {
	return plan.NewProfile(p.Resolved, recovery.EasySpeed(sessions), p.Rules)
}

// MakePlan plans a week, or a block of weeks toward a race, from req and
// the runner's profile, and keeps it as the runner's plan, revised
// against the plan it replaces (plan.Revise). Experience not given in req
// is the profile's. A request the rules refuse gives a *plan.Refusal and
// keeps the plan there was.
//
// A start or race day outside activity.PlanDates is refused with an
// *activity.InputError before anything is written.
func (s *Service) MakePlan(ctx context.Context, req plan.Request) (*plan.Plan, error) {
	dates := activity.PlanDates(s.now())
	if !req.Start.IsZero() {
		if err := dates.Check("plan start", req.Start.Time()); err != nil {
			return nil, err
		}
	}
	if req.Race != nil {
		if err := dates.Check("race date", req.Race.Date.Time()); err != nil {
			return nil, err
		}
	}
	// The profile and the history are read once: the new plan is made
	// from them, and the plan it replaces is adapted to them.
	pr, err := s.Profile(ctx)
	if err != nil {
		return nil, err
	}
	sessions, err := s.sessions(ctx, pr.Zone.Location, time.Time{})
	if err != nil {
		return nil, err
	}
	prof := planProfile(pr, sessions)
	if req.Experience == "" {
		req.Experience = pr.Resolved.Experience
	}
	p, err := plan.Block(req, prof)
	if err != nil {
		return nil, err
	}
	// What the runner last saw and exported of the plan replaced (kept
	// plan adapted to what was run) updates or cancels.
	prev, err := s.Plan(ctx)
	switch {
	case errors.Is(err, ErrNoPlan):
	case err != nil:
		return nil, err
	default:
		if prev, _, err = adapt(prev, sessions, plan.DateOf(s.now().In(pr.Zone.Location)), prof); err != nil {
			return nil, err
		}
	}
	plan.Revise(prev, &p)
	if err := s.Store.SavePlan(ctx, s.Athlete, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// Plan returns the runner's plan; ErrNoPlan when there is none.
func (s *Service) Plan(ctx context.Context) (*plan.Plan, error) {
	p, err := s.Store.Plan(ctx, s.Athlete)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNoPlan
	}
	return p, err
}
