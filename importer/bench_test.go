package importer

import (
	"context"
	"flag"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
)

var benchRuns = flag.Int("runs", 200, "hour-long simulated runs BenchmarkImport imports (the target is 3000 in < 20 s)")

// nullStore stores nothing: importing into it measures walking and
// decoding alone.
type nullStore struct{ store.Store }

func (nullStore) HasFile(context.Context, store.AthleteID, string) (bool, error) { return false, nil }

func (nullStore) SaveFile(_ context.Context, _ store.AthleteID, _ store.File, acts []*activity.Activity) ([]store.Saved, error) {
	saved := make([]store.Saved, len(acts))
	for i := range saved {
		saved[i].Outcome = store.Imported
	}
	return saved, nil
}

// BenchmarkImport imports -runs simulated hour-long runs, FIT files
// written by the project's encoder, into nothing (decode-only) and into a
// new SQLite store (full): full should keep 60 % of decode-only's speed.
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

	for _, bb := range []struct {
		name  string
		store func(b *testing.B) store.Store
	}{
		{"decode-only", func(*testing.B) store.Store { return nullStore{} }},
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
