package analysis

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/easyrun/easyrun/internal/golden"

	"github.com/easyrun/easyrun/format"
	_ "github.com/easyrun/easyrun/format/fit" // the formats format.Decode reads
	_ "github.com/easyrun/easyrun/format/gpx"
	_ "github.com/easyrun/easyrun/format/tcx"
	"github.com/easyrun/easyrun/internal/corpus"
)

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
			golden.JSON(t, filepath.Join("testdata", "golden", "corpus", name+".json"), results)
		})
	}
	t.Logf("%d of %d corpus files hold activities and were analysed", analysed, len(paths))
}
