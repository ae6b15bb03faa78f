package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestImportReportsEveryFile checks that nothing is dropped or miscounted
// without a word: empty files are not duplicates of each other, and a
// pipe in a folder is reported, each by path with its reason.
func TestImportReportsEveryFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.csv"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "z.zip"), zipOf(t, member{"empty.txt", nil}), 0o600); err != nil {
		t.Fatal(err)
	}
	sum, err := (&Importer{Store: openStore(t), Athlete: 1}).Import(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Duplicates != 0 || sum.Files != 4 || len(sum.Failures) != 0 {
		t.Errorf("files %d, duplicates %d, failures %v; want 4 and none", sum.Files, sum.Duplicates, sum.Failures)
	}
	want := map[string]string{
		filepath.Join(dir, "a.txt"):                "empty file (0 bytes)",
		filepath.Join(dir, "b.csv"):                "empty file (0 bytes)",
		filepath.Join(dir, "pipe"):                 "not a regular file but a named pipe (FIFO)",
		filepath.Join(dir, "z.zip") + "!empty.txt": "empty file (0 bytes)",
	}
	for _, p := range sum.Skipped {
		if w, ok := want[p.Path]; !ok || !strings.Contains(p.Reason, w) {
			t.Errorf("skipped %s: %s; want %q", p.Path, p.Reason, w)
		}
		delete(want, p.Path)
	}
	for path, reason := range want {
		t.Errorf("%s not reported; want %q", path, reason)
	}
}
