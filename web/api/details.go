package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// setDetails replaces an activity's name, notes and race mark and
// answers the activity analysed again: a name or note can tag a run as
// meant for recovery, and a race is hard.
func (s *server) setDetails(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	id, err := activityID(r)
	if err != nil {
		return err
	}
	var in struct {
		Name  *string `json:"name"`
		Notes *string `json:"notes"`
		Race  *bool   `json:"race"`
	}
	if err := readJSON(w, r, &in); err != nil {
		return err
	}
	if in.Name == nil || in.Notes == nil || in.Race == nil {
		return httperr.BadRequest(`want {"name": "...", "notes": "...", "race": false}, all given ("" clears a text)`)
	}
	if _, err := svc.SetDetails(r.Context(), id, store.Details{Name: *in.Name, Notes: *in.Notes, Race: *in.Race}); errors.Is(err, store.ErrNotFound) {
		return httperr.New(http.StatusNotFound, httperr.CodeNotFound, "activity %d not found", id)
	} else if err != nil {
		return fmt.Errorf("edit activity %d: %w", id, err)
	}
	return s.showActivity(svc, w, r)
}

// deleteActivity deletes an activity and answers 204; its original file
// is kept.
func (s *server) deleteActivity(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	id, err := activityID(r)
	if err != nil {
		return err
	}
	if _, err := svc.Delete(r.Context(), id); errors.Is(err, store.ErrNotFound) {
		return httperr.New(http.StatusNotFound, httperr.CodeNotFound, "activity %d not found", id)
	} else if err != nil {
		return fmt.Errorf("delete activity %d: %w", id, err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
