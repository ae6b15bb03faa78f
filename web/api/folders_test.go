package api

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSweepUploads checks that a sweep removes the folders of uploads
// that no import holds, such as those of a server killed mid-upload, and
// leaves those being imported and anything else alone.
func TestSweepUploads(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	held, release, err := newUploadFolder(root)
	if err != nil {
		t.Fatal(err)
	}
	abandonedDir := filepath.Join(root, uploadPrefix+"123")
	other := filepath.Join(root, "other")
	for _, dir := range []string{abandonedDir, other} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "run.fit"), []byte("half an upload"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	exists := func(dir string) bool { _, err := os.Stat(dir); return err == nil }
	for _, step := range []struct {
		name    string
		before  func()
		removed int
		gone    []string
		kept    []string
	}{
		{"while one is imported", func() {}, 1, []string{abandonedDir}, []string{held, other}},
		{"after it is let go", release, 1, []string{held}, []string{other}},
		{"again", func() {}, 0, nil, []string{other}},
	} {
		step.before()
		n, err := SweepUploads(root)
		if err != nil || n != step.removed {
			t.Errorf("%s: swept %d, %v; want %d", step.name, n, err, step.removed)
		}
		for _, dir := range step.gone {
			if exists(dir) {
				t.Errorf("%s: %s is still there", step.name, dir)
			}
		}
		for _, dir := range step.kept {
			if !exists(dir) {
				t.Errorf("%s: %s was removed", step.name, dir)
			}
		}
	}
	if n, err := SweepUploads(filepath.Join(root, "missing")); n != 0 || err != nil {
		t.Errorf("sweep of a missing folder: %d, %v; want nothing", n, err)
	}
}
