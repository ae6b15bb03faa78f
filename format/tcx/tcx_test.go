package tcx_test

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/corpus"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/internal/corpustest"
	"github.com/easyrun/easyrun/format/tcx"
)

func TestCorpusGolden(t *testing.T) {
	for _, path := range corpus.Files(t, "tcx", "tcx") {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			acts, err := tcx.Decode(data)
			corpustest.Golden(t, filepath.Join("testdata", "golden", name+".json"), corpustest.Summarize(acts, err))
		})
	}
}

// TestCorpusManifest checks each file against MANIFEST.md: heart rate
// where the manifest counts track points with it, none where it counts
// none, and the sport.
func TestCorpusManifest(t *testing.T) {
	tests := []struct {
		file  string
		hr    bool
		sport activity.Sport
	}{
		{"firefly__cross-country-skiing_activity_1.tcx", true, activity.Unknown},
		{"firefly__pool_swim-activity_1.tcx", false, activity.Unknown},
		{"firefly__running_activity_1.tcx", true, activity.Running},
		{"firefly__running_activity_2.tcx", false, activity.Running},
		{"firefly__sup_activity_1.tcx", true, activity.Unknown},
		{"firefly__sup_activity_2.tcx", true, activity.Unknown},
		{"firefly__sup_activity_3.tcx", true, activity.Unknown},
		{"firefly__swim_activity_1.tcx", true, activity.Unknown},
		{"firefly__walking_activity_1.tcx", true, activity.Unknown},
		{"tcxparser__no_hr.tcx", false, activity.Running},
		{"tcxparser__test.tcx", true, activity.Running},
	}
	dir := corpus.Dir(t, "tcx")
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			acts, err := tcx.Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(acts) != 1 {
				t.Fatalf("%d activities, want 1", len(acts))
			}
			a := acts[0]
			if hr := activity.Count(a.Streams.HeartRate) > 0; hr != tt.hr || (a.AvgHeartRate > 0) != tt.hr {
				t.Errorf("heart rate in %d seconds, average %.1f; want heart rate: %v", activity.Count(a.Streams.HeartRate), a.AvgHeartRate, tt.hr)
			}
			if a.Sport != tt.sport {
				t.Errorf("sport %q, want %q", a.Sport, tt.sport)
			}
			if a.Source != activity.TCX || len(a.Laps) == 0 || a.Moving <= 0 || a.Elapsed < a.Moving || a.DistanceM <= 0 {
				t.Errorf("source %q, %d laps, moving %v, elapsed %v, distance %.1f m", a.Source, len(a.Laps), a.Moving, a.Elapsed, a.DistanceM)
			}
		})
	}
}

// doc wraps activities in a TCX document; the extension prefix is ax:, as
// some writers use, rather than Garmin's ns3:.
func doc(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
 xmlns:ax="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
` + body + "\n</TrainingCenterDatabase>\n"
}

// trackpoint at second sec of 2024-05-01 10:00 UTC, with inner elements.
func trackpoint(sec int, inner string) string {
	t := time.Date(2024, 5, 1, 10, 0, sec, 0, time.UTC).Format(time.RFC3339)
	return fmt.Sprintf("<Trackpoint><Time>%s</Time><Position><LatitudeDegrees>45</LatitudeDegrees><LongitudeDegrees>13.5</LongitudeDegrees></Position>"+
		"<DistanceMeters>%d</DistanceMeters>%s</Trackpoint>\n", t, 3*sec, inner)
}

// trackpoints is a <Track> of n points a second apart from second from.
func trackpoints(from, n int, inner string) string {
	var b strings.Builder
	b.WriteString("<Track>\n")
	for i := range n {
		b.WriteString(trackpoint(from+i, inner))
	}
	b.WriteString("</Track>\n")
	return b.String()
}

func lap(startSec int, totalS, distM float64, extra string, tracks ...string) string {
	t := time.Date(2024, 5, 1, 10, 0, startSec, 0, time.UTC).Format(time.RFC3339)
	return fmt.Sprintf(`<Lap StartTime="%s"><TotalTimeSeconds>%g</TotalTimeSeconds><DistanceMeters>%g</DistanceMeters>%s
<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>%s</Lap>`, t, totalS, distM, extra, strings.Join(tracks, ""))
}

func act(sport string, laps ...string) string {
	return `<Activities><Activity Sport="` + sport + `"><Id>2024-05-01T10:00:00Z</Id>` + strings.Join(laps, "\n") +
		`<Creator xsi:type="Device_t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Name>Forerunner 265</Name><UnitId>3999</UnitId></Creator></Activity></Activities>`
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name  string
		input string
		check func(t *testing.T, a *activity.Activity)
	}{
		{
			name: "laps give timer time, distance and heart rate",
			input: doc(act("Running",
				lap(0, 4, 12, `<AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>150</Value></MaximumHeartRateBpm>`,
					trackpoints(0, 5, `<HeartRateBpm><Value>100</Value></HeartRateBpm>`)),
				lap(5, 4, 12, `<AverageHeartRateBpm><Value>160</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>170</Value></MaximumHeartRateBpm>`,
					trackpoints(5, 5, `<HeartRateBpm><Value>100</Value></HeartRateBpm>`)))),
			check: func(t *testing.T, a *activity.Activity) {
				if a.Moving != 8*time.Second || a.DistanceM != 24 || a.AvgHeartRate != 150 || a.MaxHeartRate != 170 {
					t.Errorf("moving %v, distance %v, hr %v/%v; want 8s, 24, 150/170 from the laps", a.Moving, a.DistanceM, a.AvgHeartRate, a.MaxHeartRate)
				}
				if a.Elapsed != 9*time.Second {
					t.Errorf("elapsed %v, want 9s", a.Elapsed)
				}
				if len(a.Laps) != 2 || a.Laps[1].Intensity != "active" || a.Laps[1].Trigger != "manual" || a.Laps[1].Moving != 4*time.Second {
					t.Errorf("laps %+v", a.Laps)
				}
				if a.Device.Maker != "garmin" || a.Device.Product != "Forerunner 265" || a.Device.Serial != "3999" {
					t.Errorf("device %+v", a.Device)
				}
				corpustest.WantAll(t, "heart rate", a.Streams.HeartRate, 100, 10)
			},
		},
		{
			name:  "RunCadence, Speed and Watts under any prefix; cadence doubled",
			input: doc(act("Running", lap(0, 3, 9, "", trackpoints(0, 3, `<Extensions><ax:TPX><ax:Speed>3.1</ax:Speed><ax:RunCadence>88</ax:RunCadence><ax:Watts>270</ax:Watts></ax:TPX></Extensions>`)))),
			check: func(t *testing.T, a *activity.Activity) {
				corpustest.WantAll(t, "cadence", a.Streams.Cadence, 176, 3)
				corpustest.WantAll(t, "speed", a.Streams.SpeedMS, 3.1, 3)
				corpustest.WantAll(t, "power", a.Streams.PowerW, 270, 3)
			},
		},
		{
			name:  "Cadence of a run is per leg",
			input: doc(act("Running", lap(0, 3, 9, "", trackpoints(0, 3, `<Cadence>86</Cadence>`)))),
			check: func(t *testing.T, a *activity.Activity) {
				corpustest.WantAll(t, "cadence", a.Streams.Cadence, 172, 3)
				if a.Sport != activity.Running {
					t.Errorf("sport %q", a.Sport)
				}
			},
		},
		{
			name:  "Cadence of a ride is rpm",
			input: doc(act("Biking", lap(0, 3, 9, "", trackpoints(0, 3, `<Cadence>86</Cadence>`)))),
			check: func(t *testing.T, a *activity.Activity) {
				corpustest.WantAll(t, "cadence", a.Streams.Cadence, 86, 3)
				if a.Sport != activity.Cycling {
					t.Errorf("sport %q", a.Sport)
				}
			},
		},
		{
			name:  "a second Track in a lap resumes after a pause",
			input: doc(act("Running", lap(0, 6, 18, "", trackpoints(0, 3, `<HeartRateBpm><Value>120</Value></HeartRateBpm>`), trackpoints(8, 3, `<HeartRateBpm><Value>160</Value></HeartRateBpm>`)))),
			check: func(t *testing.T, a *activity.Activity) {
				hr := a.Streams.HeartRate
				if len(hr) != 11 {
					t.Fatalf("grid length %d, want 11", len(hr))
				}
				for i := 3; i < 8; i++ {
					if !math.IsNaN(hr[i]) {
						t.Errorf("second %d inside the pause holds %v", i, hr[i])
					}
				}
			},
		},
		{
			name:  "a new lap alone is no pause",
			input: doc(act("Running", lap(0, 3, 9, "", trackpoints(0, 3, `<HeartRateBpm><Value>120</Value></HeartRateBpm>`)), lap(8, 3, 9, "", trackpoints(8, 3, `<HeartRateBpm><Value>160</Value></HeartRateBpm>`)))),
			check: func(t *testing.T, a *activity.Activity) {
				// 6 s between points is within the interpolation limit.
				if hr := a.Streams.HeartRate; len(hr) != 11 || math.IsNaN(hr[5]) {
					t.Errorf("heart rate %v: want the 6 s between laps bridged", hr)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts, err := tcx.Decode([]byte(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if len(acts) != 1 {
				t.Fatalf("%d activities, want 1", len(acts))
			}
			a := acts[0]
			if a.Source != activity.TCX || a.Start != time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC) {
				t.Errorf("source %q, start %v", a.Source, a.Start)
			}
			tt.check(t, a)
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name        string
		input       string
		notActivity bool
		want        string
	}{
		{
			name:        "courses only",
			input:       doc(`<Courses><Course><Name>Loop</Name></Course></Courses>`),
			notActivity: true,
			want:        "TCX with courses only",
		},
		{
			name:        "workouts only",
			input:       doc(`<Workouts><Workout Sport="Running"><Name>Intervals</Name></Workout></Workouts>`),
			notActivity: true,
			want:        "TCX with workouts only",
		},
		{
			name:        "empty activity",
			input:       doc(`<Activities><Activity Sport="Running"><Id>2024-05-01T10:00:00Z</Id></Activity></Activities>`),
			notActivity: true,
			want:        "TCX activities without laps or track points",
		},
		{
			// Each <Activity> looked for an enclosing <Activities>: a
			// megabyte of nesting took minutes before the limit.
			name:  "nesting beyond the limit",
			input: doc(strings.Repeat("<Activity>", 1<<17) + strings.Repeat("</Activity>", 1<<17)),
			want:  "bad XML at line 4: elements nested deeper than the limit of 100",
		},
		{
			name:  "bad XML names the line",
			input: doc(act("Running", lap(0, 3, 9, "", "<Track>\n<Trackpoint>\n</Track>"))),
			want:  "bad XML at line 7: element <Trackpoint> closed by </Track>",
		},
		{
			name:  "another root",
			input: `<gpx/>`,
			want:  "root element is <gpx>, not <TrainingCenterDatabase>",
		},
		{
			name:  "timer time beyond any activity",
			input: doc(act("Running", lap(0, 3, 9, ""), lap(3, 7*24*3600, 9, ""))),
			want:  "laps add up to more than 168h0m0s of timer time",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts, err := tcx.Decode([]byte(tt.input))
			if err == nil || acts != nil {
				t.Fatalf("got %d activities, err %v; want error %q", len(acts), err, tt.want)
			}
			if errors.Is(err, activity.ErrNotActivity) != tt.notActivity || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q (ErrNotActivity: %v)", err, tt.want, tt.notActivity)
			}
		})
	}
}

func FuzzTCX(f *testing.F) {
	corpustest.AddSeeds(f, "testdata/*.tcx")
	f.Add([]byte(doc(act("Running", lap(0, 6, 18, "", trackpoints(0, 3, `<Cadence>80</Cadence>`), trackpoints(8, 3, ""))))))
	f.Fuzz(func(t *testing.T, data []byte) {
		acts, err := tcx.DecodeWithin(data, corpustest.FuzzBounds)
		corpustest.CheckDecode(t, acts, err)
	})
}

func BenchmarkTCX(b *testing.B) { corpustest.BenchmarkDecode(b, "tcx", tcx.Decode) }

// TestLocalOffset checks that the offset a file's times state is kept as
// the run's local time, and that times in UTC ("Z", as Garmin Connect
// writes them) state none.
func TestLocalOffset(t *testing.T) {
	for _, tt := range []struct {
		path      string
		wantLocal string // the local start, RFC 3339; "" when the file states no offset
	}{
		{filepath.Join("testdata", "offset.tcx"), "2026-03-03T18:00:00-05:00"},
		{corpus.File(t, "tcx/tcxparser__test.tcx"), ""},
	} {
		corpustest.LocalStart(t, tcx.Decode, tt.path, tt.wantLocal)
	}
}

// TestDistanceFromPositions reads a TCX whose points carry positions but
// no distances (issue 15): the distance comes from the positions, as for
// GPX.
func TestDistanceFromPositions(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "fidelity", "no-point-distance.tcx"))
	if err != nil {
		t.Fatal(err)
	}
	acts, err := tcx.Decode(data)
	if err != nil || len(acts) != 1 {
		t.Fatalf("%d activities, %v", len(acts), err)
	}
	a := acts[0]
	if math.Abs(a.DistanceM-1800) > 2 {
		t.Errorf("distance %.1f m, want 1800", a.DistanceM)
	}
	if n := activity.Count(a.Streams.DistanceM); n != 601 {
		t.Errorf("%d distance samples, want 601", n)
	}
}
