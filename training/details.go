package training

import (
	"context"
	"strings"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// SetDetails replaces an activity's name, notes and race mark, then
// analyses it again with the sessions around it: a name or a note can
// tag a run as meant for recovery (rules.Set's RecoveryWords), and a race
// is a hard day. Text beyond store.CheckDetails's bounds is refused with an
// *activity.InputError before anything is written.
func (s *Service) SetDetails(ctx context.Context, id int64, d store.Details) (Refreshed, error) {
	d.Name = strings.TrimSpace(d.Name)
	if err := store.CheckDetails(d.Name, d.Notes); err != nil {
		return Refreshed{}, &activity.InputError{Field: "activity", Msg: err.Error()}
	}
	if err := s.Store.SetDetails(ctx, s.Athlete, id, d); err != nil {
		return Refreshed{}, err
	}
	return s.refresh(ctx, func(x int64) bool { return x == id })
}

// Delete deletes an activity and analyses again what it touched: the
// runner's max heart rate may have come from it, and the audit of the
// days around it changes. Its original files are kept.
func (s *Service) Delete(ctx context.Context, id int64) (Refreshed, error) {
	if err := s.Store.DeleteActivity(ctx, s.Athlete, id); err != nil {
		return Refreshed{}, err
	}
	return s.refresh(ctx, func(int64) bool { return false })
}
