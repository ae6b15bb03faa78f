package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// listShoes answers the runner's shoes with their distance.
func (s *server) listShoes(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	shoes, err := svc.Store.Shoes(r.Context(), svc.Athlete)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, append([]activity.Shoe{}, shoes...)) // none is [], not null
	return nil
}

// addShoe adds a pair: a name, optionally a brand, the day of its first
// run (today by default), the distance to retire it at (700 km by
// default), and whether new runs go to it.
func (s *server) addShoe(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name      string   `json:"name"`
		Brand     string   `json:"brand"`
		Started   string   `json:"started"`
		RetireAtM *float64 `json:"retire_at_m"`
		Default   bool     `json:"default"`
	}
	if err := readJSON(w, r, &in); err != nil {
		return err
	}
	sh := activity.Shoe{Name: in.Name, Brand: in.Brand, RetireAtM: activity.DefaultRetireAtM, Default: in.Default}
	if in.RetireAtM != nil {
		sh.RetireAtM = *in.RetireAtM
	}
	now := s.Now().In(svc.Local())
	sh.Started = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if in.Started != "" {
		t, err := time.Parse(time.DateOnly, in.Started)
		if err != nil {
			return httperr.BadRequest("started %q: want a date like 2026-11-24", in.Started)
		}
		sh.Started = t
	}
	id, err := svc.Store.SaveShoe(r.Context(), svc.Athlete, sh)
	if err != nil {
		return err
	}
	sh, err = svc.Shoe(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, sh)
	return nil
}

// retireShoe retires a pair and answers it.
func (s *server) retireShoe(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return httperr.BadRequest("bad shoe id %q: want a positive whole number", r.PathValue("id"))
	}
	sh, err := svc.RetireShoe(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sh)
	return nil
}

// setShoe assigns a shoe to an activity, or with shoe_id 0 takes it off.
func (s *server) setShoe(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	id, err := activityID(r)
	if err != nil {
		return err
	}
	var in struct {
		ShoeID *int64 `json:"shoe_id"`
	}
	if err := readJSON(w, r, &in); err != nil {
		return err
	}
	if in.ShoeID == nil || *in.ShoeID < 0 {
		return httperr.BadRequest("want {\"shoe_id\": N} with N one of your shoes, or 0 to take the shoe off")
	}
	if err := svc.Store.SetShoe(r.Context(), svc.Athlete, id, *in.ShoeID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
