package sqlite

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/corpus"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlstore"
	"github.com/easyrun/easyrun/store/storetest"
)

// dayRuns returns the encoding of the i-th of hour-long runs a day
// apart, each with a real 222 KB FIT file as its original under a hash of
// its own, as the importer's workers encode them. It is safe for
// concurrent use.
func dayRuns(b *testing.B) func(i int) (*store.Encoded, error) {
	data := corpus.Read(b, "fit/polyvertex__garmin-fr935-cr.fit")
	run := storetest.Run(time.Date(2016, 1, 1, 6, 0, 0, 0, time.UTC), 3600, activity.FIT)
	return func(i int) (*store.Encoded, error) {
		r := *run
		r.Start = run.Start.AddDate(0, 0, i)
		f := storetest.File("run.fit", activity.FIT, data)
		f.SHA256 = fmt.Sprintf("%064x", i) // a new file each time; the bytes stay realistic
		return store.Encode(f, []*activity.Activity{&r})
	}
}

// BenchmarkSaveFile saves dayRuns one by one: the importer's write path.
// The encoding, done by the importer's workers, is not timed.
func BenchmarkSaveFile(b *testing.B) {
	encode := dayRuns(b)
	db, _ := open(b)
	ctx := context.Background()
	for i := 1; b.Loop(); i++ {
		b.StopTimer()
		e, err := encode(i)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		saved, err := db.SaveFile(ctx, store.DefaultAthlete, e)
		if err != nil || saved[0].Outcome != store.Imported {
			b.Fatalf("SaveFile = %v, %v", saved, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/activity")
}

// BenchmarkSaveFiles saves dayRuns 16 at a time in one transaction, as
// the importer's writer does (store.SaveFiles).
func BenchmarkSaveFiles(b *testing.B) {
	const batch = 16
	encode := dayRuns(b)
	db, _ := open(b)
	ctx := context.Background()
	i := 0
	es := make([]*store.Encoded, batch)
	for b.Loop() {
		b.StopTimer()
		for k := range es {
			i++
			var err error
			if es[k], err = encode(i); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		saved, err := db.SaveFiles(ctx, store.DefaultAthlete, es)
		if err != nil || len(saved) != batch || saved[batch-1][0].Outcome != store.Imported {
			b.Fatalf("SaveFiles = %v, %v", saved, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*batch), "ms/activity")
}

// BenchmarkSaveFileParallel encodes and saves dayRuns from one goroutine
// per core: concurrent callers queue for the write lock.
func BenchmarkSaveFileParallel(b *testing.B) {
	encode := dayRuns(b)
	db, _ := open(b)
	ctx := context.Background()
	var next atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			e, err := encode(int(next.Add(1)))
			if err != nil {
				b.Errorf("Encode: %v", err)
				return
			}
			saved, err := db.SaveFile(ctx, store.DefaultAthlete, e)
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
			if _, err := db.SaveFile(ctx, store.DefaultAthlete, storetest.Encode(t, f, storetest.Run(start.AddDate(0, 0, d), 600, activity.FIT))); err != nil {
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
	e := storetest.Encode(t, f, storetest.Run(time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC), 600, activity.FIT))
	outcomes := make([]store.Outcome, 2)
	var wg sync.WaitGroup
	for g := range outcomes {
		wg.Go(func() {
			saved, err := db.SaveFile(ctx, store.DefaultAthlete, e)
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

// historyRuns is ten years of runs, one every 1.2 days: what a runner
// re-analyses after an upgrade.
const historyRuns = 3000

// history saves historyRuns hour-long runs (storetest.Run) for the default
// athlete, each analysed when analysed is set, and returns their ids
// oldest first. The first is saved with SaveManual and the others are
// copies of it and its streams, each 29 h later, written in one
// transaction, since packing and committing them one by one is not what
// the benchmarks measure.
func history(b *testing.B, db *DB, analysed bool) []int64 {
	b.Helper()
	ctx := context.Background()
	run := storetest.Run(time.Date(2016, 1, 1, 6, 0, 0, 0, time.UTC), 3600, activity.FIT)
	run.Start = run.Start.Add(29 * time.Hour)
	ids := make([]int64, historyRuns)
	var err error
	if ids[0], err = db.SaveManual(ctx, store.DefaultAthlete, run); err != nil {
		b.Fatal(err)
	}
	var cols string // the columns of activities but its id and start
	if err := db.sql.QueryRowContext(ctx, `SELECT group_concat(name, ', ') FROM pragma_table_info('activities')
		WHERE name NOT IN ('id', 'start_at')`).Scan(&cols); err != nil {
		b.Fatal(err)
	}
	err = db.stmts.inTx(ctx, func(tx sqlstore.Tx) error {
		for i := 1; i < len(ids); i++ {
			if err := tx.QueryRow(ctx, `INSERT INTO activities (start_at, `+cols+`) SELECT start_at + ?, `+cols+`
				FROM activities WHERE id = ? RETURNING id`, i*29*3600, ids[0]).Scan(&ids[i]); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO activity_streams (athlete_id, activity_id, laps, streams)
				SELECT athlete_id, ?, laps, streams FROM activity_streams WHERE activity_id = ?`, ids[i], ids[0]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if analysed {
		if err := db.SaveAnalyses(ctx, store.DefaultAthlete, analyses(run, ids)); err != nil {
			b.Fatal(err)
		}
	}
	return ids
}

// analyses gives each of ids the analysis of run.
func analyses(run *activity.Activity, ids []int64) []store.Analysis {
	r := analysis.Analyze(run, analysis.Context{Athlete: activity.Athlete{MaxHR: activity.Value{V: 190}, RestingHR: activity.Value{V: 50}}})
	as := make([]store.Analysis, len(ids))
	for i, id := range ids {
		as[i] = store.Analysis{ActivityID: id, Result: r}
	}
	return as
}

// BenchmarkEachActivity walks ten years of hour-long runs with their
// streams and analyses, as re-analysing a history does.
func BenchmarkEachActivity(b *testing.B) {
	db, _ := open(b)
	history(b, db, true)
	ctx := context.Background()
	for b.Loop() {
		n := 0
		err := db.EachActivity(ctx, store.DefaultAthlete, store.Filter{}, func(r *store.Record) error {
			if r.Activity.Streams.Len() != 3600 || r.Analysis == nil {
				return fmt.Errorf("activity %d: %d s of streams, analysis %v", r.ID, r.Activity.Streams.Len(), r.Analysis != nil)
			}
			n++
			return nil
		})
		if err != nil || n != historyRuns {
			b.Fatalf("EachActivity gave %d activities, %v", n, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*historyRuns), "ms/activity")
}

// BenchmarkSaveAnalyses saves the analyses of ten years of runs at once.
func BenchmarkSaveAnalyses(b *testing.B) {
	db, _ := open(b)
	ids := history(b, db, false)
	as := analyses(storetest.Run(time.Date(2016, 1, 1, 6, 0, 0, 0, time.UTC), 3600, activity.FIT), ids)
	ctx := context.Background()
	for b.Loop() {
		if err := db.SaveAnalyses(ctx, store.DefaultAthlete, as); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoads lists the loads of ten years of runs.
func BenchmarkLoads(b *testing.B) {
	db, _ := open(b)
	history(b, db, true)
	ctx := context.Background()
	for b.Loop() {
		loads, err := db.Loads(ctx, store.DefaultAthlete, time.Time{}, time.Time{})
		if err != nil || len(loads) != historyRuns {
			b.Fatalf("Loads = %d entries, %v", len(loads), err)
		}
	}
}

// BenchmarkActivities lists the latest hundred of ten years of runs with
// their analyses, whole as the dashboard reads them and brief as the
// activities page does (store.Filter.Brief).
func BenchmarkActivities(b *testing.B) {
	db, _ := open(b)
	history(b, db, true)
	ctx := context.Background()
	const n = 100
	for _, brief := range []bool{false, true} {
		b.Run(map[bool]string{false: "whole", true: "brief"}[brief], func(b *testing.B) {
			for b.Loop() {
				recs, err := db.Activities(ctx, store.DefaultAthlete, store.Filter{Limit: n, Brief: brief})
				if err != nil || len(recs) != n || recs[0].Analysis == nil {
					b.Fatalf("Activities = %d records, %v", len(recs), err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/activity")
		})
	}
}
