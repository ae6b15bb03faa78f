package gpx

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/internal/corpustest"
)

// TestFidelity reads the files of testdata/fidelity, one per class of
// real GPX files easyrun once read wrongly (issue 15): every heart-rate
// dialect exporters write, a point every 20 s, and segments split by a
// lost signal while the runner went on.
func TestFidelity(t *testing.T) {
	const hrMean = 144.5 // 140 + s%10 over whole tens of seconds
	tests := []struct {
		file              string
		elapsedS, movingS float64
		distanceM         float64
		hrSamples         int
		avgHR, cadence    float64 // 0: none
	}{
		{"garmin-tpx-v1.gpx", 120, 120, 360, 121, hrMean, 170},
		{"garmin-tpx-v2.gpx", 120, 120, 360, 121, hrMean, 170},
		{"cluetrust.gpx", 120, 120, 360, 121, hrMean, 170},
		{"strava.gpx", 120, 120, 360, 121, hrMean, 0},
		{"suunto.gpx", 120, 120, 360, 121, hrMean, 0},
		{"polar.gpx", 120, 120, 360, 121, hrMean, 0},
		{"plain.gpx", 120, 120, 360, 121, hrMean, 170},
		{"spoq.gpx", 120, 120, 360, 121, hrMean, 0},
		// Points 20 s apart are not pauses; the grid keeps them as points.
		{"sparse-20s.gpx", 1200, 1200, 3600, 61, 0, 0},
		// Two splits the runner ran through, one pause of 120 s standing.
		{"split-segments.gpx", 1440, 1320, 3960, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			acts := corpustest.DecodeFile(t, filepath.Join("testdata", "fidelity", tt.file), Decode)
			if len(acts) != 1 {
				t.Fatalf("%d activities, want 1", len(acts))
			}
			a := acts[0]
			if a.Sport != activity.Running {
				t.Errorf("sport %q", a.Sport)
			}
			for _, c := range []struct {
				what      string
				got, want float64
				tol       float64
			}{
				{"elapsed s", a.Elapsed.Seconds(), tt.elapsedS, 0.5},
				{"moving s", a.Moving.Seconds(), tt.movingS, 0.5},
				{"distance m", a.DistanceM, tt.distanceM, 2},
				{"heart-rate samples", float64(activity.Count(a.Streams.HeartRate)), float64(tt.hrSamples), 0},
				{"mean cadence", corpustest.Mean(a.Streams.Cadence), tt.cadence, 0.5},
			} {
				if math.Abs(c.got-c.want) > c.tol {
					t.Errorf("%s = %.2f, want %.2f", c.what, c.got, c.want)
				}
			}
			if tt.avgHR > 0 && math.Abs(a.AvgHeartRate-tt.avgHR) > 0.6 {
				t.Errorf("average heart rate %.2f, want %.2f", a.AvgHeartRate, tt.avgHR)
			}
		})
	}
}
