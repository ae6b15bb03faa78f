package web

import (
	"context"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// session is one activity as the week strip, the calendar and the list
// show it: what it was, coloured by its class.
type session struct {
	ID        int64
	Name      string
	Start     time.Time // in the runner's time zone
	Moving    time.Duration
	DistanceM float64
	AvgHR     float64
	Sport     activity.Sport
	Title     string         // the file's name for it, else its sport and time of day
	Class     analysis.Class // empty until analysed
	Hard      bool
	// Elsewhere is the local time where it was recorded, when that
	// clock was not the runner's zone (a run abroad); else empty.
	Elsewhere string
}

// newSession is what a page shows of r, its start in z, the runner's
// time zone.
func newSession(r *store.Record, z training.Zone) session {
	a := &r.Activity
	s := session{ID: r.ID, Name: a.Name, Start: z.Start(a), Moving: a.Moving, DistanceM: a.DistanceM,
		AvgHR: a.AvgHeartRate, Sport: a.Sport}
	if local, ok := z.Elsewhere(a); ok {
		s.Elsewhere = training.ElsewhereNote(local)
	}
	s.Title = display.Title(a.Name, a.Sport, s.Start)
	if r.Analysis != nil {
		s.Class, s.Hard = r.Analysis.Class, r.Analysis.Hard
	}
	return s
}

// Label is the session's class in words, marked when hard.
func (s session) Label() string {
	if s.Class == "" {
		return "not analysed"
	}
	if s.Hard {
		return display.ClassName(s.Class) + " · hard"
	}
	return display.ClassName(s.Class)
}

// Short is the class alone, for chips that mark a hard session apart.
func (s session) Short() string {
	if s.Class == "" {
		return "not analysed"
	}
	return display.ClassName(s.Class)
}

// Kind is the CSS class that colours the session: every page colours a
// class the same way, and a hard session as hard whatever its class.
func (s session) Kind() string { return kindOf(s.Class, s.Hard) }

func kindOf(c analysis.Class, hard bool) string {
	switch {
	case c == "":
		return "k-none"
	case hard && c != analysis.Race && c != analysis.Intervals && c != analysis.Tempo:
		return "k-hard"
	default:
		return "k-" + string(c)
	}
}

// day is one local calendar day and what was run on it.
type day struct {
	Date     time.Time
	Today    bool
	Future   bool // after today: nothing run yet, not a rest day
	Outside  bool // in the calendar, a day of the month before or after
	Sessions []session
	// Planned are the plan's sessions of the day and Verdicts how the
	// day went against them, where the page shows the plan.
	Planned  []plan.Session
	Verdicts []plan.Verdict
}

// Hard reports whether any session of the day was hard.
func (d day) Hard() bool {
	for _, s := range d.Sessions {
		if s.Hard {
			return true
		}
	}
	return false
}

// Kind colours the day by its hardest session: a hard day is hard, a day
// with only recovery runs is a recovery day.
func (d day) Kind() string {
	if len(d.Sessions) == 0 {
		if d.Future || d.Today {
			return "k-future"
		}
		return "k-rest"
	}
	best := d.Sessions[0]
	for _, s := range d.Sessions[1:] {
		if rank(s) > rank(best) {
			best = s
		}
	}
	return best.Kind()
}

// rank orders sessions by how much they weigh on a day.
func rank(s session) int {
	if s.Hard {
		return 10
	}
	switch s.Class {
	case analysis.Steady, analysis.Long:
		return 3
	case analysis.Easy:
		return 2
	case analysis.Recovery:
		return 1
	default:
		return 0
	}
}

// Moving is the day's total moving time.
func (d day) Moving() time.Duration {
	var t time.Duration
	for _, s := range d.Sessions {
		t += s.Moving
	}
	return t
}

// days lists the local days from first to last inclusive with the
// sessions started on each, in time order.
func days(ctx context.Context, svc *training.Service, first, last, today time.Time) ([]day, error) {
	// The store filters by UTC start; a day away on each side covers
	// every time zone, and the local dates decide below.
	recs, err := svc.Store.Activities(ctx, svc.Athlete, store.Filter{From: first.AddDate(0, 0, -1), To: last.AddDate(0, 0, 2), Brief: true})
	if err != nil {
		return nil, err
	}
	return daysOf(recs, svc.Resolved(), first, last, today), nil
}

// daysOf is days from recs, the activities newest first, which must hold
// every one of those days and may hold more, with times in z.
func daysOf(recs []store.Record, z training.Zone, first, last, today time.Time) []day {
	var out []day
	index := map[string]int{}
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		index[d.Format(time.DateOnly)] = len(out)
		out = append(out, day{Date: d, Today: sameDay(d, today), Future: d.After(today)})
	}
	for i := len(recs) - 1; i >= 0; i-- { // Activities lists newest first
		s := newSession(&recs[i], z)
		if j, ok := index[s.Start.Format(time.DateOnly)]; ok {
			out[j].Sessions = append(out[j].Sessions, s)
		}
	}
	return out
}

// withPlan sets the planned sessions of p on the days from from on, and
// the verdicts on their days.
func withPlan(ds []day, p *plan.Plan, from time.Time, verdicts []plan.Verdict) {
	index := map[plan.Date]int{}
	for i, d := range ds {
		index[plan.DateOf(d.Date)] = i
	}
	start := plan.DateOf(from)
	for _, w := range p.Weeks {
		for _, s := range w.Sessions {
			if i, ok := index[s.Date]; ok && s.Date.Compare(start) >= 0 {
				ds[i].Planned = append(ds[i].Planned, s)
			}
		}
	}
	for _, v := range verdicts {
		if i, ok := index[v.Date]; ok {
			ds[i].Verdicts = append(ds[i].Verdicts, v)
		}
	}
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// midnight is the start of t's local day.
func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// monday is the start of t's week, Monday to Sunday.
func monday(t time.Time) time.Time {
	d := midnight(t)
	return d.AddDate(0, 0, -(int(d.Weekday())+6)%7)
}
