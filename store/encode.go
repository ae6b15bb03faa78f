package store

import (
	"context"
	"fmt"

	"github.com/segmentio/encoding/json"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
)

// Packed is an activity's flags, laps and streams encoded for storage.
type Packed struct {
	Flags   string // JSON
	Laps    string // JSON, EncodeLaps
	Streams []byte // EncodeStreams
}

// Pack encodes the flags, laps and streams of a.
func Pack(a *activity.Activity) (Packed, error) {
	streams, err := EncodeStreams(&a.Streams)
	if err != nil {
		return Packed{}, err
	}
	laps, err := EncodeLaps(a.Laps)
	if err != nil {
		return Packed{}, err
	}
	flags, err := json.Marshal(a.Flags)
	if err != nil {
		return Packed{}, fmt.Errorf("encode flags: %w", err)
	}
	return Packed{Flags: string(flags), Laps: string(laps), Streams: streams}, nil
}

// Encoded is a file and the activities decoded from it, encoded for
// storage. Encoding is most of the work of saving a file; making it apart
// from Store.SaveFile lets an importer encode in parallel and keep its one
// writer for the database. Make it with Encode.
type Encoded struct {
	file     File
	acts     []*activity.Activity
	original []byte   // file.Data compressed by PackOriginal
	packed   []Packed // one per activity
	derived  []EncodedDerived
}

// Encode compresses f's original bytes and packs each of acts. A file with
// no activities is not compressed: no store writes it.
func Encode(f File, acts []*activity.Activity) (*Encoded, error) {
	e := &Encoded{file: f, acts: acts}
	if len(acts) == 0 {
		return e, nil
	}
	e.original = PackOriginal(f.Data)
	var err error
	e.packed = make([]Packed, len(acts))
	for i, a := range acts {
		if e.packed[i], err = Pack(a); err != nil {
			return nil, fmt.Errorf("encode %s activity %d: %w", f.Name, i, err)
		}
	}
	return e, nil
}

// File is the file as decoded, with its original bytes uncompressed.
func (e *Encoded) File() File { return e.file }

// Activities are the activities decoded from the file.
func (e *Encoded) Activities() []*activity.Activity { return e.acts }

// Original is the file's bytes compressed by PackOriginal; nil when the
// file has no activities.
func (e *Encoded) Original() []byte { return e.original }

// Packed is the encoding of each activity, in the order of Activities.
func (e *Encoded) Packed() []Packed { return e.packed }

// Derived is what is derived from one decoded activity alone, before it
// is stored: its peak and its analysis. Store.SaveFile keeps them in the
// activity's own transaction, so that nothing reads the activity back to
// derive them and an activity is never stored with half of them.
type Derived struct {
	Peak Peak // its ActivityID and Sport are ignored
	// Analysis is nil for none; a Draft until judged with the runner's
	// history.
	Analysis *analysis.Result
}

// EncodedDerived is Derived encoded for storage.
type EncodedDerived struct {
	Derived
	PeakHR, Bests []byte // EncodePeak
	Result        []byte // Analysis as JSON; nil without one
}

// Derive calls derive with each of the activities and keeps what it
// gives, encoded, for Store.SaveFile to save with them.
func (e *Encoded) Derive(derive func(*activity.Activity) Derived) error {
	derived := make([]EncodedDerived, len(e.acts))
	for i, a := range e.acts {
		d := &derived[i]
		d.Derived = derive(a)
		var err error
		if d.PeakHR, d.Bests, err = EncodePeak(&d.Peak); err != nil {
			return fmt.Errorf("encode %s activity %d: %w", e.file.Name, i, err)
		}
		if d.Analysis != nil {
			if d.Result, err = json.Marshal(d.Analysis); err != nil {
				return fmt.Errorf("encode analysis of %s activity %d: %w", e.file.Name, i, err)
			}
		}
	}
	e.derived = derived
	return nil
}

// Derived is what Derive kept, in the order of Activities; nil when the
// activities were not derived from.
func (e *Encoded) Derived() []EncodedDerived { return e.derived }

// SaveOne saves the one file e with save, a Store's SaveFiles: how a
// Store's SaveFile is written.
func SaveOne(ctx context.Context, save func(context.Context, AthleteID, []*Encoded) ([][]Saved, error),
	athlete AthleteID, e *Encoded) ([]Saved, error) {
	saved, err := save(ctx, athlete, []*Encoded{e})
	if len(saved) == 0 {
		return nil, err
	}
	return saved[0], err
}
