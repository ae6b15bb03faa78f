package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// Activities lists the athlete's activities newest first, with their
// summaries, flags and analyses but without streams, laps or sources.
func (db *DB) Activities(ctx context.Context, athlete store.AthleteID, f store.Filter) ([]store.Record, error) {
	q, args := selectActivities(summaryColumns, summaryFrom, athlete, f, "DESC")
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	recs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Record, error) {
		r, err := scanSummary(row)
		if err != nil {
			return store.Record{}, err
		}
		return *r, nil
	})
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return recs, nil
}

// selectActivities is the query of cols from the athlete's activities a
// matching f (from is the FROM clause), ordered by start in the direction
// order ("ASC" or "DESC"), and its arguments.
func selectActivities(cols []string, from string, athlete store.AthleteID, f store.Filter, order string) (string, []any) {
	var q strings.Builder
	args := []any{athlete}
	q.WriteString("SELECT " + strings.Join(cols, ", ") + from + " WHERE a.athlete_id = $1")
	where := func(cond string, arg any) {
		args = append(args, arg)
		q.WriteString(" AND " + cond + " $" + strconv.Itoa(len(args)))
	}
	// Starts are whole seconds, so start >= From is start >= ceil(From),
	// and start < To is start < ceil(To).
	if !f.From.IsZero() {
		where("a.start_at >=", time.Unix(store.CeilUnix(f.From), 0))
	}
	if !f.To.IsZero() {
		where("a.start_at <", time.Unix(store.CeilUnix(f.To), 0))
	}
	if f.Sport != activity.Unknown {
		where("a.sport =", string(f.Sport))
	}
	if f.IDs != nil {
		args = append(args, f.IDs)
		q.WriteString(" AND a.id = ANY($" + strconv.Itoa(len(args)) + ")")
	}
	if f.LocalOffset {
		q.WriteString(" AND a.has_local_offset")
	}
	q.WriteString(" ORDER BY a.start_at " + order + ", a.id " + order)
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q.WriteString(" LIMIT $" + strconv.Itoa(len(args)))
	}
	return q.String(), args
}

// EachActivity calls fn with each of the athlete's activities matching f,
// oldest first, with streams, laps and analysis but without sources. fn
// is called from the calling goroutine, one activity at a time.
//
// It lists the matching ids, then reads the activities a few ahead of fn
// on parallel connections (store.ReadAhead).
func (db *DB) EachActivity(ctx context.Context, athlete store.AthleteID, f store.Filter, fn func(*store.Record) error) error {
	q, args := selectActivities([]string{"a.id"}, " FROM activities a", athlete, f, "ASC")
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("each activity: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("each activity: %w", err)
	}
	return store.ReadAhead(ctx, ids, func(ctx context.Context, id int64) (*store.Record, error) {
		return db.load(ctx, athlete, id)
	}, fn)
}

// Activity returns one of the athlete's activities with everything stored
// about it. An id that is not the athlete's gives store.ErrNotFound.
func (db *DB) Activity(ctx context.Context, athlete store.AthleteID, id int64) (*store.Record, error) {
	r, err := db.load(ctx, athlete, id)
	if err != nil {
		return nil, err
	}
	if r.Sources, err = db.activitySources(ctx, athlete, id); err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	if r.Verdicts, err = db.activityVerdicts(ctx, athlete, id); err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	return r, nil
}

// loadActivity reads summaryColumns, laps and streams of one activity.
var loadActivity = `SELECT ` + strings.Join(slices.Concat(summaryColumns, []string{"a.laps", "a.streams"}), ", ") +
	summaryFrom + ` WHERE a.athlete_id = $1 AND a.id = $2`

// load reads one of the athlete's activities with its streams, laps and
// analysis, but not its sources.
func (db *DB) load(ctx context.Context, athlete store.AthleteID, id int64) (*store.Record, error) {
	var laps, streams []byte
	r, err := scanSummary(db.pool.QueryRow(ctx, loadActivity, athlete, id), &laps, &streams)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("activity %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	if r.Activity.Laps, err = store.DecodeLaps(laps); err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	if r.Activity.Streams, err = store.DecodeStreams(streams); err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	return r, nil
}

// activitySources lists the files activity id was read from, primary first.
func (db *DB) activitySources(ctx context.Context, athlete store.AthleteID, id int64) ([]store.Source, error) {
	rows, err := db.pool.Query(ctx, `SELECT s.file_id, f.name, f.format, f.sha256, s.is_primary
		FROM activity_sources s JOIN files f ON f.athlete_id = s.athlete_id AND f.id = s.file_id
		WHERE s.athlete_id = $1 AND s.activity_id = $2
		ORDER BY s.is_primary DESC, s.file_id, s.session_index`, athlete, id)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	var (
		srcs   []store.Source
		s      store.Source
		format string
	)
	_, err = pgx.ForEachRow(rows, []any{&s.FileID, &s.Name, &format, &s.SHA256, &s.Primary}, func() error {
		s.Format = activity.Format(format)
		srcs = append(srcs, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	return srcs, nil
}

// Original returns one of the athlete's files with its original bytes.
// A file that is not the athlete's gives store.ErrNotFound.
func (db *DB) Original(ctx context.Context, athlete store.AthleteID, fileID int64) (store.File, error) {
	var (
		f      store.File
		format string
		size   int64
		packed []byte
	)
	err := db.pool.QueryRow(ctx, `SELECT sha256, name, format, size_bytes, original FROM files
		WHERE athlete_id = $1 AND id = $2`, athlete, fileID).Scan(&f.SHA256, &f.Name, &format, &size, &packed)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.File{}, fmt.Errorf("file %d: %w", fileID, store.ErrNotFound)
	}
	if err != nil {
		return store.File{}, fmt.Errorf("file %d: %w", fileID, err)
	}
	f.Format = activity.Format(format)
	if f.Data, err = store.UnpackOriginal(packed, size); err != nil {
		return store.File{}, fmt.Errorf("file %d: %w", fileID, err)
	}
	return f, nil
}
