package web

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

// xTicks finds the x axis's tick labels of the time charts.
var xTicks = regexp.MustCompile(`<text class="chart-tick-label" x="[^"]*" y="291" text-anchor="middle">([^<]*)</text>`)

// chartTicks is the x tick labels of each time chart of a page.
func chartTicks(page string) [][]string {
	var charts [][]string
	for _, svg := range strings.Split(page, `class="chart chart-time"`)[1:] {
		svg, _, _ = strings.Cut(svg, "</svg>")
		var ticks []string
		for _, m := range xTicks.FindAllStringSubmatch(svg, -1) {
			ticks = append(ticks, m[1])
		}
		charts = append(charts, ticks)
	}
	return charts
}

// TestChartAxis: the activity's charts are drawn along elapsed time
// unless ?axis=distance asks for distance, in the runner's units, on
// every chart; a value other than time or distance is a bad request
// that names the two.
func TestChartAxis(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 1)
	s := newServer(st)
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)

	tests := []struct {
		query string
		tick  *regexp.Regexp // every tick of every chart
		want  []string
	}{
		{"", regexp.MustCompile(`^\d+:\d\d(:\d\d)?$`), []string{`<a href="?axis=time#axis" aria-current="true">Time</a>`,
			`<a href="?axis=distance#axis">Distance</a>`, "of elapsed time", "Height along the session's time"}},
		{"?axis=time", regexp.MustCompile(`^\d+:\d\d(:\d\d)?$`), []string{`aria-current="true">Time</a>`}},
		{"?axis=distance", regexp.MustCompile(`^\d+(\.\d+)? km$`), []string{`<a href="?axis=time#axis">Time</a>`,
			`<a href="?axis=distance#axis" aria-current="true">Distance</a>`, "km of distance, from", `data-label="0`,
			"Height along the session's distance"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, body := get(t, s, "/activities/"+id+tt.query)
			checkPage(t, res, body, 200, tt.want...)
			charts := chartTicks(body)
			if len(charts) < 4 {
				t.Fatalf("%d time charts; want heart rate, pace, elevation and cadence", len(charts))
			}
			for i, ticks := range charts {
				if len(ticks) < 3 {
					t.Errorf("chart %d: ticks %q, want 3 or more", i+1, ticks)
				}
				for _, tick := range ticks {
					if !tt.tick.MatchString(tick) {
						t.Errorf("chart %d: tick %q is not like %v", i+1, tick, tt.tick)
					}
				}
			}
		})
	}

	res, body := get(t, s, "/activities/"+id+"?axis=nonsense")
	checkPage(t, res, body, 400, "The chart axis &#34;nonsense&#34; is neither time nor distance: use ?axis=time or ?axis=distance.")
}

// TestChartAxisMiles: along distance, a runner in miles reads miles.
func TestChartAxisMiles(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 1)
	useMiles(t, st)
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)
	res, body := get(t, newServer(st), "/activities/"+id+"?axis=distance")
	checkPage(t, res, body, 200, "mi of distance")
	for i, ticks := range chartTicks(body) {
		for _, tick := range ticks {
			if !strings.HasSuffix(tick, " mi") {
				t.Errorf("chart %d: tick %q is not in miles", i+1, tick)
			}
		}
	}
}

// TestChartAxisNoDistance: a session recorded without distance (a
// treadmill without a foot pod) offers no distance axis and says why;
// asked for one, its charts stay on time.
func TestChartAxisNoDistance(t *testing.T) {
	st := newStore(t, t.TempDir())
	r := sim.DefaultRunner()
	a, err := r.Simulate(r.History(testNow.AddDate(0, 0, -7), 1)[0])
	if err != nil {
		t.Fatal(err)
	}
	a.Streams.DistanceM = nil
	e, err := store.Encode(storetest.File("treadmill.fit", activity.FIT, []byte("x")), []*activity.Activity{a})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveFile(context.Background(), store.DefaultAthlete, e); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)
	res, body := get(t, newServer(st), "/activities/"+id+"?axis=distance")
	checkPage(t, res, body, 200, `aria-current="true">Time</a>`,
		`<a role="link" aria-disabled="true" aria-describedby="axis-why">Distance</a>`,
		"Distance is not offered: no distance was recorded.", "of elapsed time")
	if strings.Contains(body, "?axis=distance") || strings.Contains(body, "of distance") {
		t.Error("a session without distance offers or draws a distance axis")
	}
}
