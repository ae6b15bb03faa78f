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

// smallFile is a file of at most 1 MB that once exhausted memory, or the
// heaviest of that size the limits allow.
type smallFile struct {
	name, file string
	data       []byte
	refused    string // in the failure's reason; empty when imported
}

func smallFiles() []smallFile {
	return []smallFile{
		{"GPX of 20 week-long tracks", "tracks.gpx", hostile.GPX(20, 3, hostile.Week), "limit of 96h0m0s per file"},
		{"GPX of 100 week-long tracks", "tracks.gpx", hostile.GPX(100, 3, hostile.Week), "limit of 96h0m0s per file"},
		{"TCX of 150 week-long activities", "acts.tcx", hostile.TCX(150, 3, hostile.Week), "limit of 96h0m0s per file"},
		{"FIT of 1,400 week-long sessions", "sessions.fit", hostile.FIT(1400, 2, hostile.Week), "limit of 96h0m0s per file"},
		{"FIT of 1 MB over 95 h", "ultra.fit", hostile.FIT(1, 30_000, 95*time.Hour), ""},
		{"GPX of 1 MB over 95 h", "ultra.gpx", hostile.GPX(1, 3_000, 95*time.Hour), ""},
		{"GPX of 1 MB in 24 four-hour tracks", "day.gpx", hostile.GPX(24, 120, 4*time.Hour), ""},
	}
}

// importSmall writes f into a folder of tb's and imports it with its
// analysis into a new store, as one worker, and returns the summary and
// the peak heap the import and analysis took.
func importSmall(tb testing.TB, f smallFile) (sum *Summary, path string, peak uint64) {
	tb.Helper()
	if len(f.data) > 1<<20 {
		tb.Fatalf("the file is %d bytes, more than 1 MB", len(f.data))
	}
	path = filepath.Join(tb.TempDir(), f.file)
	if err := os.WriteFile(path, f.data, 0o600); err != nil {
		tb.Fatal(err)
	}
	st := openStore(tb)
	svc := &training.Service{Store: st, Athlete: 1}
	var err error
	peak = peakHeap(func() {
		if sum, err = (&Importer{Store: st, Athlete: 1, Workers: 1}).Import(context.Background(), path); err == nil {
			_, err = svc.Refresh(context.Background(), false)
		}
	})
	if err != nil {
		tb.Fatal(err)
	}
	return sum, path, peak
}

// TestImportSmallFilesBounded imports the hostile files of at most 1 MB,
// and the heaviest files of that size the limits allow, with their
// analysis: the hostile ones are refused naming the limit, the others
// imported, and none takes more than 300 MB of heap, since a few
// kilobytes once took gigabytes. BenchmarkImportSmallFiles times them.
// Not parallel: it measures the heap.
func TestImportSmallFilesBounded(t *testing.T) {
	const maxHeap = 300 << 20
	for _, tc := range smallFiles() {
		t.Run(tc.name, func(t *testing.T) {
			sum, path, peak := importSmall(t, tc)
			if peak > maxHeap {
				t.Errorf("peak heap %d MB; want under %d MB", peak>>20, maxHeap>>20)
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

// BenchmarkImportSmallFiles times the files of TestImportSmallFilesBounded,
// each imported and analysed into a new store, and reports the peak heap:
// the target is under 5 s and 300 MB for any file of 1 MB or less.
func BenchmarkImportSmallFiles(b *testing.B) {
	for _, f := range smallFiles() {
		b.Run(f.name, func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				_, _, p := importSmall(b, f)
				peak = max(peak, p)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
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
