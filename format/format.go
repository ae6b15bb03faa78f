// Package format recognises activity files by their content and decodes
// them with the package for their format. Each format package (format/fit,
// format/gpx, format/tcx) registers itself here when it is linked in, as
// image/png does with package image, so a new format is one package and
// one import where the formats are gathered (package importer). File names
// are never consulted for the format: exports rename files, and a .gpx may
// hold anything.
package format

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/internal/trackxml"
)

// Kind is the format of a file's content: an archive, or a registered
// format (numbered as registered).
type Kind int

// The kinds Sniff recognises of itself: no format, and the archives whose
// members are for the caller to extract.
const (
	Unknown Kind = iota
	Gzip
	Zip
)

// String names the kind: "FIT", "GPX", "gzip", ...
func (k Kind) String() string {
	mu.RLock()
	defer mu.RUnlock()
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// Format is an activity format as its package registers it.
type Format struct {
	// Name names the format for people: "FIT".
	Name string
	// Ext is the file extension the format's files usually have: ".fit".
	Ext string
	// Match reports whether data starts like a file of the format. Nil
	// for an XML format, which is recognised by Root instead.
	Match func(data []byte) bool
	// Root is an XML format's root element: "gpx".
	Root string
	// Decode reads the activities in data within bounds.
	Decode func(data []byte, bounds activity.Bounds) ([]*activity.Activity, error)

	kind Kind
}

var (
	mu        sync.RWMutex
	formats   []Format
	kindNames = []string{Unknown: "unknown", Gzip: "gzip", Zip: "zip"}
)

// Register makes a format known to Sniff and Decode and returns its Kind.
// A format package calls it when initialised; registering a name twice
// panics, as two packages claiming one format is a build mistake.
func Register(f Format) Kind {
	mu.Lock()
	defer mu.Unlock()
	if slices.Contains(kindNames, f.Name) {
		panic(fmt.Sprintf("format: %s registered twice", f.Name))
	}
	f.kind = Kind(len(kindNames))
	kindNames = append(kindNames, f.Name)
	formats = append(formats, f)
	return f.kind
}

// Registered lists the registered formats by name.
func Registered() []Format {
	mu.RLock()
	defer mu.RUnlock()
	fs := slices.Clone(formats)
	slices.SortFunc(fs, func(a, b Format) int { return strings.Compare(a.Name, b.Name) })
	return fs
}

// Names lists the registered formats for people: "FIT, GPX or TCX".
func Names() string {
	fs := Registered()
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Sniff recognises data's format from its first bytes or, for XML, its
// root element (after any byte-order mark, whitespace, comments and
// declaration).
func Sniff(data []byte) Kind {
	f, ok := lookup(data)
	switch {
	case ok:
		return f.kind
	case bytes.HasPrefix(data, []byte{0x1f, 0x8b}):
		return Gzip
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return Zip // the second is an empty archive
	}
	return Unknown
}

// lookup finds the registered format of data: by its magic bytes first,
// then by its XML root element, read once for all XML formats.
func lookup(data []byte) (Format, bool) {
	fs := Registered()
	for _, f := range fs {
		if f.Match != nil && f.Match(data) {
			return f, true
		}
	}
	if !slices.ContainsFunc(fs, func(f Format) bool { return f.Root != "" }) {
		return Format{}, false
	}
	// The root tag comes within the first few hundred bytes of any real
	// file; the cap keeps a large text file from being read whole.
	root := trackxml.Root(data[:min(len(data), sniffXMLBytes)])
	for _, f := range fs {
		if f.Root != "" && f.Root == root {
			return f, true
		}
	}
	return Format{}, false
}

// sniffXMLBytes is how much of a file Sniff reads looking for a root element.
const sniffXMLBytes = 64 << 10

// HasExt reports whether name ends in a registered format's extension,
// in any case, compressed or not: "run.FIT", "ride.gpx.gz".
func HasExt(name string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	return slices.ContainsFunc(Registered(), func(f Format) bool { return strings.HasSuffix(name, f.Ext) })
}

// ErrUnknownFormat is returned by Decode for content it does not recognise.
var ErrUnknownFormat = errors.New("unknown format")

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
	if f, ok := lookup(data); ok {
		acts, err := f.Decode(data, bounds)
		if err != nil {
			return nil, err
		}
		return acts, nil
	}
	if k := Sniff(data); k != Unknown {
		return nil, fmt.Errorf("%w: %v", ErrArchive, k)
	}
	return nil, fmt.Errorf("%w: not a %s file", ErrUnknownFormat, Names())
}
