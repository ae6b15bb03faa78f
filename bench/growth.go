package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/postgres"
	"github.com/easyrun/easyrun/store/sqlite"
)

// growthRow is what the growth benchmark measured on one history: one
// runner's years, or athletes of a year each in one server's store.
type growthRow struct {
	Label string
	// RunnerYears are the years of history stored: the runner's, or the
	// athletes' together.
	RunnerYears float64
	Activities  int
	// Import is the runner's import followed by the analysis, in a
	// process of its own; nil for athletes, whose histories are stored as
	// simulated rather than imported.
	Import        *result
	SQLiteBytes   int64
	PostgresBytes int64 // 0 when not measured
	// Answers are the median times of the daily answers, for the runner
	// or the first athlete, in the order of dailyAnswers.
	Answers []time.Duration
}

// benchGrowth measures how import time, database size and the daily
// answers grow with years of one runner's history, and how the size and
// one athlete's answers grow with athletes in one server's store, and
// prints one Markdown table.
func benchGrowth(args []string) error {
	fset := flag.NewFlagSet("growth", flag.ExitOnError)
	yearsList := fset.String("years", "1,5,10,20", "years of the runner's history to measure, `N,N,...` (empty: none)")
	athletesList := fset.String("athletes", "1,10,100", "athletes of a year each in one store to measure, `N,N,...` (empty: none)")
	keep := fset.String("keep", "", "keep the archives and the athletes' databases in `DIR`, reused when present")
	runs := fset.Int("runs", 9, "times each daily answer is timed; the median is reported")
	pgURL := fset.String("postgres", os.Getenv("EASYRUN_BENCH_POSTGRES"),
		"PostgreSQL `URL` to store the athletes in too, a schema per count, for its size (default $EASYRUN_BENCH_POSTGRES; none skips)")
	fset.Parse(args)
	years, err := counts("years", *yearsList)
	if err != nil {
		return err
	}
	athletes, err := counts("athletes", *athletesList)
	if err != nil {
		return err
	}
	if *runs < 1 {
		return errors.New("growth: -runs must be at least 1")
	}

	started, startLoad := time.Now(), loadAverage()
	dir, done, err := workDir(*keep)
	if err != nil {
		return err
	}
	defer done()
	var rows []growthRow
	var names []string
	for _, y := range years {
		row, n, err := runnerGrowth(dir, y, *runs)
		if err != nil {
			return fmt.Errorf("%d years: %w", y, err)
		}
		rows, names = append(rows, row), n
	}
	if len(athletes) > 0 {
		ath, n, err := athletesGrowth(context.Background(), athletesConfig{
			Dir: dir, Counts: athletes, Weeks: 52, Runs: *runs, Postgres: *pgURL, KeepPostgres: *keep != "", Progress: os.Stderr,
		})
		if err != nil {
			return err
		}
		rows, names = append(rows, ath...), n
	}

	fmt.Printf("%s, %s, %d cores (GOMAXPROCS %d), %s; load average %s at the start\n\n", started.UTC().Format("2006-01-02 15:04 MST"),
		cpuModel(), runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), startLoad)
	printGrowth(os.Stdout, rows, names, *pgURL != "")
	fmt.Println("\nimport: every file of the archive into a new SQLite file, in a process of its own; + analyse: then the")
	fmt.Println("analysis the CLI's import runs, the two in all (wall and CPU s). MB: the SQLite file with its write-ahead")
	fmt.Println("log after import and analysis; per year: per year of history, the athletes' together. The athletes' runs")
	fmt.Println("are stored as simulated, analysed, with a plan each; their answers are the first athlete's. PostgreSQL:")
	fmt.Println("the tables of the athletes' schema with their indexes and TOAST. Answers: median of", *runs, "runs, the clock")
	fmt.Println("at the end of the history; the first dashboard opens the store anew with an empty cache.")
	fmt.Printf("The whole run took %.0f s, %.0f s of CPU with its children; load average %s at the end.\n",
		time.Since(started).Seconds(), (cpuTime() + time.Duration(childrenCPU.Load())).Seconds(), loadAverage())
	return nil
}

// counts parses list, comma-separated positive numbers, in increasing
// order without repeats; empty is none.
func counts(flagName, list string) ([]int, error) {
	var ns []int
	for f := range strings.SplitSeq(list, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-%s: %q is not a positive whole number", flagName, f)
		}
		ns = append(ns, n)
	}
	slices.Sort(ns)
	return slices.Compact(ns), nil
}

// runnerGrowth imports and analyses years of the simulated runner's
// history and times the daily answers on it. It returns the answers'
// names too.
func runnerGrowth(dir string, years, runs int) (growthRow, []string, error) {
	archive, err := simulatedArchive(dir, years)
	if err != nil {
		return growthRow{}, nil, err
	}
	end := archiveEnd(years)
	db := filepath.Join(dir, fmt.Sprintf("growth-%dy.db", years))
	removeDB(db) // from an earlier run kept with -keep: the import is what is measured
	imp, err := runChildInto("analyse", archive, db, end)
	if err != nil {
		return growthRow{}, nil, err
	}
	size, err := dbSize(db)
	if err != nil {
		return growthRow{}, nil, err
	}
	answers, err := dailyAnswers(db, store.DefaultAthlete, end)
	if err != nil {
		return growthRow{}, nil, err
	}
	names, times, _, err := timeAnswers(answers, runs)
	if err != nil {
		return growthRow{}, nil, err
	}
	label := fmt.Sprintf("1 runner × %d years", years)
	if years == 1 {
		label = "1 runner × 1 year"
	}
	return growthRow{Label: label, RunnerYears: float64(years), Activities: imp.Activities, Import: &imp,
		SQLiteBytes: size, Answers: times}, names, nil
}

// athletesConfig is what athletesGrowth measures.
type athletesConfig struct {
	Dir    string
	Counts []int // of athletes, increasing
	Weeks  int   // of history each
	Runs   int   // of each answer
	// Postgres, when not empty, is a server where the athletes are also
	// stored, in a schema per count, dropped afterwards unless
	// KeepPostgres.
	Postgres     string
	KeepPostgres bool
	Progress     io.Writer // nil for none
}

// athletesGrowth prepares, for each count, that many athletes with
// cfg.Weeks of history each in a SQLite file of its own in cfg.Dir (each
// file starts as a copy of the one before; a file kept from an earlier
// run is reused), and measures its size and the first athlete's daily
// answers. It returns the answers' names too.
func athletesGrowth(ctx context.Context, cfg athletesConfig) ([]growthRow, []string, error) {
	now := archiveStart.AddDate(0, 0, 7*cfg.Weeks)
	each := fmt.Sprintf("%d weeks", cfg.Weeks)
	switch {
	case cfg.Weeks == 52:
		each = "1 year"
	case cfg.Weeks%52 == 0:
		each = fmt.Sprintf("%d years", cfg.Weeks/52)
	}
	dbs := make([]string, len(cfg.Counts))
	for i, n := range cfg.Counts {
		dbs[i] = filepath.Join(cfg.Dir, fmt.Sprintf("growth-athletes-%d-%dw.db", n, cfg.Weeks))
		if _, err := os.Stat(dbs[i]); errors.Is(err, fs.ErrNotExist) && i > 0 {
			// The athletes prepared already are kept, so only the new
			// ones are simulated and analysed.
			if err := copyDB(dbs[i-1], dbs[i]); err != nil {
				return nil, nil, err
			}
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, nil, err
		}
		st, err := sqlite.Open(ctx, dbs[i])
		if err != nil {
			return nil, nil, err
		}
		_, err = prepare(ctx, st, loadConfig{Athletes: n, Weeks: cfg.Weeks, Progress: cfg.Progress}, now)
		if err := errors.Join(err, st.Close()); err != nil {
			return nil, nil, fmt.Errorf("%d athletes: %w", n, err)
		}
	}

	rows := make([]growthRow, len(cfg.Counts))
	var names []string
	for i, n := range cfg.Counts {
		row := &rows[i]
		row.Label, row.RunnerYears = fmt.Sprintf("%d athletes × %s", n, each), float64(n*cfg.Weeks)/52
		if n == 1 {
			row.Label = "1 athlete × " + each
		}
		size, err := dbSize(dbs[i])
		if err != nil {
			return nil, nil, err
		}
		row.SQLiteBytes = size
		first, activities, err := athletesIn(ctx, dbs[i], n)
		if err != nil {
			return nil, nil, err
		}
		row.Activities = activities
		answers, err := dailyAnswers(dbs[i], first, now)
		if err != nil {
			return nil, nil, err
		}
		if names, row.Answers, _, err = timeAnswers(answers, cfg.Runs); err != nil {
			return nil, nil, fmt.Errorf("%d athletes: %w", n, err)
		}
		if cfg.Postgres != "" {
			if row.PostgresBytes, err = postgresGrowth(ctx, cfg, n, now); err != nil {
				return nil, nil, fmt.Errorf("postgres, %d athletes: %w", n, err)
			}
		}
	}
	return rows, names, nil
}

// athletesIn returns the first of the n prepared athletes in the SQLite
// file db and how many activities they have in all.
func athletesIn(ctx context.Context, db string, n int) (first store.AthleteID, activities int, err error) {
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return 0, 0, err
	}
	defer st.Close()
	for i := range n {
		u, _, err := st.UserByName(ctx, athleteName(i))
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", athleteName(i), err)
		}
		recs, err := st.Activities(ctx, u.ID, store.Filter{})
		if err != nil {
			return 0, 0, err
		}
		if i == 0 {
			first = u.ID
		}
		activities += len(recs)
	}
	return first, activities, nil
}

// postgresGrowth prepares n athletes in a schema of their own on the
// server at cfg.Postgres, reused when it holds them, and returns the size
// of its tables with their indexes and TOAST. The schema is dropped
// afterwards unless cfg.KeepPostgres.
func postgresGrowth(ctx context.Context, cfg athletesConfig, n int, now time.Time) (size int64, err error) {
	schema := fmt.Sprintf("easyrun_growth_%d_%dw", n, cfg.Weeks)
	conn, err := pgx.Connect(ctx, cfg.Postgres)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+schema); err != nil {
		return 0, err
	}
	if !cfg.KeepPostgres {
		defer func() {
			if _, derr := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); derr != nil {
				err = errors.Join(err, derr)
			}
		}()
	}
	u, err := url.Parse(cfg.Postgres)
	if err != nil {
		return 0, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	st, err := postgres.Open(ctx, u.String())
	if err != nil {
		return 0, err
	}
	_, err = prepare(ctx, st, loadConfig{Athletes: n, Weeks: cfg.Weeks, Progress: cfg.Progress}, now)
	if err := errors.Join(err, st.Close()); err != nil {
		return 0, err
	}
	err = conn.QueryRow(ctx, `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
		FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
		WHERE s.nspname = $1 AND c.relkind = 'r'`, schema).Scan(&size)
	return size, err
}

// dbSize is the size of the SQLite file db with its write-ahead log.
func dbSize(db string) (int64, error) {
	fi, err := os.Stat(db)
	if err != nil {
		return 0, err
	}
	size := fi.Size()
	if wal, err := os.Stat(db + "-wal"); err == nil {
		size += wal.Size()
	}
	return size, nil
}

// copyDB copies the closed SQLite file from, with its write-ahead log if
// it has one, to the new file to.
func copyDB(from, to string) error {
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(from+suffix, to+suffix); errors.Is(err, fs.ErrNotExist) && suffix != "" {
			continue
		} else if err != nil {
			return errors.Join(err, os.Remove(to))
		}
	}
	return nil
}

// copyFile copies the file from to the new file to.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}

// printGrowth writes rows as one Markdown table, aligned, with the
// PostgreSQL column when withPostgres.
func printGrowth(w io.Writer, rows []growthRow, answerNames []string, withPostgres bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	header := []string{"history", "activities", "import s", "import CPU s", "+ analyse s", "CPU s", "SQLite MB", "MB per year"}
	if withPostgres {
		header = append(header, "PostgreSQL MB")
	}
	for _, n := range answerNames {
		header = append(header, n+" ms")
	}
	cells := func(cs []string) { fmt.Fprintln(tw, "| "+strings.Join(cs, "\t| ")+"\t|") }
	cells(header)
	rule := make([]string, len(header))
	for i := range rule {
		rule[i] = "---"
	}
	cells(rule)
	mb := func(b int64) string { return fmt.Sprintf("%.1f", float64(b)/1e6) }
	for _, r := range rows {
		c := []string{r.Label, strconv.Itoa(r.Activities), "", "", "", ""}
		if r.Import != nil {
			c[2], c[3] = fmt.Sprintf("%.1f", r.Import.ImportSeconds), fmt.Sprintf("%.1f", r.Import.ImportCPUSeconds)
			c[4], c[5] = fmt.Sprintf("%.1f", r.Import.Seconds), fmt.Sprintf("%.1f", r.Import.CPUSeconds)
		}
		c = append(c, mb(r.SQLiteBytes), fmt.Sprintf("%.1f", float64(r.SQLiteBytes)/1e6/r.RunnerYears))
		if withPostgres {
			pg := ""
			if r.PostgresBytes > 0 {
				pg = mb(r.PostgresBytes)
			}
			c = append(c, pg)
		}
		for _, d := range r.Answers {
			c = append(c, fmt.Sprintf("%.1f", ms(d)))
		}
		cells(c)
	}
	tw.Flush()
}
