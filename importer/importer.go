// Package importer turns paths into stored activities: it walks files,
// folders, archives, Strava and Garmin exports and watches over USB,
// skips files already imported, decodes and encodes in parallel and stores
// through one writer, reporting every file that could not be imported by
// name.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format"
	"github.com/easyrun/easyrun/format/fit"
	"github.com/easyrun/easyrun/internal/priority"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/store"
)

// Importer imports activity files into a store.
type Importer struct {
	Store    store.Store
	Athlete  store.AthleteID
	Limits   Limits   // zero fields take the defaults
	Progress Progress // nil for none
	Workers  int      // parallel decoders and encoders; 0 means runtime.GOMAXPROCS(0)
	// Derive, when not nil, derives from each decoded activity what is
	// stored with it (training.Service.Derive): the workers call it on
	// the activity they hold, so that nothing reads it back to analyse it.
	Derive func(*activity.Activity) store.Derived
	// Nice lowers the CPU priority of the walker, decoders and encoders by
	// this many steps (priority.Lower), so that a server beside the import
	// keeps the cores; 0 leaves it. The writer keeps its priority: it
	// holds the database's write lock, which the server's writes wait for.
	Nice int
}

// Progress is told how an import advances. Found and Done are called from
// different goroutines, so implementations must be safe for concurrent use.
type Progress interface {
	// Found adds to the totals: the files on disk and their bytes before
	// any is read, then the members of each archive as it is opened (the
	// archive itself having been counted as one file). files may be
	// negative for an empty archive.
	Found(files int, bytes int64)
	// Done reports one file finished, whatever its fate; bytes is its
	// size where it was found (on disk, or compressed in its archive), so
	// that Done's bytes add up to Found's, archive headers aside.
	Done(name string, bytes int64)
}

// Problem is a file that was not imported, and why.
type Problem struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Summary tells what an import did.
type Summary struct {
	Files      int `json:"files"`      // files seen, archive members included
	Imported   int `json:"imported"`   // new activities stored
	Replaced   int `json:"replaced"`   // richer recordings of stored sessions, now their primary source
	Duplicates int `json:"duplicates"` // files imported before or seen twice, and sessions stored from another file
	// Mornings are the mornings read from FIT files without an activity
	// (resting heart rate, the night's HRV: fit.Mornings) and stored; a
	// morning the runner checked in stays theirs and is not counted.
	Mornings int `json:"mornings"`
	// Skipped are files that hold no activity and no morning: settings,
	// monitoring without resting heart rate, workouts, unknown content.
	Skipped []Problem `json:"skipped,omitempty"`
	// Partial are stored activities whose file stops early.
	Partial []Problem `json:"partial,omitempty"`
	// Failures are files that could not be read or decoded.
	Failures []Problem     `json:"failed,omitempty"`
	Bytes    int64         `json:"bytes"` // decompressed bytes read
	Duration time.Duration `json:"duration_ns"`
}

// Failed reports whether any file failed, for the exit code.
func (s *Summary) Failed() bool { return len(s.Failures) > 0 }

// Import imports everything under paths (see Walk). Per-file problems go
// into the Summary; the error is for what stops the whole import: a
// broken store, ctx done, or the import taking longer than
// Limits.MaxDuration (an error wrapping ErrLimit). The Summary so far is
// returned with it: what was stored stays stored.
func (im *Importer) Import(ctx context.Context, paths ...string) (*Summary, error) {
	start := time.Now()
	sum := &Summary{}
	limits := im.Limits.withDefaults()
	ctx, cancel := context.WithTimeoutCause(ctx, limits.MaxDuration,
		archiveLimit("import of %s took longer than the limit of %v; the files stored before it are kept",
			strings.Join(paths, ", "), limits.MaxDuration))
	defer cancel()
	progress := im.Progress
	if progress == nil {
		progress = noProgress{}
	}
	workers := im.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	g, ctx := errgroup.WithContext(ctx)
	// Bounded channels keep at most a few files per worker in memory, each
	// held decoded and encoded until the writer has stored it, besides the
	// batch being looked up.
	entries := make(chan Entry, workers)
	fresh := make(chan hashed, workers)
	results := make(chan result, 4*workers) // smooths the writer's slow commits

	g.Go(func() error {
		defer close(entries)
		im.lower()
		w := walker{limits: limits, found: progress.Found, emit: func(e Entry) error { return send(ctx, entries, e) }}
		return w.walk(ctx, paths)
	})

	// The lookup asks the store about a batch of files at a time: a read
	// transaction a file cost as much as hashing it.
	d := decoder{im: im, seen: map[[sha256.Size]byte]bool{}}
	var decoders sync.WaitGroup
	decoders.Add(1)
	g.Go(func() error {
		defer decoders.Done()
		defer close(fresh)
		im.lower()
		var batch []Entry
		for more := true; more; {
			batch, more = gather(entries, batch[:0], func(e *Entry) int { return len(e.Data) })
			if err := d.lookup(ctx, batch, fresh, results); err != nil {
				return err
			}
		}
		return nil
	})
	for range workers {
		decoders.Add(1)
		g.Go(func() error {
			defer decoders.Done()
			im.lower()
			for h := range fresh {
				// Past a limit or a cancel, no new file is started.
				if err := ctx.Err(); err != nil {
					return err
				}
				if err := send(ctx, results, d.decode(h)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	go func() {
		decoders.Wait()
		close(results)
	}()

	// The one writer: the store commits one transaction at a time anyway,
	// and the workers, having done the encoding, never wait for each
	// other's writes. It saves the files of a batch in one transaction.
	g.Go(func() error {
		var batch []result
		for more := true; more; {
			batch, more = gather(results, batch[:0], (*result).encodedBytes)
			if err := im.recordBatch(ctx, sum, batch); err != nil {
				return err
			}
			for _, r := range batch {
				progress.Done(r.name, r.size)
			}
		}
		return nil
	})

	err := g.Wait()
	sum.Duration = time.Since(start)
	// Decoders finish in any order; list problems by path so that the same
	// import reads the same every time.
	for _, ps := range [][]Problem{sum.Skipped, sum.Partial, sum.Failures} {
		slices.SortStableFunc(ps, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	}
	if err != nil {
		if cause := context.Cause(ctx); errors.Is(cause, ErrLimit) {
			err = cause
		}
		return sum, fmt.Errorf("import: %w", err)
	}
	return sum, nil
}

// lower lowers the calling goroutine's CPU priority by im.Nice. One that
// cannot be lowered leaves the import as fast as before, and the server
// beside it as slow: nothing to stop the import for.
func (im *Importer) lower() { _ = priority.Lower(im.Nice) }

// result is one file's fate after decoding, for the writer.
type result struct {
	name  string
	size  int64 // where found, for progress
	bytes int64 // decompressed
	// One of these says what to do: store the encoded file, or the
	// device-free activity; or count a duplicate; or report skip or fail.
	enc      *store.Encoded
	manual   *activity.Activity
	mornings []activity.Morning
	dup      bool
	skip     error
	fail     error
}

// decoder turns entries into results: one lookup, then the workers.
type decoder struct {
	im   *Importer
	seen map[[sha256.Size]byte]bool // files met in this run, by the lookup
}

// hashed is an entry with its content hash, a file new to the store.
type hashed struct {
	Entry
	sha256 string
}

// lookup hashes the files of batch and asks the store once which of them
// the athlete imported before. It sends the new ones to fresh, for the
// workers to decode, and the results of the rest to results: files
// imported before or met earlier in this run, entries that could not be
// read, manual activities. The error is fatal.
func (d *decoder) lookup(ctx context.Context, batch []Entry, fresh chan<- hashed, results chan<- result) error {
	hashes := make([]string, len(batch)) // of the files to ask about
	var ask []string
	for i, e := range batch {
		r := resultOf(&e)
		switch {
		case e.Err != nil && errors.Is(e.Err, activity.ErrNotActivity):
			r.skip = e.Err
		case e.Err != nil:
			r.fail = e.Err
		case e.Manual != nil:
			r.manual = e.Manual
		default:
			sum := sha256.Sum256(e.Data)
			if r.dup = d.seen[sum]; r.dup {
				break
			}
			d.seen[sum] = true
			hashes[i] = hex.EncodeToString(sum[:])
			ask = append(ask, hashes[i])
			continue
		}
		if err := send(ctx, results, r); err != nil {
			return err
		}
	}
	if len(ask) == 0 {
		return nil
	}
	known, err := d.im.Store.KnownFiles(ctx, d.im.Athlete, ask)
	if err != nil {
		return fmt.Errorf("look up %d files from %s on: %w", len(ask), batch[0].Name, err)
	}
	for i, e := range batch {
		switch {
		case hashes[i] == "":
		case known[hashes[i]]:
			r := resultOf(&e)
			r.dup = true
			if err := send(ctx, results, r); err != nil {
				return err
			}
		default:
			if err := send(ctx, fresh, hashed{e, hashes[i]}); err != nil {
				return err
			}
		}
	}
	return nil
}

// send sends v on ch unless ctx ends first.
func send[T any](ctx context.Context, ch chan<- T, v T) error {
	select {
	case ch <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// decode decodes and encodes one new file.
func (d *decoder) decode(h hashed) result {
	e, hash := h.Entry, h.sha256
	r := resultOf(&e)
	acts, err := decodeSafely(func(data []byte) ([]*activity.Activity, error) {
		return format.DecodeWithin(data, d.im.Limits.File)
	}, e.Data)
	switch {
	case errors.Is(err, activity.ErrNotActivity) && format.Sniff(e.Data) == fit.Kind:
		// A FIT file without an activity may hold mornings; one whose
		// mornings cannot be read either is skipped as not an activity.
		ms, merr := fit.Mornings(e.Data, physio.RMSSD)
		if merr != nil || len(ms) == 0 {
			r.skip = err
		}
		r.mornings = ms
		return r
	case errors.Is(err, activity.ErrNotActivity):
		r.skip = err
		return r
	case err != nil:
		r.fail = err
		return r
	case len(acts) == 0:
		r.skip = fmt.Errorf("%w: no session in the file", activity.ErrNotActivity)
		return r
	}
	if e.Meta != nil {
		for _, a := range acts {
			e.Meta.apply(a)
		}
	}
	f := store.File{SHA256: hash, Name: e.Name, Format: acts[0].Source, Data: e.Data}
	if r.enc, err = store.Encode(f, acts); err != nil {
		// Data no store can keep, such as an infinite distance: this
		// file's problem, not the import's.
		r.fail = err
		return r
	}
	if d.im.Derive != nil {
		if err := r.enc.Derive(d.im.Derive); err != nil {
			r.fail = err
		}
	}
	return r
}

// decodeSafely decodes data, turning a decoder's panic into an error.
func decodeSafely(decode func([]byte) ([]*activity.Activity, error), data []byte) (acts []*activity.Activity, err error) {
	// A last defence: decoders must not panic on any input, but one bad
	// file must never take the rest of an import down with it.
	defer func() {
		if p := recover(); p != nil {
			acts, err = nil, fmt.Errorf("decoder failed on this file: %v", p)
		}
	}()
	return decode(data)
}

// A batch of files is saved in one transaction (store.SaveFiles), which
// spares a commit, and a sync, per file: a tenth of an import's CPU. It
// holds the database's write lock while it writes, and a server's writes
// beside the import wait for it, so it is kept short: at most maxBatch
// files and maxBatchBytes of encoded data, gathered for at most
// batchWait after its first. The lookup asks about files in batches of
// the same bounds, counting their bytes as read.
const (
	maxBatch      = 16
	maxBatchBytes = 4 << 20
	batchWait     = 20 * time.Millisecond
)

// gather appends to batch the next item of ch and those that come within
// batchWait after it, up to maxBatch items and maxBatchBytes as size
// counts them; more is false once ch is closed.
func gather[T any](ch <-chan T, batch []T, size func(*T) int) (_ []T, more bool) {
	v, ok := <-ch
	if !ok {
		return batch, false
	}
	batch = append(batch, v)
	n := size(&batch[len(batch)-1])
	wait := time.NewTimer(batchWait)
	defer wait.Stop()
	for len(batch) < maxBatch && n < maxBatchBytes {
		select {
		case v, ok := <-ch:
			if !ok {
				return batch, false
			}
			batch = append(batch, v)
			n += size(&batch[len(batch)-1])
		case <-wait.C:
			return batch, true
		}
	}
	return batch, true
}

// resultOf is the result of entry e before anything is known of it:
// where it was found and how big it is.
func resultOf(e *Entry) result {
	return result{name: e.Name, size: e.Size, bytes: int64(len(e.Data))}
}

// saves reports whether r is a file to save.
func (r *result) saves() bool { return r.enc != nil && r.fail == nil }

// encodedBytes is what saving r writes, roughly: its original and
// streams compressed.
func (r *result) encodedBytes() int {
	if !r.saves() {
		return 0
	}
	n := len(r.enc.Original())
	for _, p := range r.enc.Packed() {
		n += len(p.Streams)
	}
	return n
}

// recordBatch saves the files of batch in one transaction, then records
// the rest of it, each result in its order, and counts them in sum.
func (im *Importer) recordBatch(ctx context.Context, sum *Summary, batch []result) error {
	var files []*store.Encoded
	for i := range batch {
		if batch[i].saves() {
			files = append(files, batch[i].enc)
		}
	}
	var (
		saved [][]store.Saved
		err   error
	)
	if len(files) > 0 {
		saved, err = im.Store.SaveFiles(ctx, im.Athlete, files)
	}
	k := 0 // the next of files
	for _, r := range batch {
		if !r.saves() {
			if err := im.record(ctx, sum, r); err != nil {
				return err
			}
			continue
		}
		if k == len(saved) {
			// Not saved: this file failed, or one before it did.
			return fmt.Errorf("store %s: %w", r.name, err)
		}
		im.count(sum, r, saved[k])
		if k++; k == len(saved) && err != nil {
			return fmt.Errorf("store %s: %w", r.name, err)
		}
	}
	return nil
}

// count counts in sum the file r saved, whose activities had the
// outcomes saved.
func (im *Importer) count(sum *Summary, r result, saved []store.Saved) {
	sum.Files++
	sum.Bytes += r.bytes
	acts := r.enc.Activities()
	for i, s := range saved {
		switch s.Outcome {
		case store.Imported:
			sum.Imported++
		case store.Replaced:
			sum.Replaced++
		default:
			sum.Duplicates++
			continue
		}
		if i < len(acts) {
			if f, ok := partial(acts[i]); ok {
				sum.Partial = append(sum.Partial, Problem{r.name, f.Detail})
			}
		}
	}
}

// record stores one result other than a file to save and counts it in
// sum.
func (im *Importer) record(ctx context.Context, sum *Summary, r result) error {
	sum.Files++
	sum.Bytes += r.bytes
	switch {
	case r.fail != nil:
		sum.Failures = append(sum.Failures, Problem{r.name, r.fail.Error()})
	case r.skip != nil:
		sum.Skipped = append(sum.Skipped, Problem{r.name, r.skip.Error()})
	case r.dup:
		sum.Duplicates++
	case r.mornings != nil:
		for _, m := range r.mornings {
			saved, err := im.Store.SaveMorning(ctx, im.Athlete, m)
			if err != nil {
				return fmt.Errorf("store %s: %w", r.name, err)
			}
			if saved {
				sum.Mornings++
			}
		}
	case r.manual != nil:
		logged, err := im.logged(ctx, r.manual)
		if err != nil {
			return fmt.Errorf("store %s: %w", r.name, err)
		}
		if logged {
			sum.Duplicates++
			return nil
		}
		if _, err := im.Store.SaveManual(ctx, im.Athlete, r.manual); err != nil {
			return fmt.Errorf("store %s: %w", r.name, err)
		}
		sum.Imported++
	}
	return nil
}

// logged reports whether a device-free activity like a is stored: one of
// the same sport starting in the same second. A manual entry has no file
// whose hash would tell, and importing an export again must not log its
// manual entries twice.
func (im *Importer) logged(ctx context.Context, a *activity.Activity) (bool, error) {
	start := a.Start.Truncate(time.Second)
	recs, err := im.Store.Activities(ctx, im.Athlete, store.Filter{From: start, To: start.Add(time.Second)})
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(recs, func(r store.Record) bool { return r.Activity.Sport == a.Sport }), nil
}

// partial returns an activity's Partial flag, if it has one.
func partial(a *activity.Activity) (activity.Flag, bool) {
	for _, f := range a.Flags {
		if f.Code == activity.Partial {
			return f, true
		}
	}
	return activity.Flag{}, false
}

type noProgress struct{}

func (noProgress) Found(int, int64)   {}
func (noProgress) Done(string, int64) {}
