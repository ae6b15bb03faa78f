package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/segmentio/encoding/json"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// summaryColumns are read for a listing, in the order of scanSummary,
// from the activities table a joined with its analysis n (summaryFrom),
// whose JSON is last; briefColumns are them with the analysis's columns
// in its place (store.Filter.Brief).
var (
	summaryColumns = []string{
		"a.id", "a.imported_at", "a.sport", "a.sub_sport", "a.name", "a.start_at", "a.local_offset_s",
		"a.has_local_offset", "a.elapsed_s", "a.moving_s", "a.distance_m", "a.avg_hr", "a.max_hr", "a.ascent_m",
		"a.rpe", "a.notes", "a.device_maker", "a.device_product", "a.device_serial", "a.source_format", "a.flags",
		"a.sport_tagged", "a.race", "COALESCE(a.shoe_id, 0)", "n.result",
	}
	briefColumns = slices.Concat(summaryColumns[:len(summaryColumns)-1],
		[]string{"n.version", "n.class", "n.hard", "n.duration_s", "n.load", "n.load_method"})
)

// summaryFrom is the FROM clause of summaryColumns.
const summaryFrom = " FROM activities a LEFT JOIN analyses n ON n.athlete_id = a.athlete_id AND n.activity_id = a.id"

// loadActivity reads summaryColumns, laps and streams of one activity.
var loadActivity = `SELECT ` + strings.Join(slices.Concat(summaryColumns, []string{"t.laps", "t.streams"}), ", ") +
	summaryFrom + ` JOIN activity_streams t ON t.athlete_id = a.athlete_id AND t.activity_id = a.id
	WHERE a.athlete_id = ? AND a.id = ?`

// scanSummary reads summaryColumns, or briefColumns when brief, then
// extra, into a record.
func (s *Store) scanSummary(row Row, brief bool, extra ...any) (*store.Record, error) {
	var (
		r                   store.Record
		a                   = &r.Activity
		imported, start     any
		offsetS             int64
		elapsedS, movingS   float64
		sport, source       string
		flags, analysisJSON []byte // analysisJSON is nil when not analysed
		version, durationS  sql.NullInt64
		class, method       sql.NullString
		hard                sql.NullBool
		load                sql.NullFloat64
	)
	dest := []any{
		&r.ID, &imported, &sport, &a.SubSport, &a.Name, &start, &offsetS,
		&a.HasLocalOffset, &elapsedS, &movingS, &a.DistanceM, &a.AvgHeartRate, &a.MaxHeartRate, &a.AscentM,
		&a.RPE, &a.Notes, &a.Device.Maker, &a.Device.Product, &a.Device.Serial, &source, &flags,
		&a.SportTagged, &a.Race, &r.Shoe,
	}
	if brief {
		dest = append(dest, &version, &class, &hard, &durationS, &load, &method)
	} else {
		dest = append(dest, &analysisJSON)
	}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	if version.Valid { // analysed
		r.Analysis = &analysis.Result{Version: int(version.Int64), Class: analysis.Class(class.String), Hard: hard.Bool,
			DurationS: int(durationS.Int64), Load: analysis.Load{Value: load.Float64, Method: analysis.LoadMethod(method.String)}}
	}
	var err error
	if r.Imported, err = s.d.TimeOf(imported); err != nil {
		return nil, fmt.Errorf("activity %d: imported: %w", r.ID, err)
	}
	if a.Start, err = s.d.TimeOf(start); err != nil {
		return nil, fmt.Errorf("activity %d: start: %w", r.ID, err)
	}
	a.Sport, a.Source = activity.Sport(sport), activity.Format(source)
	a.LocalOffset = time.Duration(offsetS) * time.Second
	a.Elapsed, a.Moving = store.Seconds(elapsedS), store.Seconds(movingS)
	if err := json.Unmarshal(flags, &a.Flags); err != nil {
		return nil, fmt.Errorf("activity %d: flags: %v: %w", r.ID, err, store.ErrCorrupt)
	}
	if analysisJSON != nil {
		r.Analysis = new(analysis.Result)
		if err := json.Unmarshal(analysisJSON, r.Analysis); err != nil {
			return nil, fmt.Errorf("activity %d: analysis: %v: %w", r.ID, err, store.ErrCorrupt)
		}
	}
	return &r, nil
}

// Activities lists the athlete's activities newest first, with their
// summaries, flags and analyses but without streams, laps or sources.
func (s *Store) Activities(ctx context.Context, athlete store.AthleteID, f store.Filter) ([]store.Record, error) {
	cols := summaryColumns
	if f.Brief {
		cols = briefColumns
	}
	q, args := s.selectActivities(cols, summaryFrom, athlete, f, "DESC")
	recs, err := collect(ctx, s.d.Conn, func(row Row) (store.Record, error) {
		r, err := s.scanSummary(row, f.Brief)
		if err != nil {
			return store.Record{}, err
		}
		return *r, nil
	}, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	return recs, nil
}

// selectActivities is the query of cols from the athlete's activities a
// matching f (from is the FROM clause), ordered by start in the direction
// order ("ASC" or "DESC"), and its arguments.
func (s *Store) selectActivities(cols []string, from string, athlete store.AthleteID, f store.Filter, order string) (string, []any) {
	query, args := s.startsIn("SELECT "+strings.Join(cols, ", ")+from+" WHERE a.athlete_id = ?", athlete, f.From, f.To)
	var q strings.Builder
	q.WriteString(query)
	if f.Sport != activity.Unknown {
		q.WriteString(" AND a.sport = ?")
		args = append(args, string(f.Sport))
	}
	if f.IDs != nil {
		q.WriteString(" AND a.id" + s.d.AnyOf)
		args = append(args, s.d.IDs(f.IDs))
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

// EachActivity calls fn with each of the athlete's activities matching f,
// oldest first, with streams, laps and analysis but without sources. fn
// is called from the calling goroutine, one activity at a time.
//
// It lists the matching ids, then reads the activities a few ahead of fn
// on parallel connections (store.ReadAhead).
func (s *Store) EachActivity(ctx context.Context, athlete store.AthleteID, f store.Filter, fn func(*store.Record) error) error {
	q, args := s.selectActivities([]string{"a.id"}, " FROM activities a", athlete, f, "ASC")
	ids, err := collect(ctx, s.d.Conn, func(row Row) (id int64, err error) { return id, row.Scan(&id) }, q, args...)
	if err != nil {
		return fmt.Errorf("each activity: %w", err)
	}
	return store.ReadAhead(ctx, ids, func(ctx context.Context, id int64) (*store.Record, error) {
		return s.load(ctx, athlete, id)
	}, fn)
}

// Activity returns one of the athlete's activities with everything stored
// about it. An id that is not the athlete's gives store.ErrNotFound.
func (s *Store) Activity(ctx context.Context, athlete store.AthleteID, id int64) (*store.Record, error) {
	r, err := s.load(ctx, athlete, id)
	if err != nil {
		return nil, err
	}
	if r.Sources, err = s.activitySources(ctx, athlete, id); err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	if r.Verdicts, err = s.verdicts(ctx, `SELECT verdict FROM verdicts WHERE athlete_id = ? AND activity_id = ? ORDER BY id`, athlete, id); err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	return r, nil
}

// load reads one of the athlete's activities with its streams, laps and
// analysis, but not its sources.
func (s *Store) load(ctx context.Context, athlete store.AthleteID, id int64) (*store.Record, error) {
	var laps, streams []byte
	r, err := s.scanSummary(s.d.Conn.QueryRow(ctx, loadActivity, athlete, id), false, &laps, &streams)
	if errors.Is(err, sql.ErrNoRows) {
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
func (s *Store) activitySources(ctx context.Context, athlete store.AthleteID, id int64) ([]store.Source, error) {
	srcs, err := collect(ctx, s.d.Conn, func(row Row) (store.Source, error) {
		var (
			src    store.Source
			format string
		)
		err := row.Scan(&src.FileID, &src.Name, &format, &src.SHA256, &src.Primary)
		src.Format = activity.Format(format)
		return src, err
	}, `SELECT s.file_id, f.name, f.format, f.sha256, s.is_primary
		FROM activity_sources s JOIN files f ON f.athlete_id = s.athlete_id AND f.id = s.file_id
		WHERE s.athlete_id = ? AND s.activity_id = ?
		ORDER BY s.is_primary DESC, s.file_id, s.session_index`, athlete, id)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	return srcs, nil
}

// Original returns one of the athlete's files with its original bytes.
// A file that is not the athlete's gives store.ErrNotFound.
func (s *Store) Original(ctx context.Context, athlete store.AthleteID, fileID int64) (store.File, error) {
	var (
		f      store.File
		format string
		size   int64
		packed []byte
	)
	err := s.d.Conn.QueryRow(ctx, `SELECT sha256, name, format, size_bytes, original FROM files
		WHERE athlete_id = ? AND id = ?`, athlete, fileID).Scan(&f.SHA256, &f.Name, &format, &size, &packed)
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
