package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/golden"

	"github.com/easyrun/easyrun/internal/corpus"
)

// testdata is absolute: some tests change directory to print short paths.
var testdata, _ = filepath.Abs("testdata")

// now is the fixed clock of every test: a Wednesday in winter.
var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// run runs the command line like a user would and returns the exit code
// and what it printed.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runWithInput(t, "", args...)
}

// runWithInput runs the command line with stdin as standard input.
func runWithInput(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	// A command without --db opens a database of the test's, never the
	// one in the user's data directory.
	db := filepath.Join(t.TempDir(), "default.db")
	env := Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string {
			if k == "EASYRUN_DB" {
				return db
			}
			return ""
		},
		Now:   func() time.Time { return now },
		Local: time.FixedZone("CET", 3600),
	}
	code = Run(context.Background(), args, env)
	return code, out.String(), errOut.String()
}

// timings hides what varies from run to run: durations and speeds.
var timings = regexp.MustCompile(`\bin [0-9.]+ s( \([0-9.]+ MiB, [0-9.]+ MiB/s\))?`)

// check compares got, with timings hidden, with testdata/name.
func check(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join(testdata, name), []byte(timings.ReplaceAllString(got, "in … s")))
}

// corpusCopy copies corpus files into a fresh folder, so that the names in
// the output do not depend on where the corpus is checked out.
func corpusCopy(t *testing.T, rels ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "watch")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, rel := range rels {
		b, err := os.ReadFile(corpus.File(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(rel)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestImportShowAndList(t *testing.T) {
	db := filepath.Join(t.TempDir(), "easyrun.db")
	dir := corpusCopy(t, "fit/dtcooper__activity-small-fenix2-run.fit", "tcx/tcxparser__test.tcx", "fit/dtcooper__Settings.fit")
	t.Chdir(filepath.Dir(dir))

	if code, _, errOut := run(t, "athlete", "set", "--db", db, "--max-hr", "190", "--resting-hr", "50",
		"--birth-year", "1986", "--sex", "male", "--mass", "70"); code != 0 {
		t.Fatalf("athlete set: exit %d: %s", code, errOut)
	}
	// One decoder, so that activity IDs follow the file order.
	code, out, errOut := run(t, "import", "--db", db, "--workers", "1", "watch")
	if code != 0 {
		t.Fatalf("import: exit %d, want 0: %s", code, errOut)
	}
	check(t, "import.txt", out)

	// Importing again adds nothing.
	code, out, _ = run(t, "import", "--db", db, "--json", "watch")
	var again struct {
		Imported   int `json:"imported"`
		Duplicates int `json:"duplicates"`
		Analysed   int `json:"analysed"`
	}
	if err := json.Unmarshal([]byte(out), &again); err != nil || code != 0 {
		t.Fatalf("import --json: exit %d, %v: %s", code, err, out)
	}
	if again.Imported != 0 || again.Duplicates != 2 || again.Analysed != 0 {
		t.Errorf("second import: %+v, want nothing new, 2 duplicates, nothing analysed", again)
	}

	_, out, _ = run(t, "activities", "--db", db)
	check(t, "activities.txt", out)
	_, out, _ = run(t, "activities", "--db", db, "--json", "--from", "2015-01-01", "--sport", "running")
	var list []activityJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Analysis == nil || list[0].Sport != "running" {
		t.Fatalf("activities --from 2015-01-01 --sport running: %+v, want the fenix 2 run with its analysis", list)
	}
	if list[0].Laps != nil {
		t.Errorf("activities --json gives %d laps, though the list reads none", *list[0].Laps)
	}
	_, out, _ = run(t, "show", "--db", db, "--json", strconv.FormatInt(list[0].ID, 10))
	var shown activityJSON
	if err := json.Unmarshal([]byte(out), &shown); err != nil || shown.Laps == nil || *shown.Laps == 0 {
		t.Errorf("show --json: laps %v, %v; want the run's laps", shown.Laps, err)
	}
	code, out, errOut = run(t, "show", "--db", db, "2")
	if code != 0 {
		t.Fatalf("show 1: exit %d: %s", code, errOut)
	}
	check(t, "show.txt", out)
}

func TestImportReportsBadFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "easyrun.db")
	dir := corpusCopy(t, "fit/dtcooper__activity-unexpected-eof.fit", "fit/garmin__HrmPluginTestActivity.fit")
	if err := os.WriteFile(filepath.Join(dir, "notes.gpx"), []byte("<gpx><trk><trkseg><trkpt lat=\"1\""), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Dir(dir))
	code, out, _ := run(t, "import", "--db", db, "watch")
	if code != 1 {
		t.Errorf("exit %d, want 1 when a file fails", code)
	}
	check(t, "import-bad.txt", out)
}

func TestProfileZonesLogRPELoad(t *testing.T) {
	db := filepath.Join(t.TempDir(), "easyrun.db")
	code, out, _ := run(t, "zones", "--db", db)
	if code != 1 || out != "" {
		t.Errorf("zones without a profile: exit %d, %q; want 1 and the reason on stderr", code, out)
	}
	if code, _, errOut := run(t, "athlete", "set", "--db", db, "--max-hr", "190", "--resting-hr", "50"); code != 0 {
		t.Fatalf("athlete set: %d %s", code, errOut)
	}
	_, out, _ = run(t, "zones", "--db", db)
	check(t, "zones.txt", out)
	if !strings.Contains(out, "Recovery cap: 133 bpm") {
		t.Errorf("zones: want the recovery cap of 133 bpm for max 190 (science.md §2):\n%s", out)
	}
	_, out, _ = run(t, "athlete", "--db", db)
	check(t, "athlete.txt", out)

	code, out, errOut := run(t, "log", "--db", db, "--date", "2026-11-24", "--duration", "35m", "--rpe", "3", "--distance", "6km")
	if code != 0 {
		t.Fatalf("log: exit %d: %s", code, errOut)
	}
	check(t, "log.txt", out)
	_, out, _ = run(t, "show", "--db", db, "1")
	check(t, "show-logged.txt", out)

	if code, _, _ := run(t, "rpe", "--db", db, "1", "8"); code != 0 {
		t.Fatalf("rpe: exit %d", code)
	}
	_, out, _ = run(t, "activities", "--db", db)
	if !strings.Contains(out, "(hard)") {
		t.Errorf("after rpe 8 the logged run must be hard:\n%s", out)
	}
	_, out, _ = run(t, "load", "--db", db, "--weeks", "2")
	check(t, "load.txt", out)
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Commands:"},
		{[]string{"help"}, 0, "Commands:"},
		{[]string{"nope"}, 2, `unknown command "nope"`},
		{[]string{"import"}, 2, "want at least one file"},
		{[]string{"show", "x"}, 2, `bad activity ID "x"`},
		{[]string{"log", "--duration", "35m"}, 2, "--rpe is required"},
		{[]string{"log", "--rpe", "3"}, 2, "--duration is required"},
		{[]string{"athlete", "set", "--max-hr", "400"}, 2, "want 30 to 230 bpm"},
		{[]string{"activities", "--from", "yesterday"}, 2, "want YYYY-MM-DD"},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != tc.code || !strings.Contains(out+errOut, tc.want) {
			t.Errorf("easyrun %s: exit %d, output %q; want exit %d and %q", strings.Join(tc.args, " "), code, out+errOut, tc.code, tc.want)
		}
	}
}

func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates and imports weeks of runs")
	}
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := run(t, "demo", "--db", db, "--weeks", "3")
	if code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Imported", "Analysed", "Today, ", "heart rate below", "Week of", "recovery score", "Times in your time zone, UTC+01:00"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
}

// TestAuditAndToday runs the recovery audit and today's advice over six
// simulated weeks, as text and JSON, on the fixed clock.
func TestAuditAndToday(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates and imports weeks of runs")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "easyrun.db")
	if code, _, errOut := run(t, "simulate", "--weeks", "6", "--out", filepath.Join(dir, "runs")); code != 0 {
		t.Fatalf("simulate: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, "athlete", "set", "--db", db, "--birth-year", "1986", "--sex", "male",
		"--resting-hr", "50", "--mass", "70", "--experience", "intermediate"); code != 0 {
		t.Fatalf("athlete set: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, "import", "--db", db, "--workers", "1", filepath.Join(dir, "runs")); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	for _, tc := range []struct{ golden string }{{"audit"}, {"today"}, {"bests"}} {
		args := []string{tc.golden, "--db", db}
		if tc.golden == "audit" {
			args = append(args, "--weeks", "3")
		}
		code, out, errOut := run(t, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.golden, code, errOut)
		}
		check(t, tc.golden+".txt", out)
		_, out, _ = run(t, append(args, "--json")...)
		if !json.Valid([]byte(out)) {
			t.Fatalf("%s --json is not JSON:\n%s", tc.golden, out)
		}
		check(t, tc.golden+".json", out)
	}

	// With a plan since last week's Monday, today says what the plan has
	// and how yesterday went against it, and the audit compares each day.
	if code, _, errOut := run(t, "plan", "--db", db, "--hard", "tue:intervals,thu:threshold,sun:long",
		"--volume", "4h", "--start", "2026-11-16", "--weeks", "3"); code != 0 {
		t.Fatalf("plan: exit %d: %s", code, errOut)
	}
	for _, args := range [][]string{{"today"}, {"audit", "--weeks", "2"}} {
		code, out, errOut := run(t, append(args, "--db", db)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", args[0], code, errOut)
		}
		check(t, args[0]+"-plan.txt", out)
	}
}
