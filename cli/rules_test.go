package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRules: rules lists every rule; set changes some, checked against
// their ranges; reset goes back to the defaults.
func TestRules(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "e.db")
	code, out, errs := run(t, "rules", "--db", db)
	if code != 0 || !strings.Contains(out, "max_above_cap") || !strings.Contains(out, "0–30") || strings.Contains(out, " *") {
		t.Fatalf("rules: %d\n%s%s", code, out, errs)
	}
	code, out, errs = run(t, "rules", "set", "max_above_cap", "5", "--db", db, "min_run", "8")
	if code != 0 || !strings.Contains(out, "5 min *") || !strings.Contains(out, "8 min *") {
		t.Fatalf("rules set: %d\n%s%s", code, out, errs)
	}
	for _, args := range [][]string{{"set", "max_above_cap", "31"}, {"set", "nope", "1"}, {"set", "max_above_cap"}, {"reset", "nope"}} {
		if code, _, errs := run(t, append([]string{"rules", "--db", db}, args...)...); code == 0 || errs == "" {
			t.Errorf("rules %v: exit %d, %q; want an error", args, code, errs)
		}
	}
	if _, _, errs := run(t, "rules", "--db", db, "set", "max_above_cap", "31"); !strings.Contains(errs, "want 0 to 30 min") {
		t.Errorf("no range in %q", errs)
	}
	code, out, _ = run(t, "rules", "reset", "max_above_cap", "--db", db)
	if code != 0 || strings.Contains(out, "5 min *") || !strings.Contains(out, "8 min *") {
		t.Errorf("reset one: %d\n%s", code, out)
	}
	code, out, _ = run(t, "rules", "reset", "--db", db, "--json")
	if code != 0 || strings.Contains(out, `"changed": true`) || !strings.Contains(out, `"source": "PRODUCT.md"`) {
		t.Errorf("reset all: %d\n%s", code, out)
	}
}
