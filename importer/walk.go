package importer

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format"
)

// Entry is one file found by Walk: a file on disk or a member of an
// archive, decompressed.
type Entry struct {
	// Name is the file's path; a member of an archive adds "!member" per
	// level ("export.zip!activities/12.fit.gz"). Gzip adds no level.
	Name string
	// Data is the decompressed content; nil when Err is set.
	Data []byte
	// Size is what the entry took where it was found: its bytes on disk,
	// or compressed in its archive. Progress counts it.
	Size int64
	// Meta is what an export's index says about the file; nil when none.
	Meta *Meta
	// Manual is an activity an export's index holds without a file (a
	// Strava manual entry), to be stored as a device-free activity; Data
	// is nil then.
	Manual *activity.Activity
	// Err says why the entry could not be read. It wraps
	// activity.ErrNotActivity for content that is no activity file.
	Err error
}

// Walk calls fn with every file under paths: files, folders (recursively,
// following symbolic links but never in a loop), gzip and zip archives at
// any depth within limits, Strava bulk exports (their activities.csv
// becomes each file's Meta) and watches mounted over USB (only
// GARMIN/Activity is read). Formats are recognised from content.
//
// A file that cannot be read becomes an Entry with Err and the walk goes
// on. Walk stops at the first error fn returns, or when ctx is done, and
// returns that error.
func Walk(ctx context.Context, paths []string, limits Limits, fn func(Entry) error) error {
	w := walker{limits: limits.withDefaults(), emit: fn, found: func(int, int64) {}}
	return w.walk(ctx, paths)
}

// sniffBytes is how much of a file on disk is read to recognise it,
// enough for an XML prolog with comments before the root element.
const sniffBytes = 4096

// walker holds one walk's settings.
type walker struct {
	limits Limits
	// b is the budget of the whole walk: every archive, and every file
	// on disk, draws on it, so that an upload of many archives or files
	// is bounded as a whole.
	b    *budget
	emit func(Entry) error
	// found is told of files as they are discovered: those on disk before
	// any is read, archive members when their archive is opened.
	found func(files int, bytes int64)
}

// diskFile is a file found on disk, to be read.
type diskFile struct {
	path string
	size int64
	meta *Meta
	err  error // why it could not be listed
	// manual are the manual entries of the export's index at path, to
	// emit instead of reading the file.
	manual []Entry
}

func (w *walker) walk(ctx context.Context, paths []string) error {
	// Checked before every entry, so that a big archive stops promptly.
	emit := w.emit
	w.emit = func(e Entry) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return emit(e)
	}
	var files []diskFile
	visited := map[string]bool{}
	for _, p := range paths {
		files = collect(files, p, nil, "", visited)
	}
	var total int64
	for _, f := range files {
		total += f.size
	}
	w.found(len(files), total)

	for _, f := range files {
		if f.err != nil {
			if err := w.emit(Entry{Name: f.path, Err: f.err}); err != nil {
				return err
			}
			continue
		}
		if f.manual != nil {
			w.found(len(f.manual)-1, 0) // the entries replace the index counted as one file
			if err := w.emitAll(f.manual); err != nil {
				return err
			}
			continue
		}
		if err := w.file(f); err != nil {
			return err
		}
	}
	return nil
}

// collect appends the files at p to files. idx and root are the Strava
// export p lies in, if any.
func collect(files []diskFile, p string, idx stravaIndex, root string, visited map[string]bool) []diskFile {
	info, err := os.Stat(p) // follows symbolic links
	if err != nil {
		return append(files, diskFile{path: p, err: err})
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			// Devices, pipes and sockets are never read (a pipe would
			// block the walk), but they are reported.
			return append(files, diskFile{path: p, err: notRegular(info.Mode())})
		}
		return append(files, diskFile{path: p, size: info.Size(), meta: idx.lookup(root, p)})
	}

	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return append(files, diskFile{path: p, err: err})
	}
	if visited[real] {
		return files // a symbolic link loop, or a folder named twice
	}
	visited[real] = true

	children, err := os.ReadDir(p)
	if err != nil {
		return append(files, diskFile{path: p, err: err})
	}
	// A watch over USB: its settings and monitoring folders hold no
	// activities, so only the activity folder is read.
	if act, ok := garminActivityDir(p, children); ok {
		return collect(files, act, idx, root, visited)
	}
	csvName, export := stravaExport(children)
	export = export && idx == nil // an export's own folders are not exports
	if export {
		csvPath := filepath.Join(p, csvName)
		var manual []Entry
		if idx, manual, err = readStravaIndex(csvPath); err != nil {
			files = append(files, diskFile{path: csvPath, err: err})
		} else if len(manual) > 0 {
			files = append(files, diskFile{path: csvPath, manual: manual})
		}
		root = p
	}
	for _, c := range children {
		if export && c.Name() == csvName {
			continue // read above, as the export's index
		}
		files = collect(files, filepath.Join(p, c.Name()), idx, root, visited)
	}
	return files
}

// garminActivityDir returns the activity folder of a Garmin watch when
// dir is its mount root (holding GARMIN/Activity) or its GARMIN folder.
func garminActivityDir(dir string, children []fs.DirEntry) (string, bool) {
	if strings.EqualFold(filepath.Base(dir), "GARMIN") {
		if name, ok := findChild(children, "Activity", true); ok {
			return filepath.Join(dir, name), true
		}
	}
	name, ok := findChild(children, "GARMIN", true)
	if !ok {
		return "", false
	}
	sub, err := os.ReadDir(filepath.Join(dir, name))
	if err != nil {
		return "", false
	}
	if act, ok := findChild(sub, "Activity", true); ok {
		return filepath.Join(dir, name, act), true
	}
	return "", false
}

// stravaExport reports whether a folder is the root of a Strava bulk
// export, holding activities.csv beside activities/, with the index's name.
func stravaExport(children []fs.DirEntry) (string, bool) {
	name, ok := findChild(children, stravaIndexName, false)
	_, hasDir := findChild(children, "activities", true)
	return name, ok && hasDir
}

// findChild returns the name of the child called name, ignoring case as
// FAT file systems do, that is a folder or not as wanted.
func findChild(children []fs.DirEntry, name string, dir bool) (string, bool) {
	for _, c := range children {
		if strings.EqualFold(c.Name(), name) && c.IsDir() == dir {
			return c.Name(), true
		}
	}
	return "", false
}

func readStravaIndex(path string) (stravaIndex, []Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return parseStravaIndex(f, path)
}

// emitAll emits entries in order, stopping at the first error.
func (w *walker) emitAll(entries []Entry) error {
	for _, e := range entries {
		if err := w.emit(e); err != nil {
			return err
		}
	}
	return nil
}

// lookup returns the Meta of the file at p in the export rooted at root.
func (idx stravaIndex) lookup(root, p string) *Meta {
	if idx == nil {
		return nil
	}
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return nil
	}
	return idx[filepath.ToSlash(rel)]
}

// source is a piece of content being walked and where it came from.
type source struct {
	name  string
	size  int64 // where found, for progress
	meta  *Meta
	depth int     // how many archives enclose it
	b     *budget // the walk's; nil outside archives
}

// file reads one file on disk. Archives on disk are streamed: a zip is
// read through its directory, a gzip decompressed as it is read.
func (w *walker) file(f diskFile) error {
	src := source{name: f.path, size: f.size, meta: f.meta}
	fh, err := os.Open(f.path)
	if err != nil {
		return w.fail(src, err)
	}
	defer fh.Close()
	head := make([]byte, sniffBytes)
	n, err := io.ReadFull(fh, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return w.fail(src, fmt.Errorf("read: %w", err))
	}
	head = head[:n]
	if n == 0 {
		return w.empty(src)
	}

	switch kind := format.Sniff(head); {
	case kind == format.Zip:
		return w.zip(src, fh, f.size)
	case kind == format.Gzip:
		return w.gunzip(src, io.MultiReader(bytes.NewReader(head), fh))
	case kind == format.Unknown && !format.HasExt(f.path):
		// A name that says activity file is reported as broken, not skipped.
		return w.skip(src)
	}
	if f.size > w.limits.MaxEntryBytes {
		return w.fail(src, entryLimit("file too large: %s exceeds %s", f.path, sizeText(w.limits.MaxEntryBytes)))
	}
	b := w.budget()
	b.archive = f.path
	if err := b.addEntry(); err != nil {
		return w.fail(src, err)
	}
	if err := b.addBytes(f.size); err != nil {
		return w.fail(src, err)
	}
	var buf bytes.Buffer
	buf.Grow(int(f.size) + 1)
	buf.Write(head)
	if _, err := buf.ReadFrom(io.LimitReader(fh, w.limits.MaxEntryBytes-int64(n))); err != nil {
		return w.fail(src, fmt.Errorf("read: %w", err))
	}
	return w.emit(Entry{Name: src.name, Data: buf.Bytes(), Size: src.size, Meta: src.meta})
}

// content walks data found inside an archive: another archive, or a file.
func (w *walker) content(src source, data []byte) error {
	if len(data) == 0 {
		return w.empty(src)
	}
	switch kind := format.Sniff(data); {
	case kind == format.Zip:
		return w.zip(src, bytes.NewReader(data), int64(len(data)))
	case kind == format.Gzip:
		return w.gunzip(src, bytes.NewReader(data))
	case kind == format.Unknown && !format.HasExt(src.name):
		return w.skip(src)
	}
	return w.emit(Entry{Name: src.name, Data: data, Size: src.size, Meta: src.meta})
}

// budget is the walk's budget, made when first drawn on.
func (w *walker) budget() *budget {
	if w.b == nil {
		w.b = &budget{limits: w.limits}
	}
	return w.b
}

// open starts an archive at src: it checks the nesting depth and gives
// src the budget of its outermost archive.
func (w *walker) open(src *source) error {
	if src.depth >= w.limits.MaxDepth {
		return entryLimit("archives nested too deep: %s is inside %d others", src.name, src.depth)
	}
	if src.b == nil {
		src.b = w.budget()
		src.b.archive = src.name
	}
	return nil
}

// gunzip decompresses the gzip stream r. The content keeps the name of
// the .gz file: it is the same file, compressed.
func (w *walker) gunzip(src source, r io.Reader) error {
	if err := w.open(&src); err != nil {
		return w.fail(src, err)
	}
	cr := &countingReader{r: r}
	zr, err := gzip.NewReader(cr)
	if err != nil {
		return w.fail(src, fmt.Errorf("read gzip: %w", err))
	}
	data, err := src.b.read(src.name, zr, func() int64 { return cr.n })
	if err != nil {
		return w.fail(src, readError("gzip", err))
	}
	src.depth++
	return w.content(src, data)
}

// zip walks the members of the zip archive in r, of size bytes. A member
// that cannot be read is reported and the others go on; an archive-wide
// limit stops the archive.
func (w *walker) zip(src source, r io.ReaderAt, size int64) error {
	if err := w.open(&src); err != nil {
		return w.fail(src, err)
	}
	if src.depth > 0 {
		if err := src.b.addNested(src.name); err != nil {
			return w.fail(src, err)
		}
	}
	cr := &countingReaderAt{r: r}
	zr, err := zip.NewReader(cr, size)
	if err != nil {
		return w.fail(src, fmt.Errorf("open zip: %w", err))
	}

	var files []*zip.File
	for _, f := range zr.File {
		if !f.FileInfo().IsDir() {
			files = append(files, f)
		}
	}
	idx, manual, root, idxFile, err := w.zipStravaIndex(src, files, cr)
	if err != nil {
		if err := w.fail(source{name: src.name + "!" + idxFile.Name}, err); err != nil {
			return err
		}
	}
	w.found(len(manual), 0)
	if err := w.emitAll(manual); err != nil {
		return err
	}
	if idxFile != nil {
		files = files[:len(files)-1]
	}
	w.found(len(files)-1, 0) // the members replace the archive counted as one file

	for _, f := range files {
		if src.b.err != nil {
			return nil // reported when it was reached
		}
		m := source{
			name:  src.name + "!" + f.Name,
			size:  int64(min(f.CompressedSize64, uint64(size))),
			depth: src.depth + 1,
			b:     src.b,
		}
		if idx != nil {
			m.meta = idx[strings.TrimPrefix(f.Name, root)]
		}
		if !localName(f.Name) {
			if err := w.fail(m, fmt.Errorf("zip entry escaping its folder: %s", f.Name)); err != nil {
				return err
			}
			continue
		}
		data, err := w.zipMember(src.b, m.name, f, cr)
		if err != nil {
			if isArchiveWide(err) {
				return w.fail(source{name: src.b.archive, size: m.size}, err)
			}
			if err := w.fail(m, err); err != nil {
				return err
			}
			continue
		}
		if err := w.content(m, data); err != nil {
			return err
		}
	}
	return nil
}

// zipMember reads one member of a zip archive within the budget.
func (w *walker) zipMember(b *budget, name string, f *zip.File, cr *countingReaderAt) ([]byte, error) {
	if err := b.addEntry(); err != nil {
		return nil, err
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("open zip entry: %w", err)
	}
	defer rc.Close()
	start := cr.n
	data, err := b.read(name, rc, func() int64 { return cr.n - start })
	if err != nil {
		return nil, readError("zip entry", err)
	}
	return data, nil
}

// zipStravaIndex finds and reads the activities.csv of a Strava export
// zipped whole. It moves the index to the end of files, returns it with
// the export's root inside the zip and its manual entries, and reports a
// broken index as err.
func (w *walker) zipStravaIndex(src source, files []*zip.File, cr *countingReaderAt) (stravaIndex, []Entry, string, *zip.File, error) {
	best := -1
	for i, f := range files {
		if strings.EqualFold(path.Base(f.Name), stravaIndexName) && localName(f.Name) &&
			(best < 0 || strings.Count(f.Name, "/") < strings.Count(files[best].Name, "/")) {
			best = i
		}
	}
	if best < 0 {
		return nil, nil, "", nil, nil
	}
	f := files[best]
	root := strings.TrimSuffix(f.Name, path.Base(f.Name))
	if !slices.ContainsFunc(files, func(m *zip.File) bool { return strings.HasPrefix(m.Name, root+"activities/") }) {
		return nil, nil, "", nil, nil // a CSV of something else
	}
	copy(files[best:], files[best+1:])
	files[len(files)-1] = f
	data, err := w.zipMember(src.b, src.name+"!"+f.Name, f, cr)
	if err != nil {
		return nil, nil, root, f, err
	}
	idx, manual, err := parseStravaIndex(bytes.NewReader(data), src.name+"!"+f.Name)
	return idx, manual, root, f, err
}

// readError names what failed to read; limits speak for themselves.
func readError(what string, err error) error {
	if errors.Is(err, ErrLimit) {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s truncated: %w", what, err)
	}
	return fmt.Errorf("read %s: %w", what, err)
}

// localName reports whether a zip member's name stays inside the archive's
// folder: no absolute path, drive letter, ".." component or backslash
// (which Windows tools treat as a separator).
func localName(name string) bool {
	if name == "" || strings.ContainsRune(name, '\\') || strings.HasPrefix(name, "/") ||
		(len(name) >= 2 && name[1] == ':') {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return false
		}
	}
	return true
}

// errUnrecognised is the reason content in no known format is skipped.
var errUnrecognised = fmt.Errorf("%w: content not recognised as %s", activity.ErrNotActivity, format.Names())

// empty reports an empty file by name: two empty files would otherwise
// share a hash and the second pass for a duplicate. One named as an
// activity file fails, as a file whose content is not recognised does.
func (w *walker) empty(src source) error {
	err := errors.New("empty file (0 bytes)")
	if !format.HasExt(src.name) {
		err = fmt.Errorf("%w: %w", activity.ErrNotActivity, err)
	}
	return w.emit(Entry{Name: src.name, Size: src.size, Meta: src.meta, Err: err})
}

// notRegular is the reason a file that is not a regular file is skipped.
func notRegular(mode fs.FileMode) error {
	what := "a special file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	case mode&fs.ModeDevice != 0:
		what = "a device"
	}
	return fmt.Errorf("%w: not a regular file but %s", activity.ErrNotActivity, what)
}

func (w *walker) skip(src source) error {
	return w.emit(Entry{Name: src.name, Size: src.size, Meta: src.meta, Err: errUnrecognised})
}

func (w *walker) fail(src source, err error) error {
	return w.emit(Entry{Name: src.name, Size: src.size, Meta: src.meta, Err: err})
}
