package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/store"
)

// SaveVerdicts replaces the athlete's recovery verdicts with vs.
func (db *DB) SaveVerdicts(ctx context.Context, athlete store.AthleteID, vs []recovery.Verdict) error {
	// Encode before the transaction.
	rows := make([][]any, len(vs))
	for i := range vs {
		b, err := json.Marshal(&vs[i])
		if err != nil {
			return fmt.Errorf("save verdict on activity %d: %w", vs[i].ActivityID, err)
		}
		rows[i] = []any{athlete, vs[i].ActivityID, b}
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// Two audits saved at once would each delete and then both insert.
		if err := lockAthlete(ctx, tx, athlete); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM verdicts WHERE athlete_id = $1`, athlete); err != nil {
			return err
		}
		// COPY inserts in order, so the ids keep the verdicts' order; the
		// foreign key refuses another athlete's activity.
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"verdicts"}, []string{"athlete_id", "activity_id", "verdict"}, pgx.CopyFromRows(rows))
		return notTheirs(err)
	})
	if err != nil {
		return fmt.Errorf("save verdicts: %w", err)
	}
	return nil
}

// Verdicts lists the athlete's recovery verdicts in the order saved.
func (db *DB) Verdicts(ctx context.Context, athlete store.AthleteID) ([]recovery.Verdict, error) {
	return scanVerdicts(db.pool.Query(ctx, `SELECT verdict FROM verdicts WHERE athlete_id = $1 ORDER BY id`, athlete))
}

// activityVerdicts reads the verdicts on one of the athlete's activities.
func (db *DB) activityVerdicts(ctx context.Context, athlete store.AthleteID, id int64) ([]recovery.Verdict, error) {
	return scanVerdicts(db.pool.Query(ctx, `SELECT verdict FROM verdicts WHERE athlete_id = $1 AND activity_id = $2 ORDER BY id`, athlete, id))
}

// scanVerdicts reads the verdicts a query gave.
func scanVerdicts(rows pgx.Rows, err error) ([]recovery.Verdict, error) {
	if err != nil {
		return nil, fmt.Errorf("verdicts: %w", err)
	}
	var (
		vs []recovery.Verdict
		b  []byte
	)
	_, err = pgx.ForEachRow(rows, []any{&b}, func() error {
		var v recovery.Verdict
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("%v: %w", err, store.ErrCorrupt)
		}
		vs = append(vs, v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("verdicts: %w", err)
	}
	return vs, nil
}
