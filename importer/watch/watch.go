// Package watch hands over the files that appear in a folder once they
// are complete, for a sync tool's folder (Garmin Express, Syncthing,
// Gadgetbridge exports) to be imported without anyone running a command.
//
// A file is complete when its size and modification time have not
// changed for Watcher.Settle: a file written in pieces is handed over
// once, after its last piece, and a file renamed into place (how most
// sync tools finish a file) as soon as it has settled. Change
// notifications (fsnotify: inotify, kqueue, ReadDirectoryChangesW) say
// when to look; they do not reach across network mounts (NFS, SMB) when
// another machine writes, so a periodic rescan finds what they miss, and
// a poll-only mode relies on the rescan alone.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Defaults of a Watcher's intervals.
const (
	// DefaultSettle is long enough for a sync tool's pauses between the
	// pieces of a file, short enough to feel immediate.
	DefaultSettle = 2 * time.Second
	// DefaultRescan finds what notifications missed.
	DefaultRescan = 5 * time.Minute
)

// Watcher watches a folder and its subfolders.
type Watcher struct {
	// Dir is the folder watched.
	Dir string
	// Settle is how long a file must stay unchanged to be complete;
	// zero means DefaultSettle.
	Settle time.Duration
	// Rescan is how often the whole folder is read again; zero means
	// DefaultRescan.
	Rescan time.Duration
	// PollOnly reads the folder every Rescan and uses no notifications:
	// for network mounts, where they do not arrive.
	PollOnly bool
	// Batch receives the files found complete together, sorted; the
	// first call has every file already in the folder, since a sync tool
	// may have filled it while nobody watched. A file that changes again
	// later comes again. An error from Batch stops Run with it.
	Batch func(ctx context.Context, paths []string) error
	// Notice, when set, is told what the watcher does that a person
	// watching it should know (a fall-back to polling, an unreadable
	// folder).
	Notice func(msg string)
}

// stamp is what a file looked like when last seen.
type stamp struct {
	size int64
	mod  time.Time
}

// pending is a file not yet complete: how it looked, and since when.
type pending struct {
	stamp
	since time.Time
}

// Run watches until ctx is done, then returns nil; it returns an error
// when Dir cannot be read or Batch fails.
func (w *Watcher) Run(ctx context.Context) error {
	settle, rescan := orDefault(w.Settle, DefaultSettle), orDefault(w.Rescan, DefaultRescan)
	if info, err := os.Stat(w.Dir); err != nil {
		return fmt.Errorf("watch %s: %w", w.Dir, err)
	} else if !info.IsDir() {
		return fmt.Errorf("watch %s: not a folder", w.Dir)
	}
	s := &state{w: w, pending: map[string]pending{}, handed: map[string]stamp{}}
	var events <-chan fsnotify.Event
	var errs <-chan error
	if !w.PollOnly {
		n, err := fsnotify.NewWatcher()
		if err != nil {
			// Out of inotify instances, say: polling still works.
			w.notice(fmt.Sprintf("no change notifications (%v): reading %s every %v instead", err, w.Dir, rescan))
		} else {
			defer n.Close()
			s.notify = n
			events, errs = n.Events, n.Errors
		}
	}
	if err := s.scan(time.Now()); err != nil {
		return err
	}
	// A check interval well under settle, so that a settled file waits
	// at most half as long again.
	check := time.NewTicker(max(settle/4, 10*time.Millisecond))
	defer check.Stop()
	full := time.NewTicker(rescan)
	defer full.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			s.event(ev, time.Now())
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			// An overflowed queue lost events: read everything again.
			w.notice(fmt.Sprintf("change notifications for %s: %v; reading the folder again", w.Dir, err))
			if err := s.scan(time.Now()); err != nil {
				return err
			}
		case now := <-full.C:
			if err := s.scan(now); err != nil {
				return err
			}
		case now := <-check.C:
			if err := s.handOver(ctx, now, settle); err != nil {
				return err
			}
		}
	}
}

// state is what Run knows of the folder.
type state struct {
	w      *Watcher
	notify *fsnotify.Watcher // nil when polling only
	// pending files are not complete yet; handed ones went to Batch as
	// they look there.
	pending map[string]pending
	handed  map[string]stamp
}

// scan reads the whole folder, watching every subfolder, and notes the
// files new or changed since they were handed over.
func (s *state) scan(now time.Time) error {
	err := filepath.WalkDir(s.w.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == s.w.Dir {
				return err
			}
			// A subfolder removed or unreadable: the rest still counts.
			s.w.notice(fmt.Sprintf("watch: %v", err))
			return nil
		}
		if path != s.w.Dir && ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			s.watch(path)
			return nil
		}
		if d.Type().IsRegular() {
			s.look(path, now)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("watch %s: %w", s.w.Dir, err)
	}
	return nil
}

// watch asks for notifications about dir.
func (s *state) watch(dir string) {
	if s.notify == nil {
		return
	}
	if err := s.notify.Add(dir); err != nil {
		s.w.notice(fmt.Sprintf("no change notifications for %s (%v): the rescan finds its files", dir, err))
	}
}

// event notes what a notification says changed.
func (s *state) event(ev fsnotify.Event, now time.Time) {
	if ignored(filepath.Base(ev.Name)) {
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// Renamed away: the new name arrives as its own Create.
		delete(s.pending, ev.Name)
		delete(s.handed, ev.Name)
		return
	}
	info, err := os.Stat(ev.Name)
	if err != nil {
		return // gone again
	}
	if info.IsDir() {
		// A new subfolder: watch it, and take what it already holds,
		// since files may have landed before the watch did.
		if ev.Has(fsnotify.Create) {
			s.watch(ev.Name)
			_ = filepath.WalkDir(ev.Name, func(path string, d fs.DirEntry, err error) error {
				switch {
				case err != nil:
					return nil // gone or unreadable: the rescan tries again
				case path != ev.Name && ignored(d.Name()):
					if d.IsDir() {
						return filepath.SkipDir
					}
				case d.IsDir() && path != ev.Name:
					s.watch(path)
				case d.Type().IsRegular():
					s.look(path, now)
				}
				return nil
			})
		}
		return
	}
	if info.Mode().IsRegular() {
		s.note(ev.Name, stamp{info.Size(), info.ModTime()}, now)
	}
}

// look notes path as it is now.
func (s *state) look(path string, now time.Time) {
	info, err := os.Stat(path)
	if err != nil {
		return
	}
	s.note(path, stamp{info.Size(), info.ModTime()}, now)
}

// note records that path looks like st at now: pending unless it was
// handed over looking just so, its wait starting again when it changed.
func (s *state) note(path string, st stamp, now time.Time) {
	if h, ok := s.handed[path]; ok && h == st {
		return
	}
	if p, ok := s.pending[path]; ok && p.stamp == st {
		return
	}
	s.pending[path] = pending{st, now}
}

// handOver gives Batch the pending files unchanged for settle.
func (s *state) handOver(ctx context.Context, now time.Time, settle time.Duration) error {
	var ready []string
	for path, p := range s.pending {
		info, err := os.Stat(path)
		if err != nil {
			delete(s.pending, path)
			continue
		}
		st := stamp{info.Size(), info.ModTime()}
		if st != p.stamp {
			// Still being written (a poll sees no Write event).
			s.pending[path] = pending{st, now}
			continue
		}
		if now.Sub(p.since) >= settle {
			ready = append(ready, path)
		}
	}
	if len(ready) == 0 {
		return nil
	}
	slices.Sort(ready)
	for _, path := range ready {
		s.handed[path] = s.pending[path].stamp
		delete(s.pending, path)
	}
	if err := s.w.Batch(ctx, ready); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// ignored reports whether a name is a sync tool's or a download's
// unfinished file, or hidden: Syncthing writes ".syncthing.NAME.tmp",
// rsync ".NAME.XXXXXX", browsers "NAME.part" and "NAME.crdownload", and
// each renames the finished file into place.
func ignored(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") {
		return true
	}
	for _, suffix := range []string{".tmp", ".part", ".partial", ".crdownload", ".download", ".!sync", ".syncthing"} {
		if strings.HasSuffix(strings.ToLower(name), suffix) {
			return true
		}
	}
	return false
}

// notice passes msg to w.Notice when there is one.
func (w *Watcher) notice(msg string) {
	if w.Notice != nil {
		w.Notice(msg)
	}
}

// orDefault is d, or def when d is not positive.
func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}
