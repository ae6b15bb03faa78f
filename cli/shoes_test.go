package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestShoes adds a default pair and another, logs runs that go to the
// default, moves one to the other pair, warns past the limit, retires a
// pair, and refuses a limit out of range by its field.
func TestShoes(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "easyrun.db")
	mustRun := func(args ...string) string {
		t.Helper()
		code, out, errOut := run(t, append(args, "--db", db)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
		return out
	}
	if out := mustRun("shoes", "list"); !strings.Contains(out, "No shoes yet") {
		t.Errorf("shoes list before any:\n%s", out)
	}
	if out := mustRun("shoes", "add", "blue pair", "--brand", "Nike Pegasus 41", "--started", "2026-10-01", "--default", "--retire-at", "100"); !strings.Contains(out, "Added shoe 1, blue pair, to retire at 100.00 km") {
		t.Errorf("shoes add:\n%s", out)
	}
	mustRun("shoes", "add", "racers", "--started", "2026-11-01")
	for _, d := range []string{"2026-11-20", "2026-11-21", "2026-11-22"} {
		mustRun("log", "--date", d, "--duration", "5h", "--rpe", "3", "--distance", "40km")
	}
	if out := mustRun("shoes", "assign", "2", "3"); !strings.Contains(out, "Assigned 1 activity to shoe 2, racers") {
		t.Errorf("shoes assign:\n%s", out)
	}
	out := mustRun("shoes", "list")
	for _, want := range []string{"blue pair  Nike Pegasus 41  2026-10-01  80.00 km  100.00 km  default", "racers", "40.00 km  700.00 km  in use"} {
		if !strings.Contains(out, want) {
			t.Errorf("shoes list lacks %q:\n%s", want, out)
		}
	}
	mustRun("log", "--date", "2026-11-23", "--duration", "3h", "--rpe", "3", "--distance", "25km")
	if out := mustRun("shoes", "list"); !strings.Contains(out, "105.00 km  100.00 km  past its limit: time for a new pair") {
		t.Errorf("shoes list past the limit:\n%s", out)
	}
	if out := mustRun("shoes", "retire", "1"); !strings.Contains(out, "Retired shoe 1, blue pair.") {
		t.Errorf("shoes retire:\n%s", out)
	}
	if out := mustRun("shoes", "list", "--json"); !strings.Contains(out, `"retired": true`) || strings.Contains(out, `"default": true`) {
		t.Errorf("shoes list --json after retiring the default:\n%s", out)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"shoes", "add", "x", "--retire-at", "5"}, 2, "retire at 5 km: want 100 to 2000 km"},
		{[]string{"shoes", "assign", "9", "1"}, 1, "not found"},
		{[]string{"shoes", "assign", "1"}, 2, "shoes assign wants SHOE ACTIVITY..."},
		{[]string{"shoes", "retire", "x"}, 2, `bad id "x"`},
	} {
		code, out, errOut := run(t, append(tc.args, "--db", db)...)
		if code != tc.code || !strings.Contains(out+errOut, tc.want) {
			t.Errorf("%s: exit %d, %q; want exit %d and %q", strings.Join(tc.args, " "), code, out+errOut, tc.code, tc.want)
		}
	}
}
