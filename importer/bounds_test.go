package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/hostile"
	"github.com/easyrun/easyrun/training"
)

// peakHeap runs fn and returns the most heap its objects took meanwhile,
// live or not yet swept, above what they took before, sampled every
// millisecond.
func peakHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			peak.Store(max(peak.Load(), read()))
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	<-stopped
	peak.Store(max(peak.Load(), read()))
	return peak.Load() - min(base, peak.Load())
}

// TestImportSmallFilesBounded imports the hostile files of at most 1 MB,
// and the heaviest files of that size the limits allow, with their
// analysis: each stays under 300 MB of heap and 5 s, and the hostile ones
// are refused naming the limit. Not parallel: it measures the heap.
func TestImportSmallFilesBounded(t *testing.T) {
	const (
		maxHeap = 300 << 20
		maxTime = 5 * time.Second
	)
	for _, tc := range []struct {
		name, file string
		data       []byte
		refused    string // in the failure's reason; empty when imported
	}{
		{"GPX of 20 week-long tracks", "tracks.gpx", hostile.GPX(20, 3, hostile.Week), "limit of 96h0m0s per file"},
		{"GPX of 100 week-long tracks", "tracks.gpx", hostile.GPX(100, 3, hostile.Week), "limit of 96h0m0s per file"},
		{"TCX of 150 week-long activities", "acts.tcx", hostile.TCX(150, 3, hostile.Week), "limit of 96h0m0s per file"},
		{"FIT of 1,400 week-long sessions", "sessions.fit", hostile.FIT(1400, 2, hostile.Week), "limit of 96h0m0s per file"},
		{"FIT of 1 MB over 95 h", "ultra.fit", hostile.FIT(1, 30_000, 95*time.Hour), ""},
		{"GPX of 1 MB over 95 h", "ultra.gpx", hostile.GPX(1, 3_000, 95*time.Hour), ""},
		{"GPX of 1 MB in 24 four-hour tracks", "day.gpx", hostile.GPX(24, 120, 4*time.Hour), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.data) > 1<<20 {
				t.Fatalf("the file is %d bytes, more than 1 MB", len(tc.data))
			}
			path := filepath.Join(t.TempDir(), tc.file)
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			st := openStore(t)
			svc := &training.Service{Store: st, Athlete: 1}
			var (
				sum *Summary
				err error
			)
			start := time.Now()
			peak := peakHeap(func() {
				if sum, err = (&Importer{Store: st, Athlete: 1, Workers: 1}).Import(context.Background(), path); err == nil {
					_, err = svc.Refresh(context.Background(), false)
				}
			})
			took := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d KB: peak heap %d MB, %v, %d imported", len(tc.data)>>10, peak>>20, took.Round(time.Millisecond), sum.Imported)
			if peak > maxHeap || took > maxTime {
				t.Errorf("peak heap %d MB in %v; want under %d MB and %v", peak>>20, took, maxHeap>>20, maxTime)
			}
			switch {
			case tc.refused == "" && (sum.Imported == 0 || len(sum.Failures) > 0):
				t.Errorf("want imported, got %+v", sum)
			case tc.refused != "" && (len(sum.Failures) != 1 || !strings.Contains(sum.Failures[0].Reason, tc.refused) || sum.Failures[0].Path != path):
				t.Errorf("want %s refused saying %q, got %+v", path, tc.refused, sum.Failures)
			}
		})
	}
}

// TestWalkLimitsWholeImport checks that the limits bound an import as a
// whole, not each archive: many archives or files, each within the
// limits, stop once they reach them together.
func TestWalkLimitsWholeImport(t *testing.T) {
	t.Parallel()
	zeros := make([]byte, 400<<10) // expands 400 KiB, compresses to little
	for _, tc := range []struct {
		name   string
		files  map[string][]byte
		limits Limits
		want   string
	}{
		{"archives of many files", map[string][]byte{
			"a.zip": zipOf(t, member{"1.txt", []byte("1")}, member{"2.txt", []byte("2")}, member{"3.txt", []byte("3")}),
			"b.zip": zipOf(t, member{"4.txt", []byte("4")}, member{"5.txt", []byte("5")}, member{"6.txt", []byte("6")}),
		}, Limits{MaxEntries: 5}, "too many files in one import: more than 5, reached in "},
		{"plain files", map[string][]byte{"1.fit": {1}, "2.fit": {2}, "3.fit": {3}},
			Limits{MaxEntries: 2}, "too many files in one import: more than 2, reached in "},
		{"four small zip bombs", map[string][]byte{
			"a.zip": zipOf(t, member{"a", zeros}), "b.zip": zipOf(t, member{"b", zeros}),
			"c.zip": zipOf(t, member{"c", zeros}), "d.zip": zipOf(t, member{"d", zeros}),
		}, Limits{MaxArchiveBytes: 1 << 20}, "import too large when expanded: more than 1 MiB, reached in "},
		{"zips in zips", map[string][]byte{
			"nest.zip": zipOf(t, member{"a.zip", zipOf(t, member{"1.txt", []byte("1")})},
				member{"b.zip", zipOf(t, member{"2.txt", []byte("2")})}, member{"c.zip", zipOf(t, member{"3.txt", []byte("3")})}),
		}, Limits{MaxNested: 2}, "too many archives inside archives in one import: more than 2, reached at "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, data := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var refused []string
			err := Walk(context.Background(), []string{dir}, tc.limits, func(e Entry) error {
				if e.Err != nil && strings.Contains(e.Err.Error(), tc.want) {
					refused = append(refused, e.Name)
				}
				return nil
			})
			if err != nil || len(refused) == 0 {
				t.Errorf("walk: %v; refused %v, want an entry saying %q", err, refused, tc.want)
			}
		})
	}
}

// TestImportTimeLimit checks that an import as a whole stops at its time
// limit, naming it, keeps what it stored and says so: a small zip of
// many distinct files that each claim days of recording would otherwise
// run for minutes.
func TestImportTimeLimit(t *testing.T) {
	t.Parallel()
	var ms []member
	for i := range 400 {
		// Distinct files, so that none is skipped as a duplicate.
		ms = append(ms, member{fmt.Sprintf("%d.gpx", i), hostile.GPX(1, 3+i%50, 90*time.Hour+time.Duration(i)*time.Minute)})
	}
	path := filepath.Join(t.TempDir(), "many.zip")
	if err := os.WriteFile(path, zipOf(t, member{"inner.zip", zipOf(t, ms...)}), 0o600); err != nil {
		t.Fatal(err)
	}
	const limit = 300 * time.Millisecond
	start := time.Now()
	sum, err := (&Importer{Store: openStore(t), Athlete: 1, Limits: Limits{MaxDuration: limit}}).Import(context.Background(), path)
	took := time.Since(start)
	want := "import of " + path + " took longer than the limit of 300ms"
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), want) {
		t.Errorf("import = %v; want an error saying %q", err, want)
	}
	// A file being decoded when the limit is reached finishes first.
	if took > limit+2*time.Second {
		t.Errorf("the import took %v, want it stopped soon after the limit of %v", took, limit)
	}
	if sum == nil || sum.Files >= len(ms) {
		t.Errorf("summary %+v: want some of the %d files, not all", sum, len(ms))
	}
}
