package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/store"
)

// SaveVerdicts replaces the athlete's recovery verdicts with vs.
func (db *DB) SaveVerdicts(ctx context.Context, athlete store.AthleteID, vs []recovery.Verdict) error {
	// Encode before taking the write lock.
	encoded := make([]string, len(vs))
	for i := range vs {
		b, err := json.Marshal(&vs[i])
		if err != nil {
			return fmt.Errorf("save verdict on activity %d: %w", vs[i].ActivityID, err)
		}
		encoded[i] = string(b)
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.StmtContext(ctx, db.dropVerdicts).ExecContext(ctx, athlete); err != nil {
			return err
		}
		stmt := tx.StmtContext(ctx, db.saveVerdict)
		for i := range vs {
			res, err := stmt.ExecContext(ctx, encoded[i], vs[i].ActivityID, athlete)
			if err := oneRow(res, err); err != nil {
				return fmt.Errorf("activity %d: %w", vs[i].ActivityID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save verdicts: %w", err)
	}
	return nil
}

// Verdicts lists the athlete's recovery verdicts in the order saved.
func (db *DB) Verdicts(ctx context.Context, athlete store.AthleteID) ([]recovery.Verdict, error) {
	return scanVerdicts(db.allVerdicts.QueryContext(ctx, athlete))
}

// activityVerdicts reads the verdicts on one of the athlete's activities.
func (db *DB) activityVerdicts(ctx context.Context, athlete store.AthleteID, id int64) ([]recovery.Verdict, error) {
	return scanVerdicts(db.verdicts.QueryContext(ctx, athlete, id))
}

// scanVerdicts reads the verdicts a query gave.
func scanVerdicts(rows *sql.Rows, err error) ([]recovery.Verdict, error) {
	if err != nil {
		return nil, fmt.Errorf("verdicts: %w", err)
	}
	defer rows.Close()
	var vs []recovery.Verdict
	for rows.Next() {
		var b []byte
		var v recovery.Verdict
		if err := rows.Scan(&b); err != nil {
			return nil, fmt.Errorf("verdicts: %w", err)
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, fmt.Errorf("verdicts: %w", err)
		}
		vs = append(vs, v)
	}
	return vs, rows.Err()
}
