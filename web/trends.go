package web

import (
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/chart"
)

// trendSpans are the spans, in weeks, the trends page offers: a quarter,
// half a year and a year.
var trendSpans = []int{12, 26, 52}

// easyGoal is the share of easy sessions the 80/20 rule of thumb asks
// (coaching.md, "Plans a coach would sign": by sessions, about one in
// five hard).
const easyGoal = 0.8

// sessionWeek is one Monday-to-Sunday week of running split by session:
// a session counts whole as hard or easy, as the analysis classed it.
type sessionWeek struct {
	Monday time.Time
	// Index 0 holds the easy sessions, 1 the hard ones.
	Sessions  [2]int
	DistanceM [2]float64
	Seconds   [2]float64
	// Score is the recovery audit's score of the week, when Scored.
	Score  int
	Scored bool
}

// Runs is how many sessions the week had.
func (w sessionWeek) Runs() int { return w.Sessions[0] + w.Sessions[1] }

// EasyShare is the share of the week's sessions that were easy; zero
// for a week without running (Runs says which).
func (w sessionWeek) EasyShare() float64 {
	if w.Runs() == 0 {
		return 0
	}
	return float64(w.Sessions[0]) / float64(w.Runs())
}

// trendsData is what the trends page shows.
type trendsData struct {
	Span     int
	Spans    []int
	Weeks    []sessionWeek // newest first, for the tables
	Distance template.HTML
	Time     template.HTML
	Score    template.HTML
	// Easy and Hard count the sessions of the whole span; Share is the
	// easy share of them, HasRuns false when there were none.
	Easy, Hard, Runs int
	Share            float64
	HasRuns          bool
	Goal             float64
	// Bests are the personal bests of every distance.
	Bests []bestRow
}

// bestRow is one distance's personal bests as the page lists them: the
// fastest few of all time, then the fastest of the last twelve months.
type bestRow struct {
	training.DistanceBests
	Efforts []effortRow
}

// effortRow is one best with its rank of all time, or Recent: the
// fastest of the last twelve months.
type effortRow struct {
	Rank   int
	Recent bool
	training.Effort
	Took time.Duration // Seconds, for the formats
}

func (s *Server) trends(r *http.Request, svc *training.Service) (view, error) {
	ctx := r.Context()
	n, err := trendSpan(r.FormValue("weeks"))
	if err != nil {
		return view{}, err
	}
	last := monday(s.now(svc))
	first := last.AddDate(0, 0, -7*(n-1))
	recs, err := svc.Store.Activities(ctx, svc.Athlete, store.Filter{From: first.AddDate(0, 0, -1), Brief: true})
	if err != nil {
		return view{}, err
	}
	report, err := svc.Audit(ctx, n)
	if err != nil {
		return view{}, err
	}
	u, err := units(ctx, svc)
	if err != nil {
		return view{}, err
	}
	weeks := sessionWeeks(recs, last, n)
	scores := map[string]int{}
	for _, w := range report.Weeks {
		if w.Scored {
			scores[w.Monday] = w.Score
		}
	}
	d := trendsData{Span: n, Spans: trendSpans, Goal: easyGoal}
	for i := range weeks {
		w := &weeks[i]
		w.Score, w.Scored = scores[w.Monday.Format(time.DateOnly)]
		d.Easy += w.Sessions[0]
		d.Hard += w.Sessions[1]
	}
	if d.Runs = d.Easy + d.Hard; d.Runs > 0 {
		d.Share, d.HasRuns = float64(d.Easy)/float64(d.Runs), true
	}
	d.Distance, d.Time, d.Score = trendCharts(weeks, display.In(u))
	bests, err := svc.Bests(ctx)
	if err != nil {
		return view{}, err
	}
	d.Bests = bestRows(bests)
	d.Weeks = slices.Clone(weeks)
	slices.Reverse(d.Weeks)
	return view{Page: "trends", Title: "Trends", Data: d}, nil
}

// trendSpan reads the weeks the runner asked for: one of trendSpans,
// the first when they asked for none.
func trendSpan(v string) (int, error) {
	if v == "" {
		return trendSpans[0], nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || !slices.Contains(trendSpans, n) {
		return 0, badInput("weeks %q: the trends cover 12, 26 or 52 weeks", v)
	}
	return n, nil
}

// sessionWeeks sums the runs of recs into the n weeks ending with the
// one that starts on last, each session whole as easy or hard by its
// analysis: the 80/20 count by sessions.
func sessionWeeks(recs []store.Record, last time.Time, n int) []sessionWeek {
	weeks := make([]sessionWeek, n)
	mondays := eachRun(recs, last, n, func(idx int, r *store.Record) {
		k := 0
		if r.Analysis.Hard {
			k = 1
		}
		w := &weeks[idx]
		w.Sessions[k]++
		w.DistanceM[k] += r.Activity.DistanceM
		w.Seconds[k] += float64(r.Analysis.DurationS)
	})
	for i, m := range mondays {
		weeks[i].Monday = m
	}
	return weeks
}

// eachRun calls add with each analysed run of recs (cross-training left
// out) that falls in the n weeks ending with the one that starts on last,
// and the index of its week by its day in last's location. It returns
// the first days of the weeks.
func eachRun(recs []store.Record, last time.Time, n int, add func(week int, r *store.Record)) []time.Time {
	first := last.AddDate(0, 0, -7*(n-1))
	mondays := make([]time.Time, n)
	for i := range mondays {
		mondays[i] = first.AddDate(0, 0, 7*i)
	}
	for i := range recs {
		r := &recs[i]
		if r.Analysis == nil || r.Analysis.Class == analysis.CrossTraining {
			continue
		}
		start := r.Activity.LocalStartIn(last.Location())
		local := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, last.Location())
		idx := int(local.Sub(first).Hours()+12) / (24 * 7) // +12 h: a DST change never moves a day
		if !local.Before(first) && idx < n {
			add(idx, r)
		}
	}
	return mondays
}

// sessionNames label the easy and hard sessions in the charts' legends.
var sessionNames = [2]string{"easy sessions", "hard sessions"}

// trendCharts draws the weekly distance (in the runner's units) and
// time stacked by easy and hard sessions, and the recovery score by week.
func trendCharts(weeks []sessionWeek, u display.Units) (dist, tm, score template.HTML) {
	mondays := make([]time.Time, len(weeks))
	scores := make([]float64, len(weeks))
	var km, mins [2]chart.Series
	for k := range 2 {
		km[k] = chart.Series{Name: sessionNames[k], Values: make([]float64, len(weeks))}
		mins[k] = chart.Series{Name: sessionNames[k], Values: make([]float64, len(weeks))}
	}
	for i, w := range weeks {
		mondays[i] = w.Monday
		scores[i] = math.NaN()
		if w.Scored {
			scores[i] = float64(w.Score)
		}
		for k := range 2 {
			km[k].Values[i] = w.DistanceM[k] / u.Metres()
			mins[k].Values[i] = w.Seconds[k] / 60
		}
	}
	dist = chart.WeekChart{Title: "Weekly distance by session", Unit: u.Unit(), Weeks: mondays, Series: km[:], Easy: 1}.SVG()
	tm = chart.WeekChart{Title: "Weekly time by session", Unit: "min", Weeks: mondays, Series: mins[:], Easy: 1}.SVG()
	score = chart.DateChart{Title: "Recovery score by week", Unit: "score, 0–100", Dates: mondays, ZeroLine: true,
		Series: []chart.Series{{Name: "Recovery score", Values: scores}}}.SVG()
	return dist, tm, score
}

// bestRows ranks each distance's bests for the page.
func bestRows(bests []training.DistanceBests) []bestRow {
	rows := make([]bestRow, len(bests))
	row := func(rank int, e training.Effort) effortRow {
		return effortRow{Rank: rank, Recent: rank == 0, Effort: e, Took: time.Duration(e.Seconds * float64(time.Second))}
	}
	for i, b := range bests {
		rows[i].DistanceBests = b
		for k, e := range b.Top {
			rows[i].Efforts = append(rows[i].Efforts, row(k+1, e))
		}
		if b.Recent != nil {
			rows[i].Efforts = append(rows[i].Efforts, row(0, *b.Recent))
		}
	}
	return rows
}
