package training

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/store"
)

// sessions lists every analysed activity as the recovery audit sees it,
// oldest first, those whose file gave no local time in loc. An activity
// from a device whose clock was never set is left out: its day is not
// the day it was run.
func (s *Service) sessions(ctx context.Context, loc *time.Location) ([]recovery.Session, error) {
	recs, err := s.Store.Activities(ctx, s.Athlete, store.Filter{})
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	sessions := make([]recovery.Session, 0, len(recs))
	for i := len(recs) - 1; i >= 0; i-- { // Activities lists newest first
		if r := &recs[i]; r.Analysis != nil && !r.Activity.Flags.Has(activity.UnsetClock) {
			sessions = append(sessions, recovery.NewSession(r.ID, &r.Activity, r.Analysis, loc))
		}
	}
	return sessions, nil
}

// audit audits the whole history for the resolved profile p and keeps
// the stored verdicts equal to it, so that every view of a run shows the
// same words. It writes only when they differ: after new analyses, or
// when the clock turned a hard day's "due" into what followed it.
func (s *Service) audit(ctx context.Context, p Profile) (recovery.Report, []recovery.Session, error) {
	sessions, err := s.sessions(ctx, p.Zone.Location)
	if err != nil {
		return recovery.Report{}, nil, err
	}
	report := recovery.Audit(s.now().In(p.Zone.Location), sessions, p.Resolved, p.Rules)
	stored, err := s.Store.Verdicts(ctx, s.Athlete)
	if err != nil {
		return recovery.Report{}, nil, err
	}
	if !sameVerdicts(stored, report.Verdicts) {
		if err := s.Store.SaveVerdicts(ctx, s.Athlete, report.Verdicts); err != nil {
			return recovery.Report{}, nil, err
		}
	}
	return report, sessions, nil
}

// sameVerdicts reports whether the verdicts a and b say the same as
// stored: compared as JSON, the form a store keeps them in, so that a
// field added to Verdict is compared too.
func sameVerdicts(a, b []recovery.Verdict) bool {
	if len(a) != len(b) {
		return false
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// Audit returns the recovery audit of the last weeks (all of it for
// weeks ≤ 0): the hard days, the verdicts and the weeks that end in them,
// with the trend over the whole history.
func (s *Service) Audit(ctx context.Context, weeks int) (recovery.Report, error) {
	st, err := s.state(ctx)
	if err != nil {
		return recovery.Report{}, err
	}
	return lastWeeks(st.report, monday(s.now()), weeks), nil
}

// lastWeeks trims a report to the weeks up to the one starting thisMonday
// (all of it for weeks ≤ 0), keeping the trend.
func lastWeeks(report recovery.Report, thisMonday time.Time, weeks int) recovery.Report {
	if weeks <= 0 {
		return report
	}
	return report.From(thisMonday.AddDate(0, 0, -7*(weeks-1)))
}

// state is what the audit, today's advice and the plan's day weigh: the
// profile, the analysed sessions and the audit of them. Reading the
// history is most of their cost, so Advice reads it once for all three.
type state struct {
	profile  Profile
	sessions []recovery.Session
	report   recovery.Report
}

func (s *Service) state(ctx context.Context) (state, error) {
	p, err := s.Profile(ctx)
	if err != nil {
		return state{}, err
	}
	report, sessions, err := s.audit(ctx, p)
	if err != nil {
		return state{}, err
	}
	return state{p, sessions, report}, nil
}

// Today recommends today's run: the audit of the whole history, the load
// model's point for today and the profile, weighed by recovery.Today.
func (s *Service) Today(ctx context.Context, loc *time.Location) (recovery.Recommendation, error) {
	st, err := s.state(ctx)
	if err != nil {
		return recovery.Recommendation{}, err
	}
	return s.today(ctx, loc, st)
}

func (s *Service) today(ctx context.Context, loc *time.Location, st state) (recovery.Recommendation, error) {
	now := s.now().In(loc)
	ls, err := s.Series(ctx, now.AddDate(0, 0, -1), now)
	if err != nil {
		return recovery.Recommendation{}, err
	}
	return recovery.Today(now, st.sessions, st.profile.Resolved, ls.Current(), st.report, st.profile.Rules), nil
}

// Advice is today's recommendation, the plan's side of today, and the
// audit of the last weeks: what the dashboard and 'easyrun today' show.
type Advice struct {
	Today recovery.Recommendation
	Plan  PlanDay
	// Adapted is the plan as it stands today, as AdaptedPlan gives it;
	// nil without a plan.
	Adapted *plan.Plan
	Report  recovery.Report // of the last weeks asked for
}

// Advice makes today's Advice, reading the history once: the
// recommendation as Today makes it; the plan adapted to what was run
// (in loc), with today's planned sessions and yesterday's verdicts
// weighed against the recommendation; and the audit of the last weeks, as Audit makes it.
// With a Cache, the advice made in the last AdviceTTL serves when
// nothing was written since.
func (s *Service) Advice(ctx context.Context, loc *time.Location, weeks int) (Advice, error) {
	var (
		a   Advice
		err error
	)
	if s.Cache == nil {
		a, err = s.advice(ctx, loc)
	} else {
		a, err = s.Cache.advice(s.Athlete, loc, s.now(), func() (Advice, error) { return s.advice(ctx, loc) })
	}
	if err != nil {
		return Advice{}, err
	}
	a.Report = lastWeeks(a.Report, monday(s.now()), weeks)
	return a, nil
}

// advice makes the Advice with the audit of the whole history.
func (s *Service) advice(ctx context.Context, loc *time.Location) (Advice, error) {
	st, err := s.state(ctx)
	if err != nil {
		return Advice{}, err
	}
	a := Advice{Report: st.report}
	if a.Today, err = s.today(ctx, loc, st); err != nil {
		return Advice{}, err
	}
	if a.Plan, a.Adapted, err = s.planToday(ctx, loc, a.Today, st); err != nil {
		return Advice{}, err
	}
	return a, nil
}

// monday is the start of t's week, Monday to Sunday, in t's location.
func monday(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	return d.AddDate(0, 0, -(int(d.Weekday())+6)%7)
}
