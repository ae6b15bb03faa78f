// Package corpus finds the shared corpus of real device files for tests.
// The corpus lives in shared/corpus beside the repository (CI has it
// there too); tests that need it are skipped, saying so, when it is absent.
package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the corpus folder, or its sub-folder sub ("fit", "gpx",
// "tcx"; "" for the corpus itself), found by walking up from the test's
// working directory. The test is skipped when there is no corpus.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		for _, c := range []string{filepath.Join(dir, "shared", "corpus"), filepath.Join(dir, "..", "shared", "corpus")} {
			if fi, err := os.Stat(c); err == nil && fi.IsDir() {
				return filepath.Join(c, sub)
			}
		}
		if filepath.Dir(dir) == dir {
			t.Skipf("no shared/corpus above %s: the corpus of real device files is not checked out", wd)
		}
	}
}

// File returns the path of one corpus file, e.g. File(t, "fit/garmin__Activity.fit").
func File(t testing.TB, rel string) string {
	t.Helper()
	return filepath.Join(Dir(t, ""), filepath.FromSlash(rel))
}

// Files lists the corpus files with the given extension in sub, by path.
func Files(t testing.TB, sub, ext string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(Dir(t, sub), "*."+ext))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no .%s files in the corpus folder %s", ext, sub)
	}
	return paths
}

// Read returns the bytes of one corpus file, e.g. Read(t, "fit/garmin__Activity.fit").
func Read(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(File(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
