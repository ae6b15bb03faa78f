package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestEdit: edit renames an activity and replaces its notes, each only
// when given; the show command says the new words.
func TestEdit(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "e.db")
	if code, _, errs := run(t, "log", "--db", db, "--date", "2026-11-24", "--duration", "35m", "--rpe", "3"); code != 0 {
		t.Fatalf("log: %s", errs)
	}
	if code, out, errs := run(t, "edit", "1", "--db", db, "--name", "Shakeout by the river"); code != 0 || !strings.Contains(out, "Shakeout by the river") {
		t.Fatalf("edit --name: %d %s%s", code, out, errs)
	}
	if code, _, errs := run(t, "edit", "--db", db, "1", "--notes", "legs heavy"); code != 0 {
		t.Fatalf("edit --notes: %s", errs)
	}
	if code, out, errs := run(t, "edit", "--db", db, "1", "--race"); code != 0 || !strings.Contains(out, "a race") {
		t.Fatalf("edit --race: %d %s%s", code, out, errs)
	}
	_, out, _ := run(t, "show", "--db", db, "1", "--json")
	if !strings.Contains(out, `"class": "race"`) {
		t.Errorf("a run marked as a race is not one:\n%s", out)
	}
	if !strings.Contains(out, "Shakeout by the river") || !strings.Contains(out, "legs heavy") {
		t.Errorf("show after edits:\n%s", out)
	}
	for _, args := range [][]string{{"edit", "--db", db, "1"}, {"edit", "--db", db, "x", "--name", "a"}, {"edit", "--db", db, "99", "--name", "a"},
		{"edit", "--db", db, "1", "--name", strings.Repeat("n", 201)}} {
		if code, _, _ := run(t, args...); code == 0 {
			t.Errorf("%v: exit 0, want an error", args)
		}
	}
}

// TestDelete: delete asks for --yes, then deletes.
func TestDelete(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "e.db")
	if code, _, errs := run(t, "log", "--db", db, "--date", "2026-11-24", "--duration", "35m", "--rpe", "3"); code != 0 {
		t.Fatalf("log: %s", errs)
	}
	if code, _, errs := run(t, "delete", "--db", db, "1"); code != 2 || !strings.Contains(errs, "add --yes") {
		t.Errorf("delete without --yes: exit %d, %q", code, errs)
	}
	if code, out, errs := run(t, "delete", "1", "--yes", "--db", db); code != 0 || !strings.Contains(out, "Deleted activity 1") {
		t.Fatalf("delete --yes: %d %s%s", code, out, errs)
	}
	if code, _, _ := run(t, "show", "--db", db, "1"); code == 0 {
		t.Error("show of a deleted activity succeeded")
	}
}
