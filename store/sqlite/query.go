package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// Activities lists the athlete's activities newest first, with their
// summaries, flags and analyses but without streams, laps or sources.
func (db *DB) Activities(ctx context.Context, athlete store.AthleteID, f store.Filter) ([]store.Record, error) {
	q, args := selectActivities(summaryColumns, summaryFrom, athlete, f, "DESC")
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	defer rows.Close()
	var recs []store.Record
	for rows.Next() {
		r, err := scanSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("list activities: %w", err)
		}
		recs = append(recs, *r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	return recs, nil
}

// selectActivities is the query of cols from the athlete's activities a
// matching f (from is the FROM clause), ordered by start in the direction
// order ("ASC" or "DESC"), and its arguments.
func selectActivities(cols []string, from string, athlete store.AthleteID, f store.Filter, order string) (string, []any) {
	var q strings.Builder
	q.WriteString("SELECT " + strings.Join(cols, ", ") + from + " WHERE a.athlete_id = ?")
	args := []any{athlete}
	// Starts are whole seconds, so start >= From is start >= ceil(From),
	// and start < To is start < ceil(To).
	if !f.From.IsZero() {
		q.WriteString(" AND a.start_at >= ?")
		args = append(args, store.CeilUnix(f.From))
	}
	if !f.To.IsZero() {
		q.WriteString(" AND a.start_at < ?")
		args = append(args, store.CeilUnix(f.To))
	}
	if f.Sport != activity.Unknown {
		q.WriteString(" AND a.sport = ?")
		args = append(args, string(f.Sport))
	}
	if f.IDs != nil {
		// One JSON argument, however many ids: SQLite bounds the number
		// of arguments.
		q.WriteString(" AND a.id IN (SELECT value FROM json_each(?))")
		args = append(args, idList(f.IDs))
	}
	if f.LocalOffset {
		q.WriteString(" AND a.has_local_offset")
	}
	q.WriteString(" ORDER BY a.start_at " + order + ", a.id " + order)
	if f.Limit > 0 {
		q.WriteString(" LIMIT ?")
		args = append(args, f.Limit)
	}
	return q.String(), args
}

// idList is ids as a JSON array.
func idList(ids []int64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte(']')
	return b.String()
}

// EachActivity calls fn with each of the athlete's activities matching f,
// oldest first, with streams, laps and analysis but without sources. fn
// is called from the calling goroutine, one activity at a time.
//
// It lists the matching ids, then reads the activities a few ahead of fn
// on parallel connections (store.ReadAhead).
func (db *DB) EachActivity(ctx context.Context, athlete store.AthleteID, f store.Filter, fn func(*store.Record) error) error {
	ids, err := db.activityIDs(ctx, athlete, f)
	if err != nil {
		return fmt.Errorf("each activity: %w", err)
	}
	return store.ReadAhead(ctx, ids, func(ctx context.Context, id int64) (*store.Record, error) {
		return db.load(ctx, athlete, id)
	}, fn)
}

// activityIDs lists the ids of the athlete's activities matching f, oldest first.
func (db *DB) activityIDs(ctx context.Context, athlete store.AthleteID, f store.Filter) ([]int64, error) {
	q, args := selectActivities([]string{"a.id"}, " FROM activities a", athlete, f, "ASC")
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
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

// load reads one of the athlete's activities with its streams, laps and
// analysis, but not its sources.
func (db *DB) load(ctx context.Context, athlete store.AthleteID, id int64) (*store.Record, error) {
	var laps string
	var streams []byte
	r, err := scanSummary(db.activity.QueryRowContext(ctx, id, athlete), &laps, &streams)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("activity %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	if r.Activity.Laps, err = store.DecodeLaps([]byte(laps)); err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	if r.Activity.Streams, err = store.DecodeStreams(streams); err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	return r, nil
}

// activitySources lists the files activity id was read from, primary first.
func (db *DB) activitySources(ctx context.Context, athlete store.AthleteID, id int64) ([]store.Source, error) {
	rows, err := db.sources.QueryContext(ctx, athlete, id)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	defer rows.Close()
	var srcs []store.Source
	for rows.Next() {
		var s store.Source
		var format string
		if err := rows.Scan(&s.FileID, &s.Name, &format, &s.SHA256, &s.Primary); err != nil {
			return nil, fmt.Errorf("sources: %w", err)
		}
		s.Format = activity.Format(format)
		srcs = append(srcs, s)
	}
	if err := rows.Err(); err != nil {
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
	err := db.original.QueryRowContext(ctx, fileID, athlete).Scan(&f.SHA256, &f.Name, &format, &size, &packed)
	if errors.Is(err, sql.ErrNoRows) {
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
