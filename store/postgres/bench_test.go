package postgres

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
)

// BenchmarkImportYear imports a simulated year of training, FIT files
// written by the project's encoder, into a new SQLite store and into a
// new PostgreSQL schema: compare the two as a ratio, measured in one run.
func BenchmarkImportYear(b *testing.B) {
	serverURL(b)
	dir := b.TempDir()
	sessions := sim.DefaultRunner().History(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), 52)
	if _, err := sim.DefaultRunner().WriteFIT(context.Background(), dir, sessions); err != nil {
		b.Fatal(err)
	}
	for _, bb := range []struct {
		name string
		open func(b *testing.B) store.Store
	}{
		{"sqlite", func(b *testing.B) store.Store {
			db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "easyrun.db"))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			return db
		}},
		{"postgres", func(b *testing.B) store.Store { return openURL(b, freshSchema(b)) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			var sum *importer.Summary
			for b.Loop() {
				b.StopTimer()
				st := bb.open(b) // a new store each time: nothing is a duplicate
				b.StartTimer()
				var err error
				if sum, err = (&importer.Importer{Store: st, Athlete: store.DefaultAthlete}).Import(context.Background(), dir); err != nil {
					b.Fatal(err)
				}
			}
			if sum.Files != len(sessions) || sum.Failed() || sum.Duplicates != 0 {
				b.Fatalf("summary %+v, want %d files imported", sum, len(sessions))
			}
			b.ReportMetric(float64(sum.Files)/sum.Duration.Seconds(), "files/s")
			b.SetBytes(sum.Bytes)
		})
	}
}
