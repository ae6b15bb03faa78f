package web

import (
	"fmt"
	"net/http"

	"github.com/easyrun/easyrun/training"
)

// setDetails stores an activity's name and notes from its page, as
// 'easyrun edit' does, and analyses it again.
func (s *Server) setDetails(r *http.Request, svc *training.Service) (string, error) {
	id, err := activityID(r)
	if err != nil {
		return "", err
	}
	if _, err := svc.SetDetails(r.Context(), id, r.PostFormValue("name"), r.PostFormValue("notes")); err != nil {
		return "", fmt.Errorf("edit activity %d: %w", id, err)
	}
	return fmt.Sprintf("/activities/%d", id), nil
}
