package training

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
)

// PlanDay is the plan's side of today: what it has for today, how the
// days before went against it, and how it adapted to them.
type PlanDay struct {
	Date plan.Date `json:"date"`
	// Planned are today's sessions; none when the plan does not cover today.
	Planned []plan.Session `json:"planned"`
	// Verdicts compare the plan with what was run, yesterday first.
	Verdicts []plan.Verdict `json:"verdicts"`
	// Changes are how the rest of this week moved after a hard session
	// was missed, moved or added; views show the adapted plan, and the
	// kept plan stays as it was made.
	Changes []plan.Change `json:"changes,omitempty"`
	// Note weighs the plan against today's recommendation, when they differ.
	Note string `json:"note,omitempty"`
}

// weigh says how today's plan and today's recommendation go together:
// the rules' recovery comes before a planned hard session, and a planned
// easy day before a hard session the runner would be ready for.
func weigh(planned []plan.Session, rec recovery.Recommendation) string {
	for _, s := range planned {
		switch {
		case s.Hard && rec.Advice != recovery.ReadyForHard:
			return "The plan has " + s.Title() + " today, but " + rec.Title +
				" comes first: recovery decides. If you leave it out, the plan moves it to the next day the rules allow."
		case !s.Hard && s.Kind != plan.Rest && rec.Advice == recovery.ReadyForHard:
			return "You are ready for a hard session, but the plan has " + s.Title() +
				" today: keep it, the hard sessions wait for their days."
		}
	}
	return ""
}

// planRuns are the runs among sessions on each day from..through.
func planRuns(sessions []recovery.Session, from, through plan.Date) map[plan.Date][]recovery.Session {
	byDay := map[plan.Date][]recovery.Session{}
	for _, s := range sessions {
		d := plan.DateOf(s.Start)
		if s.Run && d.Compare(from) >= 0 && d.Compare(through) <= 0 {
			byDay[d] = append(byDay[d], s)
		}
	}
	return byDay
}

// planRun is what the planner sees of a session run against a planned
// session with heart-rate ceiling ceilingBPM: the time above it is the
// time above the recovery cap when the two agree, else the time in the
// zones that start at or above the ceiling.
func planRun(s recovery.Session, ceilingBPM int) plan.Run {
	r := plan.Run{Date: plan.DateOf(s.Start), Kind: plan.Kind(s.Class), Hard: s.Hard,
		Duration: time.Duration(s.DurationS) * time.Second}
	if s.HRSeconds == 0 {
		return r
	}
	r.AvgHRBPM, r.MaxHRBPM = s.AvgHR, s.MaxHR
	for _, z := range s.Zones {
		if ceilingBPM > 0 && z.LowBPM >= float64(ceilingBPM) {
			r.AboveCeiling += time.Duration(z.Seconds) * time.Second
		}
	}
	if ceilingBPM > 0 && math.Abs(s.CapBPM-float64(ceilingBPM)) <= 1 {
		r.AboveCeiling = time.Duration(s.MinutesAboveCap * float64(time.Minute)).Round(time.Second)
	}
	return r
}

// review compares every planned session from..through with the runs of
// its day, latest day first. Each day's sessions are the plan's as it
// stood that morning: the kept plan adapted to the runs of the days
// before (prof sizes what moved).
func review(p *plan.Plan, sessions []recovery.Session, from, through plan.Date, prof plan.Profile) ([]plan.Verdict, error) {
	byDay := planRuns(sessions, from.AddDays(-adaptDays), through)
	ran := runsOf(byDay)
	rl := prof.Rules
	var out []plan.Verdict
	for d := through; d.Compare(from) >= 0; d = d.AddDays(-1) {
		asOf, _, err := plan.Adapt(*p, d.AddDays(-1), ran, prof)
		if err != nil {
			return nil, err
		}
		ss := sessionsOn(&asOf, d)
		for i := len(ss) - 1; i >= 0; i-- {
			var got []plan.Run
			for _, r := range byDay[d] {
				got = append(got, planRun(r, ss[i].HR.HighBPM))
			}
			// A morning and an evening session share the day's runs by slot.
			got = bySlot(ss, i, byDay[d], got)
			out = append(out, plan.Compare(ss[i], got, rl))
		}
	}
	return out, nil
}

// adaptDays is how far back runs matter to adapting a day's week: from
// the Sunday before it.
const adaptDays = 8

// runsOf are the runs of byDay as the planner sees them when it adapts.
func runsOf(byDay map[plan.Date][]recovery.Session) []plan.Run {
	var ran []plan.Run
	for d, rs := range byDay {
		for _, r := range rs {
			run := planRun(r, 0)
			run.Date = d
			ran = append(ran, run)
		}
	}
	return ran
}

// sessionsOn are p's sessions on d, in order.
func sessionsOn(p *plan.Plan, d plan.Date) []plan.Session {
	var out []plan.Session
	for _, w := range p.Weeks {
		for _, s := range w.Sessions {
			if s.Date == d {
				out = append(out, s)
			}
		}
	}
	return out
}

// adapt is p as it stands on today: plan.AdaptToday with the runs of
// sessions.
func adapt(p *plan.Plan, sessions []recovery.Session, today plan.Date, prof plan.Profile) (*plan.Plan, []plan.Change, error) {
	ran := runsOf(planRuns(sessions, today.AddDays(-adaptDays), today))
	a, changes, err := plan.AdaptToday(*p, today, ran, prof)
	if err != nil {
		return nil, nil, err
	}
	if len(changes) > 0 {
		// Exports of the adapted plan update what was exported of the
		// kept one: moved sessions get a higher revision, dropped ones
		// are cancelled. Nothing is written.
		plan.Revise(p, &a)
	}
	return &a, changes, nil
}

// bySlot keeps, of a day with two sessions, the runs of session i's half
// of the day: before 14:00 for the morning, after for the evening.
func bySlot(ss []plan.Session, i int, day []recovery.Session, ran []plan.Run) []plan.Run {
	s := ss[i]
	if s.Slot == plan.Any {
		return ran
	}
	var kept []plan.Run
	for j, r := range day {
		if morning := r.Start.Hour() < 14; morning == (s.Slot == plan.Morning) {
			kept = append(kept, ran[j])
		}
	}
	return kept
}

// Review compares the plan's sessions of the last days (through
// yesterday, in loc) with what was run, latest first; ErrNoPlan when
// there is no plan.
func (s *Service) Review(ctx context.Context, loc *time.Location, days int) ([]plan.Verdict, error) {
	p, err := s.Plan(ctx)
	if err != nil {
		return nil, err
	}
	prof, err := s.Profile(ctx)
	if err != nil {
		return nil, err
	}
	yesterday := plan.DateOf(s.now().In(loc)).AddDays(-1)
	from := yesterday.AddDays(1 - days)
	sessions, err := s.planSessions(ctx, loc, from)
	if err != nil {
		return nil, err
	}
	return review(p, sessions, from, yesterday, planProfile(prof, sessions))
}

// planSessions are the sessions the plan needs to adapt or review the
// days from on: the runs of the adaptDays before them and after, and
// those that give the runner's easy pace (recovery.EasySpeed: the
// analysis.HistoryDays before the latest session). It reads the whole
// history only when the latest session lies too far back for the days
// read to hold that pace's.
func (s *Service) planSessions(ctx context.Context, loc *time.Location, from plan.Date) ([]recovery.Session, error) {
	// A day more for the hours between UTC, which the store filters in,
	// and the runner's zone.
	start := from.AddDays(-adaptDays - analysis.HistoryDays - 1).Time()
	sessions, err := s.sessions(ctx, loc, start)
	if err != nil {
		return nil, err
	}
	if n := len(sessions); n > 0 && !sessions[n-1].Start.AddDate(0, 0, -analysis.HistoryDays).Before(start) {
		return sessions, nil
	}
	return s.sessions(ctx, loc, time.Time{})
}

// AdaptedPlan is the runner's plan as it stands today (in loc): the kept
// plan adapted to what was run (plan.AdaptToday), and how it changed.
// Every view and export shows this plan. It is worked out again on each
// call, or with a Cache kept as Advice is, and writes nothing: only
// making a plan keeps one. ErrNoPlan when there is none. The plan may be
// shared with other callers: it is read, never changed.
func (s *Service) AdaptedPlan(ctx context.Context, loc *time.Location) (*plan.Plan, []plan.Change, error) {
	a, err := Keep(s.Cache, "adapted plan", s.Athlete, loc, s.now(), func() (adaptedPlan, error) {
		p, changes, err := s.adaptedPlan(ctx, loc)
		return adaptedPlan{p, changes}, err
	})
	return a.plan, a.changes, err
}

// adaptedPlan is AdaptedPlan, worked out afresh.
func (s *Service) adaptedPlan(ctx context.Context, loc *time.Location) (*plan.Plan, []plan.Change, error) {
	p, err := s.Plan(ctx)
	if err != nil {
		return nil, nil, err
	}
	prof, err := s.Profile(ctx)
	if err != nil {
		return nil, nil, err
	}
	today := plan.DateOf(s.now().In(loc))
	sessions, err := s.planSessions(ctx, loc, today)
	if err != nil {
		return nil, nil, err
	}
	return adapt(p, sessions, today, planProfile(prof, sessions))
}

// planToday adapts the plan to what was run (AdaptedPlan, from the state
// already read) and returns today's planned sessions with yesterday's
// verdicts, weighed against rec, today's recommendation, and the adapted
// plan. No plan gives a PlanDay with no sessions, a nil plan and no error.
func (s *Service) planToday(ctx context.Context, loc *time.Location, rec recovery.Recommendation, st state) (PlanDay, *plan.Plan, error) {
	today := plan.DateOf(s.now().In(loc))
	day := PlanDay{Date: today}
	p, err := s.Plan(ctx)
	if errors.Is(err, ErrNoPlan) {
		return day, nil, nil
	}
	if err != nil {
		return day, nil, err
	}
	prof := planProfile(st.profile, st.sessions)
	adapted, changes, err := adapt(p, st.sessions, today, prof)
	if err != nil {
		return day, nil, err
	}
	day.Changes = changes
	yesterday := today.AddDays(-1)
	if day.Verdicts, err = review(p, st.sessions, yesterday, yesterday, prof); err != nil {
		return day, nil, err
	}
	day.Planned = sessionsOn(adapted, today)
	day.Note = weigh(day.Planned, rec)
	return day, adapted, nil
}
