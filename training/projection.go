package training

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
)

// defaultPerMinute is the load per minute of each kind of session when
// the runner's history has too few of that kind: Banister TRIMP (men's
// constants) of the whole session, warm-up and cool-down included, at
// the heart-rate reserve typical of the kind: recovery 45 %, easy and
// long 55–57 %, threshold and intervals about 70 % on average over the
// session, a race 85 %.
var defaultPerMinute = map[plan.Kind]float64{
	plan.Recovery: 0.7, plan.Easy: 1.0, plan.Long: 1.1,
	plan.Threshold: 1.7, plan.Intervals: 1.8, plan.Race: 2.8,
}

// ownFrom is how many sessions of a kind make the runner's own rate
// trustworthy; ownWindow is how far back they count, since fitness
// changes what a minute of a kind costs.
const (
	ownFrom   = 3
	ownWindow = 180 // days
)

// Rate is the load per minute a kind of planned session is counted at.
type Rate struct {
	Kind      plan.Kind `json:"kind"`
	PerMinute float64   `json:"per_minute"`
	// Source says where it comes from: "your 12 easy runs", or the
	// default scaled to the runner.
	Source string `json:"source"`
}

// ProjectedDay is the load model on the morning of a day ahead.
type ProjectedDay struct {
	Date  plan.Date `json:"date"`
	Label string    `json:"label"` // "today", "Monday", "race day"
	// Fitness, Fatigue and Form as load.Point has them: Form is the
	// morning's, from the days before.
	Fitness float64 `json:"fitness"`
	Fatigue float64 `json:"fatigue"`
	Form    float64 `json:"form"`
	// Meaning is the form in words.
	Meaning string `json:"meaning"`
}

// Projection is fitness, fatigue and form carried over the plan's weeks
// from today, counting each planned session at the runner's load per
// minute for its kind.
type Projection struct {
	Unit  string         `json:"unit"` // the daily load's unit, as LoadSeries.Unit
	Rates []Rate         `json:"rates"`
	Days  []ProjectedDay `json:"days"` // today, each Monday ahead, race day
}

// Projection projects the load model over p from today in loc: the
// stored history up to today, then p's sessions still to run (today's
// only when nothing was run today), each at its kind's Rate. With a
// Cache, the projection of the adapted plan it keeps is kept with it:
// reading a year of loads twice was most of a plan page.
func (s *Service) Projection(ctx context.Context, p *plan.Plan, loc *time.Location) (Projection, error) {
	type projected struct {
		plan *plan.Plan
		pr   Projection
	}
	kept, err := Keep(s.Cache, "projection", s.Athlete, loc, s.now(), func() (projected, error) {
		pr, err := s.project(ctx, p, loc)
		return projected{p, pr}, err
	})
	if err != nil {
		return Projection{}, err
	}
	if kept.plan != p { // not the plan the projection kept is of
		return s.project(ctx, p, loc)
	}
	return kept.pr, nil
}

// project is Projection made afresh.
func (s *Service) project(ctx context.Context, p *plan.Plan, loc *time.Location) (Projection, error) {
	now := s.now().In(loc)
	today := plan.DateOf(now)
	// A year of history: fitness's 42-day memory of anything older is
	// under a thousandth.
	ls, err := s.Series(ctx, now.AddDate(-1, 0, 0), now)
	if err != nil {
		return Projection{}, err
	}
	entries, err := s.Store.Loads(ctx, s.Athlete, now.AddDate(0, 0, -ownWindow), now.AddDate(0, 0, 1))
	if err != nil {
		return Projection{}, fmt.Errorf("projection: %w", err)
	}
	pr := Projection{Unit: ls.Unit, Rates: rates(entries)}
	perMinute := map[plan.Kind]float64{}
	for _, r := range pr.Rates {
		perMinute[r.Kind] = r.PerMinute
	}

	// From the first day with a load, so that a new runner's form is
	// judged by the days they have, then the plan's days.
	var days []load.Day
	for _, pt := range ls.Points {
		if pt.Load > 0 || len(days) > 0 {
			days = append(days, load.Day{Date: pt.Date, Load: pt.Load})
		}
	}
	ranToday := ls.Current().Load > 0
	end, race := today, plan.Date{}
	for _, wk := range p.Weeks {
		for _, ss := range wk.Sessions {
			if ss.Date.Compare(today) < 0 || (ss.Date == today && ranToday) {
				continue
			}
			days = append(days, load.Day{Date: ss.Date.Time(), Load: ss.Duration.Minutes() * perMinute[ss.Kind]})
			if ss.Kind == plan.Race {
				race = ss.Date
			}
		}
		// Through the Monday after the last week, so the plan's end shows.
		if next := wk.Monday.AddDays(7); end.Compare(next) < 0 {
			end = next
		}
	}
	days = append(days, load.Day{Date: today.Time()}, load.Day{Date: end.Time()})
	var prev load.Point // yesterday's, for the morning's fitness and fatigue
	for _, pt := range load.Series(days) {
		d := plan.DateOf(pt.Date)
		label := ""
		switch {
		case d == today:
			label = "today"
		case d == race:
			label = "race day"
		case d.Compare(today) > 0 && d.Weekday() == time.Monday:
			label = "Monday"
		}
		if label != "" {
			pr.Days = append(pr.Days, ProjectedDay{Date: d, Label: label,
				Fitness: prev.Fitness, Fatigue: prev.Fatigue, Form: pt.Form, Meaning: pt.FormMeaning()})
		}
		prev = pt
	}
	return pr, nil
}

// rates is the load per minute of each kind of session: the median of
// the runner's own runs of that kind (heart-rate loads, the last
// ownWindow days) when there are ownFrom of them, else the default
// scaled by how the runner's own kinds compare with theirs (the median
// ratio), else the default as it is.
func rates(entries []store.LoadEntry) []Rate {
	own := map[plan.Kind][]float64{}
	for _, e := range entries {
		k, ok := classKind[e.Class]
		if !ok || e.Sport != activity.Running || e.DurationS < 60 || !(e.Load > 0) ||
			e.Method == analysis.NoLoad || e.Method == analysis.SessionRPE {
			continue
		}
		own[k] = append(own[k], e.Load/(float64(e.DurationS)/60))
	}
	var ratios []float64
	for k, r := range own {
		if len(r) >= ownFrom {
			ratios = append(ratios, median(r)/defaultPerMinute[k])
		}
	}
	scale, scaled := 1.0, "default (a typical runner's TRIMP), none of your runs to scale it by"
	if len(ratios) > 0 {
		scale = median(ratios)
		scaled = fmt.Sprintf("default × %.2f, the ratio of your own runs of other kinds to theirs", scale)
	}
	var out []Rate
	for _, k := range []plan.Kind{plan.Recovery, plan.Easy, plan.Long, plan.Threshold, plan.Intervals, plan.Race} {
		if r := own[k]; len(r) >= ownFrom {
			out = append(out, Rate{Kind: k, PerMinute: round2(median(r)), Source: fmt.Sprintf("your %d %s runs, the last %d days", len(r), k, ownWindow)})
			continue
		}
		out = append(out, Rate{Kind: k, PerMinute: round2(defaultPerMinute[k] * scale), Source: scaled})
	}
	return out
}

// median is the middle of xs, which it sorts.
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// classKind is the plan's kind of session a stored run's class counts
// as, for its load per minute.
var classKind = map[analysis.Class]plan.Kind{
	analysis.Recovery: plan.Recovery, analysis.Easy: plan.Easy, analysis.Steady: plan.Easy,
	analysis.Long: plan.Long, analysis.Tempo: plan.Threshold, analysis.Intervals: plan.Intervals,
	analysis.Race: plan.Race,
}
