package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/sim"
)

// TestShowReps shows a simulated interval session: its reps and the
// recoveries between them, under the line that sums them up, in the
// runner's units.
func TestShowReps(t *testing.T) {
	t.Chdir(t.TempDir()) // the source's path is printed: keep it short and the same
	db, dir := "easyrun.db", "runs"
	start := time.Date(2026, 11, 24, 17, 30, 0, 0, time.UTC)
	if _, err := sim.DefaultRunner().WriteFIT(context.Background(), dir, []sim.Session{{Kind: sim.Intervals, Start: start}}); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "athlete", "set", "--db", db, "--max-hr", "190", "--resting-hr", "50", "--units", "mi"); code != 0 {
		t.Fatalf("athlete set: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, "import", "--db", db, dir); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "show", "--db", db, "1")
	if code != 0 {
		t.Fatalf("show: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Reps: 6 × 3:00 at ") || !strings.Contains(out, "/mi, recoveries 2:00 jog") {
		t.Errorf("show does not sum up the reps in miles:\n%s", out)
	}
	check(t, "show_reps.txt", out)
}
