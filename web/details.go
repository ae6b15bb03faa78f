package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/easyrun/easyrun/activity"
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

// tagSports corrects the sport of the activities ticked in the list, as
// 'easyrun tag ID... --sport' does: each is analysed again as its sport.
func (s *Server) tagSports(r *http.Request, svc *training.Service) (string, error) {
	if err := r.ParseForm(); err != nil {
		return "", badInput("The form could not be read.")
	}
	sport := activity.Sport(r.PostFormValue("sport"))
	if err := store.CheckSport(sport); err != nil {
		return "", badInput("The sport %q is not one easyrun knows: choose one of %s.", sport, store.TagSportNames())
	}
	var ids []int64
	for _, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", badInput("%q is not an activity.", v)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return "", badInput("Tick the activities to tag first.")
	}
	if _, err := svc.SetSport(r.Context(), sport, ids...); err != nil {
		return "", fmt.Errorf("tag activities: %w", err)
	}
	return fmt.Sprintf("/activities?tagged=%d", len(ids)), nil
}
