package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// Athlete returns the athlete's profile as last saved, or the zero profile
// when none was. An athlete that does not exist gives store.ErrNotFound.
func (db *DB) Athlete(ctx context.Context, athlete store.AthleteID) (activity.Athlete, error) {
	var profile []byte // nil until saved
	err := db.pool.QueryRow(ctx, `SELECT profile FROM athletes WHERE id = $1`, athlete).Scan(&profile)
	if errors.Is(err, pgx.ErrNoRows) {
		return activity.Athlete{}, fmt.Errorf("athlete %d: %w", athlete, store.ErrNotFound)
	}
	if err != nil {
		return activity.Athlete{}, fmt.Errorf("athlete %d: %w", athlete, err)
	}
	var a activity.Athlete
	if profile != nil {
		if err := json.Unmarshal(profile, &a); err != nil {
			return activity.Athlete{}, fmt.Errorf("athlete %d: profile: %v: %w", athlete, err, store.ErrCorrupt)
		}
	}
	return a, nil
}

// SaveAthlete replaces the athlete's profile. An athlete that does not
// exist gives store.ErrNotFound: athletes are created elsewhere.
func (db *DB) SaveAthlete(ctx context.Context, athlete store.AthleteID, a activity.Athlete) error {
	profile, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("save athlete %d: %w", athlete, err)
	}
	tag, err := db.pool.Exec(ctx, `UPDATE athletes SET profile = $1, name = $2 WHERE id = $3`, profile, text(a.Name), athlete)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("save athlete %d: %w", athlete, err)
	}
	return nil
}

// SetRPE sets or, with 0, clears the session RPE of one of the athlete's
// activities. The stored analysis is left as it is: the caller analyses
// the activity again to count the new RPE. An id that is not the
// athlete's gives store.ErrNotFound.
func (db *DB) SetRPE(ctx context.Context, athlete store.AthleteID, id int64, rpe int) error {
	if err := store.CheckRPE(rpe); err != nil {
		return fmt.Errorf("set rpe of activity %d: %w", id, err)
	}
	tag, err := db.pool.Exec(ctx, `UPDATE activities SET rpe = $1 WHERE athlete_id = $2 AND id = $3`, rpe, athlete, id)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("set rpe of activity %d: %w", id, err)
	}
	return nil
}

// SetSport sets the sport of one of the athlete's activities as the
// runner corrected it (store.CheckSport), marking it tagged so that a
// later recording of the session keeps it. The stored analysis is left as
// it is: the caller analyses the activity again. An id that is not the
// athlete's gives store.ErrNotFound.
func (db *DB) SetSport(ctx context.Context, athlete store.AthleteID, id int64, sport activity.Sport) error {
	if err := store.CheckSport(sport); err != nil {
		return fmt.Errorf("set sport of activity %d: %w", id, err)
	}
	tag, err := db.pool.Exec(ctx, `UPDATE activities SET sport = $1, sport_tagged = true WHERE athlete_id = $2 AND id = $3`, string(sport), athlete, id)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("set sport of activity %d: %w", id, err)
	}
	return nil
}

// oneRow turns the result of a statement that must change one row into an
// error: err itself, or store.ErrNotFound when it changed none.
func oneRow(tag pgconn.CommandTag, err error) error {
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return store.ErrNotFound
	}
	return nil
}
