package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// Activities lists the athlete's activities newest first, with their
// summaries and flags but without streams, laps or sources.
func (db *DB) Activities(ctx context.Context, athlete store.AthleteID, f store.Filter) ([]store.Record, error) {
	var q strings.Builder
	q.WriteString("SELECT " + strings.Join(summaryColumns, ", ") + " FROM activities WHERE athlete_id = ?")
	args := []any{athlete}
	// Starts are whole seconds, so start >= From is start >= ceil(From),
	// and start < To is start < ceil(To).
	if !f.From.IsZero() {
		q.WriteString(" AND start_utc >= ?")
		args = append(args, ceilUnix(f.From))
	}
	if !f.To.IsZero() {
		q.WriteString(" AND start_utc < ?")
		args = append(args, ceilUnix(f.To))
	}
	if f.Sport != activity.Unknown {
		q.WriteString(" AND sport = ?")
		args = append(args, string(f.Sport))
	}
	q.WriteString(" ORDER BY start_utc DESC, id DESC")
	if f.Limit > 0 {
		q.WriteString(" LIMIT ?")
		args = append(args, f.Limit)
	}
	rows, err := db.sql.QueryContext(ctx, q.String(), args...)
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

// Activity returns one of the athlete's activities with everything stored
// about it. An id that is not the athlete's gives store.ErrNotFound.
func (db *DB) Activity(ctx context.Context, athlete store.AthleteID, id int64) (*store.Record, error) {
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
	if r.Sources, err = db.activitySources(ctx, id); err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	return r, nil
}

// activitySources lists the files activity id was read from, primary first.
func (db *DB) activitySources(ctx context.Context, id int64) ([]store.Source, error) {
	rows, err := db.sources.QueryContext(ctx, id)
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

// ceilUnix is t in Unix seconds, rounded up.
func ceilUnix(t time.Time) int64 {
	s := t.Unix()
	if t.Nanosecond() > 0 {
		s++
	}
	return s
}
