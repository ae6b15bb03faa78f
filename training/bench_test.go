package training_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/store/storetest"
	"github.com/easyrun/easyrun/training"
)

// benchNow is the benchmarks' clock: a Wednesday morning.
var benchNow = time.Date(2026, 3, 11, 8, 0, 0, 0, time.UTC)

// BenchmarkDashboardCalls times what the dashboard asks of the service —
// Advice (today's recommendation, the plan's day and the audit of two
// weeks, reading the history once) and Series of 26 weeks — and, for
// comparison, Profile, Today and Audit on their own, over a simulated history (EASYRUN_BENCH_YEARS, else 10 years) in a
// SQLite file, each call on its own and the whole set. Reading the
// activity summaries alone is the baseline the set is measured against.
// The history takes minutes to build; EASYRUN_BENCH_DB names a SQLite
// file to keep it in and reuse, so that runs before and after a change
// time the same history:
// EASYRUN_BENCH_DB=/tmp/10y.db go test ./training -run '^$' -bench DashboardCalls -benchtime 20x -timeout 30m
func BenchmarkDashboardCalls(b *testing.B) {
	ctx := context.Background()
	s := benchService(b)
	// The runner's time zone, as the commands and pages resolve it.
	p, err := s.Profile(ctx)
	if err != nil {
		b.Fatal(err)
	}
	loc := p.Zone.Location
	now := benchNow.In(loc)
	calls := []struct {
		name string
		call func() error
	}{
		{"Baseline", func() error { _, err := s.Store.Activities(ctx, s.Athlete, store.Filter{}); return err }},
		{"Profile", func() error { _, err := s.Profile(ctx); return err }},
		{"Today", func() error { _, err := s.Today(ctx, loc); return err }},
		{"Audit", func() error { _, err := s.Audit(ctx, 2); return err }},
		{"Series", func() error { _, err := s.Series(ctx, now.AddDate(0, 0, -7*26), now); return err }},
		{"Advice", func() error { _, err := s.Advice(ctx, loc, 2); return err }},
	}
	each := calls[4:] // the dashboard's calls: Series and Advice
	dashboard := func() error {
		for _, c := range each {
			if err := c.call(); err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
		}
		return nil
	}
	calls = append(calls, struct {
		name string
		call func() error
	}{"Dashboard", dashboard})
	for _, c := range calls {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := c.call(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchService returns a service over a store holding the simulated
// history, analysed and audited, with a plan for this week: the one in
// the file EASYRUN_BENCH_DB when it exists, else made anew there (or in a
// temporary file).
func benchService(b *testing.B) *training.Service {
	b.Helper()
	ctx := context.Background()
	path := os.Getenv("EASYRUN_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "easyrun.db")
	}
	_, err := os.Stat(path)
	kept := err == nil
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatalf("open store: %v", err)
	}
	b.Cleanup(func() {
		if err := st.Close(); err != nil {
			b.Errorf("close store: %v", err)
		}
	})
	s := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return benchNow }}
	if kept {
		// Bring what the code under test derives up to date, as an upgrade would.
		if _, err := s.Refresh(ctx, false); err != nil {
			b.Fatalf("refresh: %v", err)
		}
		return s
	}
	start := time.Now()
	weeks := 52 * benchYears()
	sessions := runner.History(benchNow.AddDate(0, 0, -7*weeks), weeks+1)
	encoded := make([]*store.Encoded, len(sessions))
	errs := make([]error, len(sessions))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, ses := range sessions {
		if !ses.Start.Before(benchNow.Add(-2 * time.Hour)) {
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			a, err := runner.Simulate(ses)
			if err != nil {
				errs[i] = err
				return
			}
			name := fmt.Sprintf("%s-%s.fit", ses.Start.Format("2006-01-02-1504"), ses.Kind)
			encoded[i], errs[i] = store.Encode(storetest.File(name, activity.FIT, []byte(name)), []*activity.Activity{a})
		})
	}
	wg.Wait()
	for i, e := range encoded {
		if errs[i] != nil {
			b.Fatalf("simulate session %d: %v", i, errs[i])
		}
		if e == nil {
			continue
		}
		if _, err := st.SaveFile(ctx, s.Athlete, e); err != nil {
			b.Fatalf("save session %d: %v", i, err)
		}
	}
	if err := st.SaveAthlete(ctx, s.Athlete, activity.Athlete{BirthYear: 1986, Sex: activity.Female, MassKg: 61}); err != nil {
		b.Fatalf("save athlete: %v", err)
	}
	if _, err := s.Refresh(ctx, false); err != nil {
		b.Fatalf("refresh: %v", err)
	}
	hard, err := plan.ParseHard("tue:intervals,thu:threshold,sun:long")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.MakePlan(ctx, plan.Request{Hard: hard, Volume: plan.Volume{Duration: 5 * time.Hour},
		Start: plan.DateOf(benchNow)}); err != nil {
		b.Fatalf("make plan: %v", err)
	}
	b.Logf("simulated %d weeks (%d sessions) in %.1f s", weeks, len(sessions), time.Since(start).Seconds())
	return s
}

// benchYears is the history's length: EASYRUN_BENCH_YEARS, else 10.
func benchYears() int {
	if n, err := strconv.Atoi(os.Getenv("EASYRUN_BENCH_YEARS")); err == nil && n > 0 {
		return n
	}
	return 10
}
