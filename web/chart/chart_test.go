package chart

import (
	"encoding/xml"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format"
	_ "github.com/easyrun/easyrun/format/fit" // so that format.Decode reads FIT
	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/internal/golden"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/sim"
)

var monday = time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC)

// simulated returns a simulated session of the default runner.
func simulated(t testing.TB, s sim.Session) *activity.Activity {
	t.Helper()
	a, err := sim.DefaultRunner().Simulate(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// heartRate is the heart-rate chart of a, with the default runner's zones
// and recovery cap as the pages draw it.
func heartRate(t testing.TB, hr []float64) TimeChart {
	t.Helper()
	r := sim.DefaultRunner()
	athlete := activity.Athlete{MaxHR: activity.Value{V: r.MaxHR}, RestingHR: activity.Value{V: r.RestingHR}}
	zones, err := physio.Zones(activity.PercentMax, athlete)
	if err != nil {
		t.Fatal(err)
	}
	limit, err := physio.RecoveryCap(athlete, physio.Article)
	if err != nil {
		t.Fatal(err)
	}
	c := TimeChart{Title: "Heart rate", Name: "Heart rate", Unit: "bpm", Class: "hr", Values: hr,
		Refs: []Ref{{"recovery cap", limit.BPM}}}
	for _, z := range zones {
		c.Bands = append(c.Bands, Band{z.Label, z.LowBPM, z.HighBPM})
	}
	return c
}

// onDistance is c along the distance metres, in kilometres.
func onDistance(c TimeChart, metres []float64) TimeChart {
	c.X = Distance(metres, 1000, "km")
	return c
}

// paceSKm is seconds per kilometre from speed, a gap when standing.
func paceSKm(speedMS []float64) []float64 {
	p := make([]float64, len(speedMS))
	for i, v := range speedMS {
		p[i] = math.NaN()
		if v > 1 {
			p[i] = 1000 / v
		}
	}
	return p
}

// wellFormed parses h as XML and checks it is one accessible svg.
func wellFormed(t *testing.T, h template.HTML) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(h)))
	var names []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, h)
		}
		if se, ok := tok.(xml.StartElement); ok {
			names = append(names, se.Name.Local)
		}
	}
	if len(names) < 3 || names[0] != "svg" || names[1] != "title" || names[2] != "desc" {
		t.Errorf("elements %v, want svg, title, desc first", names[:min(3, len(names))])
	}
	if !strings.Contains(string(h), `role="img"`) {
		t.Error(`no role="img"`)
	}
}

func TestGolden(t *testing.T) {
	intervals := simulated(t, sim.Session{Kind: sim.Intervals, Start: monday.Add(18 * time.Hour), Dropouts: 3})
	long := simulated(t, sim.Session{Kind: sim.Long, Start: monday.Add(6*24*time.Hour + 8*time.Hour)})
	tests := []struct {
		name  string
		chart interface{ SVG() template.HTML }
	}{
		{"heart-rate", heartRate(t, intervals.Streams.HeartRate)},
		{"heart-rate-distance", onDistance(heartRate(t, intervals.Streams.HeartRate), intervals.Streams.DistanceM)},
		{"pace", TimeChart{Title: "Pace", Name: "Pace", Unit: "min/km", Class: "pace",
			Values: paceSKm(intervals.Streams.SpeedMS), InvertY: true, Format: Clock, YStep: 30}},
		{"elevation", TimeChart{Title: "Elevation", Name: "Elevation", Unit: "m", Class: "elevation",
			Values: long.Streams.AltitudeM}},
		{"route", Route{Title: "Route", Lat: long.Streams.Lat, Lon: long.Streams.Lon}},
		{"form", formChart(t)},
		{"weeks", weekChart(t)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.chart.SVG()
			wellFormed(t, got)
			if strings.Contains(string(got), "No data") {
				t.Error("drew no data")
			}
			golden.Check(t, filepath.Join("testdata", tt.name+".svg"), []byte(got))
		})
	}
}

// history simulates weeks of the default runner's training.
func history(t *testing.T, weeks int) ([]sim.Session, []*activity.Activity) {
	t.Helper()
	sessions := sim.DefaultRunner().History(monday.AddDate(0, 0, -7*weeks), weeks)
	acts := make([]*activity.Activity, len(sessions))
	for i, s := range sessions {
		acts[i] = simulated(t, s)
	}
	return sessions, acts
}

func formChart(t *testing.T) DateChart {
	_, acts := history(t, 16)
	r := sim.DefaultRunner()
	athlete := activity.Athlete{MaxHR: activity.Value{V: r.MaxHR}, RestingHR: activity.Value{V: r.RestingHR}}
	days := []load.Day{{Date: monday}}
	for _, a := range acts {
		if activity.Count(a.Streams.HeartRate) == 0 {
			continue // a run without the strap, as the simulator makes some
		}
		l, err := physio.BanisterTRIMP(a.Streams.HeartRate, athlete)
		if err != nil {
			t.Fatal(err)
		}
		days = append(days, load.Day{Date: a.Start, Load: l.Value})
	}
	c := DateChart{Title: "Fitness, fatigue and form", Unit: "TRIMP a day", ZeroLine: true,
		Series: []Series{{Name: "Fitness"}, {Name: "Fatigue"}, {Name: "Form"}}}
	for _, p := range load.Series(days) {
		c.Dates = append(c.Dates, p.Date)
		c.Series[0].Values = append(c.Series[0].Values, p.Fitness)
		c.Series[1].Values = append(c.Series[1].Values, p.Fatigue)
		c.Series[2].Values = append(c.Series[2].Values, p.Form)
	}
	return c
}

func weekChart(t *testing.T) WeekChart {
	sessions, acts := history(t, 12)
	c := WeekChart{Title: "Weekly volume", Unit: "min", Easy: 1,
		Series: []Series{{Name: "Easy"}, {Name: "Steady"}, {Name: "Hard"}}}
	for i := range 12 {
		c.Weeks = append(c.Weeks, monday.AddDate(0, 0, 7*(i-12)))
	}
	for i := range c.Series {
		c.Series[i].Values = make([]float64, 12)
	}
	for i, s := range sessions {
		week := int(s.Start.Sub(c.Weeks[0]).Hours() / (24 * 7))
		if week < 0 || week >= len(c.Weeks) {
			continue // History may run into the next week
		}
		cat := 0
		switch {
		case s.Kind.Hard():
			cat = 2
		case s.Kind == sim.Steady:
			cat = 1
		}
		c.Series[cat].Values[week] += acts[i].Elapsed.Minutes()
	}
	return c
}

func TestGapsBreakLines(t *testing.T) {
	nan := math.NaN()
	values := []float64{120, 121, nan, nan, 125, 126, 127, nan, 130, nan}
	tests := []struct {
		name  string
		chart interface{ SVG() template.HTML }
		class string
		want  []string // each sub-path's commands
	}{
		{"time", TimeChart{Name: "Heart rate", Unit: "bpm", Values: values}, "chart-line series-1", []string{"ML", "MLL", "Mh0"}},
		{"dates", DateChart{Unit: "km", Dates: days(len(values)), Series: []Series{{Name: "a", Values: values}}}, "chart-line series-1", []string{"ML", "MLL", "Mh0"}},
		{"route", Route{Lat: []float64{47, 47.01, nan, 47.02, 47.03, 91}, Lon: []float64{7, 7, 7, 7.01, 7.01, 7}}, "chart-route", []string{"ML", "ML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := string(tt.chart.SVG())
			wellFormed(t, template.HTML(h))
			m := regexp.MustCompile(`<path class="` + tt.class + `" d="([^"]*)"`).FindStringSubmatch(h)
			if m == nil {
				t.Fatalf("no path of class %q in\n%s", tt.class, h)
			}
			// Keep only the commands: "M1 2L3 4 M5 6h0" is "ML Mh".
			cmds := strings.Map(func(r rune) rune {
				if strings.ContainsRune("MLh ", r) {
					return r
				}
				return -1
			}, m[1])
			got := strings.Fields(strings.ReplaceAll(cmds, " M", "M"))
			got = strings.Split(strings.ReplaceAll(strings.Join(got, ""), "M", ",M"), ",")[1:]
			want := strings.ReplaceAll(strings.Join(tt.want, ","), "h0", "h")
			if strings.Join(got, ",") != want {
				t.Errorf("sub-paths %v, want %v (d=%q)", got, want, m[1])
			}
		})
	}
}

func days(n int) []time.Time {
	d := make([]time.Time, n)
	for i := range d {
		d[i] = monday.AddDate(0, 0, i)
	}
	return d
}

func TestNoData(t *testing.T) {
	nan := math.NaN()
	inf := math.Inf(1)
	for name, values := range map[string][]float64{
		"empty": nil, "one point": {140}, "all gaps": {nan, nan, nan}, "infinite": {inf, -inf},
	} {
		charts := map[string]interface{ SVG() template.HTML }{
			"time":  TimeChart{Title: "Heart rate", Values: values, Bands: []Band{{"Z1", 0, 100}}, Refs: []Ref{{"cap", 133}}},
			"dates": DateChart{Title: "Form", Dates: days(len(values)), Series: []Series{{Values: values}}},
			"weeks": WeekChart{Title: "Volume", Weeks: days(len(values)), Series: []Series{{Values: values}}, Easy: 1},
			"route": Route{Title: "Route", Lat: values, Lon: values},
		}
		if len(values) == 1 {
			delete(charts, "weeks") // one week is a chart
		}
		for kind, c := range charts {
			t.Run(name+"/"+kind, func(t *testing.T) {
				h := c.SVG()
				wellFormed(t, h)
				if !strings.Contains(string(h), `class="chart-empty"`) || strings.Contains(string(h), "<path") {
					t.Errorf("not a clean no-data chart:\n%s", h)
				}
			})
		}
	}
}

func TestOddInput(t *testing.T) {
	nan := math.NaN()
	charts := map[string]interface{ SVG() template.HTML }{
		"flat":               TimeChart{Title: "<b>&\x00\"'", Name: "x<", Unit: "&", Values: []float64{5, 5, 5}, StepS: -1, YStep: nan},
		"inverted with refs": TimeChart{Values: []float64{300, 240}, InvertY: true, Refs: []Ref{{"far", 1e6}, {"nan", nan}}, Bands: []Band{{"upside", 400, 200}}},
		"huge":               TimeChart{Values: []float64{-1e300, 1e300}},
		"limits":             TimeChart{Values: []float64{-math.MaxFloat64, math.MaxFloat64}, YStep: 1},
		"distance, standing": TimeChart{Values: []float64{1, 2, 3}, X: Distance([]float64{5, 5, 5}, 1000, "km")},
		"distance, no unit":  TimeChart{Values: []float64{1, 2, 3}, X: Distance([]float64{0, 5, 10}, 0, "km")},
		"distance, short":    TimeChart{Values: []float64{1, 2, 3}, X: Distance([]float64{0, 1e300}, 1, "km")},
		"limits, dates":      DateChart{Dates: days(2), Series: []Series{{Values: []float64{-math.MaxFloat64, math.MaxFloat64}}}},
		"limits, weeks":      WeekChart{Weeks: days(2), Series: []Series{{Values: []float64{math.MaxFloat64, math.MaxFloat64}}, {Values: []float64{math.MaxFloat64}}}},
		"short series":       DateChart{Dates: days(5), Series: []Series{{Values: []float64{1, 2}}, {Values: nil}}},
		"one date":           DateChart{Dates: days(1), Series: []Series{{Values: []float64{1}}, {Values: []float64{2}}}},
		"long series":        DateChart{Dates: days(2), Series: []Series{{Values: []float64{1, 2, 3, 4}}}},
		"infinite values":    DateChart{Dates: days(4), Series: []Series{{Values: []float64{1, math.Inf(1), 3, math.Inf(-1)}}}},
		"weeks, no share":    WeekChart{Weeks: days(3), Series: []Series{{Values: []float64{1, -2, nan}}}},
		"many weeks":         WeekChart{Weeks: days(60), Series: []Series{{Values: make([]float64, 59)}, {Values: []float64{1}}}, Easy: 5},
		"route, one place":   Route{Lat: []float64{47, 47}, Lon: []float64{7, 7}},
		"route, lengths":     Route{Lat: []float64{47, 47.1, 47.2}, Lon: []float64{7}},
	}
	for name, c := range charts {
		t.Run(name, func(t *testing.T) {
			h := c.SVG()
			wellFormed(t, h)
			if strings.Contains(string(h), "Inf") || strings.Contains(string(h), "NaN") {
				t.Errorf("a coordinate is not a number:\n%s", h)
			}
		})
	}
}

func TestClock(t *testing.T) {
	tests := []struct {
		s    float64
		want string
	}{
		{0, "0:00"}, {59.6, "1:00"}, {600, "10:00"}, {3600, "1:00:00"}, {3723, "1:02:03"},
		{-75, "-1:15"}, {math.NaN(), "–"}, {math.Inf(1), "–"}, {1e12, "–"},
	}
	for _, tt := range tests {
		if got := Clock(tt.s); got != tt.want {
			t.Errorf("Clock(%v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestAssets(t *testing.T) {
	for _, name := range []string{"chart.css", "chart.js"} {
		b, err := fs.ReadFile(Assets, name)
		if err != nil || len(b) == 0 {
			t.Errorf("%s: %d bytes, %v", name, len(b), err)
		}
	}
}

// TestRealTrace draws the heart rate of a real watch file and checks it
// stays small and well-formed.
func TestRealTrace(t *testing.T) {
	acts, err := format.Decode(corpus.Read(t, "fit/dtcooper__2013-02-06-12-11-14.fit"))
	if err != nil || len(acts) == 0 {
		t.Fatalf("decode: %d activities, %v", len(acts), err)
	}
	hr := acts[0].Streams.HeartRate
	h := heartRate(t, hr).SVG()
	wellFormed(t, h)
	if !strings.Contains(string(h), "recovery cap 133 bpm") {
		t.Error("no recovery cap label")
	}
	if len(h) > 30000 {
		t.Errorf("%d bytes for %d samples", len(h), len(hr))
	}
}

// BenchmarkHeartRate4h draws a 4-hour trace of 1 s samples, along time
// and along distance (3 m/s with a stop every ten minutes).
func BenchmarkHeartRate4h(b *testing.B) {
	pts := trace(4 * 3600)
	hr := make([]float64, len(pts))
	metres := make([]float64, len(pts))
	for i, p := range pts {
		hr[i] = p.Y
		if i > 0 {
			metres[i] = metres[i-1]
			if i%600 >= 30 {
				metres[i] += 3
			}
		}
	}
	for _, axis := range []string{"time", "distance"} {
		c := heartRate(b, hr)
		if axis == "distance" {
			c = onDistance(c, metres)
		}
		b.Run(axis, func(b *testing.B) {
			var size int
			for b.Loop() {
				size = len(c.SVG())
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}
