package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/training"
)

// How often each analysis measurement repeats; the median is reported.
const (
	refreshRuns = 3
	seriesRuns  = 50
)

// benchAnalyse imports the simulated archive into a new SQLite store once,
// then times, in this one process, reading every stored activity (the
// baseline), re-analysing every activity, and the load series over the
// whole archive.
func benchAnalyse(args []string) error {
	fs := flag.NewFlagSet("analyse", flag.ExitOnError)
	years := fs.Int("years", 10, "years of simulated training in the archive")
	keep := fs.String("keep", "", "keep the generated archive in this folder (reused when present)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the re-analyses to this file")
	fs.Parse(args)

	dir, archive, done, err := archiveIn(*keep, *years)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	db, remove := tempDB(dir, "analyse")
	defer remove()
	st, sum, took, err := importArchive(ctx, db, archive)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Printf("%d cores (GOMAXPROCS %d), %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	fmt.Printf("imported %d activities from %d files in %.1f s\n\n", sum.Imported, sum.Files, took.Seconds())

	end := archiveEnd(*years)
	svc := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return end }}
	first, err := svc.Refresh(ctx, false)
	if err != nil {
		return err
	}
	n := first.Analysed

	decode, err := repeat(refreshRuns, func() error {
		count := 0
		err := st.EachActivity(ctx, store.DefaultAthlete, store.Filter{}, func(*store.Record) error {
			count++
			return nil
		})
		if err == nil && count != n {
			err = fmt.Errorf("read %d activities, analysed %d", count, n)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("read activities: %w", err)
	}

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	refresh, err := repeat(refreshRuns, func() error {
		r, err := svc.Refresh(ctx, true)
		if err == nil && r.Analysed != n {
			err = fmt.Errorf("analysed %d activities, want %d", r.Analysed, n)
		}
		return err
	})
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		return fmt.Errorf("re-analyse: %w", err)
	}

	var days int
	series, err := repeat(seriesRuns, func() error {
		ls, err := svc.Series(ctx, archiveStart, end)
		days = len(ls.Points)
		return err
	})
	if err != nil {
		return fmt.Errorf("series: %w", err)
	}

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "measurement\truns\titems\tmedian s\tp99 s\titems/s\tvs read\t")
	base := median(decode).Seconds()
	line := func(name string, d []time.Duration, items int, vsRead string) {
		m := median(d).Seconds()
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%.0f\t%s\t\n", name, len(d), items, m,
			percentile(d, 0.99).Seconds(), float64(items)/m, vsRead)
	}
	ratio := func(d []time.Duration) string { return fmt.Sprintf("%.2f ×", median(d).Seconds()/base) }
	line("read activities (EachActivity)", decode, n, ratio(decode))
	line("re-analyse all (Refresh true)", refresh, n, ratio(refresh))
	line(fmt.Sprintf("load series, %d years (days)", *years), series, days, "from columns")
	tw.Flush()
	fmt.Printf("\nfirst analysis after import: %d activities in %.2f s\n", n, first.Duration.Seconds())
	fmt.Println("vs read: median time as a multiple of reading every activity with its streams.")
	fmt.Println("Targets: re-analysis of ~3,000 runs under 3 s on 2 cores; a 10-year series under 50 ms.")
	return nil
}

// importArchive imports the archive into a new SQLite store at db, and
// returns it open with what the import did and how long it took.
func importArchive(ctx context.Context, db, archive string) (*sqlite.DB, *importer.Summary, time.Duration, error) {
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return nil, nil, 0, err
	}
	start := time.Now()
	sum, err := (&importer.Importer{Store: st, Athlete: store.DefaultAthlete}).Import(ctx, archive)
	if err != nil {
		st.Close()
		return nil, nil, 0, fmt.Errorf("import %s: %w", archive, err)
	}
	return st, sum, time.Since(start), nil
}

// repeat calls fn n times and returns how long each call took.
func repeat(n int, fn func() error) ([]time.Duration, error) {
	d := make([]time.Duration, n)
	for i := range d {
		start := time.Now()
		if err := fn(); err != nil {
			return nil, err
		}
		d[i] = time.Since(start)
	}
	return d, nil
}

// median is the middle of d, the lower of the two for even lengths.
func median(d []time.Duration) time.Duration { return percentile(d, 0.5) }

// percentile is the nearest-rank percentile p (0-1) of d: the smallest
// duration that at least the fraction p of d does not exceed. d must not
// be empty.
func percentile(d []time.Duration, p float64) time.Duration {
	s := slices.Sorted(slices.Values(d))
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}
