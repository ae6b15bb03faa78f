package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// Athlete returns the athlete's profile as last saved, or the zero profile
// when none was. An athlete that does not exist gives store.ErrNotFound.
func (db *DB) Athlete(ctx context.Context, athlete store.AthleteID) (activity.Athlete, error) {
	var profile []byte // nil until saved
	err := db.athlete.QueryRowContext(ctx, athlete).Scan(&profile)
	if errors.Is(err, sql.ErrNoRows) {
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
	res, err := db.saveAthlete.ExecContext(ctx, string(profile), a.Name, athlete)
	if err := oneRow(res, err); err != nil {
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
	res, err := db.setRPE.ExecContext(ctx, rpe, id, athlete)
	if err := oneRow(res, err); err != nil {
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
	res, err := db.setSport.ExecContext(ctx, string(sport), id, athlete)
	if err := oneRow(res, err); err != nil {
		return fmt.Errorf("set sport of activity %d: %w", id, err)
	}
	return nil
}

// oneRow turns the result of a statement that must change one row into an
// error: err itself, or store.ErrNotFound when it changed none.
func oneRow(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return store.ErrNotFound
	}
	return nil
}
