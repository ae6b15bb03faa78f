package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// SavePeaks stores the peaks of the athlete's activities, replacing
// earlier ones, in one transaction: an id that is not the athlete's gives
// store.ErrNotFound and saves none of them.
func (db *DB) SavePeaks(ctx context.Context, athlete store.AthleteID, ps []store.Peak) error {
	if len(ps) == 0 {
		return nil
	}
	// Encode before taking the write lock.
	encoded := make([]string, len(ps))
	for i := range ps {
		b, err := json.Marshal(&ps[i].HR)
		if err != nil {
			return fmt.Errorf("save peak of activity %d: %w", ps[i].ActivityID, err)
		}
		encoded[i] = string(b)
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		stmt := tx.StmtContext(ctx, db.savePeak)
		for i := range ps {
			res, err := stmt.ExecContext(ctx, encoded[i], ps[i].ActivityID, athlete)
			if err := oneRow(res, err); err != nil {
				return fmt.Errorf("activity %d: %w", ps[i].ActivityID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save peaks: %w", err)
	}
	return nil
}

// Peaks lists the athlete's activities starting in [from, to), oldest
// first, with their peaks where saved.
func (db *DB) Peaks(ctx context.Context, athlete store.AthleteID, from, to time.Time) ([]store.Peak, error) {
	fromUnix, toUnix := int64(math.MinInt64), int64(math.MaxInt64)
	if !from.IsZero() {
		fromUnix = store.CeilUnix(from)
	}
	if !to.IsZero() {
		toUnix = store.CeilUnix(to)
	}
	rows, err := db.peaks.QueryContext(ctx, athlete, fromUnix, toUnix)
	if err != nil {
		return nil, fmt.Errorf("peaks: %w", err)
	}
	defer rows.Close()
	var ps []store.Peak
	for rows.Next() {
		var (
			p     store.Peak
			sport string
			peak  []byte // nil when not measured
		)
		if err := rows.Scan(&p.ActivityID, &sport, &peak); err != nil {
			return nil, fmt.Errorf("peaks: %w", err)
		}
		p.Sport = activity.Sport(sport)
		if peak != nil {
			if err := json.Unmarshal(peak, &p.HR); err != nil {
				return nil, fmt.Errorf("peak of activity %d: %v: %w", p.ActivityID, err, store.ErrCorrupt)
			}
			p.Measured = true
		}
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("peaks: %w", err)
	}
	return ps, nil
}
