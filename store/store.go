// Package store defines how easyrun keeps activities, the original files
// they came from, and everything derived from them. Implementations live
// in store/sqlite (the embedded default) and store/postgres.
//
// Every method takes the athlete whose data it touches: no query reads or
// writes across athletes.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// AthleteID identifies an athlete. The single-user default is DefaultAthlete.
type AthleteID int64

// DefaultAthlete owns all data in single-user mode.
const DefaultAthlete AthleteID = 1

// ErrNotFound is returned when the asked-for record does not exist for this athlete.
var ErrNotFound = errors.New("not found")

// File is one imported file: the original bytes, kept so that nothing is
// ever lost and everything can be re-analysed.
type File struct {
	SHA256 string // hex of the original (uncompressed) bytes: the file's identity
	Name   string // path, or archive path plus member name, as imported
	Format activity.Format
	Data   []byte // the original bytes; the store compresses them
}

// Outcome says what saving one decoded activity did.
type Outcome string

// Outcomes of Store.SaveFile.
const (
	// Imported: a new activity was stored.
	Imported Outcome = "imported"
	// KnownFile: this exact file was imported before; nothing changed.
	KnownFile Outcome = "known_file"
	// SameSession: another recording of an already stored session, which
	// was at least as rich; this file is remembered as a second source.
	SameSession Outcome = "same_session"
	// Replaced: another recording of a stored session, richer than the
	// one kept so far; it is now the primary source, the old one remembered.
	Replaced Outcome = "replaced"
)

// Saved reports the fate of one activity of a file.
type Saved struct {
	ID      int64 // the stored activity this recording belongs to
	Outcome Outcome
}

// Source is one file a stored activity was read from.
type Source struct {
	FileID  int64           `json:"file_id"`
	Name    string          `json:"name"`
	Format  activity.Format `json:"format"`
	SHA256  string          `json:"sha256"`
	Primary bool            `json:"primary"` // the recording whose data the activity holds
}

// Record is a stored activity with its identity and provenance.
type Record struct {
	ID       int64
	Activity activity.Activity
	Sources  []Source
	Imported time.Time
}

// Filter narrows a listing of activities. Zero fields do not filter.
type Filter struct {
	From, To time.Time // start within [From, To)
	Sport    activity.Sport
	Limit    int
}

// Store keeps activities and their original files.
type Store interface {
	// HasFile reports whether a file with this content hash was already
	// imported, so an importer can skip decoding it again.
	HasFile(ctx context.Context, athlete AthleteID, sha256 string) (bool, error)

	// SaveFile stores a file and the activities decoded from it. Each
	// activity is written in its own transaction together with the file
	// row, and recognised as a duplicate of a stored session
	// (activity.SameSession) when it is one. Saving the same file again
	// changes nothing and reports KnownFile.
	SaveFile(ctx context.Context, athlete AthleteID, f File, acts []*activity.Activity) ([]Saved, error)

	// SaveManual stores an activity that has no file: a run logged by hand.
	SaveManual(ctx context.Context, athlete AthleteID, a *activity.Activity) (int64, error)

	// Activities lists activity summaries, newest first, without streams.
	Activities(ctx context.Context, athlete AthleteID, f Filter) ([]Record, error)

	// Activity returns one activity with its streams, laps and sources.
	Activity(ctx context.Context, athlete AthleteID, id int64) (*Record, error)

	// Original returns the original bytes of a stored file.
	Original(ctx context.Context, athlete AthleteID, fileID int64) (File, error)

	// Close releases the store.
	Close() error
}
