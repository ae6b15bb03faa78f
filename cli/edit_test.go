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

// TestPurge: a deleted activity's original is kept, so a re-import does
// not bring it back, until purge --yes deletes it; then it imports anew.
func TestPurge(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "e.db")
	dir := corpusCopy(t, "fit/dtcooper__activity-small-fenix2-run.fit")
	importAll := func() string {
		t.Helper()
		code, out, errs := run(t, "import", "--db", db, dir)
		if code != 0 {
			t.Fatalf("import: %s%s", out, errs)
		}
		return out
	}
	importAll()
	if code, out, _ := run(t, "purge", "--db", db); code != 0 || !strings.Contains(out, "No kept originals") {
		t.Errorf("purge with nothing deleted: exit %d, %q", code, out)
	}
	if code, out, errs := run(t, "delete", "1", "--yes", "--db", db); code != 0 || !strings.Contains(out, "kept until you purge it") {
		t.Fatalf("delete: %d %s%s", code, out, errs)
	}
	if out := importAll(); !strings.Contains(out, "Imported 0 new") {
		t.Errorf("re-import of a deleted activity's file brought it back:\n%s", out)
	}
	code, out, errs := run(t, "purge", "--db", db)
	if code != 2 || !strings.Contains(out, "dtcooper__activity-small-fenix2-run.fit") || !strings.Contains(errs, "add --yes") {
		t.Errorf("purge without --yes: exit %d, %q %q; want the file listed and --yes asked for", code, out, errs)
	}
	if code, _, errs := run(t, "purge", "--db", db, "x1"); code != 2 || !strings.Contains(errs, `bad file ID "x1"`) {
		t.Errorf("purge of a bad ID: exit %d, %q", code, errs)
	}
	if code, out, errs := run(t, "purge", "--yes", "--db", db); code != 0 || !strings.Contains(out, "Purged 1 kept original") {
		t.Fatalf("purge --yes: %d %s%s", code, out, errs)
	}
	if out := importAll(); !strings.Contains(out, "Imported 1 new") {
		t.Errorf("re-import after the purge:\n%s", out)
	}
}
