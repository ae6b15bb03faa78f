package fit_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/proto"

	"github.com/easyrun/easyrun/format/fit"
	"github.com/easyrun/easyrun/sim"
)

// benchFiles is a simulated month of training as FIT files plus the real
// corpus's FIT files when present: the same bytes for both benchmarks.
func benchFiles(b *testing.B) [][]byte {
	b.Helper()
	dir := b.TempDir()
	r := sim.DefaultRunner()
	paths, err := r.WriteFIT(context.Background(), dir, r.History(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 4))
	if err != nil {
		b.Fatal(err)
	}
	corpus, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "fit", "*.fit"))
	var files [][]byte
	for _, p := range append(paths, corpus...) {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
	}
	return files
}

func setBytes(b *testing.B, files [][]byte) {
	n := 0
	for _, f := range files {
		n += len(f)
	}
	b.SetBytes(int64(n))
}

type discard struct{}

func (discard) OnMesg(proto.Message) {}

// BenchmarkVsLibrary decodes each file with the FIT library's streaming
// decoder (messages to a listener that keeps nothing, checksums checked)
// and then with Decode, alternating so that both see the same noise on a
// shared machine, and reports Decode's speed as a share of the library's
// (issue 19: ≥ 70 %).
func BenchmarkVsLibrary(b *testing.B) {
	files := benchFiles(b)
	setBytes(b, files)
	dec := decoder.New(nil)
	var lib, ours time.Duration
	for b.Loop() {
		for _, f := range files {
			t0 := time.Now()
			dec.Reset(bytes.NewReader(f), decoder.WithMesgListener(discard{}), decoder.WithBroadcastOnly())
			for dec.Next() {
				if _, err := dec.Decode(); err != nil {
					break
				}
			}
			t1 := time.Now()
			_, _ = fit.Decode(f)
			lib, ours = lib+t1.Sub(t0), ours+time.Since(t1)
		}
	}
	b.ReportMetric(100*lib.Seconds()/ours.Seconds(), "%library")
}
