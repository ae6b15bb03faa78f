package web

import (
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
	// One read serves the volume chart, this week and whether there is
	// anything at all.
	recs, err := svc.Store.Activities(ctx, svc.Athlete, store.Filter{From: first.AddDate(0, 0, -7*(volumeWeeks-1)-1)})
	if err != nil {
		return view{}, err
	}
	if len(recs) == 0 {
		latest, err := svc.Store.Activities(ctx, svc.Athlete, store.Filter{Limit: 1})
		if err != nil {
			return view{}, err
		}
		d.Empty = len(latest) == 0
	}
	adv, err := svc.Advice(ctx, svc.Local(), auditWeeks)
	if err != nil {
		return view{}, err
	}
	ls, err := svc.Series(ctx, now.AddDate(0, 0, -loadDays), now)
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
	d.Week = daysOf(recs, svc.Resolved(), first, first.AddDate(0, 0, 6), now)
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

	cur := ls.Current()
	d.Load = loadView{Chart: loadChart(ls), Now: cur, Unit: display.LoadUnit(analysis.LoadMethod(ls.Unit)), Meaning: cur.Meaning(), RPE: ls.RPEScale.Reason}

	d.Volume = weeklyVolume(recs, first, volumeWeeks)
	return view{Page: "dashboard", Title: "Today", Data: d}, nil
}
