package web

import (
	"fmt"
	"net/http"

	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// setDetails stores an activity's name, notes and race mark from its page, as
// 'easyrun edit' does, and analyses it again.
func (s *Server) setDetails(r *http.Request, svc *training.Service) (string, error) {
	id, err := activityID(r)
	if err != nil {
		return "", err
	}
	if _, err := svc.SetDetails(r.Context(), id, store.Details{Name: r.PostFormValue("name"), Notes: r.PostFormValue("notes"), Race: r.PostFormValue("race") == "yes"}); err != nil {
		return "", fmt.Errorf("edit activity %d: %w", id, err)
	}
	return fmt.Sprintf("/activities/%d", id), nil
}

// deleteActivity deletes an activity from its page once the runner has
// ticked the confirmation, as 'easyrun delete --yes' does.
func (s *Server) deleteActivity(r *http.Request, svc *training.Service) (string, error) {
	id, err := activityID(r)
	if err != nil {
		return "", err
	}
	if r.PostFormValue("confirm") != "yes" {
		return "", badInput("Tick “Yes, delete this activity” to delete it.")
	}
	if _, err := svc.Delete(r.Context(), id); err != nil {
		return "", fmt.Errorf("delete activity %d: %w", id, err)
	}
	return "/activities?deleted=1", nil
}
