package importer

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// Limits bound what an archive may expand to, so that a zip bomb or a
// hostile upload stops early instead of filling memory or disk. A zero
// field takes its default; the web upload sets stricter values.
type Limits struct {
	// MaxEntryBytes bounds one file after decompression (default 256 MiB;
	// the longest ultra on a watch is a few tens of MB).
	MaxEntryBytes int64
	// MaxArchiveBytes bounds everything one import or upload reads and
	// expands to, all archives and files included (default 16 GiB: a
	// decade of exports fits).
	MaxArchiveBytes int64
	// MaxRatio bounds expanded:compressed size for entries larger than
	// 1 MiB (default 100; activity files compress about 3-25:1).
	MaxRatio int64
	// MaxEntries bounds the number of files in one import or upload,
	// archive members included (default 500,000).
	MaxEntries int
	// MaxDepth bounds how deep archives nest: a .fit.gz inside a zip is
	// two levels (default 4).
	MaxDepth int
	// MaxNested bounds the zip archives found inside other archives in
	// one import or upload (default 1,000; a Garmin export holds tens).
	// Each is read whole into memory and walked again, so a small file
	// of zips in zips would otherwise multiply the work.
	MaxNested int
	// MaxDuration bounds the time one import or upload may take to read,
	// decode and store its files (default 4 h). What was stored before
	// it is kept and analysed.
	MaxDuration time.Duration
	// File bounds the work of decoding one activity file: the time its
	// activities span and the points it records.
	File activity.Bounds
}

// Defaults for the zero fields of Limits.
const (
	DefaultMaxEntryBytes   = 256 << 20
	DefaultMaxArchiveBytes = 16 << 30
	DefaultMaxRatio        = 100
	DefaultMaxEntries      = 500_000
	DefaultMaxDepth        = 4
	DefaultMaxNested       = 1_000
	DefaultMaxDuration     = 4 * time.Hour
)

// ratioFloorBytes is the size below which the ratio is not checked: small
// files of repeated bytes compress well and are harmless.
const ratioFloorBytes = 1 << 20

func (l Limits) withDefaults() Limits {
	if l.MaxEntryBytes <= 0 {
		l.MaxEntryBytes = DefaultMaxEntryBytes
	}
	if l.MaxArchiveBytes <= 0 {
		l.MaxArchiveBytes = DefaultMaxArchiveBytes
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = DefaultMaxRatio
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxNested <= 0 {
		l.MaxNested = DefaultMaxNested
	}
	if l.MaxDuration <= 0 {
		l.MaxDuration = DefaultMaxDuration
	}
	return l
}

// ErrLimit is wrapped by every error that stops an archive or one of its
// entries because a limit was reached.
var ErrLimit = errors.New("archive limit reached")

// limitError is a limit's message, which names the archive or entry and
// the limit, as ErrLimit. archiveWide tells whether the whole archive
// stops or only the entry.
type limitError struct {
	msg         string
	archiveWide bool
}

func (e *limitError) Error() string        { return e.msg }
func (e *limitError) Is(target error) bool { return target == ErrLimit }

func entryLimit(format string, args ...any) error {
	return &limitError{msg: fmt.Sprintf(format, args...)}
}

func archiveLimit(format string, args ...any) error {
	return &limitError{msg: fmt.Sprintf(format, args...), archiveWide: true}
}

// isArchiveWide reports whether err stops the whole archive.
func isArchiveWide(err error) bool {
	var le *limitError
	return errors.As(err, &le) && le.archiveWide
}

// budget is what is left of the limits of one walk: an upload or an
// import as a whole, all its archives, nested or not, and files.
type budget struct {
	limits   Limits
	archive  string // the outermost archive or file being read, for messages
	expanded int64  // bytes decompressed so far, nested archives included
	entries  int
	nested   int   // zip archives found inside archives
	err      error // set once an archive-wide limit is reached
}

// addEntry counts one more file in the archive.
func (b *budget) addEntry() error {
	if b.err != nil {
		return b.err
	}
	b.entries++
	if b.entries > b.limits.MaxEntries {
		b.err = archiveLimit("too many files in one import: more than %d, reached in %s", b.limits.MaxEntries, b.archive)
	}
	return b.err
}

// addNested counts one more zip archive inside an archive, named name.
func (b *budget) addNested(name string) error {
	if b.err != nil {
		return b.err
	}
	if b.nested++; b.nested > b.limits.MaxNested {
		b.err = archiveLimit("too many archives inside archives in one import: more than %d, reached at %s", b.limits.MaxNested, name)
	}
	return b.err
}

// addBytes counts n bytes read outside any archive.
func (b *budget) addBytes(n int64) error {
	if b.err != nil {
		return b.err
	}
	if b.expanded += n; b.expanded > b.limits.MaxArchiveBytes {
		b.err = archiveLimit("import too large when expanded: more than %s, reached in %s", sizeText(b.limits.MaxArchiveBytes), b.archive)
	}
	return b.err
}

// read reads all of one compressed entry named name from r, stopping as
// soon as a limit is crossed; the sizes an archive declares are never
// trusted. compressed reports how many compressed bytes the entry has
// consumed so far.
func (b *budget) read(name string, r io.Reader, compressed func() int64) ([]byte, error) {
	if b.err != nil {
		return nil, b.err
	}
	return io.ReadAll(&limitedReader{r: r, b: b, name: name, compressed: compressed})
}

// limitedReader enforces a budget while an entry is decompressed. It asks
// the underlying reader for at most one byte beyond the tightest limit,
// so a limit is seen the moment it is crossed.
type limitedReader struct {
	r          io.Reader
	b          *budget
	name       string
	n          int64 // bytes of this entry so far
	compressed func() int64
}

func (lr *limitedReader) Read(p []byte) (int, error) {
	l := &lr.b.limits
	room := min(l.MaxEntryBytes-lr.n, l.MaxArchiveBytes-lr.b.expanded) + 1
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := lr.r.Read(p)
	lr.n += int64(n)
	lr.b.expanded += int64(n)
	switch {
	case lr.b.expanded > l.MaxArchiveBytes:
		lr.b.err = archiveLimit("import too large when expanded: more than %s, reached in %s", sizeText(l.MaxArchiveBytes), lr.b.archive)
		return n, lr.b.err
	case lr.n > l.MaxEntryBytes:
		return n, entryLimit("file too large when expanded: %s exceeds %s", lr.name, sizeText(l.MaxEntryBytes))
	case lr.n > ratioFloorBytes && lr.n > l.MaxRatio*max(lr.compressed(), 1):
		return n, entryLimit("compression ratio too high: %s expands more than %d:1", lr.name, l.MaxRatio)
	}
	return n, err
}

// sizeText writes a byte count the way limits are set: "2 GiB", "512 KiB".
func sizeText(n int64) string {
	for _, u := range []struct {
		size int64
		name string
	}{{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// countingReader counts the bytes read through it: the compressed side
// of a gzip stream.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// countingReaderAt counts the bytes read through it: the compressed side
// of a zip archive, whose entries are read one at a time.
type countingReaderAt struct {
	r io.ReaderAt
	n int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}
