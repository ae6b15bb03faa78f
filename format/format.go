// Package format recognises activity files by their content and decodes
// them with the package for their format: format/fit, format/gpx and
// format/tcx. File names are never consulted: exports rename files, and
// a .gpx may hold anything.
package format

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/fit"
	"github.com/easyrun/easyrun/format/gpx"
	"github.com/easyrun/easyrun/format/internal/trackxml"
	"github.com/easyrun/easyrun/format/tcx"
)

// Kind is the format of a file's content.
type Kind int

// The kinds Sniff recognises.
const (
	Unknown Kind = iota
	FIT
	GPX
	TCX
	Gzip
	Zip
)

var kindNames = [...]string{
	Unknown: "unknown",
	FIT:     "FIT",
	GPX:     "GPX",
	TCX:     "TCX",
	Gzip:    "gzip",
	Zip:     "zip",
}

// String names the kind: "FIT", "GPX", "gzip", ...
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// Sniff recognises data's format from its first bytes or, for XML, its
// root element (after any byte-order mark, whitespace, comments and
// declaration).
func Sniff(data []byte) Kind {
	switch {
	case isFIT(data):
		return FIT
	case bytes.HasPrefix(data, []byte{0x1f, 0x8b}):
		return Gzip
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return Zip // the second is an empty archive
	}
	// The root tag comes within the first few hundred bytes of any real
	// file; the cap keeps a large text file from being read whole.
	switch trackxml.Root(data[:min(len(data), sniffXMLBytes)]) {
	case "gpx":
		return GPX
	case "TrainingCenterDatabase":
		return TCX
	}
	return Unknown
}

// sniffXMLBytes is how much of a file Sniff reads looking for a root element.
const sniffXMLBytes = 64 << 10

// isFIT checks the FIT file header: its size (12, or 14 with a CRC) and
// the ".FIT" signature at offset 8.
func isFIT(data []byte) bool {
	return len(data) >= 12 && (data[0] == 12 || data[0] == 14) && string(data[8:12]) == ".FIT"
}

// ErrUnknownFormat is returned by Decode for content it does not recognise.
var ErrUnknownFormat = errors.New("not a FIT, GPX or TCX file")

// ErrArchive is returned by Decode for a gzip or zip archive, whose
// members are for the caller to extract and decode.
var ErrArchive = errors.New("an archive, not an activity file")

// Decode reads the activities in data, whatever its format. A valid file
// without an activity gives an error wrapping activity.ErrNotActivity.
// When the error is not nil, no activities are returned. Decode works
// within the default activity.Bounds.
func Decode(data []byte) ([]*activity.Activity, error) {
	return DecodeWithin(data, activity.Bounds{})
}

// DecodeWithin is Decode within bounds: a file that would take more work
// fails with an error wrapping activity.ErrBounds that names the limit.
func DecodeWithin(data []byte, bounds activity.Bounds) ([]*activity.Activity, error) {
	var (
		acts []*activity.Activity
		err  error
	)
	switch k := Sniff(data); k {
	case FIT:
		acts, err = fit.DecodeWithin(data, bounds)
	case GPX:
		acts, err = gpx.DecodeWithin(data, bounds)
	case TCX:
		acts, err = tcx.DecodeWithin(data, bounds)
	case Gzip, Zip:
		return nil, fmt.Errorf("%w: %v", ErrArchive, k)
	default:
		return nil, ErrUnknownFormat
	}
	if err != nil {
		return nil, err
	}
	return acts, nil
}
