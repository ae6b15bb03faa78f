package gpx_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/corpus"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/gpx"
	"github.com/easyrun/easyrun/format/internal/corpustest"
)

func TestCorpusGolden(t *testing.T) {
	for _, path := range corpus.Files(t, "gpx", "gpx") {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			acts, err := gpx.Decode(data)
			corpustest.Golden(t, filepath.Join("testdata", "golden", name+".json"), corpustest.Summarize(acts, err))
		})
	}
}

// TestCorpusManifest checks what MANIFEST.md says of each file: the GPX
// corpus has no heart rate in any track, and some files hold no timed
// track at all.
func TestCorpusManifest(t *testing.T) {
	tests := []struct {
		file        string
		notActivity string // the reason, when the file holds no activity
		activities  int
	}{
		{file: "gogpx__ashland.gpx", activities: 4},
		{file: "gogpx__fells_loop.gpx", notActivity: "GPX with no track"},
		{file: "gogpx__hhs_77yl9msjcr.gpx", notActivity: "GPX route without timestamps"},
		{file: "gogpx__mystic_basin_trail.gpx", activities: 3},
		{file: "gpxgo__Mojstrovka.gpx", notActivity: "GPX track without duration"},
		{file: "gpxgo__cerknicko-without-times.gpx", notActivity: "GPX route without timestamps"},
		{file: "gpxgo__file.gpx", activities: 1},
		{file: "gpxgo__gpx-without-xml-declaration.gpx", notActivity: "GPX track without duration"},
		{file: "gpxgo__gpx_with_garmin_extension.gpx", notActivity: "GPX with no track"}, // its HR is on a waypoint
		// Waypoints only: read through its ISO-8859-1 charset, not refused for it.
		{file: "gpxgo__iso8859-1encoded.gpx", notActivity: "GPX with no track"},
		{file: "gpxgo__korita-zbevnica.gpx", activities: 2},
		{file: "gpxgo__visnjan.gpx", activities: 1},
	}
	dir := corpus.Dir(t, "gpx")
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			acts, err := gpx.Decode(data)
			if tt.notActivity != "" {
				if !errors.Is(err, activity.ErrNotActivity) || !strings.Contains(err.Error(), tt.notActivity) {
					t.Fatalf("err = %v, want ErrNotActivity: %s", err, tt.notActivity)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(acts) != tt.activities {
				t.Fatalf("%d activities, want %d", len(acts), tt.activities)
			}
			for _, a := range acts {
				if n := activity.Count(a.Streams.HeartRate); n != 0 {
					t.Errorf("%q: %d seconds with heart rate, the file has none", a.Name, n)
				}
				if a.Source != activity.GPX || a.DistanceM <= 0 || a.Elapsed <= 0 {
					t.Errorf("%q: source %q, distance %.1f m, elapsed %v", a.Name, a.Source, a.DistanceM, a.Elapsed)
				}
			}
		})
	}
}

const header = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="StravaGPX" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
 xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v2"
 xmlns:gpxdata="http://www.cluetrust.com/XML/GPXDATA/1/0">
`

// point writes a track point at second sec of 2024-05-01 10:00 UTC, moving
// north by lat degrees, with ext inside <extensions>.
func point(sec int, lat float64, ext string) string {
	t := time.Date(2024, 5, 1, 10, 0, sec, 0, time.UTC).Format(time.RFC3339)
	return `<trkpt lat="` + ftoa(45+lat) + `" lon="13.5"><ele>100</ele><time>` + t +
		`</time><extensions>` + ext + `</extensions></trkpt>` + "\n"
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func track(typ string, segments ...string) string {
	s := header + "<trk><name>Morning Run</name><type>" + typ + "</type>"
	for _, seg := range segments {
		s += "<trkseg>\n" + seg + "</trkseg>\n"
	}
	return s + "</trk></gpx>\n"
}

// points is n points a second apart from second from, with ext each.
func points(from, n int, ext string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(point(from+i, float64(from+i)*0.00003, ext))
	}
	return b.String()
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name  string
		input string
		check func(t *testing.T, a *activity.Activity)
	}{
		{
			name:  "Garmin TrackPointExtension v1",
			input: track("running", points(0, 5, `<gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr><gpxtpx:cad>85</gpxtpx:cad></gpxtpx:TrackPointExtension>`)),
			check: func(t *testing.T, a *activity.Activity) {
				corpustest.WantAll(t, "heart rate", a.Streams.HeartRate, 150, 5)
				corpustest.WantAll(t, "cadence (per leg, doubled)", a.Streams.Cadence, 170, 5)
				if a.Sport != activity.Running || a.Name != "Morning Run" || a.Device.Maker != "strava" {
					t.Errorf("sport %q, name %q, maker %q", a.Sport, a.Name, a.Device.Maker)
				}
			},
		},
		{
			name:  "Garmin TrackPointExtension v2 with speed",
			input: track("9", points(0, 5, `<ns3:TrackPointExtension><ns3:atemp>21</ns3:atemp><ns3:hr>141</ns3:hr><ns3:cad>90</ns3:cad><ns3:speed>3.25</ns3:speed></ns3:TrackPointExtension>`)),
			check: func(t *testing.T, a *activity.Activity) {
				corpustest.WantAll(t, "heart rate", a.Streams.HeartRate, 141, 5)
				corpustest.WantAll(t, "cadence", a.Streams.Cadence, 180, 5)
				corpustest.WantAll(t, "speed as written", a.Streams.SpeedMS, 3.25, 5)
				if a.Sport != activity.Running {
					t.Errorf("Strava type 9 read as %q, want running", a.Sport)
				}
			},
		},
		{
			name:  "Cluetrust gpxdata on a ride keeps rpm",
			input: track("cycling", points(0, 4, `<gpxdata:hr>120</gpxdata:hr><gpxdata:cadence>88</gpxdata:cadence>`)),
			check: func(t *testing.T, a *activity.Activity) {
				corpustest.WantAll(t, "heart rate", a.Streams.HeartRate, 120, 4)
				corpustest.WantAll(t, "cadence (rpm)", a.Streams.Cadence, 88, 4)
			},
		},
		{
			name:  "plain elements, cadence already in steps per minute",
			input: track("Run", points(0, 3, `<heartrate>133</heartrate><cadence>172</cadence><power>250</power>`)),
			check: func(t *testing.T, a *activity.Activity) {
				corpustest.WantAll(t, "heart rate", a.Streams.HeartRate, 133, 3)
				corpustest.WantAll(t, "cadence (not doubled at 120 or more)", a.Streams.Cadence, 172, 3)
				corpustest.WantAll(t, "power", a.Streams.PowerW, 250, 3)
			},
		},
		{
			name:  "unknown sport keeps cadence as written; altitude below sea level",
			input: strings.ReplaceAll(track("", points(0, 3, `<cadence>85</cadence>`)), "<ele>100</ele>", "<ele>-12.5</ele>"),
			check: func(t *testing.T, a *activity.Activity) {
				corpustest.WantAll(t, "cadence", a.Streams.Cadence, 85, 3)
				if a.Sport != activity.Unknown {
					t.Errorf("sport %q, want unknown", a.Sport)
				}
				corpustest.WantAll(t, "altitude", a.Streams.AltitudeM, -12.5, 3)
			},
		},
		{
			name: "second segment resumes after a pause",
			// 5 s between the segments, standing where the first ended: close
			// enough to interpolate, were it not a pause.
			input: track("running", points(0, 3, `<hr>140</hr>`), point(7, 2*0.00003, `<hr>160</hr>`)+
				point(8, 3*0.00003, `<hr>160</hr>`)+point(9, 4*0.00003, `<hr>160</hr>`)),
			check: func(t *testing.T, a *activity.Activity) {
				s := a.Streams
				if s.Len() != 10 {
					t.Fatalf("grid length %d, want 10", s.Len())
				}
				for i := 3; i < 7; i++ {
					if !math.IsNaN(s.HeartRate[i]) || !math.IsNaN(s.DistanceM[i]) {
						t.Errorf("second %d inside the pause holds hr %v, distance %v", i, s.HeartRate[i], s.DistanceM[i])
					}
				}
				// Two steps in each segment; nothing for the way between them.
				step := activity.DistanceBetween(45, 13.5, 45.00003, 13.5)
				if want := 4 * step; math.Abs(a.DistanceM-want) > 0.01 {
					t.Errorf("distance %.2f m, want %.2f m", a.DistanceM, want)
				}
				if a.Moving != 4*time.Second || a.Elapsed != 9*time.Second {
					t.Errorf("moving %v, elapsed %v; want 4s of 9s", a.Moving, a.Elapsed)
				}
			},
		},
		{
			name: "segments the runner moved between are no pause",
			// A new segment after a lost signal: the runner went on.
			input: track("running", points(0, 3, `<hr>140</hr>`), points(30, 3, `<hr>160</hr>`)),
			check: func(t *testing.T, a *activity.Activity) {
				step := activity.DistanceBetween(45, 13.5, 45.00003, 13.5)
				if want := 32 * step; math.Abs(a.DistanceM-want) > 0.01 {
					t.Errorf("distance %.2f m, want %.2f m", a.DistanceM, want)
				}
				if a.Moving != 32*time.Second || a.Elapsed != 32*time.Second {
					t.Errorf("moving %v, elapsed %v; want 32s of 32s", a.Moving, a.Elapsed)
				}
			},
		},
		{
			name:  "byte-order mark and whitespace before the declaration",
			input: "\ufeff \r\n\t" + track("running", points(0, 3, "")),
			check: func(t *testing.T, a *activity.Activity) {
				if a.Streams.Len() != 3 {
					t.Errorf("grid length %d, want 3", a.Streams.Len())
				}
			},
		},
		{
			name: "windows-1252 charset",
			input: strings.Replace(strings.Replace(track("running", points(0, 3, "")),
				`encoding="UTF-8"`, `encoding="windows-1252"`, 1), "Morning Run", "Caf\xe9 \x80 run", 1),
			check: func(t *testing.T, a *activity.Activity) {
				if a.Name != "Café € run" {
					t.Errorf("name %q, want %q", a.Name, "Café € run")
				}
			},
		},
		{
			name: "points without time are left out and flagged",
			input: track("running", points(0, 3, "")+
				`<trkpt lat="45.1" lon="13.5"><ele>1</ele></trkpt>`),
			check: func(t *testing.T, a *activity.Activity) {
				if !a.Flags.Has(activity.NoTimestamps) || a.Streams.Len() != 3 {
					t.Errorf("flags %v, grid length %d", a.Flags, a.Streams.Len())
				}
			},
		},
		{
			name: "a track with a broken clock does not take the others down",
			input: strings.Replace(track("running", points(0, 3, "")), "</trk>",
				"</trk><trk><trkseg>"+point(0, 0, "")+strings.Replace(point(1, 0, ""), "2024", "2030", 1)+"</trkseg></trk>", 1),
			check: func(t *testing.T, a *activity.Activity) {
				if a.Streams.Len() != 3 {
					t.Errorf("grid length %d, want the good track's 3", a.Streams.Len())
				}
			},
		},
		{
			name:  "a point back in time is a clock jump",
			input: track("running", points(0, 3, "")+point(1, 0.5, "")+points(3, 2, "")),
			check: func(t *testing.T, a *activity.Activity) {
				if !a.Flags.Has(activity.ClockJump) || a.DistanceM > 20 {
					t.Errorf("flags %v, distance %.1f m", a.Flags, a.DistanceM)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts, err := gpx.Decode([]byte(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if len(acts) != 1 {
				t.Fatalf("%d activities, want 1", len(acts))
			}
			a := acts[0]
			if a.Source != activity.GPX || a.Start != time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC) {
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
			name:        "route only",
			input:       header + `<rte><name>Loop</name><rtept lat="45" lon="13"><time>2024-05-01T10:00:00Z</time></rtept><rtept lat="45.1" lon="13"/></rte></gpx>`,
			notActivity: true,
			want:        "GPX with no track",
		},
		{
			name:        "track without timestamps",
			input:       header + `<trk><trkseg><trkpt lat="45" lon="13"/><trkpt lat="45.1" lon="13"/></trkseg></trk></gpx>`,
			notActivity: true,
			want:        "GPX route without timestamps",
		},
		{
			name:  "bad XML names the line",
			input: header + "<trk>\n<trkseg>\n<trkpt lat=\"45\" lon=\"13\">\n</trkseg>\n</trk></gpx>",
			want:  "bad XML at line 9: element <trkpt> closed by </trkseg>",
		},
		{
			name:  "unsupported charset",
			input: `<?xml version="1.0" encoding="x-no-such"?><gpx/>`,
			want:  `unsupported charset "x-no-such"`,
		},
		{
			name:  "another root",
			input: `<TrainingCenterDatabase/>`,
			want:  "root element is <TrainingCenterDatabase>, not <gpx>",
		},
		{
			// Each closing tag looked for an enclosing <extensions>: a
			// megabyte of nesting took minutes before the limit.
			name:  "nesting beyond the limit",
			input: header + strings.Repeat("<extensions>", 1<<17) + strings.Repeat("</extensions>", 1<<17) + "</gpx>",
			want:  "bad XML at line 6: elements nested deeper than the limit of 100",
		},
		{
			name:  "clock broken for years",
			input: track("running", point(0, 0, ""), strings.Replace(point(1, 0, ""), "2024", "2030", 1)),
			want:  "the clock is broken",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts, err := gpx.Decode([]byte(tt.input))
			if err == nil || acts != nil {
				t.Fatalf("got %d activities, err %v; want error %q", len(acts), err, tt.want)
			}
			if errors.Is(err, activity.ErrNotActivity) != tt.notActivity || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q (ErrNotActivity: %v)", err, tt.want, tt.notActivity)
			}
		})
	}
}

func FuzzGPX(f *testing.F) {
	corpustest.AddSeeds(f, "testdata/*.gpx")
	f.Add([]byte(track("running", points(0, 3, `<hr>140</hr>`), points(7, 3, `<cad>80</cad>`))))
	f.Fuzz(func(t *testing.T, data []byte) {
		acts, err := gpx.DecodeWithin(data, corpustest.FuzzBounds)
		corpustest.CheckDecode(t, acts, err)
	})
}

func BenchmarkGPX(b *testing.B) { corpustest.BenchmarkDecode(b, "gpx", gpx.Decode) }

// TestLocalOffset checks that the offset a file's times state is kept as
// the run's local time, and that times in UTC ("Z") state none.
func TestLocalOffset(t *testing.T) {
	for _, tt := range []struct {
		path      string
		wantLocal string // the local start, RFC 3339; "" when the file states no offset
	}{
		{filepath.Join("testdata", "offset.gpx"), "2026-03-03T18:00:00+01:00"},
		{corpus.File(t, "gpx/gpxgo__file.gpx"), ""},
	} {
		corpustest.LocalStart(t, gpx.Decode, tt.path, tt.wantLocal)
	}
}
