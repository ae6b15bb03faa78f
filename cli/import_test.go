package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportNice imports at each end of the priorities --nice and
// EASYRUN_IMPORT_NICE allow, and refuses the values past them, naming
// the range, before anything is imported.
func TestImportNice(t *testing.T) {
	dir := corpusCopy(t, "tcx/tcxparser__test.tcx")
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{"lowest priority", nil, []string{"--nice", "19"}, 0, "Imported 1 new activity"},
		{"as it is", nil, []string{"--nice", "0"}, 0, "Imported 1 new activity"},
		{"environment", map[string]string{"EASYRUN_IMPORT_NICE": "5"}, nil, 0, "Imported 1 new activity"},
		{"too low", nil, []string{"--nice", "20"}, exitUsage, "--nice (EASYRUN_IMPORT_NICE) 20: want 0 to 19 steps of lower priority"},
		{"raised", nil, []string{"--nice", "-5"}, exitUsage, "--nice (EASYRUN_IMPORT_NICE) -5: want 0 to 19"},
		{"environment too low", map[string]string{"EASYRUN_IMPORT_NICE": "25"}, nil, exitUsage, "--nice (EASYRUN_IMPORT_NICE) 25: want 0 to 19"},
		{"not a number", map[string]string{"EASYRUN_IMPORT_NICE": "low"}, nil, exitUsage, `EASYRUN_IMPORT_NICE="low"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "easyrun.db")
			code, stdout, stderr := runEnv(t, c.env, append([]string{"import", "--db", db, dir}, c.args...)...)
			if code != c.code || !strings.Contains(stdout+stderr, c.want) {
				t.Errorf("exit %d, want %d with %q:\n%s%s", code, c.code, c.want, stdout, stderr)
			}
			if _, err := os.Stat(db); c.code != 0 && err == nil {
				t.Errorf("refused, yet the database was made")
			}
		})
	}
}
