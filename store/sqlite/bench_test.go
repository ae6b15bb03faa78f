package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

// corpusFile reads a file of the shared corpus, found by walking up from
// the package directory, or skips tb when the corpus is absent.
func corpusFile(tb testing.TB, rel string) []byte {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		for _, c := range []string{filepath.Join(dir, "shared", "corpus"), filepath.Join(dir, "..", "shared", "corpus")} {
			if data, err := os.ReadFile(filepath.Join(c, rel)); err == nil {
				return data
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skipf("shared/corpus/%s not found above the package directory", rel)
		}
		dir = parent
	}
}

// BenchmarkSaveFile saves hour-long runs, each with a real 222 KB FIT file
// as its original, on consecutive days: the importer's write path.
func BenchmarkSaveFile(b *testing.B) {
	data := corpusFile(b, "fit/polyvertex__garmin-fr935-cr.fit")
	db, _ := open(b)
	ctx := context.Background()
	run := storetest.Run(time.Date(2016, 1, 1, 6, 0, 0, 0, time.UTC), 3600, activity.FIT)
	f := storetest.File("run.fit", activity.FIT, data)
	i := 0
	for b.Loop() {
		run.Start = run.Start.AddDate(0, 0, 1)
		f.SHA256 = fmt.Sprintf("%064x", i) // a new file each time; the bytes stay realistic
		i++
		saved, err := db.SaveFile(ctx, store.DefaultAthlete, f, []*activity.Activity{run})
		if err != nil || saved[0].Outcome != store.Imported {
			b.Fatalf("SaveFile = %v, %v", saved, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/activity")
}

// BenchmarkSaveFileParallel is BenchmarkSaveFile from one goroutine per
// core, as an importer's decode workers would call it.
func BenchmarkSaveFileParallel(b *testing.B) {
	data := corpusFile(b, "fit/polyvertex__garmin-fr935-cr.fit")
	db, _ := open(b)
	ctx := context.Background()
	var next atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		run := storetest.Run(time.Date(2016, 1, 1, 6, 0, 0, 0, time.UTC), 3600, activity.FIT)
		f := storetest.File("run.fit", activity.FIT, data)
		start := run.Start
		for pb.Next() {
			i := next.Add(1)
			run.Start = start.AddDate(0, 0, int(i))
			f.SHA256 = fmt.Sprintf("%064x", i)
			saved, err := db.SaveFile(ctx, store.DefaultAthlete, f, []*activity.Activity{run})
			if err != nil || saved[0].Outcome != store.Imported {
				b.Errorf("SaveFile = %v, %v", saved, err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/activity")
}

// BenchmarkActivity loads an hour-long run with its streams.
func BenchmarkActivity(b *testing.B) {
	db, _ := open(b)
	ctx := context.Background()
	id, err := db.SaveManual(ctx, store.DefaultAthlete, storetest.Run(time.Date(2016, 1, 1, 6, 0, 0, 0, time.UTC), 3600, activity.FIT))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.Activity(ctx, store.DefaultAthlete, id); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadersBesideWriter lists and loads activities while another
// goroutine saves: WAL lets readers proceed, and nobody sees SQLITE_BUSY.
func TestReadersBesideWriter(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	ctx := context.Background()
	start := time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	wg.Go(func() {
		for d := range 30 {
			f := storetest.File(fmt.Sprintf("%d.fit", d), activity.FIT, []byte{byte(d)})
			if _, err := db.SaveFile(ctx, store.DefaultAthlete, f, []*activity.Activity{storetest.Run(start.AddDate(0, 0, d), 600, activity.FIT)}); err != nil {
				errs <- err
				return
			}
		}
	})
	for range 3 {
		wg.Go(func() {
			for range 30 {
				recs, err := db.Activities(ctx, store.DefaultAthlete, store.Filter{Limit: 5})
				if err != nil {
					errs <- err
					return
				}
				if len(recs) > 0 {
					if _, err := db.Activity(ctx, store.DefaultAthlete, recs[0].ID); err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if recs, err := db.Activities(ctx, store.DefaultAthlete, store.Filter{}); err != nil || len(recs) != 30 {
		t.Errorf("Activities = %d, %v; want 30", len(recs), err)
	}
}

// TestSameFileConcurrently saves one file from two goroutines at once:
// one call imports it, the other finds it known, and neither fails.
func TestSameFileConcurrently(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	ctx := context.Background()
	f := storetest.File("run.fit", activity.FIT, []byte("run"))
	run := storetest.Run(time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC), 600, activity.FIT)
	outcomes := make([]store.Outcome, 2)
	var wg sync.WaitGroup
	for g := range outcomes {
		wg.Go(func() {
			saved, err := db.SaveFile(ctx, store.DefaultAthlete, f, []*activity.Activity{run})
			if err != nil {
				t.Error(err)
				return
			}
			outcomes[g] = saved[0].Outcome
		})
	}
	wg.Wait()
	if !(outcomes[0] == store.Imported && outcomes[1] == store.KnownFile || outcomes[0] == store.KnownFile && outcomes[1] == store.Imported) {
		t.Errorf("outcomes = %v, want one imported and one known", outcomes)
	}
}
