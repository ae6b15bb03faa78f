package interop_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format"
	_ "github.com/easyrun/easyrun/format/gpx" // the formats format.Decode reads
	_ "github.com/easyrun/easyrun/format/tcx"
	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/internal/interop"
)

// reference is what @tmcw/togeojson reads of one file (track.mjs).
type reference struct {
	Points []point `json:"points"`
	PathM  float64 `json:"path_m"` // great-circle distance between timed points
	LapsM  float64 `json:"laps_m"` // TCX: the laps' stated distance
}

// point is a timed track point: whether it has a heart rate.
type point struct {
	Time time.Time `json:"time"`
	HR   bool      `json:"hr"`
}

// The tolerances of TestSecondReader.
const (
	// startTolerance: easyrun's start is the first timed point, to the second.
	startTolerance = time.Second
	// durationTolerance: the span of the timed points; easyrun keeps whole
	// seconds of it.
	durationTolerance = 2 * time.Second
	// distanceShare and distanceFloorM: easyrun's distance against the TCX
	// laps' stated distance, else the great-circle path of the points;
	// easyrun's own path leaves out GPS jitter while standing, so it may
	// be a little shorter.
	distanceShare  = 0.02
	distanceFloorM = 15
	// hrShare: of the points the second reader finds a heart rate at,
	// easyrun has one on its 1 s grid at that second.
	hrShare = 0.99
)

// differences are what easyrun reads otherwise than the second reader on
// purpose, by file name: the check they skip and why.
var differences = map[string]struct{ check, why string }{
	"gpxgo__cerknicko-without-times.gpx": {"all", "5 of 296 points are timed: easyrun reads a planned route, no activity"},
	// Heart-rate dialects easyrun reads (README, "Heart rate in GPX") and
	// the second reader does not.
	"cluetrust.gpx":     {"hr", "Cluetrust's gpxdata:hr"},
	"garmin-tpx-v2.gpx": {"hr", "Garmin TrackPointExtension v2"},
	"plain.gpx":         {"hr", "a plain <heartrate> extension"},
	"polar.gpx":         {"hr", "TCX-style HeartRateBpm/Value"},
	"spoq.gpx":          {"hr", "timed readings in the file's extensions"},
}

// TestSecondReader compares easyrun's reading of the corpus's GPX and TCX
// files, and of the readers' own test files, with a second reader's
// (@tmcw/togeojson): start, duration, distance and the heart-rate
// samples, within the tolerances above. Files with fewer than two timed
// points hold no activity for either reader.
func TestSecondReader(t *testing.T) {
	var files []string
	for _, ext := range []string{"gpx", "tcx"} {
		files = append(files, corpus.Files(t, ext, ext)...)
		local, err := filepath.Glob(filepath.Join("..", "..", "format", ext, "testdata", "*", "*."+ext))
		if err != nil {
			t.Fatal(err)
		}
		top, _ := filepath.Glob(filepath.Join("..", "..", "format", ext, "testdata", "*."+ext))
		files = append(files, slices.Concat(top, local)...)
	}
	refs := map[string]reference{}
	interop.Run(t, "track.mjs", &refs, files...)
	compared := 0
	for _, file := range files {
		ref, ok := refs[file]
		if !ok {
			t.Errorf("%s: the second reader printed nothing", file)
			continue
		}
		diff := differences[filepath.Base(file)]
		slices.SortStableFunc(ref.Points, func(a, b point) int { return a.Time.Compare(b.Time) })
		if diff.check == "all" || len(ref.Points) < 2 || !ref.Points[0].Time.Before(ref.Points[len(ref.Points)-1].Time) {
			// The second reader reads positioned points alone: a pool
			// swim's time-only points are not among them.
			t.Logf("%s: not compared: %d timed points by the second reader %s", file, len(ref.Points), diff.why)
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		acts, err := format.Decode(data)
		if err != nil && !errors.Is(err, activity.ErrNotActivity) || len(acts) == 0 {
			t.Errorf("%s: easyrun: %v, %d activities; the second reader finds %d timed points", file, err, len(acts), len(ref.Points))
			continue
		}
		compared++
		compareTrack(t, filepath.Base(file), acts, ref, diff.check != "hr")
	}
	t.Logf("compared %d files with the second reader", compared)
}

// compareTrack compares easyrun's activities of one file with the second
// reader's, the heart rate too when checkHR.
func compareTrack(t *testing.T, name string, acts []*activity.Activity, ref reference, checkHR bool) {
	t.Helper()
	first, last := ref.Points[0].Time, ref.Points[len(ref.Points)-1].Time
	var starts, ends []time.Time
	distM := 0.0
	for _, a := range acts {
		starts, ends = append(starts, a.Start), append(ends, a.End())
		distM += a.DistanceM
	}
	start, end := slices.MinFunc(starts, time.Time.Compare), slices.MaxFunc(ends, time.Time.Compare)
	if d := start.Sub(first).Abs(); d > startTolerance {
		t.Errorf("%s: start %s, the second reader %s", name, start.Format(time.RFC3339), first.Format(time.RFC3339))
	}
	if d := end.Sub(start) - last.Sub(first); d.Abs() > durationTolerance {
		t.Errorf("%s: lasts %s, the second reader %s", name, end.Sub(start), last.Sub(first))
	}
	want := ref.PathM
	if ref.LapsM > 0 {
		want = ref.LapsM
	}
	if math.Abs(distM-want) > max(distanceShare*want, distanceFloorM) {
		t.Errorf("%s: %.0f m, the second reader %.0f m", name, distM, want)
	}
	if !checkHR {
		return
	}
	withHR, found := 0, 0
	for _, p := range ref.Points {
		if !p.HR {
			continue
		}
		withHR++
		for _, a := range acts {
			i := int(p.Time.Sub(a.Start) / time.Second)
			if hr := a.Streams.HeartRate; i >= 0 && i < len(hr) && hr[i] > 0 {
				found++
				break
			}
		}
	}
	if float64(found) < hrShare*float64(withHR) {
		t.Errorf("%s: heart rate at %d of the %d points the second reader finds one at", name, found, withHR)
	}
	if withHR == 0 && slices.ContainsFunc(acts, func(a *activity.Activity) bool { return activity.Count(a.Streams.HeartRate) > 0 }) {
		t.Errorf("%s: easyrun finds heart rate, the second reader none", name)
	}
}
