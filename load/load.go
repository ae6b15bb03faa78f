// Package load turns daily training loads into the trends a runner
// watches: fitness, fatigue and form; the acute:chronic workload ratio;
// monotony and strain; and Banister's impulse-response performance
// (science.md §5). It is pure and deterministic.
package load

import (
	"math"
	"slices"
	"time"
)

// Time constants and gains of the models (science.md §5).
const (
	fitnessDays = 42 // CTL
	fatigueDays = 7  // ATL
	acuteDays   = 7  // ACWR acute window N
	chronicDays = 28 // ACWR chronic window N

	banisterK1, banisterK2     = 1.0, 2.0
	banisterTau1, banisterTau2 = 42.0, 7.0
)

// Day is one day's training load: the sum of its sessions (TRIMP,
// hrTSS or session-RPE, in one unit throughout a series). Only the
// calendar date of Date counts, read in Date's own location.
type Day struct {
	Date time.Time
	Load float64
}

// Point is one day of the series. Fitness, fatigue and the EWMA loads
// include the day's own load; Form and Performance describe the start of
// the day, from the days before it.
type Point struct {
	Date time.Time // midnight UTC of the calendar date
	Load float64

	Fitness float64 // chronic training load, CTL: 42-day exponential average
	Fatigue float64 // acute training load, ATL: 7-day exponential average
	// Form is the training stress balance on the morning of the day:
	// yesterday's fitness minus yesterday's fatigue, TSB_d = CTL_{d−1} − ATL_{d−1}.
	Form float64

	Acute   float64 // EWMA with N = 7, λ = 2/(N+1) (Williams et al. 2017)
	Chronic float64 // EWMA with N = 28
	ACWR    float64 // Acute / Chronic; 0 before any load

	// Performance is Banister's impulse-response model relative to the
	// starting level: k1 × fitness − k2 × fatigue from loads before the
	// day (k1 1, k2 2, τ1 42 d, τ2 7 d).
	Performance float64

	// Days is how many days the series covers up to and including this one.
	Days int

	impulse1, impulse2 float64 // Banister's, behind Performance (State)
}

// Series computes one Point per calendar day from the first day in days
// to the last, filling missing days with zero load and adding up loads
// that fall on the same date, in the order given. Every model starts from
// zero. Loads that are negative or not finite are ignored. To carry the
// trends to today, include today with zero load.
func Series(days []Day) []Point { return Continue(State{}, days) }

// State is where the models stand at the end of a day: all a series needs
// to go on from the next day exactly, to the last bit, as it would have
// gone on from its first day. The zero State is before any day.
type State struct {
	Date time.Time // midnight UTC of the calendar date; zero before any day
	Load float64   // the day's load

	Fitness, Fatigue, Acute, Chronic float64
	// Impulse1 and Impulse2 are Banister's fitness and fatigue impulses
	// at the start of the day: the loads before it, decayed by τ1 and τ2.
	Impulse1, Impulse2 float64

	Days int // days the series covered up to and including this one
}

// State is where the models stand at the end of p's day.
func (p Point) State() State {
	return State{Date: p.Date, Load: p.Load, Fitness: p.Fitness, Fatigue: p.Fatigue, Acute: p.Acute, Chronic: p.Chronic,
		Impulse1: p.impulse1, Impulse2: p.impulse2, Days: p.Days}
}

// Continue computes the Points of the days after s's up to the last day
// in days, as Series would give them for the days up to s's followed by
// days: a series kept as its last State goes on without its history.
// Days on or before s's date are ignored (they are in s); from the zero
// State, Continue is Series.
func Continue(s State, days []Day) []Point {
	byDate := make([]Day, 0, len(days))
	for _, d := range days {
		if d.Load >= 0 && !math.IsInf(d.Load, 1) { // rejects NaN too
			if date := civil(d.Date); s.Date.IsZero() || date.After(s.Date) {
				byDate = append(byDate, Day{Date: date, Load: d.Load})
			}
		}
	}
	if len(byDate) == 0 {
		return nil
	}
	// Stable, so that a day's loads add up in the same order whichever
	// days come before them: a continued series equals the whole one.
	byTime := func(a, b Day) int { return a.Date.Compare(b.Date) }
	if !slices.IsSortedFunc(byDate, byTime) { // callers usually pass days in order
		slices.SortStableFunc(byDate, byTime)
	}
	first, last := byDate[0].Date, byDate[len(byDate)-1].Date
	if !s.Date.IsZero() {
		first = s.Date.Add(day)
	}
	points := make([]Point, dayIndex(first, last)+1)
	for i := range points {
		points[i].Date = first.Add(time.Duration(i) * day) // UTC has no DST
	}
	for _, d := range byDate {
		points[dayIndex(first, d.Date)].Load += d.Load
	}

	const (
		lambdaAcute   = 2.0 / (acuteDays + 1)
		lambdaChronic = 2.0 / (chronicDays + 1)
	)
	decay1, decay2 := math.Exp(-1/banisterTau1), math.Exp(-1/banisterTau2)
	ctl, atl, acute, chronic := s.Fitness, s.Fatigue, s.Acute, s.Chronic
	g1, g2, prevLoad := s.Impulse1, s.Impulse2, s.Load
	for i := range points {
		p := &points[i]
		p.Days = s.Days + i + 1
		p.Form = ctl - atl
		g1 = (g1 + prevLoad) * decay1
		g2 = (g2 + prevLoad) * decay2
		p.impulse1, p.impulse2 = g1, g2
		p.Performance = banisterK1*g1 - banisterK2*g2

		ctl += (p.Load - ctl) / fitnessDays
		atl += (p.Load - atl) / fatigueDays
		acute = lambdaAcute*p.Load + (1-lambdaAcute)*acute
		chronic = lambdaChronic*p.Load + (1-lambdaChronic)*chronic
		p.Fitness, p.Fatigue, p.Acute, p.Chronic = ctl, atl, acute, chronic
		if chronic > 0 {
			p.ACWR = acute / chronic
		}
		prevLoad = p.Load
	}
	return points
}

const day = 24 * time.Hour

// civil is the calendar date of t, as midnight UTC.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dayIndex counts the days from first to d, both midnight UTC.
func dayIndex(first, d time.Time) int {
	return int(d.Sub(first) / day)
}

// Week is Foster's monotony and strain of a week of daily loads:
// monotony = mean / population standard deviation, strain = weekly load
// × monotony (science.md §5). It reports false when monotony is
// undefined: every day the same (including a week of rest), or a load
// negative or not finite.
func Week(loads [7]float64) (monotony, strain float64, ok bool) {
	var sum, sumSq float64
	for _, l := range loads {
		if !(l >= 0) || math.IsInf(l, 1) {
			return 0, 0, false
		}
		sum += l
	}
	mean := sum / float64(len(loads))
	for _, l := range loads {
		sumSq += (l - mean) * (l - mean)
	}
	sd := math.Sqrt(sumSq / float64(len(loads)))
	// Equal loads can leave rounding noise in sd; that is still no variation.
	if sd <= 1e-9*mean || sd == 0 {
		return 0, 0, false
	}
	monotony = mean / sd
	return monotony, sum * monotony, true
}
