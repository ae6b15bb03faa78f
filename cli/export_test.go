package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestExportAndRestore(t *testing.T) {
	dir := corpusCopy(t, "fit/dtcooper__activity-small-fenix2-run.fit", "tcx/tcxparser__test.tcx")
	t.Chdir(filepath.Dir(dir))
	db := "easyrun.db"
	for _, args := range [][]string{
		{"athlete", "set", "--db", db, "--max-hr", "190", "--resting-hr", "50", "--birth-year", "1986", "--sex", "male"},
		{"import", "--db", db, "--workers", "1", "watch"},
		{"rpe", "--db", db, "1", "6"},
		{"log", "--db", db, "--date", "2026-11-24", "--duration", "35m", "--rpe", "3", "--note", "no watch"},
		{"plan", "--db", db, "--hard", "tue:intervals,sun:long", "--volume", "2h"},
	} {
		if code, _, errOut := run(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
	}

	code, out, errOut := run(t, "export", "--db", db, "backup.zip")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	check(t, "export.txt", out)
	if code, _, errOut := run(t, "export", "--db", db, "backup.zip"); code != 1 || !strings.Contains(errOut, "backup.zip exists") {
		t.Errorf("export over an existing file: exit %d, %q; want 1 and a refusal", code, errOut)
	}
	if code, _, errOut := run(t, "export", "--db", db, "--force", "backup.zip"); code != 0 {
		t.Errorf("export --force: exit %d: %s", code, errOut)
	}
	if tmp, _ := filepath.Glob(".backup.zip.*.tmp"); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}

	code, out, errOut = run(t, "import", "--db", "restored.db", "--workers", "1", "backup.zip")
	if code != 0 {
		t.Fatalf("import of the export: exit %d: %s", code, errOut)
	}
	check(t, "import-export.txt", out)
	// The same activities, numbered in the order the export lists them.
	ids := regexp.MustCompile(`(?m)^[0-9]+ +`)
	_, want, _ := run(t, "activities", "--db", db)
	if _, got, _ := run(t, "activities", "--db", "restored.db"); ids.ReplaceAllString(got, "") != ids.ReplaceAllString(want, "") {
		t.Errorf("restored activities:\n%s\nwant\n%s", got, want)
	}
	_, want, _ = run(t, "plan", "show", "--db", db)
	if _, got, _ := run(t, "plan", "show", "--db", "restored.db"); got != want {
		t.Errorf("restored plan:\n%s\nwant\n%s", got, want)
	}

	// Restoring again changes nothing, and says so.
	code, out, _ = run(t, "import", "--db", "restored.db", "backup.zip")
	if code != 0 || !strings.Contains(out, "2 in the export, 0 new here") || !strings.Contains(out, "1 in the export, 0 logged now") ||
		!strings.Contains(out, "profile: already here") || !strings.Contains(out, "plan: already here") {
		t.Errorf("second import of the export: exit %d:\n%s", code, out)
	}
}
