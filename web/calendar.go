package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/training"
)

type calendarData struct {
	Month      time.Time
	Prev, Next string // "2006-01" of the months around
	Weeks      [][]day
	Totals     []string // each week's moving time
	Legend     []legendEntry
	// Verdicts are the month's days against the plan, latest first.
	Verdicts []plan.Verdict
}

type legendEntry struct{ Kind, Label string }

// legend names the colours of the session classes, as every page uses them.
var legend = []legendEntry{
	{"k-recovery", "recovery"}, {"k-easy", "easy"}, {"k-long", "long"}, {"k-steady", "steady"},
	{"k-tempo", "tempo / threshold"}, {"k-intervals", "intervals"}, {"k-race", "race"},
	{"k-hard", "other hard session"}, {"k-cross_training", "cross-training"}, {"k-rest", "rest"},
}

func (s *Server) calendar(r *http.Request, svc *training.Service) (view, error) {
	now := s.now(svc)
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, svc.Local())
	if m := r.URL.Query().Get("month"); m != "" {
		t, err := time.ParseInLocation("2006-01", m, svc.Local())
		if err != nil {
			return view{}, badInput("The month %q is not a month like 2026-11.", m)
		}
		month = t
	}
	first := monday(month)
	last := monday(month.AddDate(0, 1, -1)).AddDate(0, 0, 6)
	all, err := days(r.Context(), svc, first, last, now)
	if err != nil {
		return view{}, err
	}
	verdicts, err := s.planOnCalendar(r, svc, all, now)
	if err != nil {
		return view{}, err
	}
	d := calendarData{Verdicts: verdicts, Month: month,
		Prev: month.AddDate(0, -1, 0).Format("2006-01"),
		Next: month.AddDate(0, 1, 0).Format("2006-01"), Legend: legend}
	for i := 0; i+7 <= len(all); i += 7 {
		wk := all[i : i+7]
		var t time.Duration
		for j := range wk {
			wk[j].Outside = wk[j].Date.Month() != month.Month()
			t += wk[j].Moving()
		}
		d.Weeks = append(d.Weeks, wk)
		d.Totals = append(d.Totals, display.Clock(t))
	}
	return view{Page: "calendar", Title: month.Format("January 2006"), Data: d}, nil
}

// planOnCalendar sets the plan's sessions and verdicts on the days ds,
// and returns the verdicts, latest first. Reviewing reads the whole
// history, so it runs only when the plan has days past in ds.
func (s *Server) planOnCalendar(r *http.Request, svc *training.Service, ds []day, now time.Time) ([]plan.Verdict, error) {
	p, _, err := svc.AdaptedPlan(r.Context(), svc.Local())
	if errors.Is(err, training.ErrNoPlan) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	first, last := plan.DateOf(ds[0].Date), plan.DateOf(ds[len(ds)-1].Date)
	yesterday := plan.DateOf(now).AddDays(-1)
	var verdicts []plan.Verdict
	if start, end := planSpan(p); first.Compare(yesterday) <= 0 && start.Compare(yesterday) <= 0 &&
		start.Compare(last) <= 0 && end.Compare(first) >= 0 {
		all, err := svc.Review(r.Context(), svc.Local(), yesterday.DaysSince(first)+1)
		if err != nil {
			return nil, err
		}
		for _, v := range all {
			if v.Date.Compare(last) <= 0 {
				verdicts = append(verdicts, v)
			}
		}
	}
	withPlan(ds, p, ds[0].Date, verdicts)
	return verdicts, nil
}

// planSpan is the first and the last day of p.
func planSpan(p *plan.Plan) (first, last plan.Date) {
	if len(p.Weeks) == 0 {
		return first, last
	}
	return p.Weeks[0].Monday, p.Weeks[len(p.Weeks)-1].Monday.AddDays(6)
}
