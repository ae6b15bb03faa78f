package web

import (
	"context"
	"html/template"
	"net/http"
	"slices"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// Spans of the dashboard's charts and lists.
const (
	loadDays      = 120 // fitness, fatigue and form: about four months
	volumeWeeks   = 16
	auditWeeks    = 2 // the latest verdicts: this week and last
	latestVerdict = 6
)

type dashboardData struct {
	Empty   bool
	Today   recovery.Recommendation
	Plan    training.PlanDay
	HasPlan bool
	Week    []day
	Score   *recovery.Week // this week's audit, nil before any session
	Load    loadView
	Volume  volumeView
	Verdict []recovery.Verdict // newest first
	// Morning is today's check-in; the zero Morning before it.
	Morning activity.Morning
}

// loadView is the load model for the dashboard: the chart and today's
// point in words.
type loadView struct {
	Chart   template.HTML
	Now     load.Point
	Unit    string
	Meaning []string
	RPE     string // how device-free runs were scaled
}

func (s *Server) dashboard(r *http.Request, svc *training.Service) (view, error) {
	ctx := r.Context()
	now := s.now(svc)
	var d dashboardData
	first := monday(now)
	recent, err := training.Keep(svc.Cache, "dashboard's weeks", svc.Athlete, svc.Local(), now, func() (recentRuns, error) {
		return readRecent(ctx, svc, first, now)
	})
	if err != nil {
		return view{}, err
	}
	d.Empty = recent.empty
	adv, err := svc.Advice(ctx, svc.Local(), auditWeeks)
	if err != nil {
		return view{}, err
	}
	d.Today, d.Plan = adv.Today, adv.Plan
	date := now.In(svc.Local()).Format(time.DateOnly)
	if ms, err := svc.Store.Mornings(ctx, svc.Athlete, date, date); err != nil {
		return view{}, err
	} else if len(ms) > 0 {
		d.Morning = ms[0]
	}
	d.Week = daysOf(recent.thisWeek, svc.Resolved(), first, first.AddDate(0, 0, 6), now)
	if adv.Adapted != nil {
		d.HasPlan = true
		withPlan(d.Week, adv.Adapted, midnight(now), nil) // the days to come
	}
	report := adv.Report
	if n := len(report.Weeks); n > 0 && report.Weeks[n-1].Monday == first.Format(time.DateOnly) {
		d.Score = &report.Weeks[n-1]
	}
	d.Verdict = slices.Clone(report.Verdicts)
	slices.Reverse(d.Verdict)
	d.Verdict = d.Verdict[:min(len(d.Verdict), latestVerdict)]

	d.Load, d.Volume = recent.load, recent.volume
	return view{Page: "dashboard", Title: "Today", Data: d}, nil
}

// recentRuns is what the dashboard reads of the weeks it shows, kept
// between views (training.Keep): reading and decoding the runs, and the
// load series, were most of a view.
type recentRuns struct {
	thisWeek []store.Record // from the day before the Monday of first on
	volume   volumeView
	load     loadView
	empty    bool // no activity at all
}

// readRecent reads the dashboard's weeks ending with the one that starts
// on first, at now: one read of the runs serves the volume chart, this
// week and whether there is anything at all; the load series is of the
// last loadDays.
func readRecent(ctx context.Context, svc *training.Service, first, now time.Time) (recentRuns, error) {
	recs, err := svc.Store.Activities(ctx, svc.Athlete, store.Filter{From: first.AddDate(0, 0, -7*(volumeWeeks-1)-1)})
	if err != nil {
		return recentRuns{}, err
	}
	ls, err := svc.Series(ctx, now.AddDate(0, 0, -loadDays), now)
	if err != nil {
		return recentRuns{}, err
	}
	cur := ls.Current()
	r := recentRuns{volume: weeklyVolume(recs, first, volumeWeeks), load: loadView{Chart: loadChart(ls), Now: cur,
		Unit: display.LoadUnit(analysis.LoadMethod(ls.Unit)), Meaning: cur.Meaning(), RPE: ls.RPEScale.Reason}}
	if len(recs) == 0 {
		latest, err := svc.Store.Activities(ctx, svc.Athlete, store.Filter{Limit: 1})
		if err != nil {
			return recentRuns{}, err
		}
		r.empty = len(latest) == 0
	}
	// Newest first: this week's, with a day's margin for the zone the
	// days are shown in, are the first.
	n := 0
	for n < len(recs) && !recs[n].Activity.Start.Before(first.AddDate(0, 0, -1)) {
		n++
	}
	r.thisWeek = slices.Clone(recs[:n]) // not the weeks before, which the volume holds
	return r, nil
}
