package analysis

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/fit"
	"github.com/easyrun/easyrun/format/tcx"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// corpusDir finds shared/corpus by walking up from the package directory
// (it sits beside the repository), or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		for _, c := range []string{filepath.Join(dir, "shared", "corpus"), filepath.Join(dir, "..", "shared", "corpus")} {
			if fi, err := os.Stat(c); err == nil && fi.IsDir() {
				return c
			}
		}
		if filepath.Dir(dir) == dir {
			t.Skipf("no shared/corpus above %s: the corpus of real files is not checked out", wd)
		}
	}
}

// TestGolden analyses real device files for the test athlete and holds
// the results to testdata/golden; run with -update to rewrite them.
func TestGolden(t *testing.T) {
	t.Parallel()
	corpus := corpusDir(t)
	decoders := map[string]func([]byte) ([]*activity.Activity, error){
		".fit": fit.Decode,
		".tcx": tcx.Decode,
	}
	for _, name := range []string{
		"tcx/tcxparser__test.tcx",
		"fit/dtcooper__activity-small-fenix2-run.fit",
		"fit/jimmykane__garmin-stamina.fit",
	} {
		t.Run(filepath.Base(name), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(filepath.Join(corpus, name))
			if err != nil {
				t.Fatal(err)
			}
			acts, err := decoders[filepath.Ext(name)](data)
			if err != nil {
				t.Fatalf("decode %s: %v", name, err)
			}
			results := make([]Result, len(acts))
			for i, a := range acts {
				results[i] = Analyze(a, Context{Athlete: athlete})
				if results[i].Class == "" || len(results[i].Reasons) == 0 {
					t.Errorf("activity %d: no class or reasons: %+v", i, results[i])
				}
			}
			got, err := json.MarshalIndent(results, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("analysis of %s differs from %s (run with -update if the change is intended):\n%s", name, golden, got)
			}
		})
	}
}
