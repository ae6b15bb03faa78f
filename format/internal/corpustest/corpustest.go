// Package corpustest gives the format packages' tests the shared corpus of
// real device files and golden summaries of what they decode to.
package corpustest

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/golden"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/internal/hostile"
)

// FuzzBounds bound what a fuzzed file may decode to: two hours and 20,000
// points, so that every input decodes in well under a millisecond and a
// fuzz run tries hundreds a second. The real bounds have tests of their
// own (format, importer).
var FuzzBounds = activity.Bounds{MaxDuration: 2 * time.Hour, MaxPoints: 20_000}

// AddSeeds seeds a fuzz target with the repository's own files: those of
// testdata matching each pattern (at least one each), and small
// recordings in FIT, GPX and TCX of one and of several activities
// (internal/hostile). The shared corpus of device files is not used: the
// files are large, slowing every input, and absent from a fresh clone.
func AddSeeds(f *testing.F, patterns ...string) {
	f.Helper()
	for _, p := range patterns {
		paths, err := filepath.Glob(p)
		if err != nil || len(paths) == 0 {
			f.Fatalf("no seed files match %s: %v", p, err)
		}
		for _, path := range paths {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	// A minute of points a few seconds apart, which resampling bridges,
	// and three activities of points ten minutes apart, which it does
	// not, within FuzzBounds together. Each file is a kilobyte or two:
	// the fuzzer gives every corpus entry the same time, so an entry
	// twice as large is tried half as often.
	for _, seed := range [][]byte{
		hostile.FIT(1, 8, time.Minute), hostile.FIT(3, 3, 20*time.Minute),
		hostile.GPX(1, 8, time.Minute), hostile.GPX(3, 3, 20*time.Minute),
		hostile.TCX(1, 8, time.Minute), hostile.TCX(3, 3, 20*time.Minute),
	} {
		f.Add(seed)
	}
}

// Summary is what a golden file records of one decoded activity.
type Summary struct {
	Sport       activity.Sport `json:"sport"`
	Name        string         `json:"name,omitempty"`
	Maker       string         `json:"maker,omitempty"`
	Start       time.Time      `json:"start"`
	ElapsedS    float64        `json:"elapsed_s"`
	MovingS     float64        `json:"moving_s"`
	DistanceM   float64        `json:"distance_m"`
	AvgHR       float64        `json:"avg_hr"`
	MaxHR       float64        `json:"max_hr"`
	HRSamples   int            `json:"hr_samples"`
	GridLen     int            `json:"grid_len"`
	Laps        int            `json:"laps"`
	Flags       []string       `json:"flags,omitempty"`
	CadenceMean float64        `json:"cadence_mean,omitempty"`
}

// Result is what a golden file records of one decoded file.
type Result struct {
	Error      string    `json:"error,omitempty"`
	Activities []Summary `json:"activities,omitempty"`
}

// Summarize records the outcome of decoding one file.
func Summarize(acts []*activity.Activity, err error) Result {
	if err != nil {
		return Result{Error: err.Error()}
	}
	var r Result
	for _, a := range acts {
		s := Summary{
			Sport:       a.Sport,
			Name:        a.Name,
			Maker:       a.Device.Maker,
			Start:       a.Start,
			ElapsedS:    round(a.Elapsed.Seconds(), 1000),
			MovingS:     round(a.Moving.Seconds(), 1000),
			DistanceM:   round(a.DistanceM, 10),
			AvgHR:       round(a.AvgHeartRate, 10),
			MaxHR:       round(a.MaxHeartRate, 10),
			HRSamples:   activity.Count(a.Streams.HeartRate),
			GridLen:     a.Streams.Len(),
			Laps:        len(a.Laps),
			CadenceMean: round(Mean(a.Streams.Cadence), 10),
		}
		for _, f := range a.Flags {
			s.Flags = append(s.Flags, string(f.Code))
		}
		r.Activities = append(r.Activities, s)
	}
	return r
}

// round rounds v to 1/perUnit: dividing after rounding keeps the decimal
// printing short (160.2, not 160.20000000000002).
func round(v, perUnit float64) float64 { return math.Round(v*perUnit) / perUnit }

// Mean is the mean of the non-gap values of v, or 0 when there are none.
func Mean(v []float64) float64 {
	sum, n := 0.0, 0
	for _, x := range v {
		if !math.IsNaN(x) {
			sum += x
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// Golden compares got, as indented JSON, with the file at path, or
// rewrites the file when the test runs with -update.
func Golden(t testing.TB, path string, got any) {
	t.Helper()
	golden.JSON(t, path, got)
}

// WantAll checks that a channel has n seconds, each holding want.
func WantAll(t testing.TB, what string, v []float64, want float64, n int) {
	t.Helper()
	if len(v) != n {
		t.Errorf("%s: %d seconds, want %d", what, len(v), n)
		return
	}
	for i, x := range v {
		if math.Abs(x-want) > 1e-9 {
			t.Errorf("%s: second %d holds %v, want %v", what, i, x, want)
			return
		}
	}
}

// CheckInvariants fails t unless a holds what every decoded activity
// must: a start, a grid no longer than a week (empty only when flagged so)
// whose channels all have its length, and a timer time that is not negative and does not
// outrun the clock.
func CheckInvariants(t testing.TB, a *activity.Activity) {
	t.Helper()
	n := a.Streams.Len()
	if time.Duration(n-1)*time.Second > 7*24*time.Hour || n == 0 && !a.Flags.Has(activity.NoStreams) {
		t.Fatalf("grid of %d seconds, flags %v", n, a.Flags)
	}
	for _, c := range a.Streams.Channels() {
		if v := *c.Values; v != nil && len(v) != n {
			t.Fatalf("channel %s has %d seconds, grid %d", c.Name, len(v), n)
		}
	}
	if a.Start.IsZero() || a.Moving < 0 || a.Elapsed < a.Moving {
		t.Fatalf("start %v, elapsed %v, moving %v", a.Start, a.Elapsed, a.Moving)
	}
}

// CheckDecode fails t unless a decoder kept its promise for any input:
// activities or an error, never both and never neither, and every
// activity within CheckInvariants.
func CheckDecode(t testing.TB, acts []*activity.Activity, err error) {
	t.Helper()
	if err != nil {
		if acts != nil {
			t.Fatalf("error %v with %d activities", err, len(acts))
		}
		return
	}
	if len(acts) == 0 {
		t.Fatal("no activities and no error")
	}
	for _, a := range acts {
		CheckInvariants(t, a)
	}
}

// BenchmarkDecode decodes every corpus file of one format each iteration,
// reporting MB/s.
func BenchmarkDecode(b *testing.B, format string, decode func([]byte) ([]*activity.Activity, error)) {
	var files [][]byte
	total := 0
	for _, path := range corpus.Files(b, format, format) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		total += len(data)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range files {
			_, _ = decode(data)
		}
	}
}

// LocalStart decodes the file at path, which must hold one activity, and
// checks its local start (RFC 3339) against want: "" when the file
// states no local time.
func LocalStart(t *testing.T, decode func([]byte) ([]*activity.Activity, error), path, want string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	acts, err := decode(data)
	if err != nil || len(acts) != 1 {
		t.Fatalf("%s: %d activities, %v", path, len(acts), err)
	}
	got := ""
	if a := acts[0]; a.HasLocalOffset {
		got = a.LocalStart().Format(time.RFC3339)
	}
	if got != want {
		t.Errorf("%s: local start %q, want %q", path, got, want)
	}
}

// DecodeFile decodes the file at path with decode and fails the test when
// it cannot be read or decoded.
func DecodeFile(t *testing.T, path string, decode func([]byte) ([]*activity.Activity, error)) []*activity.Activity {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	acts, err := decode(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return acts
}
