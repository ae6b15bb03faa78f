package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestWriteFileAtomicLeavesNoLitter checks that a write removes the
// temporaries that killed writes of the same file left, and no other
// file, and that a failed write leaves none of its own.
func TestWriteFileAtomicLeavesNoLitter(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "export.zip")
	for _, name := range []string{
		".export.zip.123456.tmp", ".export.zip.987.tmp", // killed writes of export.zip
		".export.zip.notes.tmp", ".other.zip.123.tmp", "export.zip.123.tmp", "runs.fit", // not its temporaries
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name  string
		write func(io.Writer) error
		fails bool
	}{
		{"a write that fails", func(w io.Writer) error { w.Write([]byte("half")); return errors.New("killed") }, true},
		{"a write that succeeds", func(w io.Writer) error { _, err := w.Write([]byte("whole")); return err }, false},
	} {
		if err := writeFileAtomic(path, 0o600, tt.write); (err != nil) != tt.fails {
			t.Fatalf("%s: %v", tt.name, err)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		want := []string{".export.zip.notes.tmp", ".other.zip.123.tmp", "export.zip.123.tmp", "runs.fit"}
		if !tt.fails {
			want = append(want, "export.zip")
		}
		slices.Sort(want)
		if !slices.Equal(names, want) {
			t.Errorf("%s: the folder holds %q, want %q", tt.name, names, want)
		}
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != "whole" {
		t.Errorf("export.zip = %q, %v; want whole", data, err)
	}
}
