package cli

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/interop"
)

// TestPlan makes a week and a block, is refused a week of stacked hard
// days with the nearest one that works, and exports the plan to a
// calendar and to FIT workouts.
func TestPlan(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "easyrun.db")
	if code, _, errOut := run(t, "athlete", "set", "--db", db, "--max-hr", "190", "--resting-hr", "50",
		"--experience", "intermediate"); code != 0 {
		t.Fatalf("athlete set: exit %d: %s", code, errOut)
	}

	code, out, errOut := run(t, "plan", "--db", db, "--hard", "tue:intervals,thu:threshold,sun:long", "--volume", "5h")
	if code != 0 {
		t.Fatalf("plan: exit %d: %s", code, errOut)
	}
	check(t, "plan.txt", out)
	// plan show is the plan made, then the projection of fitness,
	// fatigue and form over it.
	_, shown, _ := run(t, "plan", "show", "--db", db)
	made, projection, _ := strings.Cut(shown, "\nFitness, fatigue and form ahead")
	if made+planSaved != out {
		t.Errorf("plan show differs from the plan made:\n%s", shown)
	}
	check(t, "plan-projection.txt", projection)

	code, out, errOut = run(t, "plan", "--db", db, "--hard", "mon:intervals,tue:threshold,wed:intervals,thu:long", "--volume", "5h")
	if code != 1 || out != "" {
		t.Errorf("plan of four hard days in a row: exit %d, stdout %q; want 1 and nothing", code, out)
	}
	check(t, "plan-refused.txt", errOut)
	// The refusal keeps the plan there was.
	if _, shown, _ := run(t, "plan", "show", "--db", db); len(shown) == 0 {
		t.Error("refused plan dropped the saved one")
	}

	ics, workouts := filepath.Join(dir, "plan.ics"), filepath.Join(dir, "workouts")
	if code, _, errOut := run(t, "plan", "export", "--db", db, "--ics", ics, "--fit", workouts); code != 0 {
		t.Fatalf("plan export: exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(ics)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "plan.ics", string(b))
	entries, err := os.ReadDir(workouts)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{workoutsManifest, "2026-11-30-recovery.fit", "2026-12-01-intervals.fit", "2026-12-02-recovery.fit",
		"2026-12-03-threshold.fit", "2026-12-04-recovery.fit", "2026-12-06-long.fit"}
	if !slices.Equal(names, want) {
		t.Errorf("workout files = %v, want %v (one per run, none for rest, and the list of them)", names, want)
	}

	code, out, errOut = run(t, "plan", "--db", db, "--hard", "tue:intervals,thu:threshold,sun:long", "--volume", "4h",
		"--race", "2027-03-07", "--distance", "half")
	if code != 0 {
		t.Fatalf("plan block: exit %d: %s", code, errOut)
	}
	check(t, "plan-block.txt", out)
}

// TestPlanReexport exports a plan into a folder that holds the runner's
// own files, changes the plan and exports it again: the calendar cancels
// what the plan dropped, the folder loses the workouts easyrun wrote that
// the plan dropped and nothing else, and Garmin's FIT SDK and ical.js read
// everything left cleanly.
func TestPlanReexport(t *testing.T) {
	dir := t.TempDir()
	db, ics, workouts := filepath.Join(dir, "easyrun.db"), filepath.Join(dir, "plan.ics"), filepath.Join(dir, "workouts")
	if code, _, errOut := run(t, "athlete", "set", "--db", db, "--max-hr", "190", "--experience", "intermediate"); code != 0 {
		t.Fatalf("athlete set: exit %d: %s", code, errOut)
	}
	// The runner's own files.
	own := map[string]string{"my-hills.fit": "the runner's", "notes.txt": "the runner's"}
	if err := os.MkdirAll(workouts, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range own {
		if err := os.WriteFile(filepath.Join(workouts, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	planAndExport := func(hard string) string {
		t.Helper()
		if code, _, errOut := run(t, "plan", "--db", db, "--hard", hard, "--volume", "5h"); code != 0 {
			t.Fatalf("plan %s: exit %d: %s", hard, code, errOut)
		}
		code, out, errOut := run(t, "plan", "export", "--db", db, "--ics", ics, "--fit", workouts)
		if code != 0 {
			t.Fatalf("plan export: exit %d: %s", code, errOut)
		}
		return out
	}
	first := planAndExport("tue:intervals,thu:threshold,sun:long")
	firstICS, err := os.ReadFile(ics)
	if err != nil {
		t.Fatal(err)
	}
	// The same plan exported again gives the same files.
	before := folder(t, workouts)
	if code, _, errOut := run(t, "plan", "export", "--db", db, "--ics", ics, "--fit", workouts); code != 0 {
		t.Fatalf("plan export again: exit %d: %s", code, errOut)
	}
	if again, _ := os.ReadFile(ics); !bytes.Equal(again, firstICS) || !maps.Equal(folder(t, workouts), before) {
		t.Error("exporting the same plan again changed what it wrote")
	}
	// The runner deletes a workout the new plan drops, and edits another.
	if err := os.Remove(filepath.Join(workouts, "2026-12-01-intervals.fit")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(workouts, "2026-12-06-long.fit"), []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	second := planAndExport("mon:intervals,wed:threshold,sat:long")
	// The same paths on every run.
	check(t, "plan-reexport.txt", strings.ReplaceAll(first+second, dir+string(filepath.Separator), ""))

	after := folder(t, workouts)
	for name, content := range own {
		if after[name] != content {
			t.Errorf("the runner's %s: %q, want it untouched", name, after[name])
		}
	}
	if after["2026-12-06-long.fit"] != "edited" {
		t.Error("a workout the runner edited was removed or rewritten")
	}
	// Left: the runner's files, the one they edited, the manifest and
	// the files it lists, which Garmin's SDK reads.
	var m writtenFiles
	if err := json.Unmarshal([]byte(after[workoutsManifest]), &m); err != nil {
		t.Fatal(err)
	}
	var fits []string
	for _, f := range m.Files {
		fits = append(fits, filepath.Join(workouts, f.Name))
	}
	for _, gone := range []string{"2026-12-03-threshold.fit", "2026-12-01-intervals.fit"} { // removed by easyrun, by the runner
		if _, ok := after[gone]; ok || slices.ContainsFunc(m.Files, func(f writtenFile) bool { return f.Name == gone }) {
			t.Errorf("%s, which the new plan drops, is in the folder or its manifest", gone)
		}
	}
	if len(after) != len(own)+2+len(m.Files) {
		t.Errorf("files left: %v; want the runner's, the one they edited, the manifest and the %d it lists", slices.Sorted(maps.Keys(after)), len(m.Files))
	}
	var read []struct {
		IsFIT          bool  `json:"isFIT"`
		CheckIntegrity bool  `json:"checkIntegrity"`
		Errors         []any `json:"errors"`
		Workout        []struct {
			Name string `json:"wktName"`
		} `json:"workout"`
	}
	interop.Run(t, "fit-workout.mjs", &read, fits...)
	for i, r := range read {
		day, err := time.Parse("2006-01-02", filepath.Base(fits[i])[:10])
		if err != nil {
			t.Fatal(err)
		}
		if !r.IsFIT || !r.CheckIntegrity || len(r.Errors) > 0 || len(r.Workout) != 1 ||
			!strings.HasPrefix(r.Workout[0].Name, day.Format("Mon 2 Jan ")) {
			t.Errorf("Garmin's SDK reads %s as %+v; want a sound workout named from its day", filepath.Base(fits[i]), r)
		}
	}
	var cals []struct {
		Events []struct {
			UID      string `json:"uid"`
			Sequence int    `json:"sequence"`
			Status   string `json:"status"`
		} `json:"events"`
	}
	interop.Run(t, "ics.mjs", &cals, ics)
	changed, cancelled := 0, 0
	for _, e := range cals[0].Events {
		switch {
		case e.Status == "CANCELLED":
			cancelled++
		case e.Sequence > 0:
			changed++
		}
	}
	if changed == 0 || cancelled != 0 {
		t.Errorf("ical.js reads %d events changed, %d cancelled; want some changed, none cancelled: every day keeps a session", changed, cancelled)
	}
}

// folder is the content of every file in dir, by name.
func folder(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = string(b)
	}
	return m
}

// TestPlanFeed: the calendar address is made, shown once under the given
// server address, said to exist, made anew in place of the first, and
// revoked.
func TestPlanFeed(t *testing.T) {
	db := filepath.Join(t.TempDir(), "easyrun.db")
	if _, out, _ := run(t, "plan", "feed", "--db", db); !strings.HasPrefix(out, "No calendar address") {
		t.Errorf("plan feed before any: %q", out)
	}
	code, first, errOut := run(t, "plan", "feed", "--db", db, "--new", "--url", "https://run.example.org/")
	if code != 0 || !strings.Contains(first, "\n  webcal://run.example.org/feed/1.") || !strings.Contains(first, "\n  https://run.example.org/feed/1.") {
		t.Fatalf("plan feed --new: exit %d, %q, %s", code, first, errOut)
	}
	if _, out, _ := run(t, "plan", "feed", "--db", db); out != "Calendar address made 25 Nov 2026 13:00; it is shown only when made: --new makes another in its place.\n" {
		t.Errorf("plan feed with one: %q", out)
	}
	if _, second, _ := run(t, "plan", "feed", "--db", db, "--new", "--url", "https://run.example.org"); second == first {
		t.Error("plan feed --new again gave the same address")
	}
	if code, out, _ := run(t, "plan", "feed", "--db", db, "--revoke"); code != 0 || !strings.HasPrefix(out, "Calendar address revoked") {
		t.Errorf("plan feed --revoke: exit %d, %q", code, out)
	}
	if _, out, _ := run(t, "plan", "feed", "--db", db); !strings.HasPrefix(out, "No calendar address") {
		t.Errorf("plan feed after revoking: %q", out)
	}
	for _, args := range [][]string{{"--new", "--revoke"}, {"--new", "--url", "run.example.org"}} {
		if code, _, errOut := run(t, append([]string{"plan", "feed", "--db", db}, args...)...); code != 2 || errOut == "" {
			t.Errorf("plan feed %v: exit %d, %q; want a usage error", args, code, errOut)
		}
	}
}
