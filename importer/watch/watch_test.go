package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const settle = 150 * time.Millisecond

// handed is one call of Batch: the paths and their sizes then.
type handed struct {
	paths []string
	sizes []int64
}

// start runs a watcher on dir until the test ends and returns what it
// hands over.
func start(t *testing.T, dir string, pollOnly bool) <-chan handed {
	t.Helper()
	ch := make(chan handed, 16)
	w := &Watcher{Dir: dir, Settle: settle, Rescan: time.Hour, PollOnly: pollOnly,
		Batch: func(_ context.Context, paths []string) error {
			h := handed{paths: paths}
			for _, p := range paths {
				info, err := os.Stat(p)
				if err != nil {
					t.Errorf("handed %s, which is gone: %v", p, err)
					continue
				}
				h.sizes = append(h.sizes, info.Size())
			}
			ch <- h
			return nil
		},
		Notice: func(msg string) { t.Log(msg) }}
	if pollOnly {
		w.Rescan = 50 * time.Millisecond
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not stop when its context was cancelled")
		}
	})
	// Let the watcher read the folder and start listening.
	time.Sleep(50 * time.Millisecond)
	return ch
}

// next is the next hand-over, or a failure after a while.
func next(t *testing.T, ch <-chan handed) handed {
	t.Helper()
	select {
	case h := <-ch:
		return h
	case <-time.After(5 * time.Second):
		t.Fatal("nothing handed over in 5 s")
		return handed{}
	}
}

// none checks that nothing more is handed over for a while.
func none(t *testing.T, ch <-chan handed) {
	t.Helper()
	select {
	case h := <-ch:
		t.Errorf("handed %v again", h.paths)
	case <-time.After(4 * settle):
	}
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWatch runs each way a file arrives with notifications and by
// polling alone, as on a network mount.
func TestWatch(t *testing.T) {
	piece := make([]byte, 4096)
	tests := []struct {
		name string
		// arrive puts files in dir and returns the paths and sizes to be
		// handed over, once each.
		arrive func(t *testing.T, dir string) ([]string, []int64)
	}{
		{"written at once", func(t *testing.T, dir string) ([]string, []int64) {
			p := filepath.Join(dir, "run.fit")
			write(t, p, piece)
			return []string{p}, []int64{4096}
		}},
		{"written in pieces, slower than the settle time in all", func(t *testing.T, dir string) ([]string, []int64) {
			p := filepath.Join(dir, "slow.fit")
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for range 6 {
				if _, err := f.Write(piece); err != nil {
					t.Fatal(err)
				}
				time.Sleep(settle / 3)
			}
			return []string{p}, []int64{6 * 4096}
		}},
		{"renamed into place from a sync tool's temporary name", func(t *testing.T, dir string) ([]string, []int64) {
			tmp, p := filepath.Join(dir, ".syncthing.synced.fit.tmp"), filepath.Join(dir, "synced.fit")
			write(t, tmp, piece[:100])
			time.Sleep(2 * settle) // a temporary file is never handed over, however long it waits
			if err := os.Rename(tmp, p); err != nil {
				t.Fatal(err)
			}
			return []string{p}, []int64{100}
		}},
		{"in a new subfolder", func(t *testing.T, dir string) ([]string, []int64) {
			a, b := filepath.Join(dir, "2026", "12", "a.fit"), filepath.Join(dir, "2026", "12", "b.gpx")
			write(t, a, piece[:10])
			write(t, b, piece[:20])
			return []string{a, b}, []int64{10, 20}
		}},
		{"a download still in progress, then finished", func(t *testing.T, dir string) ([]string, []int64) {
			part, p := filepath.Join(dir, "export.zip.part"), filepath.Join(dir, "export.zip")
			write(t, part, piece)
			if err := os.Rename(part, p); err != nil {
				t.Fatal(err)
			}
			return []string{p}, []int64{4096}
		}},
	}
	for _, mode := range []struct {
		name     string
		pollOnly bool
	}{{"notify", false}, {"poll", true}} {
		for _, tt := range tests {
			t.Run(mode.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				ch := start(t, dir, mode.pollOnly)
				want, sizes := tt.arrive(t, dir)
				var got handed
				for len(got.paths) < len(want) {
					h := next(t, ch)
					got.paths, got.sizes = append(got.paths, h.paths...), append(got.sizes, h.sizes...)
				}
				if !slices.Equal(got.paths, want) || !slices.Equal(got.sizes, sizes) {
					t.Errorf("handed %v of %v bytes, want %v of %v bytes", got.paths, got.sizes, want, sizes)
				}
				none(t, ch)
			})
		}
	}
}

// TestWatchExistingAndChanged: the files already there come first, in
// one batch; a file that changes after it was handed over comes again;
// one that is only read again by a rescan does not.
func TestWatchExistingAndChanged(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.fit"), filepath.Join(dir, "sub", "b.tcx")
	write(t, a, []byte("one"))
	write(t, b, []byte("two"))
	write(t, filepath.Join(dir, ".hidden"), []byte("x"))
	ch := start(t, dir, true)
	if h := next(t, ch); !slices.Equal(h.paths, []string{a, b}) {
		t.Errorf("first batch %v, want %v", h.paths, []string{a, b})
	}
	none(t, ch)
	write(t, a, []byte("one, longer now"))
	if h := next(t, ch); !slices.Equal(h.paths, []string{a}) || h.sizes[0] != 15 {
		t.Errorf("after a change: %v (%v bytes), want %s (15 bytes)", h.paths, h.sizes, a)
	}
	none(t, ch)
}

// TestWatchErrors: a folder that is not there or not a folder is an
// error at once; Batch's error stops Run with it.
func TestWatchErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "f.fit")
	write(t, file, []byte("x"))
	batch := func(context.Context, []string) error { return nil }
	for _, tt := range []struct{ name, dir, want string }{
		{"missing", filepath.Join(dir, "nope"), "no such file"},
		{"a file", file, "not a folder"},
	} {
		err := (&Watcher{Dir: tt.dir, Batch: batch}).Run(context.Background())
		if err == nil || !strings.Contains(err.Error(), tt.dir) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one naming %s: %s", tt.name, err, tt.dir, tt.want)
		}
	}
	failed := os.ErrPermission
	w := &Watcher{Dir: dir, Settle: 10 * time.Millisecond, Batch: func(context.Context, []string) error { return failed }}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := w.Run(ctx); err != failed {
		t.Errorf("Run = %v, want Batch's error %v", err, failed)
	}
}
