package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/training"
)

// dailyTarget is how much slower a daily answer may be on 10 years of
// history than on one (issue 19): the answers read the recent weeks.
const dailyTarget = 1.2

// benchDaily times the answers a runner asks for every day — today's
// recommendation, the audit of four weeks, the load series of the
// dashboard and a first dashboard on a fresh store and cache — on one
// year and on ten years of simulated history, in wall and CPU time, and
// reports the ratios. Each history is imported and analysed once into a
// SQLite file in the kept folder, reused when present (and refreshed).
func benchDaily(args []string) error {
	fs := flag.NewFlagSet("daily", flag.ExitOnError)
	keep := fs.String("keep", "", "keep the archives and their databases in this folder (reused when present)")
	runs := fs.Int("runs", 9, "times each answer is timed; the median is reported")
	fs.Parse(args)

	fmt.Printf("%d cores (GOMAXPROCS %d), %s\n\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	years := []int{1, 10}
	// Wall time of each answer, and the process's CPU time per answer: on
	// a machine shared with other work, waiting for a core swells the
	// first; the second is the work itself.
	times := make([][]time.Duration, len(years))
	cpus := make([][]time.Duration, len(years))
	var names []string
	for i, y := range years {
		dir, archive, done, err := archiveIn(*keep, y)
		if err != nil {
			return err
		}
		defer done()
		db := filepath.Join(dir, fmt.Sprintf("daily-%dy.db", y))
		// The clock on the morning after the history's last week: it
		// starts on the first Monday after archiveStart in the runner's
		// time, a week later, and a clock before its last sessions would
		// ask for a past day's series rather than today's.
		end := archiveStart.AddDate(0, 0, 7*(52*y+1)).Add(7 * time.Hour)
		if err := importOnce(db, archive, end); err != nil {
			return err
		}
		answers, err := dailyAnswers(db, end)
		if err != nil {
			return err
		}
		names = names[:0]
		for _, a := range answers {
			before := cpuTime()
			d, err := repeat(*runs, a.call)
			if err != nil {
				return fmt.Errorf("%d years, %s: %w", y, a.name, err)
			}
			names = append(names, a.name)
			times[i] = append(times[i], median(d))
			cpus[i] = append(cpus[i], (cpuTime()-before)/time.Duration(*runs))
		}
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "answer\t1 year ms\t10 years ms\t10y / 1y\tCPU 1 year ms\tCPU 10 years ms\tCPU 10y / 1y\ttarget\t")
	ms := func(d time.Duration) float64 { return d.Seconds() * 1000 }
	for j, name := range names {
		one, ten := ms(times[0][j]), ms(times[1][j])
		cpuOne, cpuTen := ms(cpus[0][j]), ms(cpus[1][j])
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%.2f ×\t%.1f\t%.1f\t%.2f ×\t%.1f ×\t\n", name, one, ten, ten/one, cpuOne, cpuTen, cpuTen/cpuOne, dailyTarget)
	}
	tw.Flush()
	fmt.Printf("\nmedian wall time of %d runs each, and the process's CPU time per run; the first dashboard opens the store anew and starts with an empty cache.\n", *runs)
	return nil
}

// importOnce imports the archive into the SQLite file db and analyses it
// with the clock at end, unless db is there already; a kept db is
// refreshed, as the next import would, which brings a store made by an
// older easyrun up to date (its day summaries).
func importOnce(db, archive string, end time.Time) error {
	ctx := context.Background()
	var (
		st  *sqlite.DB
		sum *importer.Summary
		err error
	)
	if _, serr := os.Stat(db); serr == nil {
		st, err = sqlite.Open(ctx, db)
	} else {
		var took time.Duration
		st, sum, took, err = importArchive(ctx, db, archive)
		if err == nil {
			fmt.Printf("imported %d activities in %.1f s, ", sum.Imported, took.Seconds())
		}
	}
	if err != nil {
		return err
	}
	defer st.Close()
	svc := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return end }}
	r, err := svc.Refresh(ctx, false)
	if err != nil {
		return err
	}
	fmt.Printf("refreshed %s in %.1f s (%d analysed)\n", filepath.Base(db), r.Duration.Seconds(), r.Analysed)
	return nil
}

// answer is one daily answer to time.
type answer struct {
	name string
	call func() error
}

// dailyAnswers are the answers on the store in db with the clock at
// now: each on a service that lives across calls, as a server's, but the
// first dashboard, which opens the store and a cache anew each time.
func dailyAnswers(db string, now time.Time) ([]answer, error) {
	ctx := context.Background()
	clock := func() time.Time { return now }
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return nil, err
	}
	// The store stays open for the process's life: the benchmark ends there.
	svc := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: clock}
	// The runner's time zone, as the commands and pages resolve it.
	p, err := svc.Profile(ctx)
	if err != nil {
		return nil, err
	}
	loc := p.Zone.Location
	series := func(s *training.Service) error {
		local := now.In(loc)
		_, err := s.Series(ctx, local.AddDate(0, 0, -7*26), local)
		return err
	}
	return []answer{
		{"today", func() error { _, err := svc.Today(ctx, loc); return err }},
		{"audit --weeks 4", func() error { _, err := svc.Audit(ctx, 4); return err }},
		{"load series (26 weeks)", func() error { return series(svc) }},
		{"first dashboard (fresh store and cache)", func() error {
			st, err := sqlite.Open(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			c := &training.Cache{}
			s := &training.Service{Store: c.Store(st), Athlete: store.DefaultAthlete, Now: clock, Cache: c}
			if _, err := s.Advice(ctx, loc, 2); err != nil {
				return err
			}
			return series(s)
		}},
	}, nil
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(fmt.Sprintf("getrusage: %v", err)) // Linux's never fails
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
