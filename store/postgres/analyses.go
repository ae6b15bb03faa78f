package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// SaveAnalyses stores the analyses of the athlete's activities, replacing
// earlier ones, in one transaction: an id that is not the athlete's gives
// store.ErrNotFound and saves none of them. When as holds an activity
// twice, the later analysis is kept.
func (db *DB) SaveAnalyses(ctx context.Context, athlete store.AthleteID, as []store.Analysis) error {
	if len(as) == 0 {
		return nil
	}
	// Encode before the transaction; the last analysis of an id wins.
	last := make(map[int64]int, len(as))
	for i := range as {
		last[as[i].ActivityID] = i
	}
	ids := make([]int64, 0, len(last))
	rows := make([][]any, 0, len(last))
	for i := range as {
		id, r := as[i].ActivityID, &as[i].Result
		if last[id] != i {
			continue
		}
		b, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("save analysis of activity %d: %w", id, err)
		}
		ids = append(ids, id)
		rows = append(rows, []any{athlete, id, r.Version, string(r.Class), r.Hard, r.Load.Value,
			string(r.Load.Method), r.DurationS, b})
	}
	// COPY cannot replace rows: delete the old analyses, then copy the new
	// ones in, where the foreign key refuses another athlete's activity.
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM analyses WHERE athlete_id = $1 AND activity_id = ANY($2)`, athlete, ids); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"analyses"},
			[]string{"athlete_id", "activity_id", "version", "class", "hard", "load", "load_method", "duration_s", "result"},
			pgx.CopyFromRows(rows))
		return notTheirs(err)
	})
	if err != nil {
		return fmt.Errorf("save analyses: %w", err)
	}
	return nil
}

// Loads lists the athlete's analysed activities starting in [from, to),
// oldest first, read from columns alone. A zero from or to does not bound
// the range. Start is in the runner's local time, as a fixed zone, when
// the file gave the offset, else in UTC.
func (db *DB) Loads(ctx context.Context, athlete store.AthleteID, from, to time.Time) ([]store.LoadEntry, error) {
	rows, err := db.pool.Query(ctx, `SELECT a.id, a.start_at, a.local_offset_s, a.has_local_offset, a.sport,
			n.class, n.hard, n.load, n.load_method, n.duration_s, a.rpe
		FROM activities a JOIN analyses n ON n.athlete_id = a.athlete_id AND n.activity_id = a.id
		WHERE a.athlete_id = $1 AND a.start_at >= $2 AND a.start_at < $3
		ORDER BY a.start_at, a.id`, athlete, bound(from, pgtype.NegativeInfinity), bound(to, pgtype.Infinity))
	if err != nil {
		return nil, fmt.Errorf("loads: %w", err)
	}
	var (
		loads                    []store.LoadEntry
		zones                    = map[int64]*time.Location{} // a runner has few offsets: share them
		e                        store.LoadEntry
		offsetS                  int64
		hasOffset                bool
		sport, class, loadMethod string
	)
	_, err = pgx.ForEachRow(rows, []any{&e.ActivityID, &e.Start, &offsetS, &hasOffset, &sport,
		&class, &e.Hard, &e.Load, &loadMethod, &e.DurationS, &e.RPE}, func() error {
		e.Start = e.Start.UTC()
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
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("loads: %w", err)
	}
	return loads, nil
}

// bound is t as a bound of a range of starts, rounded up to the second
// as starts are stored, or the infinity inf when t is zero.
func bound(t time.Time, inf pgtype.InfinityModifier) pgtype.Timestamptz {
	if t.IsZero() {
		return pgtype.Timestamptz{InfinityModifier: inf, Valid: true}
	}
	return pgtype.Timestamptz{Time: time.Unix(store.CeilUnix(t), 0), Valid: true}
}
