package cli

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
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
	if _, shown, _ := run(t, "plan", "show", "--db", db); shown+planSaved != out {
		t.Errorf("plan show differs from the plan made:\n%s", shown)
	}

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
	want := []string{"2026-11-30-recovery.fit", "2026-12-01-intervals.fit", "2026-12-02-recovery.fit",
		"2026-12-03-threshold.fit", "2026-12-04-recovery.fit", "2026-12-06-long.fit"}
	if !slices.Equal(names, want) {
		t.Errorf("workout files = %v, want %v (one per run, none for rest)", names, want)
	}

	code, out, errOut = run(t, "plan", "--db", db, "--hard", "tue:intervals,thu:threshold,sun:long", "--volume", "4h",
		"--race", "2027-03-07", "--distance", "half")
	if code != 0 {
		t.Fatalf("plan block: exit %d: %s", code, errOut)
	}
	check(t, "plan-block.txt", out)
}
