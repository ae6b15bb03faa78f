package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/segmentio/encoding/json"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// SaveAnalyses stores the analyses of the athlete's activities, replacing
// earlier ones, in one transaction: an id that is not the athlete's gives
// store.ErrNotFound and saves none of them. When as holds an activity
// twice, the later analysis is kept.
func (s *Store) SaveAnalyses(ctx context.Context, athlete store.AthleteID, as []store.Analysis) error {
	// Encode before the transaction.
	ids, rows, err := lastOfEach(as, func(a *store.Analysis) (int64, []any, error) {
		b, err := json.Marshal(&a.Result)
		if err != nil {
			return 0, nil, fmt.Errorf("save analysis of activity %d: %w", a.ActivityID, err)
		}
		return a.ActivityID, s.analysisRow(athlete, a.ActivityID, &a.Result, b), nil
	})
	if err == nil {
		err = s.replace(ctx, athlete, "analyses", analysisColumns, ids, rows)
	}
	if err != nil {
		return fmt.Errorf("save analyses: %w", err)
	}
	return nil
}

// analysisColumns are an analyses row, in the order of analysisRow.
var analysisColumns = []string{"athlete_id", "activity_id", "version", "class", "hard", "load", "load_method", "duration_s", "result"}

// analysisRow is the analyses row of the athlete's activity id analysed
// as r, which result holds as JSON.
func (s *Store) analysisRow(athlete store.AthleteID, id int64, r *analysis.Result, result []byte) []any {
	return []any{athlete, id, r.Version, string(r.Class), r.Hard, r.Load.Value, string(r.Load.Method), r.DurationS, s.d.JSON(result)}
}

// Loads lists the athlete's analysed activities starting in [from, to),
// oldest first, read from columns alone. A zero from or to does not bound
// the range. Start is in the runner's local time, as a fixed zone, when
// the file gave the offset, else in UTC.
func (s *Store) Loads(ctx context.Context, athlete store.AthleteID, from, to time.Time) ([]store.LoadEntry, error) {
	query, args := s.startsIn(`SELECT a.id, a.start_at, a.local_offset_s, a.has_local_offset, a.sport,
			n.class, n.hard, n.load, n.load_method, n.duration_s, a.rpe
		FROM activities a JOIN analyses n ON n.athlete_id = a.athlete_id AND n.activity_id = a.id
		WHERE a.athlete_id = ?`, athlete, from, to)
	zones := map[int64]*time.Location{} // a runner has few offsets: share them
	// One set of destinations for every row, each field set anew: a
	// history's thousands of rows allocate none of their own.
	var (
		e                        store.LoadEntry
		start                    any
		offsetS                  int64
		hasOffset                bool
		sport, class, loadMethod string
	)
	dest := []any{&e.ActivityID, &start, &offsetS, &hasOffset, &sport, &class, &e.Hard, &e.Load, &loadMethod, &e.DurationS, &e.RPE}
	loads, err := collect(ctx, s.d.Conn, func(row Row) (store.LoadEntry, error) {
		if err := row.Scan(dest...); err != nil {
			return e, err
		}
		var err error
		if e.Start, err = s.d.TimeOf(start); err != nil {
			return e, fmt.Errorf("activity %d: %w", e.ActivityID, err)
		}
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
		return e, nil
	}, query+` ORDER BY a.start_at, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("loads: %w", err)
	}
	return loads, nil
}

// startsIn is query, which selects the athlete's activities a, bounded to
// those starting in [from, to), with its arguments. A zero bound is left
// out; the others are rounded up to the second, as starts are stored.
func (s *Store) startsIn(query string, athlete store.AthleteID, from, to time.Time) (string, []any) {
	args := []any{athlete}
	if !from.IsZero() {
		query += ` AND a.start_at >= ?`
		args = append(args, s.d.Time(time.Unix(store.CeilUnix(from), 0)))
	}
	if !to.IsZero() {
		query += ` AND a.start_at < ?`
		args = append(args, s.d.Time(time.Unix(store.CeilUnix(to), 0)))
	}
	return query, args
}

// lastOfEach encodes the rows of items, by activity, in their order, the
// last of an activity listed twice taking its place; it returns the
// activities' ids and their rows.
func lastOfEach[T any](items []T, encode func(*T) (int64, []any, error)) ([]int64, [][]any, error) {
	ids := make([]int64, 0, len(items))
	rows := make([][]any, 0, len(items))
	at := make(map[int64]int, len(items)) // index in ids and rows
	for i := range items {
		id, row, err := encode(&items[i])
		if err != nil {
			return nil, nil, err
		}
		if j, ok := at[id]; ok {
			rows[j] = row
			continue
		}
		at[id] = len(ids)
		ids, rows = append(ids, id), append(rows, row)
	}
	return ids, rows, nil
}

// replace replaces the athlete's rows of table on the activities ids with
// rows, of the columns cols, in one transaction (Tx.Replace), where the
// foreign key refuses an activity that is not the athlete's
// (store.ErrNotFound).
func (s *Store) replace(ctx context.Context, athlete store.AthleteID, table string, cols []string, ids []int64, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	return s.d.InTx(ctx, func(tx Tx) error {
		return s.notFound(tx.Replace(ctx, table, athlete, ids, cols, rows))
	})
}
