package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/store/sqlite"
)

// TestMain lets the test binary stand in for the benchmark's own when it
// runs itself as the easyrun command (importInto).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == easyrunChild {
		os.Exit(runEasyrun(os.Args[2:]))
	}
	os.Exit(m.Run())
}

// TestLoad runs the load benchmark briefly against SQLite: two athletes
// with three weeks each browse and upload for five seconds beside an
// import of ten files into the same file, and every kind
// of request is made without a single error. The same database is then
// reused rather than prepared again, and the load ramped up. The CPU
// profile is read by route: every route it names was requested, and the
// clients and the uploads' imports have rows of their own.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "load.db")
	cfg := loadConfig{Athletes: 2, Weeks: 3, Duration: 5 * time.Second, Think: 5 * time.Millisecond, UploadEvery: 4,
		Import: 10, ImportDB: path}
	for _, run := range []struct {
		name         string
		made, reused int
		ramp         time.Duration
	}{
		{"fresh", 2, 0, 0},
		{"reused", 0, 2, 500 * time.Millisecond},
	} {
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatalf("%s: open: %v", run.name, err)
		}
		cfg.Ramp = run.ramp
		rep, err := runLoad(ctx, st, cfg)
		if cerr := st.Close(); cerr != nil {
			t.Errorf("%s: close: %v", run.name, cerr)
		}
		if err != nil {
			t.Fatalf("%s: %v", run.name, err)
		}
		if rep.Setup.Made != run.made || rep.Setup.Reused != run.reused {
			t.Errorf("%s: made %d and reused %d athletes, want %d and %d", run.name, rep.Setup.Made, rep.Setup.Reused, run.made, run.reused)
		}
		if run.made > 0 && rep.Setup.Activities < 2*2*5 {
			t.Errorf("%s: %d activities stored for 2 athletes × 3 weeks, want at least 20", run.name, rep.Setup.Activities)
		}
		for k, ks := range rep.Kinds {
			if len(ks.Times) == 0 {
				t.Errorf("%s: %s never exercised", run.name, kindNames[k])
			}
			if ks.Errors > 0 {
				t.Errorf("%s: %s: %d errors", run.name, kindNames[k], ks.Errors)
			}
		}
		if im := rep.Import; im.Err != nil || im.Duration <= 0 || im.Files == 0 {
			t.Errorf("%s: the import beside: %+v", run.name, im)
		}
		if n := len(rep.Kinds[kindSignIn].Times); n != cfg.Athletes {
			t.Errorf("%s: %d sign-ins, want %d", run.name, n, cfg.Athletes)
		}
		for _, e := range rep.ErrorTexts {
			t.Errorf("%s: %s", run.name, e)
		}
		if rep.Elapsed < cfg.Duration/2 || rep.Elapsed > cfg.Duration+importTimeout {
			t.Errorf("%s: ran for %s, want about %s", run.name, rep.Elapsed, cfg.Duration)
		}
		for _, row := range []string{cpuClients, cpuImportJobs, "GET /{$}"} {
			if rep.CPU[row] <= 0 {
				t.Errorf("%s: no CPU for %q: %v", run.name, row, rep.CPU)
			}
		}
		for row := range rep.CPU {
			if rep.Routes[row] == 0 && !slices.Contains([]string{cpuImportJobs, cpuClients, cpuBeside, cpuGC, cpuHTTP, cpuOther}, row) {
				t.Errorf("%s: the profile names %q, neither a route requested (%v) nor a row of no request", run.name, row, rep.Routes)
			}
		}
		if rep.Routes["GET /activities/{id}"] != len(rep.Kinds[kindActivity].Times) {
			t.Errorf("%s: %d requests counted for GET /activities/{id}, %d activity pages timed", run.name,
				rep.Routes["GET /activities/{id}"], len(rep.Kinds[kindActivity].Times))
		}
		if run.ramp > 0 && len(rep.Ramp) == 0 {
			t.Errorf("%s: no step of the ramp", run.name)
		}
		var out strings.Builder
		rep.Store = "sqlite"
		printLoad(&out, []*loadReport{rep})
		printCPU(&out, []*loadReport{rep})
		printRamp(&out, []*loadReport{rep})
		want := append(kindNames[:], "all pages", "pages: p99", "0 errors.", "writes (RPE, uploads): p95", "beside them, 'easyrun import' stored",
			"ms/request", "a page costs")
		if run.ramp > 0 {
			want = append(want, "sqlite ramp:", "req/s")
		}
		for _, want := range want {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s: the table has no %q:\n%s", run.name, want, out.String())
			}
		}
	}
}

func TestProfilePath(t *testing.T) {
	for _, tt := range []struct{ file, store, want string }{
		{"", "sqlite", ""},
		{"cpu.pprof", "sqlite", "cpu-sqlite.pprof"},
		{"/tmp/load", "postgres", "/tmp/load-postgres"},
	} {
		if got := profilePath(tt.file, tt.store); got != tt.want {
			t.Errorf("profilePath(%q, %q) = %q, want %q", tt.file, tt.store, got, tt.want)
		}
	}
}
