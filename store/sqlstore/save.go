package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// savedColumns are the activity columns written on insert and on
// replacement: the primary file and session, then the recording's values
// in the order of recordingValues.
var savedColumns = []string{
	"file_id", "session_index", "sport", "sub_sport", "name", "start_at", "local_offset_s",
	"has_local_offset", "elapsed_s", "moving_s", "distance_m", "avg_hr", "max_hr", "ascent_m",
	"rpe", "notes", "device_maker", "device_product", "device_serial", "source_format",
	"richness", "sample_count", "flags", "sport_tagged", "race",
}

// Statements writing the columns of recordingValues, built once.
var (
	// insertActivity takes the athlete, the import time, then savedColumns.
	insertActivity = `INSERT INTO activities (athlete_id, imported_at, ` + strings.Join(savedColumns, ", ") + `)
		VALUES (?, ?` + strings.Repeat(", ?", len(savedColumns)) + `) RETURNING id`
	// updateActivity takes savedColumns, then the athlete and the activity.
	updateActivity = `UPDATE activities SET ` + strings.Join(savedColumns, " = ?, ") + ` = ? WHERE athlete_id = ? AND id = ?`
	// insertStreams and updateStreams take the athlete, the activity, then
	// its laps and streams.
	insertStreams = `INSERT INTO activity_streams (athlete_id, activity_id, laps, streams) VALUES (?, ?, ?, ?)`
	updateStreams = `UPDATE activity_streams SET laps = ?, streams = ? WHERE athlete_id = ? AND activity_id = ?`
)

// recordingValues are the values of savedColumns after file_id and
// session_index for recording a, packed as p.
func (s *Store) recordingValues(a *activity.Activity, p store.Packed) []any {
	return []any{
		string(a.Sport), s.d.Text(a.SubSport), s.d.Text(a.Name), s.d.Time(a.Start.Truncate(time.Second)),
		int64(a.LocalOffset / time.Second), a.HasLocalOffset, a.Elapsed.Seconds(), a.Moving.Seconds(),
		a.DistanceM, a.AvgHeartRate, a.MaxHeartRate, a.AscentM, a.RPE, s.d.Text(a.Notes),
		s.d.Text(a.Device.Maker), s.d.Text(a.Device.Product), s.d.Text(a.Device.Serial), string(a.Source),
		activity.Richness(a), a.Streams.Len(), p.Flags, a.SportTagged, a.Race,
	}
}

// insertRecording stores recording a, packed as p, as a new activity of
// the athlete whose primary recording is session session of file fileID
// (nil for a run logged by hand), and returns its id.
func (s *Store) insertRecording(ctx context.Context, tx Tx, athlete store.AthleteID, a *activity.Activity,
	p store.Packed, fileID any, session int, now any) (int64, error) {
	var id int64
	args := slices.Concat([]any{athlete, now, fileID, session}, s.recordingValues(a, p))
	if err := tx.QueryRow(ctx, insertActivity, args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("insert activity: %w", err)
	}
	if _, err := tx.Exec(ctx, insertStreams, athlete, id, p.Laps, p.Streams); err != nil {
		return 0, fmt.Errorf("insert streams of activity %d: %w", id, err)
	}
	return id, nil
}

// KnownFiles reports which of the hashes name files the athlete already
// imported whole, in one query. A file stored in part is to be read again
// for the sessions it lacks.
func (s *Store) KnownFiles(ctx context.Context, athlete store.AthleteID, sha256s []string) (map[string]bool, error) {
	known := make(map[string]bool)
	if len(sha256s) == 0 {
		return known, nil
	}
	hashes, err := collect(ctx, s.d.Conn, func(r Row) (h string, err error) { err = r.Scan(&h); return },
		`SELECT sha256 FROM files WHERE athlete_id = ? AND complete AND sha256`+s.d.AnyOf, athlete, s.d.Texts(sha256s))
	if err != nil {
		return nil, fmt.Errorf("look up %d files of athlete %d: %w", len(sha256s), athlete, err)
	}
	for _, h := range hashes {
		known[h] = true
	}
	return known, nil
}

// knownFile is the id of the athlete's file with this hash, or 0.
func knownFile(ctx context.Context, c Conn, athlete store.AthleteID, sha256 string) (id int64, complete bool, err error) {
	err = c.QueryRow(ctx, `SELECT id, complete FROM files WHERE athlete_id = ? AND sha256 = ?`, athlete, sha256).Scan(&id, &complete)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, complete, err
}

// SaveFile stores the encoded file e and its activities: SaveFiles of
// one file.
func (s *Store) SaveFile(ctx context.Context, athlete store.AthleteID, e *store.Encoded) ([]store.Saved, error) {
	return store.SaveOne(ctx, s.SaveFiles, athlete, e)
}

// SaveFiles stores the encoded files es and their activities, in order,
// in one transaction: one commit, and one sync, for them all. Each
// activity is written in a savepoint of its own together with the file
// row if no earlier one of its file wrote it, so that an activity that
// fails is undone alone: the activities saved before it, of its file and
// of the files before, are committed and their outcomes returned with
// the error, as if each had had its transaction.
//
// Calls may run concurrently, from several processes too: the
// transactions take their turns (SQLite's write lock, PostgreSQL's lock
// of the athlete), held only for the writes since the files come
// encoded, and a file saved by another call is found known.
func (s *Store) SaveFiles(ctx context.Context, athlete store.AthleteID, es []*store.Encoded) ([][]store.Saved, error) {
	if slices.Contains(es, nil) {
		return nil, errors.New("save: no encoded file")
	}
	var (
		saved  [][]store.Saved
		failed error // of the file that stopped the batch; what came before is committed
	)
	now := s.d.Time(time.Now())
	err := s.d.InTx(ctx, func(tx Tx) error {
		if err := s.lock(ctx, tx, LockAthlete, athlete); err != nil {
			return err
		}
		for _, e := range es {
			sv, err := s.saveFile(ctx, tx, athlete, e, now)
			saved = append(saved, sv)
			if err != nil {
				failed = err
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("save %d files: %w", len(es), err)
	}
	return saved, failed
}

// saveFile stores e in tx, each activity in a savepoint, and returns the
// outcomes of the activities it saved, which stay saved when a later one
// fails. Its caller holds the athlete's lock, so that the file's lookup
// sees every file saved before.
func (s *Store) saveFile(ctx context.Context, tx Tx, athlete store.AthleteID, e *store.Encoded, now any) ([]store.Saved, error) {
	f, acts, packed, derived := e.File(), e.Activities(), e.Packed(), e.Derived()
	fileID, complete, err := knownFile(ctx, tx, athlete, f.SHA256)
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", f.Name, err)
	}
	var known []store.Saved // the sessions stored before, by index
	if fileID != 0 {
		if known, err = s.knownSessions(ctx, tx, athlete, fileID, len(acts)); err != nil || complete {
			if err != nil {
				err = fmt.Errorf("save %s: %w", f.Name, err)
			}
			return known, err
		}
	}
	// A new file, or one an earlier save stopped in: each session not
	// stored yet is stored now, and the file is complete once all are.
	saved := make([]store.Saved, 0, len(acts))
	for i, a := range acts {
		if known != nil && known[i].ID != 0 {
			saved = append(saved, known[i])
			continue
		}
		var sv store.Saved
		id := fileID
		err := savepoint(ctx, tx, func() error {
			if id == 0 {
				err := tx.QueryRow(ctx, `INSERT INTO files (athlete_id, sha256, name, format, size_bytes, original, imported_at, complete)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
					athlete, f.SHA256, s.d.Text(f.Name), string(f.Format), len(f.Data), e.Original(), now, len(acts) == 1).Scan(&id)
				if err != nil {
					return fmt.Errorf("insert file: %w", err)
				}
			}
			var err error
			if sv, err = s.saveRecording(ctx, tx, athlete, a, packed[i], id, i, now); err != nil || derived == nil {
				return err
			}
			return s.saveDerived(ctx, tx, athlete, sv, &derived[i])
		})
		if err != nil {
			return saved, fmt.Errorf("save %s activity %d: %w", f.Name, i, err)
		}
		fileID = id // the later activities share the file row
		saved = append(saved, sv)
	}
	// A file of one session was inserted complete.
	if len(acts) > 1 || known != nil {
		if _, err := tx.Exec(ctx, `UPDATE files SET complete = ? WHERE athlete_id = ? AND id = ?`, true, athlete, fileID); err != nil {
			return saved, fmt.Errorf("save %s: %w", f.Name, err)
		}
	}
	return saved, nil
}

// savepoint runs fn in a savepoint of tx: when fn fails, what it wrote is
// undone and the transaction goes on without it.
func savepoint(ctx context.Context, tx Tx, fn func() error) error {
	if _, err := tx.Exec(ctx, `SAVEPOINT activity`); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	if err := fn(); err != nil {
		if _, rerr := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT activity`); rerr != nil {
			return errors.Join(err, fmt.Errorf("roll back to savepoint: %w", rerr))
		}
		return err
	}
	if _, err := tx.Exec(ctx, `RELEASE SAVEPOINT activity`); err != nil {
		return fmt.Errorf("release savepoint: %w", err)
	}
	return nil
}

// knownSessions reports KnownFile for each of n activities of the
// athlete's stored file fileID, with the activity each session was stored
// as (0 when the file held fewer sessions when it was saved).
func (s *Store) knownSessions(ctx context.Context, c Conn, athlete store.AthleteID, fileID int64, n int) ([]store.Saved, error) {
	saved := make([]store.Saved, n)
	for i := range saved {
		saved[i].Outcome = store.KnownFile
	}
	rows, err := c.Query(ctx, `SELECT session_index, activity_id FROM activity_sources
		WHERE athlete_id = ? AND file_id = ?`, athlete, fileID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			session int
			id      int64
		)
		if err := rows.Scan(&session, &id); err != nil {
			return nil, err
		}
		if session >= 0 && session < n {
			saved[session].ID = id
		}
	}
	return saved, rows.Err()
}

// saveRecording stores recording a, packed as p, of session session of
// file fileID: as a new activity, as another source of the stored
// session it duplicates, or as that session's new primary recording.
func (s *Store) saveRecording(ctx context.Context, tx Tx, athlete store.AthleteID, a *activity.Activity,
	p store.Packed, fileID int64, session int, now any) (store.Saved, error) {
	cands, err := s.findCandidates(ctx, tx, athlete, a.Start)
	if err != nil {
		return store.Saved{}, err
	}
	id, outcome := store.Match(a, cands)
	switch outcome {
	case store.Imported:
		if id, err = s.insertRecording(ctx, tx, athlete, a, p, fileID, session, now); err != nil {
			return store.Saved{}, err
		}
	case store.Replaced:
		stored := &cands[slices.IndexFunc(cands, func(c store.Candidate) bool { return c.ID == id })].Activity
		vals := s.recordingValues(store.KeepRunnerInput(a, stored), p)
		for _, w := range []struct {
			query string
			args  []any
		}{
			{updateActivity, slices.Concat([]any{fileID, session}, vals, []any{athlete, id})},
			{updateStreams, []any{p.Laps, p.Streams, athlete, id}},
			{`UPDATE activity_sources SET is_primary = false WHERE athlete_id = ? AND activity_id = ?`, []any{athlete, id}},
			// The analysis and the peak were of the old recording; the
			// caller analyses and measures the new one.
			{`DELETE FROM analyses WHERE athlete_id = ? AND activity_id = ?`, []any{athlete, id}},
			{`DELETE FROM peaks WHERE athlete_id = ? AND activity_id = ?`, []any{athlete, id}},
		} {
			if _, err := tx.Exec(ctx, w.query, w.args...); err != nil {
				return store.Saved{}, fmt.Errorf("replace activity %d: %w", id, err)
			}
		}
	}
	primary := outcome != store.SameSession
	if _, err := tx.Exec(ctx, `INSERT INTO activity_sources (athlete_id, activity_id, file_id, session_index, is_primary)
		VALUES (?, ?, ?, ?, ?)`, athlete, id, fileID, session, primary); err != nil {
		return store.Saved{}, fmt.Errorf("record source of activity %d: %w", id, err)
	}
	return store.Saved{ID: id, Outcome: outcome}, nil
}

// Statements inserting one row of what an importer derived.
var (
	insertPeak     = InsertRow("peaks", peakColumns)
	insertAnalysis = InsertRow("analyses", analysisColumns)
)

// InsertRow is the statement inserting one row of the columns cols into
// table, with ? placeholders.
func InsertRow(table string, cols []string) string {
	return `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) + `)`
}

// saveDerived stores, beside the recording just saved as sv, what was
// derived from it: its peak, and for a new activity its analysis. A
// replaced recording's analysis is made anew by the caller, since the
// runner's input kept from the old one (store.KeepRunnerInput: sport,
// RPE) weighs in it.
func (s *Store) saveDerived(ctx context.Context, tx Tx, athlete store.AthleteID, sv store.Saved, d *store.EncodedDerived) error {
	if sv.Outcome != store.Imported && sv.Outcome != store.Replaced {
		return nil
	}
	// saveRecording dropped a replaced recording's peak.
	if _, err := tx.Exec(ctx, insertPeak, s.peakRow(athlete, sv.ID, d.PeakHR, d.Bests)...); err != nil {
		return fmt.Errorf("save peak of activity %d: %w", sv.ID, err)
	}
	if sv.Outcome != store.Imported || d.Analysis == nil {
		return nil
	}
	if _, err := tx.Exec(ctx, insertAnalysis, s.analysisRow(athlete, sv.ID, d.Analysis, d.Result)...); err != nil {
		return fmt.Errorf("save analysis of activity %d: %w", sv.ID, err)
	}
	return nil
}

// findCandidates lists the athlete's stored activities that may record the
// same session as one starting at start.
func (s *Store) findCandidates(ctx context.Context, tx Tx, athlete store.AthleteID, start time.Time) ([]store.Candidate, error) {
	from, to := store.CandidateWindow(start)
	cands, err := collect(ctx, tx, func(row Row) (store.Candidate, error) {
		var (
			c        store.Candidate
			sport    string
			start    any
			elapsedS float64
		)
		err := row.Scan(&c.ID, &sport, &start, &elapsedS, &c.Richness,
			&c.Activity.Name, &c.Activity.RPE, &c.Activity.Notes, &c.Activity.SportTagged, &c.Activity.Race)
		if err == nil {
			c.Activity.Start, err = s.d.TimeOf(start)
		}
		c.Activity.Sport = activity.Sport(sport)
		c.Activity.Elapsed = store.Seconds(elapsedS)
		return c, err
	}, `SELECT id, sport, start_at, elapsed_s, richness, name, rpe, notes, sport_tagged, race FROM activities
		WHERE athlete_id = ? AND start_at BETWEEN ? AND ?`, athlete, s.d.Time(time.Unix(from, 0)), s.d.Time(time.Unix(to, 0)))
	if err != nil {
		return nil, fmt.Errorf("find duplicates: %w", err)
	}
	return cands, nil
}

// SaveManual stores a run logged by hand: an activity with no file, never
// taken for a duplicate.
func (s *Store) SaveManual(ctx context.Context, athlete store.AthleteID, a *activity.Activity) (int64, error) {
	p, err := store.Pack(a)
	if err != nil {
		return 0, fmt.Errorf("save manual activity: %w", err)
	}
	var id int64
	err = s.d.InTx(ctx, func(tx Tx) (err error) {
		id, err = s.insertRecording(ctx, tx, athlete, a, p, nil, 0, s.d.Time(time.Now()))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("save manual activity: %w", err)
	}
	return id, nil
}
