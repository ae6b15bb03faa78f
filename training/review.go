package training

import (
	"context"
	"errors"
	"math"
	"reflect"
	"time"

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
	// was missed or moved; the adapted plan is saved.
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
// its day, latest day first.
func review(p *plan.Plan, sessions []recovery.Session, from, through plan.Date) []plan.Verdict {
	byDay := planRuns(sessions, from, through)
	rules := recovery.DefaultRules()
	var out []plan.Verdict
	for wi := len(p.Weeks) - 1; wi >= 0; wi-- {
		ss := p.Weeks[wi].Sessions
		for i := len(ss) - 1; i >= 0; i-- {
			s := ss[i]
			if s.Date.Compare(from) < 0 || s.Date.Compare(through) > 0 {
				continue
			}
			var ran []plan.Run
			for _, r := range byDay[s.Date] {
				ran = append(ran, planRun(r, s.HR.HighBPM))
			}
			// A morning and an evening session share the day's runs by slot.
			ran = bySlot(ss, i, byDay[s.Date], ran)
			out = append(out, plan.Compare(s, ran, rules))
		}
	}
	return out
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
	sessions, err := s.sessions(ctx, loc)
	if err != nil {
		return nil, err
	}
	yesterday := plan.DateOf(s.now().In(loc)).AddDays(-1)
	return review(p, sessions, yesterday.AddDays(1-days), yesterday), nil
}

// planToday adapts the plan to what was run through yesterday (in loc),
// saves it when it changed, and returns today's planned sessions with
// yesterday's verdicts, weighed against rec, today's recommendation, from
// the state already read. No plan gives a PlanDay with no sessions and no
// error.
func (s *Service) planToday(ctx context.Context, loc *time.Location, rec recovery.Recommendation, st state) (PlanDay, error) {
	today := plan.DateOf(s.now().In(loc))
	day := PlanDay{Date: today}
	p, err := s.Plan(ctx)
	if errors.Is(err, ErrNoPlan) {
		return day, nil
	}
	if err != nil {
		return day, err
	}
	sessions := st.sessions
	yesterday := today.AddDays(-1)
	var ran []plan.Run
	for d, rs := range planRuns(sessions, yesterday.AddDays(-7), yesterday) {
		for _, r := range rs {
			run := planRun(r, 0)
			run.Date = d
			ran = append(ran, run)
		}
	}
	adapted, changes, err := plan.Adapt(*p, yesterday, ran, planProfile(st.profile, sessions))
	if err != nil {
		return day, err
	}
	// The changes are found again on every view; the plan is written
	// the first time only.
	if len(changes) > 0 && !reflect.DeepEqual(&adapted, p) {
		if err := s.Store.SavePlan(ctx, s.Athlete, &adapted); err != nil {
			return day, err
		}
	}
	p = &adapted
	day.Changes = changes
	day.Verdicts = review(p, sessions, yesterday, yesterday)
	for _, w := range p.Weeks {
		for _, ss := range w.Sessions {
			if ss.Date == today {
				day.Planned = append(day.Planned, ss)
			}
		}
	}
	day.Note = weigh(day.Planned, rec)
	return day, nil
}
