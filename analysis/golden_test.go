package analysis

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/easyrun/easyrun/format"
	"github.com/easyrun/easyrun/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// TestGolden analyses every activity of every real device file in the
// corpus for the test athlete and holds the results to
// testdata/golden/corpus/<file>.json; run with -update to rewrite them.
// Files that hold no activity, or that do not decode, have no analysis.
func TestGolden(t *testing.T) {
	t.Parallel()
	var paths []string
	for _, ext := range []string{"fit", "gpx", "tcx"} {
		paths = append(paths, corpus.Files(t, ext, ext)...)
	}
	ctx := Context{Athlete: resolved(t)}
	analysed := 0
	for _, path := range paths {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		acts, err := format.Decode(data)
		if err != nil || len(acts) == 0 {
			continue // not an activity, or broken: the format tests judge that
		}
		analysed++
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			results := make([]Result, len(acts))
			for i, a := range acts {
				results[i] = Analyze(a, ctx)
				if results[i].Class == "" || len(results[i].Reasons) == 0 {
					t.Errorf("activity %d: no class or reasons: %+v", i, results[i])
				}
			}
			got, err := json.MarshalIndent(results, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", "corpus", name+".json")
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
	t.Logf("%d of %d corpus files hold activities and were analysed", analysed, len(paths))
}
