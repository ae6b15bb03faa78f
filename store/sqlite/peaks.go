package sqlite

import (
	"context"
	"database/sql"
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
	encoded := make([][2]string, len(ps))
	for i := range ps {
		hr, bests, err := store.EncodePeak(&ps[i])
		if err != nil {
			return fmt.Errorf("save peaks: %w", err)
		}
		encoded[i] = [2]string{string(hr), string(bests)}
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		stmt := tx.StmtContext(ctx, db.savePeak)
		for i := range ps {
			res, err := stmt.ExecContext(ctx, encoded[i][0], encoded[i][1], ps[i].ActivityID, athlete)
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
			bests []byte
		)
		if err := rows.Scan(&p.ActivityID, &sport, &peak, &bests); err != nil {
			return nil, fmt.Errorf("peaks: %w", err)
		}
		p.Sport = activity.Sport(sport)
		if err := store.DecodePeak(&p, peak, bests); err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("peaks: %w", err)
	}
	return ps, nil
}
