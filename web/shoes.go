package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/training"
)

// shoesData is what the shoes page shows.
type shoesData struct {
	CSRF  string
	Shoes []activity.Shoe
	Today string
	// RetireAt is the default retirement distance in the runner's units.
	RetireAt float64
}

func (s *Server) shoesPage(r *http.Request, svc *training.Service) (view, error) {
	shoes, err := svc.Store.Shoes(r.Context(), svc.Athlete)
	if err != nil {
		return view{}, err
	}
	u, err := units(r.Context(), svc)
	if err != nil {
		return view{}, err
	}
	d := shoesData{CSRF: csrfToken(r), Shoes: shoes, Today: s.now(svc).Format(time.DateOnly),
		RetireAt: activity.DefaultRetireAtM / display.In(u).Metres()}
	return view{Page: "shoes", Title: "Shoes", Data: d}, nil
}

// addShoe adds a pair from the shoes page's form, the retirement
// distance in the runner's units.
func (s *Server) addShoe(r *http.Request, svc *training.Service) (string, error) {
	u, err := units(r.Context(), svc)
	if err != nil {
		return "", err
	}
	retire, err := strconv.ParseFloat(r.PostFormValue("retire_at"), 64)
	if err != nil {
		return "", badInput("Retire at %q is not a distance: give a number of %s.", r.PostFormValue("retire_at"), display.In(u).Unit())
	}
	started, err := s.date(svc.Local(), "shoe's first run", r.PostFormValue("started"), 0)
	if err != nil {
		return "", err
	}
	if started.IsZero() {
		return "", badInput("Give the day of the shoe's first run.")
	}
	sh := activity.Shoe{Name: r.PostFormValue("name"), Brand: r.PostFormValue("brand"),
		Started:   time.Date(started.Year(), started.Month(), started.Day(), 0, 0, 0, 0, time.UTC),
		RetireAtM: retire * display.In(u).Metres(), Default: r.PostFormValue("default") == "on"}
	if _, err := svc.Store.SaveShoe(r.Context(), svc.Athlete, sh); err != nil {
		return "", err
	}
	return "/shoes", nil
}

// retireShoe retires a pair from the shoes page.
func (s *Server) retireShoe(r *http.Request, svc *training.Service) (string, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return "", badInput("%q is not a shoe number.", r.PathValue("id"))
	}
	if _, err := svc.RetireShoe(r.Context(), id); err != nil {
		return "", err
	}
	return "/shoes", nil
}

// setShoe assigns a shoe to an activity from its page; "0" takes it off.
func (s *Server) setShoe(r *http.Request, svc *training.Service) (string, error) {
	id, err := activityID(r)
	if err != nil {
		return "", err
	}
	shoe, err := strconv.ParseInt(r.PostFormValue("shoe"), 10, 64)
	if err != nil || shoe < 0 {
		return "", badInput("%q is not one of your shoes.", r.PostFormValue("shoe"))
	}
	if err := svc.Store.SetShoe(r.Context(), svc.Athlete, id, shoe); err != nil {
		return "", fmt.Errorf("set shoe of activity %d: %w", id, err)
	}
	return fmt.Sprintf("/activities/%d", id), nil
}
