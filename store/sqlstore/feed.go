package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/easyrun/easyrun/store"
)

// SaveFeed makes the athlete's calendar feed, replacing the one they had.
// An athlete that does not exist gives store.ErrNotFound.
func (s *Store) SaveFeed(ctx context.Context, f store.Feed) error {
	// Selecting the athlete makes a missing one insert nothing.
	n, err := s.d.Conn.Exec(ctx, `INSERT INTO feeds (athlete_id, hash, created_at) SELECT id, ?, ? FROM athletes WHERE id = ?
		ON CONFLICT (athlete_id) DO UPDATE SET hash = excluded.hash, created_at = excluded.created_at`,
		f.Hash, s.d.Time(f.Created), f.Athlete)
	if err := OneRow(n, err); err != nil {
		return fmt.Errorf("save calendar feed of athlete %d: %w", f.Athlete, err)
	}
	return nil
}

// Feed returns the athlete's calendar feed; store.ErrNotFound when they
// have none.
func (s *Store) Feed(ctx context.Context, athlete store.AthleteID) (store.Feed, error) {
	f := store.Feed{Athlete: athlete}
	var created any
	err := s.d.Conn.QueryRow(ctx, `SELECT hash, created_at FROM feeds WHERE athlete_id = ?`, athlete).Scan(&f.Hash, &created)
	if errors.Is(err, sql.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err == nil {
		f.Created, err = s.d.TimeOf(created)
	}
	if err != nil {
		return store.Feed{}, fmt.Errorf("calendar feed of athlete %d: %w", athlete, err)
	}
	return f, nil
}

// DeleteFeed revokes the athlete's calendar feed; revoking none is not an
// error.
func (s *Store) DeleteFeed(ctx context.Context, athlete store.AthleteID) error {
	if _, err := s.d.Conn.Exec(ctx, `DELETE FROM feeds WHERE athlete_id = ?`, athlete); err != nil {
		return fmt.Errorf("revoke calendar feed of athlete %d: %w", athlete, err)
	}
	return nil
}
