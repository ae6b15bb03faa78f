package importer

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/easyrun/easyrun/format"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
)

var benchRuns = flag.Int("runs", 200, "hour-long simulated runs BenchmarkImport imports (the target is 3000 in < 20 s)")

// nullStore stores nothing: importing into it measures the importer
// without a database: walking, hashing, decoding and encoding.
type nullStore struct{ store.Store }

func (nullStore) KnownFiles(context.Context, store.AthleteID, []string) (map[string]bool, error) {
	return nil, nil
}

func (nullStore) SaveFiles(_ context.Context, _ store.AthleteID, es []*store.Encoded) ([][]store.Saved, error) {
	saved := make([][]store.Saved, len(es))
	for i, e := range es {
		saved[i] = make([]store.Saved, len(e.Activities()))
		for j := range saved[i] {
			saved[i][j].Outcome = store.Imported
		}
	}
	return saved, nil
}

// decodeOnly walks dir and decodes its files with one decoder per core,
// importing nothing: the floor a full import is measured against.
func decodeOnly(ctx context.Context, dir string) (files int, bytes int64, err error) {
	g, ctx := errgroup.WithContext(ctx)
	entries := make(chan Entry, runtime.GOMAXPROCS(0))
	for range runtime.GOMAXPROCS(0) {
		g.Go(func() error {
			for e := range entries {
				if _, err := format.Decode(e.Data); err != nil {
					return fmt.Errorf("decode %s: %w", e.Name, err)
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		defer close(entries)
		return Walk(ctx, []string{dir}, Limits{}, func(e Entry) error {
			files++
			bytes += int64(len(e.Data))
			select {
			case entries <- e:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	})
	return files, bytes, g.Wait()
}

// BenchmarkImport imports -runs simulated hour-long runs, FIT files
// written by the project's encoder. decode-only walks and decodes them,
// the floor; no-store imports them into nothing, adding hashing and the
// encoding for storage; full imports them into a new SQLite store, and
// should keep 60 % of decode-only's speed.
func BenchmarkImport(b *testing.B) {
	dir := b.TempDir()
	start := time.Date(2016, 1, 4, 6, 0, 0, 0, time.UTC)
	sessions := make([]sim.Session, *benchRuns)
	for i := range sessions {
		sessions[i] = sim.Session{Kind: sim.Steady, Start: start.AddDate(0, 0, i), Duration: time.Hour}
	}
	if _, err := sim.DefaultRunner().WriteFIT(context.Background(), dir, sessions); err != nil {
		b.Fatal(err)
	}

	b.Run("decode-only", func(b *testing.B) {
		var (
			files int
			bytes int64
		)
		for b.Loop() {
			var err error
			if files, bytes, err = decodeOnly(context.Background(), dir); err != nil {
				b.Fatal(err)
			}
		}
		if files != *benchRuns {
			b.Fatalf("decoded %d files, want %d", files, *benchRuns)
		}
		b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		b.SetBytes(bytes)
	})
	for _, bb := range []struct {
		name  string
		store func(b *testing.B) store.Store
	}{
		{"no-store", func(*testing.B) store.Store { return nullStore{} }},
		{"full", func(b *testing.B) store.Store { return openStore(b) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			var sum *Summary
			for b.Loop() {
				b.StopTimer()
				st := bb.store(b) // a new store each time: nothing is a duplicate
				b.StartTimer()
				var err error
				sum, err = (&Importer{Store: st, Athlete: store.DefaultAthlete}).Import(context.Background(), dir)
				if err != nil {
					b.Fatal(err)
				}
			}
			if sum.Files != *benchRuns || sum.Failed() || sum.Duplicates != 0 {
				b.Fatalf("summary %+v, want %d files imported", sum, *benchRuns)
			}
			b.ReportMetric(float64(sum.Files)/sum.Duration.Seconds(), "files/s")
			b.SetBytes(sum.Bytes)
		})
	}
}
