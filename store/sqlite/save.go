package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

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
	err := db.fileID.QueryRowContext(ctx, athlete, sha256).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
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
// Calls may run concurrently; the transactions queue for the database's
// write lock, which is held only for the writes since e comes encoded.
func (db *DB) SaveFile(ctx context.Context, athlete store.AthleteID, e *store.Encoded) ([]store.Saved, error) {
	if e == nil {
		return nil, errors.New("save: no encoded file")
	}
	f, acts, packed := e.File(), e.Activities(), e.Packed()
	fileID, err := db.knownFile(ctx, athlete, f.SHA256)
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", f.Name, err)
	}
	if fileID != 0 {
		saved, err := db.knownSessions(ctx, fileID, len(acts))
		if err != nil {
			return nil, fmt.Errorf("save %s: %w", f.Name, err)
		}
		return saved, nil
	}
	if len(acts) == 0 {
		return nil, nil
	}
	now := time.Now().Unix()
	saved := make([]store.Saved, 0, len(acts))
	for i, a := range acts {
		var s store.Saved
		id := fileID
		err = db.inTx(ctx, func(tx *sql.Tx) error {
			if id == 0 {
				err := tx.StmtContext(ctx, db.insertFile).QueryRowContext(ctx,
					athlete, f.SHA256, f.Name, string(f.Format), len(f.Data), e.Original(), now).Scan(&id)
				if errors.Is(err, sql.ErrNoRows) {
					return errFileSaved
				}
				if err != nil {
					return fmt.Errorf("insert file: %w", err)
				}
			}
			var err error
			s, err = db.saveRecording(ctx, tx, athlete, a, packed[i], id, i, now)
			return err
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

// knownSessions reports KnownFile for each of n activities of the stored
// file fileID, with the activity each session was stored as (0 when the
// file held fewer sessions when it was saved).
func (db *DB) knownSessions(ctx context.Context, fileID int64, n int) ([]store.Saved, error) {
	saved := make([]store.Saved, n)
	for i := range saved {
		saved[i].Outcome = store.KnownFile
	}
	rows, err := db.fileSessions.QueryContext(ctx, fileID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var session int
		var id int64
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
func (db *DB) saveRecording(ctx context.Context, tx *sql.Tx, athlete store.AthleteID, a *activity.Activity,
	p store.Packed, fileID int64, session int, now int64) (store.Saved, error) {
	cands, err := db.findCandidates(ctx, tx, athlete, a.Start)
	if err != nil {
		return store.Saved{}, err
	}
	id, outcome := store.Match(a, cands)
	switch outcome {
	case store.Imported:
		args := slices.Concat([]any{athlete, now, fileID, session}, recordingValues(a, p))
		if err := tx.StmtContext(ctx, db.insertActivity).QueryRowContext(ctx, args...).Scan(&id); err != nil {
			return store.Saved{}, fmt.Errorf("insert activity: %w", err)
		}
	case store.Replaced:
		stored := &cands[slices.IndexFunc(cands, func(c store.Candidate) bool { return c.ID == id })].Activity
		vals := recordingValues(store.KeepRunnerInput(a, stored), p)
		if _, err := tx.StmtContext(ctx, db.updateActivity).ExecContext(ctx, slices.Concat([]any{fileID, session}, vals, []any{id})...); err != nil {
			return store.Saved{}, fmt.Errorf("replace activity %d: %w", id, err)
		}
		if _, err := tx.StmtContext(ctx, db.clearPrimary).ExecContext(ctx, athlete, id); err != nil {
			return store.Saved{}, fmt.Errorf("replace activity %d: %w", id, err)
		}
		// The analysis and the peak were of the old recording; the caller
		// analyses and measures the new one.
		for _, drop := range []*sql.Stmt{db.dropAnalysis, db.dropPeak} {
			if _, err := tx.StmtContext(ctx, drop).ExecContext(ctx, athlete, id); err != nil {
				return store.Saved{}, fmt.Errorf("replace activity %d: %w", id, err)
			}
		}
	}
	primary := outcome != store.SameSession
	if _, err := tx.StmtContext(ctx, db.insertSource).ExecContext(ctx, athlete, id, fileID, session, primary); err != nil {
		return store.Saved{}, fmt.Errorf("record source of activity %d: %w", id, err)
	}
	return store.Saved{ID: id, Outcome: outcome}, nil
}

// findCandidates lists the athlete's stored activities that may record the
// same session as one starting at start.
func (db *DB) findCandidates(ctx context.Context, tx *sql.Tx, athlete store.AthleteID, start time.Time) ([]store.Candidate, error) {
	from, to := store.CandidateWindow(start)
	rows, err := tx.StmtContext(ctx, db.candidates).QueryContext(ctx, athlete, from, to)
	if err != nil {
		return nil, fmt.Errorf("find duplicates: %w", err)
	}
	defer rows.Close()
	var cands []store.Candidate
	for rows.Next() {
		var (
			c         store.Candidate
			sport     string
			startUnix int64
			elapsedS  float64
		)
		if err := rows.Scan(&c.ID, &sport, &startUnix, &elapsedS, &c.Richness, &c.Activity.Name, &c.Activity.RPE, &c.Activity.Notes, &c.Activity.SportTagged, &c.Activity.Race); err != nil {
			return nil, fmt.Errorf("find duplicates: %w", err)
		}
		c.Activity.Sport = activity.Sport(sport)
		c.Activity.Start = time.Unix(startUnix, 0).UTC()
		c.Activity.Elapsed = store.Seconds(elapsedS)
		cands = append(cands, c)
	}
	if err := rows.Err(); err != nil {
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
	args := slices.Concat([]any{athlete, time.Now().Unix(), nil, 0}, recordingValues(a, p))
	if err := db.insertActivity.QueryRowContext(ctx, args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("save manual activity: %w", err)
	}
	return id, nil
}
