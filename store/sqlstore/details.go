package sqlstore

import (
	"context"
	"fmt"

	"github.com/easyrun/easyrun/store"
)

// SetDetails replaces the name, notes and race mark of one of the
// athlete's activities (store.CheckDetails bounds the text). The stored
// analysis is left as it is: the caller analyses the activity again,
// since a name or a note can tag a run as meant for recovery, and a race
// is hard. An id that is not the
// athlete's gives store.ErrNotFound.
func (s *Store) SetDetails(ctx context.Context, athlete store.AthleteID, id int64, d store.Details) error {
	if err := store.CheckDetails(d.Name, d.Notes); err != nil {
		return fmt.Errorf("edit activity %d: %w", id, err)
	}
	n, err := s.d.Conn.Exec(ctx, `UPDATE activities SET name = ?, notes = ?, race = ? WHERE athlete_id = ? AND id = ?`,
		s.d.Text(d.Name), s.d.Text(d.Notes), d.Race, athlete, id)
	if err := OneRow(n, err); err != nil {
		return fmt.Errorf("edit activity %d: %w", id, err)
	}
	return nil
}

// DeleteActivity deletes one of the athlete's activities with its
// sources, analysis, verdicts and peak (ON DELETE CASCADE). Its original
// files stay, as every original does: a file is the runner's record, and
// a re-import of it is still known as a duplicate. An id that is not the
// athlete's gives store.ErrNotFound.
func (s *Store) DeleteActivity(ctx context.Context, athlete store.AthleteID, id int64) error {
	n, err := s.d.Conn.Exec(ctx, `DELETE FROM activities WHERE athlete_id = ? AND id = ?`, athlete, id)
	if err := OneRow(n, err); err != nil {
		return fmt.Errorf("delete activity %d: %w", id, err)
	}
	return nil
}
