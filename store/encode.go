package store

import (
	"encoding/json"
	"fmt"

	"github.com/easyrun/easyrun/activity"
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
