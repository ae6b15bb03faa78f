package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// Shoes lists the athlete's shoes, by the day they started, each with the
// distance of the activities assigned to it.
func (s *Store) Shoes(ctx context.Context, athlete store.AthleteID) ([]activity.Shoe, error) {
	shoes, err := collect(ctx, s.d.Conn, func(row Row) (activity.Shoe, error) {
		var (
			sh      activity.Shoe
			started string
		)
		if err := row.Scan(&sh.ID, &sh.Name, &sh.Brand, &started, &sh.RetireAtM, &sh.Retired, &sh.Default, &sh.DistanceM); err != nil {
			return sh, err
		}
		t, err := time.Parse(time.DateOnly, started)
		if err != nil {
			return sh, fmt.Errorf("shoe %d: started %q: %w", sh.ID, started, store.ErrCorrupt)
		}
		sh.Started = t
		return sh, nil
	}, `SELECT s.id, s.name, s.brand, s.started, s.retire_at_m, s.retired, s.is_default,
			COALESCE(SUM(a.distance_m), 0)
		FROM shoes s LEFT JOIN activities a ON a.athlete_id = s.athlete_id AND a.shoe_id = s.id
		WHERE s.athlete_id = ?
		GROUP BY s.id, s.name, s.brand, s.started, s.retire_at_m, s.retired, s.is_default
		ORDER BY s.started, s.id`, athlete)
	if err != nil {
		return nil, fmt.Errorf("shoes: %w", err)
	}
	return shoes, nil
}

// SaveShoe adds a shoe (ID 0) or replaces one of the athlete's, after
// activity.Shoe.Validate, and returns its id. The shoe is written first,
// not the default, so that a shoe that is not the athlete's changes
// nothing; a default one then takes the mark from any other, so that a
// failure on the way leaves no default rather than two. An id of another
// athlete's shoe, or an athlete that does not exist, gives
// store.ErrNotFound.
func (s *Store) SaveShoe(ctx context.Context, athlete store.AthleteID, sh activity.Shoe) (int64, error) {
	if err := sh.Validate(); err != nil {
		return 0, err
	}
	started := sh.Started.Format(time.DateOnly)
	if sh.ID == 0 {
		// Selecting the athlete makes a missing one insert nothing.
		err := s.d.Conn.QueryRow(ctx, `INSERT INTO shoes (athlete_id, name, brand, started, retire_at_m, retired, is_default)
			SELECT id, ?, ?, ?, ?, ?, ? FROM athletes WHERE id = ? RETURNING id`,
			s.d.Text(sh.Name), s.d.Text(sh.Brand), started, sh.RetireAtM, sh.Retired, false, athlete).Scan(&sh.ID)
		if errors.Is(err, sql.ErrNoRows) {
			err = fmt.Errorf("athlete %d: %w", athlete, store.ErrNotFound)
		}
		if err != nil {
			return 0, fmt.Errorf("add shoe: %w", err)
		}
	} else {
		n, err := s.d.Conn.Exec(ctx, `UPDATE shoes SET name = ?, brand = ?, started = ?, retire_at_m = ?, retired = ?, is_default = ?
			WHERE athlete_id = ? AND id = ?`,
			s.d.Text(sh.Name), s.d.Text(sh.Brand), started, sh.RetireAtM, sh.Retired, false, athlete, sh.ID)
		if err := OneRow(n, err); err != nil {
			return 0, fmt.Errorf("save shoe %d: %w", sh.ID, err)
		}
	}
	if sh.Default {
		if _, err := s.d.Conn.Exec(ctx, `UPDATE shoes SET is_default = ? WHERE athlete_id = ? AND id <> ?`, false, athlete, sh.ID); err != nil {
			return 0, fmt.Errorf("save shoe %d: %w", sh.ID, err)
		}
		if _, err := s.d.Conn.Exec(ctx, `UPDATE shoes SET is_default = ? WHERE athlete_id = ? AND id = ?`, true, athlete, sh.ID); err != nil {
			return 0, fmt.Errorf("save shoe %d: %w", sh.ID, err)
		}
	}
	return sh.ID, nil
}

// SetShoe assigns one of the athlete's shoes to one of their activities;
// shoe 0 takes the activity's shoe off. An activity or shoe of another
// athlete gives store.ErrNotFound.
func (s *Store) SetShoe(ctx context.Context, athlete store.AthleteID, id, shoe int64) error {
	var (
		n   int64
		err error
	)
	if shoe == 0 {
		n, err = s.d.Conn.Exec(ctx, `UPDATE activities SET shoe_id = NULL WHERE athlete_id = ? AND id = ?`, athlete, id)
	} else {
		n, err = s.d.Conn.Exec(ctx, `UPDATE activities SET shoe_id = ? WHERE athlete_id = ? AND id = ?
			AND EXISTS (SELECT 1 FROM shoes WHERE athlete_id = ? AND id = ?)`, shoe, athlete, id, athlete, shoe)
	}
	if err := OneRow(n, err); err != nil {
		return fmt.Errorf("set shoe of activity %d: %w", id, err)
	}
	return nil
}
