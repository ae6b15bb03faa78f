package api

import (
	"net/http"

	"github.com/easyrun/easyrun/training"
)

// rules answers the recovery rules with the runner's values, each with
// its default, range, reason and source.
func (s *server) rules(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	p, err := svc.Profile(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p.Rules.Values())
	return nil
}

// setRules replaces the runner's own values ({"max_above_cap": 5}; a
// rule not named is at its default, {} resets all), analyses again under
// them and answers the rules as GET does.
func (s *server) setRules(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	var over map[string]float64
	if err := readJSON(w, r, &over); err != nil {
		return err
	}
	rl, err := svc.SetRules(r.Context(), over)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rl.Values())
	return nil
}
