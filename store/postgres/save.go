package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// HasFile reports whether the athlete already imported a file with this hash.
func (db *DB) HasFile(ctx context.Context, athlete store.AthleteID, sha256 string) (bool, error) {
	id, err := db.knownFile(ctx, athlete, sha256)
	if err != nil {
		return false, fmt.Errorf("has file %s: %w", sha256, err)
	}
	return id != 0, nil
}

// knownFile is the id of the athlete's file with this hash, or 0.
func (db *DB) knownFile(ctx context.Context, athlete store.AthleteID, sha256 string) (int64, error) {
	var id int64
	err := db.pool.QueryRow(ctx, `SELECT id FROM files WHERE athlete_id = $1 AND sha256 = $2`, athlete, sha256).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// errFileSaved says the file row appeared between the lookup and the insert.
var errFileSaved = errors.New("file saved concurrently")

// SaveFile stores the encoded file e and its activities, each in its own
// transaction that also writes the file row if no earlier one of the call
// did. With no activities nothing is written. On error the outcomes of the
// activities saved before it are returned with it.
//
// Calls may run concurrently, from several processes too: a second insert
// of the same file waits for the first to commit and then finds it known.
func (db *DB) SaveFile(ctx context.Context, athlete store.AthleteID, e *store.Encoded) ([]store.Saved, error) {
	if e == nil {
		return nil, errors.New("save: no encoded file")
	}
	f, acts, packed, derived := e.File(), e.Activities(), e.Packed(), e.Derived()
	fileID, err := db.knownFile(ctx, athlete, f.SHA256)
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", f.Name, err)
	}
	if fileID != 0 {
		saved, err := db.knownSessions(ctx, athlete, fileID, len(acts))
		if err != nil {
			return nil, fmt.Errorf("save %s: %w", f.Name, err)
		}
		return saved, nil
	}
	if len(acts) == 0 {
		return nil, nil
	}
	now := time.Now()
	saved := make([]store.Saved, 0, len(acts))
	for i, a := range acts {
		var s store.Saved
		id := fileID
		err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
			if err := lockAthlete(ctx, tx, athlete); err != nil {
				return err
			}
			if id == 0 {
				err := tx.QueryRow(ctx, `INSERT INTO files (athlete_id, sha256, name, format, size_bytes, original, imported_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (athlete_id, sha256) DO NOTHING RETURNING id`,
					athlete, f.SHA256, text(f.Name), string(f.Format), len(f.Data), e.Original(), now).Scan(&id)
				if errors.Is(err, pgx.ErrNoRows) {
					return errFileSaved
				}
				if err != nil {
					return fmt.Errorf("insert file: %w", err)
				}
			}
			var err error
			if s, err = saveRecording(ctx, tx, athlete, a, packed[i], id, i, now); err != nil || derived == nil {
				return err
			}
			return saveDerived(ctx, tx, athlete, s, &derived[i])
		})
		if errors.Is(err, errFileSaved) {
			// Saved by a concurrent call since knownFile looked.
			return db.SaveFile(ctx, athlete, e)
		}
		if err != nil {
			return saved, fmt.Errorf("save %s activity %d: %w", f.Name, i, err)
		}
		fileID = id // committed: the later activities share the file row
		saved = append(saved, s)
	}
	return saved, nil
}

// knownSessions reports KnownFile for each of n activities of the
// athlete's stored file fileID, with the activity each session was stored
// as (0 when the file held fewer sessions when it was saved).
func (db *DB) knownSessions(ctx context.Context, athlete store.AthleteID, fileID int64, n int) ([]store.Saved, error) {
	saved := make([]store.Saved, n)
	for i := range saved {
		saved[i].Outcome = store.KnownFile
	}
	rows, err := db.pool.Query(ctx, `SELECT session_index, activity_id FROM activity_sources
		WHERE athlete_id = $1 AND file_id = $2`, athlete, fileID)
	if err != nil {
		return nil, err
	}
	var session int
	var id int64
	_, err = pgx.ForEachRow(rows, []any{&session, &id}, func() error {
		if session >= 0 && session < n {
			saved[session].ID = id
		}
		return nil
	})
	return saved, err
}

// saveRecording stores recording a, packed as p, of session session of
// file fileID: as a new activity, as another source of the stored
// session it duplicates, or as that session's new primary recording.
func saveRecording(ctx context.Context, tx pgx.Tx, athlete store.AthleteID, a *activity.Activity,
	p store.Packed, fileID int64, session int, now time.Time) (store.Saved, error) {
	cands, err := findCandidates(ctx, tx, athlete, a.Start)
	if err != nil {
		return store.Saved{}, err
	}
	id, outcome := store.Match(a, cands)
	switch outcome {
	case store.Imported:
		args := slices.Concat([]any{athlete, now, fileID, session}, recordingValues(a, p))
		if err := tx.QueryRow(ctx, insertActivity, args...).Scan(&id); err != nil {
			return store.Saved{}, fmt.Errorf("insert activity: %w", err)
		}
	case store.Replaced:
		stored := &cands[slices.IndexFunc(cands, func(c store.Candidate) bool { return c.ID == id })].Activity
		vals := recordingValues(store.KeepRunnerInput(a, stored), p)
		batch := &pgx.Batch{}
		batch.Queue(updateActivity, slices.Concat([]any{fileID, session}, vals, []any{athlete, id})...)
		batch.Queue(`UPDATE activity_sources SET is_primary = false WHERE athlete_id = $1 AND activity_id = $2`, athlete, id)
		// The analysis and the peak were of the old recording; the caller
		// analyses and measures the new one.
		batch.Queue(`DELETE FROM analyses WHERE athlete_id = $1 AND activity_id = $2`, athlete, id)
		batch.Queue(`DELETE FROM peaks WHERE athlete_id = $1 AND activity_id = $2`, athlete, id)
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return store.Saved{}, fmt.Errorf("replace activity %d: %w", id, err)
		}
	}
	primary := outcome != store.SameSession
	if _, err := tx.Exec(ctx, `INSERT INTO activity_sources (athlete_id, activity_id, file_id, session_index, is_primary)
		VALUES ($1, $2, $3, $4, $5)`, athlete, id, fileID, session, primary); err != nil {
		return store.Saved{}, fmt.Errorf("record source of activity %d: %w", id, err)
	}
	return store.Saved{ID: id, Outcome: outcome}, nil
}

// saveDerived stores, beside the recording just saved as s, what was
// derived from it: its peak, and for a new activity its analysis. A
// replaced recording's analysis is made anew by the caller, since the
// runner's input kept from the old one (KeepRunnerInput: sport, RPE)
// weighs in it.
func saveDerived(ctx context.Context, tx pgx.Tx, athlete store.AthleteID, s store.Saved, d *store.EncodedDerived) error {
	if s.Outcome != store.Imported && s.Outcome != store.Replaced {
		return nil
	}
	// saveRecording dropped a replaced recording's peak.
	batch := &pgx.Batch{}
	batch.Queue(`INSERT INTO peaks (athlete_id, activity_id, peak, bests) VALUES ($1, $2, $3, $4)`, athlete, s.ID, d.PeakHR, d.Bests)
	if r := d.Analysis; s.Outcome == store.Imported && r != nil {
		batch.Queue(`INSERT INTO analyses (athlete_id, activity_id, version, class, hard, load, load_method, duration_s, result)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, athlete, s.ID, r.Version, string(r.Class), r.Hard, r.Load.Value,
			string(r.Load.Method), r.DurationS, d.Result)
	}
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return fmt.Errorf("save what was derived from activity %d: %w", s.ID, err)
	}
	return nil
}

// findCandidates lists the athlete's stored activities that may record the
// same session as one starting at start.
func findCandidates(ctx context.Context, tx pgx.Tx, athlete store.AthleteID, start time.Time) ([]store.Candidate, error) {
	from, to := store.CandidateWindow(start)
	rows, err := tx.Query(ctx, `SELECT id, sport, start_at, elapsed_s, richness, name, rpe, notes, sport_tagged, race FROM activities
		WHERE athlete_id = $1 AND start_at BETWEEN $2 AND $3`, athlete, time.Unix(from, 0), time.Unix(to, 0))
	if err != nil {
		return nil, fmt.Errorf("find duplicates: %w", err)
	}
	var (
		cands    []store.Candidate
		c        store.Candidate
		sport    string
		elapsedS float64
	)
	_, err = pgx.ForEachRow(rows, []any{&c.ID, &sport, &c.Activity.Start, &elapsedS, &c.Richness,
		&c.Activity.Name, &c.Activity.RPE, &c.Activity.Notes, &c.Activity.SportTagged, &c.Activity.Race}, func() error {
		c.Activity.Sport = activity.Sport(sport)
		c.Activity.Start = c.Activity.Start.UTC()
		c.Activity.Elapsed = store.Seconds(elapsedS)
		cands = append(cands, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find duplicates: %w", err)
	}
	return cands, nil
}

// SaveManual stores a run logged by hand: an activity with no file, never
// taken for a duplicate.
func (db *DB) SaveManual(ctx context.Context, athlete store.AthleteID, a *activity.Activity) (int64, error) {
	p, err := store.Pack(a)
	if err != nil {
		return 0, fmt.Errorf("save manual activity: %w", err)
	}
	var id int64
	args := slices.Concat([]any{athlete, time.Now(), nil, 0}, recordingValues(a, p))
	if err := db.pool.QueryRow(ctx, insertActivity, args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("save manual activity: %w", err)
	}
	return id, nil
}
