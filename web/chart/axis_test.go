package chart

import (
	htmltemplate "html/template"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/sim"
)

// TestDistancePositions: a run with a stop (the distance stands still),
// a timer pause (no distance) and a GPS correction (the distance goes
// back) keeps its positions in order, and the samples of the stop are
// drawn as one point, their mean.
func TestDistancePositions(t *testing.T) {
	nan := math.NaN()
	metres := []float64{0, 250, 500, 500, 500, nan, nan, 490, 750, 1000, math.Inf(1)}
	hr := []float64{120, 130, 150, 146, 130, 0, 0, 125, 140, 145, 150}
	x := Distance(metres, 1000, "km")
	want := []float64{0, 0.25, 0.5, 0.5, 0.5, nan, nan, 0.5, 0.75, 1, nan}
	if !slices.EqualFunc(x.At, want, func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }) {
		t.Errorf("positions %v, want %v", x.At, want)
	}
	got := along(hr, x.At)
	// The pause is a gap at the last place known, and the corrected sample
	// after it starts a new point there.
	wantPts := []Point{{0, 120}, {0.25, 130}, {0.5, 142}, {0.5, nan}, {0.5, nan}, {0.5, 125}, {0.75, 140}, {1, 145}, {1, nan}}
	same := func(a, b Point) bool {
		return a.X == b.X && (a.Y == b.Y || math.IsNaN(a.Y) && math.IsNaN(b.Y))
	}
	if !slices.EqualFunc(got, wantPts, same) {
		t.Errorf("points %v, want %v", got, wantPts)
	}
	for i := 1; i < len(got); i++ {
		if got[i].X < got[i-1].X {
			t.Errorf("point %d at %v comes before point %d at %v", i, got[i].X, i-1, got[i-1].X)
		}
	}
}

// tickLabels is the x axis's tick labels of a time chart.
var tickLabels = regexp.MustCompile(`<text class="chart-tick-label" x="[^"]*" y="291" text-anchor="middle">([^<]*)</text>`)

// TestDistanceTicks: the distance axis is marked in whole, half or tenth
// units of the runner's choice, as the span needs, and the read-out and
// description say distances.
func TestDistanceTicks(t *testing.T) {
	long := simulated(t, sim.Session{Kind: sim.Long, Start: monday.Add(8 * time.Hour)})
	metres := func(km float64) []float64 {
		d := make([]float64, 600)
		for i := range d {
			d[i] = km * 1000 * float64(i) / float64(len(d)-1)
		}
		return d
	}
	tests := []struct {
		name    string
		metres  []float64
		perUnit float64
		unit    string
		want    []string
	}{
		{"5 km", metres(5), 1000, "km", []string{"0 km", "1 km", "2 km", "3 km", "4 km", "5 km"}},
		{"5 km in miles", metres(5), 1609.344, "mi", []string{"0 mi", "1 mi", "2 mi", "3 mi"}},
		{"2 miles", metres(3.3), 1609.344, "mi", []string{"0 mi", "0.5 mi", "1 mi", "1.5 mi", "2 mi"}},
		{"800 m", metres(0.8), 1000, "km", []string{"0 km", "0.2 km", "0.4 km", "0.6 km", "0.8 km"}},
		{"long run", long.Streams.DistanceM, 1000, "km", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hr := make([]float64, len(tt.metres))
			for i := range hr {
				hr[i] = 140 + 10*math.Sin(float64(i)/50)
			}
			h := string(TimeChart{Title: "Heart rate", Name: "Heart rate", Unit: "bpm", Values: hr, X: Distance(tt.metres, tt.perUnit, tt.unit)}.SVG())
			wellFormed(t, htmltemplate.HTML(h))
			var got []string
			for _, m := range tickLabels.FindAllStringSubmatch(h, -1) {
				got = append(got, m[1])
			}
			if tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("ticks %q, want %q", got, tt.want)
			}
			if len(got) < 3 || len(got) > 7 || got[0] != "0 "+tt.unit {
				t.Errorf("ticks %q: want 3 to 7 from 0 %s", got, tt.unit)
			}
			if !strings.Contains(h, " of distance, from ") {
				t.Errorf("the description does not say distance:\n%s", h[:300])
			}
			label := regexp.MustCompile(`data-label="([^"]*)"`).FindStringSubmatch(h)
			if label == nil || !strings.HasPrefix(label[1], "0\u00a0"+tt.unit+" ") || strings.Contains(label[1], ":") {
				t.Errorf("read-out labels are not distances: %.80q", label)
			}
		})
	}
}
