package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// SaveAnalyses stores the analyses of the athlete's activities, replacing
// earlier ones, in one transaction: an id that is not the athlete's gives
// store.ErrNotFound and saves none of them.
func (db *DB) SaveAnalyses(ctx context.Context, athlete store.AthleteID, as []store.Analysis) error {
	if len(as) == 0 {
		return nil
	}
	// Encode before taking the write lock.
	results := make([]string, len(as))
	for i := range as {
		b, err := json.Marshal(&as[i].Result)
		if err != nil {
			return fmt.Errorf("save analysis of activity %d: %w", as[i].ActivityID, err)
		}
		results[i] = string(b)
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		stmt := tx.StmtContext(ctx, db.saveAnalysis)
		for i := range as {
			if err := execAnalysis(ctx, stmt, athlete, as[i].ActivityID, &as[i].Result, results[i]); err != nil {
				return fmt.Errorf("activity %d: %w", as[i].ActivityID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save analyses: %w", err)
	}
	return nil
}

// execAnalysis saves with stmt, db.saveAnalysis in a transaction, the
// analysis r, encoded as result, of the athlete's activity id; another
// athlete's gives store.ErrNotFound.
func execAnalysis(ctx context.Context, stmt *sql.Stmt, athlete store.AthleteID, id int64, r *analysis.Result, result string) error {
	res, err := stmt.ExecContext(ctx, r.Version, string(r.Class), r.Hard, r.Load.Value,
		string(r.Load.Method), r.DurationS, result, id, athlete)
	return oneRow(res, err)
}

// Loads lists the athlete's analysed activities starting in [from, to),
// oldest first, read from columns alone. A zero from or to does not bound
// the range. Start is in the runner's local time, as a fixed zone, when
// the file gave the offset, else in UTC.
func (db *DB) Loads(ctx context.Context, athlete store.AthleteID, from, to time.Time) ([]store.LoadEntry, error) {
	fromUnix, toUnix := int64(math.MinInt64), int64(math.MaxInt64)
	if !from.IsZero() {
		fromUnix = store.CeilUnix(from)
	}
	if !to.IsZero() {
		toUnix = store.CeilUnix(to)
	}
	rows, err := db.loads.QueryContext(ctx, athlete, fromUnix, toUnix)
	if err != nil {
		return nil, fmt.Errorf("loads: %w", err)
	}
	defer rows.Close()
	var (
		loads []store.LoadEntry
		zones = map[int64]*time.Location{} // a runner has few offsets: share them
	)
	for rows.Next() {
		var (
			e                        store.LoadEntry
			startUnix, offsetS       int64
			hasOffset                bool
			sport, class, loadMethod string
		)
		if err := rows.Scan(&e.ActivityID, &startUnix, &offsetS, &hasOffset, &sport,
			&class, &e.Hard, &e.Load, &loadMethod, &e.DurationS, &e.RPE); err != nil {
			return nil, fmt.Errorf("loads: %w", err)
		}
		e.Start = time.Unix(startUnix, 0).UTC()
		e.LocalOffset = hasOffset
		if hasOffset {
			zone, ok := zones[offsetS]
			if !ok {
				zone = time.FixedZone("", int(offsetS))
				zones[offsetS] = zone
			}
			e.Start = e.Start.In(zone)
		}
		e.Sport, e.Class, e.Method = activity.Sport(sport), analysis.Class(class), analysis.LoadMethod(loadMethod)
		loads = append(loads, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("loads: %w", err)
	}
	return loads, nil
}
