package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/training"
)

// morningDays is how many days of check-ins the morning page lists.
const morningDays = 14

type morningData struct {
	CSRF  string
	M     training.Mornings
	Saved bool
	// Form is today's check-in as logged, to correct it.
	Form activity.Morning
	// Legs are the steps of the legs scale, from fresh to very sore.
	Legs []activity.Legs
	// Tomorrow bounds the date field: a runner a zone ahead may be there.
	Tomorrow string
	// Max are the ranges of the fields, activity's.
	MinRHR, MaxRHR, MinRMSSD, MaxRMSSD, MaxSleepH int
}

// morning is the morning check-in page: a form quick on a phone, the
// last check-ins, and today's morning against the runner's normal.
func (s *Server) morning(r *http.Request, svc *training.Service) (view, error) {
	ms, err := svc.Mornings(r.Context(), svc.Local(), morningDays)
	if err != nil {
		return view{}, err
	}
	now := s.now(svc)
	d := morningData{CSRF: csrfToken(r), M: ms, Saved: r.URL.Query().Get("saved") != "", Form: ms.Baseline.Today,
		Legs:     []activity.Legs{activity.FreshLegs, activity.NormalLegs, activity.TiredLegs, activity.HeavyLegs, activity.VerySoreLegs},
		Tomorrow: now.AddDate(0, 0, 1).Format(time.DateOnly),
		MinRHR:   activity.MinMorningRHR, MaxRHR: activity.MaxMorningRHR, MinRMSSD: activity.MinRMSSD, MaxRMSSD: activity.MaxRMSSD,
		MaxSleepH: int(activity.MaxSleep.Hours())}
	if d.Form.Date == "" {
		d.Form.Date = ms.Date
	}
	return view{Page: "morning", Title: "Morning check-in", Data: d}, nil
}

// saveMorning stores the check-in form, as 'easyrun morning' does, and
// goes back to the page to show where the morning stands.
func (s *Server) saveMorning(r *http.Request, svc *training.Service) (string, error) {
	number := func(field, label string) (float64, error) {
		v := strings.ReplaceAll(strings.TrimSpace(r.PostFormValue(field)), ",", ".")
		if v == "" {
			return 0, nil
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return 0, badInput("The %s %q is not a number.", label, r.PostFormValue(field))
		}
		return n, nil
	}
	m := activity.Morning{Date: r.PostFormValue("date"), Note: strings.TrimSpace(r.PostFormValue("note")), Source: activity.Manual}
	var err error
	if m.RestingHR, err = number("rhr", "resting heart rate"); err != nil {
		return "", err
	}
	if m.RMSSDMs, err = number("hrv", "HRV"); err != nil {
		return "", err
	}
	hours, err := number("sleep", "sleep")
	if err != nil {
		return "", err
	}
	if m.Sleep, err = activity.SleepOf(hours, time.Hour); err != nil {
		return "", err
	}
	legs, err := number("legs", "legs")
	if err != nil {
		return "", err
	}
	m.Legs = activity.Legs(legs)
	if float64(m.Legs) != legs {
		return "", badInput("Legs %q: want a whole number from 1 to 5.", r.PostFormValue("legs"))
	}
	if _, _, err := svc.SaveMorning(r.Context(), m); err != nil {
		return "", err
	}
	return "/morning?saved=1", nil
}
