// Package golden compares test output with golden files, and rewrites
// them when the tests run with -update: go test ./pkg -update, then read
// the diff before committing it.
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Check compares got with the golden file at path; with -update it writes
// got there instead, creating the folders it needs.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (check it, then run the test with -update):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// JSON is Check of v as indented JSON with a final newline.
func JSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	Check(t, path, append(b, '\n'))
}

// Updating reports whether the tests run with -update: a test that pins
// a format by reading its fixture writes it from its values instead.
func Updating() bool { return *update }
