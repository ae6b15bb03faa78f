package main

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestAthletesGrowth prepares one and then two athletes of three weeks
// each: the second file holds both, is larger, and answers; a second run
// reuses the files and stores nothing twice.
func TestAthletesGrowth(t *testing.T) {
	ctx := context.Background()
	cfg := athletesConfig{Dir: t.TempDir(), Counts: []int{1, 2}, Weeks: 3, Runs: 1}
	first, names, err := athletesGrowth(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"today", "audit --weeks 4", "load series (26 weeks)", "first dashboard (fresh store and cache)"}
	if !slices.Equal(names, want) {
		t.Errorf("answers %q, want %q", names, want)
	}
	if len(first) != 2 {
		t.Fatalf("%d rows, want 2", len(first))
	}
	one, two := first[0], first[1]
	if one.Label != "1 athlete × 3 weeks" || two.Label != "2 athletes × 3 weeks" {
		t.Errorf("labels %q and %q", one.Label, two.Label)
	}
	if one.Activities < 10 || two.Activities <= one.Activities {
		t.Errorf("activities %d then %d, want at least 10 for one athlete and more for two", one.Activities, two.Activities)
	}
	if one.SQLiteBytes <= 0 || two.SQLiteBytes <= one.SQLiteBytes {
		t.Errorf("sizes %d then %d bytes, want them growing", one.SQLiteBytes, two.SQLiteBytes)
	}
	for _, r := range first {
		if len(r.Answers) != len(want) || slices.Contains(r.Answers, 0) {
			t.Errorf("%s: answers took %v", r.Label, r.Answers)
		}
	}

	again, _, err := athletesGrowth(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := range again {
		if again[i].Activities != first[i].Activities {
			t.Errorf("%s reused: %d activities, want %d", again[i].Label, again[i].Activities, first[i].Activities)
		}
	}
}

// TestPostgresGrowth stores an athlete in a schema of its own on the
// test server, measures its tables and drops the schema.
func TestPostgresGrowth(t *testing.T) {
	server := os.Getenv("EASYRUN_TEST_POSTGRES")
	if server == "" {
		t.Skip("EASYRUN_TEST_POSTGRES not set")
	}
	ctx := context.Background()
	cfg := athletesConfig{Weeks: 3, Postgres: server}
	size, err := postgresGrowth(ctx, cfg, 1, archiveStart.AddDate(0, 0, 21))
	if err != nil {
		t.Fatal(err)
	}
	if size < 100_000 {
		t.Errorf("tables of three weeks take %d bytes, want at least 100 kB", size)
	}
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var left bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'easyrun_growth_1_3w')`).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if left {
		t.Error("the schema was not dropped")
	}
}

func TestCounts(t *testing.T) {
	for _, tt := range []struct {
		list string
		want []int
		err  string
	}{
		{"1,5,10,20", []int{1, 5, 10, 20}, ""},
		{" 10, 1,1 ", []int{1, 10}, ""},
		{"", nil, ""},
		{"1,0", nil, `-years: "0" is not a positive whole number`},
		{"ten", nil, `-years: "ten" is not a positive whole number`},
	} {
		got, err := counts("years", tt.list)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("counts(%q): error %v, want %q", tt.list, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("counts(%q) = %v, %v; want %v", tt.list, got, err, tt.want)
		}
	}
}

// TestPrintGrowth checks the table is Markdown: every line a row of the
// header's columns, import columns empty for athletes, the PostgreSQL
// column only when measured.
func TestPrintGrowth(t *testing.T) {
	rows := []growthRow{
		{Label: "1 runner × 2 years", RunnerYears: 2, Activities: 536, SQLiteBytes: 50e6,
			Import: &result{Seconds: 12, CPUSeconds: 6, ImportSeconds: 8, ImportCPUSeconds: 3}, Answers: []time.Duration{time.Millisecond}},
		{Label: "10 athletes × 1 year", RunnerYears: 10, Activities: 2680, SQLiteBytes: 250e6, PostgresBytes: 300e6,
			Answers: []time.Duration{2 * time.Millisecond}},
	}
	for _, pg := range []bool{false, true} {
		var b strings.Builder
		printGrowth(&b, rows, []string{"today"}, pg)
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if len(lines) != 4 {
			t.Fatalf("postgres %v: %d lines, want 4:\n%s", pg, len(lines), b.String())
		}
		cols := strings.Count(lines[0], "|")
		for _, l := range lines {
			if !strings.HasPrefix(l, "| ") || !strings.HasSuffix(l, "|") || strings.Count(l, "|") != cols {
				t.Errorf("postgres %v: not a row of %d columns: %q", pg, cols-1, l)
			}
		}
		fields := func(l string) []string {
			f := strings.Split(strings.Trim(l, "|"), "|")
			for i := range f {
				f[i] = strings.TrimSpace(f[i])
			}
			return f
		}
		runner, athletes := fields(lines[2]), fields(lines[3])
		if got := runner[:8]; !slices.Equal(got, []string{"1 runner × 2 years", "536", "8.0", "3.0", "12.0", "6.0", "50.0", "25.0"}) {
			t.Errorf("postgres %v: runner row starts %q", pg, got)
		}
		if got := athletes[2:6]; !slices.Equal(got, []string{"", "", "", ""}) {
			t.Errorf("postgres %v: athletes' import columns %q, want empty", pg, got)
		}
		if strings.Contains(lines[0], "PostgreSQL MB") != pg || slices.Contains(athletes, "300.0") != pg {
			t.Errorf("postgres %v: PostgreSQL column wrong:\n%s", pg, b.String())
		}
		if last := athletes[len(athletes)-1]; last != "2.0" {
			t.Errorf("postgres %v: athletes' today %q ms, want 2.0", pg, last)
		}
	}
}
