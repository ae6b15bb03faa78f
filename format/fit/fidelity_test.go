package fit

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/internal/corpustest"
	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/internal/interop"
)

// fidelity is what one activity of a testdata/fidelity file must read as.
type fidelity struct {
	sport             activity.Sport
	elapsedS, movingS float64
	distanceM         float64
	hrSamples         int     // -1 to skip
	meanPowerW        float64 // 0 to skip
	meanCadence       float64 // steps per minute; 0 to skip
	altitudeSamples   int     // -1 to skip
	firstDistanceM    float64 // the distance stream's first value; -1 to skip
	laps              int     // -1 to skip
	lapDistanceM      float64 // every lap's; 0 to skip
	flag              activity.FlagCode
}

// TestFidelity reads the made files of testdata/fidelity, one per class
// of real device files easyrun once read wrongly (issue 15).
func TestFidelity(t *testing.T) {
	tests := []struct {
		file string
		want []fidelity
	}{
		// The summary lacks the last lap: the records say 4,960 s.
		{"suunto-summary-without-last-lap.fit", []fidelity{{sport: activity.Running, elapsedS: 4960, movingS: 4960, distanceM: 14880,
			hrSamples: 4961, altitudeSamples: -1, firstDistanceM: -1, laps: 4, flag: activity.SummaryMismatch}}},
		// Heart rate and power only as developer fields.
		{"stryd-developer-hr-power.fit", []fidelity{{sport: activity.Running, elapsedS: 1800, movingS: 1800, distanceM: 5760,
			hrSamples: 1801, meanPowerW: 360, meanCadence: 176, altitudeSamples: -1, firstDistanceM: -1, laps: 1}}},
		// Distance only as developer fields of records, laps and session.
		{"connectiq-swim-developer-distance.fit", []fidelity{{sport: activity.Swimming, elapsedS: 1500, movingS: 1500, distanceM: 1500,
			hrSamples: 1501, altitudeSamples: -1, firstDistanceM: 0, laps: 3, lapDistanceM: 500}}},
		// The clock jumps 40 days at 476 s: the records are followed on.
		{"clock-jump.fit", []fidelity{{sport: activity.Running, elapsedS: 3389, movingS: 3389, distanceM: 2.8 * 3389,
			hrSamples: 3390, altitudeSamples: -1, firstDistanceM: -1, laps: 1, flag: activity.ClockJump}}},
		// Altitude 0 (-500 m) is no altitude.
		{"tomtom-no-altitude.fit", []fidelity{{sport: activity.Running, elapsedS: 600, movingS: 600, distanceM: 1800,
			hrSamples: 601, altitudeSamples: 0, firstDistanceM: -1, laps: 0}}},
		// The foot pod writes steps per minute: not doubled.
		{"treadmill-footpod-steps.fit", []fidelity{{sport: activity.Running, elapsedS: 900, movingS: 900, distanceM: 2250,
			hrSamples: -1, meanCadence: 136, altitudeSamples: -1, firstDistanceM: -1, laps: 0}}},
		// The ride's distance starts at 0, not at the run's 4,110 m.
		{"multisport-distance.fit", []fidelity{
			{sport: activity.Running, elapsedS: 1370, movingS: 1370, distanceM: 4110, hrSamples: -1, altitudeSamples: -1, firstDistanceM: 0, laps: 0},
			{sport: activity.Cycling, elapsedS: 1800, movingS: 1800, distanceM: 14400, hrSamples: -1, altitudeSamples: -1, firstDistanceM: 0, laps: 0},
		}},
		// A clock never set: dated 1990, flagged.
		{"unset-clock-1990.fit", []fidelity{{sport: activity.Running, elapsedS: 1500, movingS: 1500, distanceM: 4500,
			hrSamples: 751 + 750, altitudeSamples: -1, firstDistanceM: -1, laps: 0, flag: activity.UnsetClock}}},
		// A 10 ms lap as the session ends is no lap.
		{"trailing-empty-lap.fit", []fidelity{{sport: activity.Running, elapsedS: 1200, movingS: 1200, distanceM: 3600,
			hrSamples: -1, altitudeSamples: -1, firstDistanceM: -1, laps: 2, lapDistanceM: 1800}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			acts := corpustest.DecodeFile(t, filepath.Join("testdata", "fidelity", tt.file), Decode)
			if len(acts) != len(tt.want) {
				t.Fatalf("%d activities, want %d", len(acts), len(tt.want))
			}
			for i, w := range tt.want {
				checkFidelity(t, acts[i], w)
			}
		})
	}
}

func checkFidelity(t *testing.T, a *activity.Activity, w fidelity) {
	t.Helper()
	near := func(what string, got, want, tol float64) {
		if math.IsNaN(got) || math.Abs(got-want) > tol {
			t.Errorf("%s %s = %.2f, want %.2f", a.Sport, what, got, want)
		}
	}
	if a.Sport != w.sport {
		t.Errorf("sport %q, want %q", a.Sport, w.sport)
	}
	near("elapsed s", a.Elapsed.Seconds(), w.elapsedS, 1)
	near("moving s", a.Moving.Seconds(), w.movingS, 1)
	near("distance m", a.DistanceM, w.distanceM, 1)
	if w.hrSamples >= 0 {
		near("heart-rate samples", float64(activity.Count(a.Streams.HeartRate)), float64(w.hrSamples), 0)
	}
	if w.meanPowerW > 0 {
		near("mean power W", corpustest.Mean(a.Streams.PowerW), w.meanPowerW, 1)
	}
	if w.meanCadence > 0 {
		near("mean cadence", corpustest.Mean(a.Streams.Cadence), w.meanCadence, 1)
	}
	if w.altitudeSamples >= 0 {
		near("altitude samples", float64(activity.Count(a.Streams.AltitudeM)), float64(w.altitudeSamples), 0)
	}
	if w.firstDistanceM >= 0 {
		first := math.NaN()
		for _, v := range a.Streams.DistanceM {
			if !math.IsNaN(v) {
				first = v
				break
			}
		}
		near("first distance m", first, w.firstDistanceM, 1)
	}
	if w.laps >= 0 && len(a.Laps) != w.laps {
		t.Errorf("%d laps, want %d", len(a.Laps), w.laps)
	}
	for i, l := range a.Laps {
		if w.lapDistanceM > 0 && math.Abs(l.DistanceM-w.lapDistanceM) > 1 {
			t.Errorf("lap %d distance %.1f m, want %.1f", i, l.DistanceM, w.lapDistanceM)
		}
	}
	if w.flag != "" && !a.Flags.Has(w.flag) {
		t.Errorf("flags %v, want %s", a.Flags, w.flag)
	}
}

// sdkActivity is what test/interop/fit-activity.mjs prints of one file.
type sdkActivity struct {
	Errors   []string `json:"errors"`
	Sessions []struct {
		TotalTimerTime float64 `json:"totalTimerTime"`
	} `json:"sessions"`
	Records     int       `json:"records"`
	FirstRecord time.Time `json:"firstRecord"`
	LastRecord  time.Time `json:"lastRecord"`
	Values      map[string]struct {
		Count int     `json:"count"`
		Mean  float64 `json:"mean"`
	} `json:"values"`
}

// TestFidelityGarmin has Garmin's FIT SDK read the made files and the
// corpus files with developer fields, and checks that easyrun reads the
// same heart rate and power from the records, developer fields included,
// and, in a one-session file, keeps every record the SDK reads.
func TestFidelityGarmin(t *testing.T) {
	var paths []string
	for name := range fixtures {
		path, err := filepath.Abs(filepath.Join("testdata", "fidelity", name))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	dir := corpus.Dir(t, "fit")
	for _, name := range []string{"dtcooper__developer-types-sample.fit", "jimmykane__running-with-developer-data.fit",
		"dtcooper__20170518-191602-1740899583.fit", "garmin__Activity.fit"} {
		paths = append(paths, filepath.Join(dir, name))
	}
	slices.Sort(paths)
	var got []sdkActivity
	interop.Run(t, "fit-activity.mjs", &got, paths...)
	if len(got) != len(paths) {
		t.Fatalf("the SDK read %d files, want %d", len(got), len(paths))
	}
	for i, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			sdk := got[i]
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			acts, err := Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(acts) == 1 && len(sdk.Sessions) == 1 {
				// Made files jump their clock; the SDK reads the clock as written.
				// A summary a few seconds short of the records is within the slack
				// easyrun allows before it prefers the records.
				if span := sdk.LastRecord.Sub(sdk.FirstRecord); span < 7*24*time.Hour && acts[0].Elapsed < span-5*time.Second {
					t.Errorf("elapsed %v, the SDK's records span %v", acts[0].Elapsed, span)
				}
			}
			a := acts[0]
			for _, v := range []struct {
				name   string
				stream []float64
			}{{"heartRate", a.Streams.HeartRate}, {"power", a.Streams.PowerW}} {
				sdkV := sdk.Values[v.name]
				if len(acts) > 1 || sdkV.Count == 0 {
					continue
				}
				// The grid interpolates between records: means agree within 2 %.
				if m := corpustest.Mean(v.stream); m == 0 || math.Abs(m-sdkV.Mean) > 0.02*sdkV.Mean {
					t.Errorf("%s mean %.1f, the SDK's records %.1f (%d)", v.name, m, sdkV.Mean, sdkV.Count)
				}
			}
		})
	}
}
