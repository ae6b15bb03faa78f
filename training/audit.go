package training

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/store"
)

// sessions lists the analysed activities that start at or after from
// (all of them for a zero from) as the recovery audit sees them, oldest
// first, those whose file gave no local time in loc. An activity from a
// device whose clock was never set is left out: its day is not the day
// it was run.
func (s *Service) sessions(ctx context.Context, loc *time.Location, from time.Time) ([]recovery.Session, error) {
	recs, err := s.Store.Activities(ctx, s.Athlete, store.Filter{From: from})
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	return sessionsOf(recs, loc), nil
}

// sessionsOf is sessions of the records recs, newest first as the store
// lists them.
func sessionsOf(recs []store.Record, loc *time.Location) []recovery.Session {
	sessions := make([]recovery.Session, 0, len(recs))
	for i := len(recs) - 1; i >= 0; i-- { // Activities lists newest first
		if r := &recs[i]; r.Analysis != nil && !r.Activity.Flags.Has(activity.UnsetClock) {
			sessions = append(sessions, recovery.NewSession(r.ID, &r.Activity, r.Analysis, loc))
		}
	}
	return sessions
}

// saveVerdicts audits the whole history, the sessions, for the resolved
// profile p and keeps the stored verdicts equal to it, so that every view
// of a run shows the same words. Only the writes call it (refresh): reads
// compute. It writes only when they differ.
func (s *Service) saveVerdicts(ctx context.Context, p Profile, sessions []recovery.Session) error {
	report := recovery.Audit(s.now().In(p.Zone.Location), sessions, p.Resolved, p.Rules)
	stored, err := s.Store.Verdicts(ctx, s.Athlete)
	if err != nil {
		return err
	}
	if !sameVerdicts(stored, report.Verdicts) {
		return s.Store.SaveVerdicts(ctx, s.Athlete, report.Verdicts)
	}
	return nil
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
// weeks ≤ 0): the hard days, the verdicts and the weeks that start in
// them, with the trend over the whole history.
func (s *Service) Audit(ctx context.Context, weeks int) (recovery.Report, error) {
	from := since(s.now(), weeks)
	st, err := s.state(ctx, from.IsZero())
	if err == nil && st.exact.After(from) {
		st, err = s.state(ctx, true)
	}
	if err != nil {
		return recovery.Report{}, err
	}
	return st.report.From(from), nil
}

// since is the local midnight that starts the last weeks up to now's
// (now's location); zero, the start of the history, for weeks ≤ 0.
func since(now time.Time, weeks int) time.Time {
	if weeks <= 0 {
		return time.Time{}
	}
	return monday(now).AddDate(0, 0, -7*(weeks-1))
}

// state is what the audit, today's advice and the plan's day weigh: the
// profile, the analysed sessions and the audit of them. Reading the
// history is most of their cost, so Advice reads it once for all three.
type state struct {
	profile  Profile
	sessions []recovery.Session
	report   recovery.Report
	// horizon is where sessions were read from, and exact the instant
	// from which report is the whole history's (recovery.AuditSince);
	// both zero when sessions are the whole history.
	horizon, exact time.Time
}

// state reads the sessions from recovery.Horizon on and audits them,
// or the whole history when all is true or the horizon's sessions cannot
// answer as the whole history would: the recent weeks are what a day's
// answers need, and their cost stays the same however long the history.
func (s *Service) state(ctx context.Context, all bool) (state, error) {
	p, err := s.Profile(ctx)
	if err != nil {
		return state{}, err
	}
	now := s.now().In(p.Zone.Location)
	if !all {
		horizon := recovery.Horizon(now, p.Rules)
		sessions, err := s.sessions(ctx, p.Zone.Location, horizon)
		if err != nil {
			return state{}, err
		}
		if report, exact, ok := recovery.AuditSince(horizon, now, sessions, p.Resolved, p.Rules); ok {
			return state{p, sessions, report, horizon, exact}, nil
		}
	}
	sessions, err := s.sessions(ctx, p.Zone.Location, time.Time{})
	if err != nil {
		return state{}, err
	}
	return state{profile: p, sessions: sessions, report: recovery.Audit(now, sessions, p.Resolved, p.Rules)}, nil
}

// Today recommends today's run: the audit, the load model's point for
// today, the profile and the mornings of the last physio.NormalDays,
// weighed by recovery.Today.
func (s *Service) Today(ctx context.Context, loc *time.Location) (recovery.Recommendation, error) {
	st, err := s.state(ctx, false)
	if err != nil {
		return recovery.Recommendation{}, err
	}
	rec, ok, err := s.today(ctx, loc, st)
	if err != nil || ok {
		return rec, err
	}
	if st, err = s.state(ctx, true); err != nil {
		return recovery.Recommendation{}, err
	}
	rec, _, err = s.today(ctx, loc, st)
	return rec, err
}

// today is today's recommendation from st, and whether it is the whole
// history's: always when st holds the whole history.
func (s *Service) today(ctx context.Context, loc *time.Location, st state) (recovery.Recommendation, bool, error) {
	now := s.now().In(loc)
	ls, err := s.Series(ctx, now.AddDate(0, 0, -1), now)
	if err != nil {
		return recovery.Recommendation{}, false, err
	}
	ms, err := s.mornings(ctx, now, physio.NormalDays)
	if err != nil {
		return recovery.Recommendation{}, false, err
	}
	rec, ok := recovery.TodaySince(st.horizon, now, st.sessions, st.profile.Resolved, ls.Current(), st.report, st.profile.Rules, ms)
	return rec, ok, nil
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
	exact   time.Time       // as state's: Report is whole from it on
}

// Advice makes today's Advice, reading the history once: the
// recommendation as Today makes it; the plan adapted to what was run
// (in loc), with today's planned sessions and yesterday's verdicts
// weighed against the recommendation; and the audit of the last weeks, as Audit makes it.
// With a Cache, the advice made in the last AdviceTTL serves when
// nothing was written since.
func (s *Service) Advice(ctx context.Context, loc *time.Location, weeks int) (Advice, error) {
	a, err := Keep(s.Cache, "advice", s.Athlete, loc, s.now(), func() (Advice, error) { return s.advice(ctx, loc, false) })
	from := since(s.now(), weeks)
	if err == nil && a.exact.After(from) { // more weeks than the recent ones
		a, err = s.advice(ctx, loc, true)
	}
	if err != nil {
		return Advice{}, err
	}
	a.Report = a.Report.From(from)
	return a, nil
}

// advice makes the Advice from the recent history, or the whole of it
// when all is true or the recent history cannot answer as it would.
func (s *Service) advice(ctx context.Context, loc *time.Location, all bool) (Advice, error) {
	st, err := s.state(ctx, all)
	if err != nil {
		return Advice{}, err
	}
	a := Advice{Report: st.report, exact: st.exact}
	var ok bool
	if a.Today, ok, err = s.today(ctx, loc, st); err != nil {
		return Advice{}, err
	}
	if !ok {
		return s.advice(ctx, loc, true)
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

// Activity returns one stored activity, as store.Store's Activity does,
// with its recovery verdicts as they stand now: a hard day's verdict
// stored as due at the last refresh may since have turned into rest.
func (s *Service) Activity(ctx context.Context, id int64) (*store.Record, error) {
	r, err := s.Store.Activity(ctx, s.Athlete, id)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(r.Verdicts, func(v recovery.Verdict) bool { return v.Kind == recovery.Due })
	if i < 0 {
		return r, nil
	}
	st, err := s.state(ctx, false)
	if err == nil && st.exact.After(r.Verdicts[i].At) {
		st, err = s.state(ctx, true)
	}
	if err != nil {
		return nil, err
	}
	var now []recovery.Verdict
	for _, v := range st.report.Verdicts {
		if v.ActivityID == id {
			now = append(now, v)
		}
	}
	r.Verdicts = now
	return r, nil
}
