package web

import (
	"cmp"
	"fmt"
	"html/template"
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/chart"
)

type activityData struct {
	CSRF    string          // the forms' token in server mode (csrfToken)
	Shoes   []activity.Shoe // the runner's, to choose the one this run was in
	Rec     *store.Record
	A       *activity.Activity
	Session session
	R       *analysis.Result // nil until analysed
	Extra   []string         // hard-session reasons not already among the class reasons
	Offset  string           // what the start time's zone is
	// Axis is what the charts are drawn along; HRChart, Pace, Elevation
	// and Cadence share it, so one cursor reads them all.
	Axis               axisChoice
	HRChart            template.HTML
	Pace               template.HTML
	Elevation, Cadence template.HTML
	Route              template.HTML
	// TileMap is the route on map tiles, when the runner turned them on;
	// Hidden says privacy zones cut its ends (and the Route's).
	TileMap  template.HTML
	Hidden   bool
	ZoneBars []zoneBar
	RPEs     []rpeChoice
	RPEWords string
	Sports   []activity.Sport // the sports the runner may tag it with
	Units    activity.Units   // the runner's, for a ride's speed
}

// zoneBar is one zone's time, with the bar's width in per cent.
type zoneBar struct {
	analysis.ZoneTime
	Width float64
	Kind  string // colours the bar: the zone's band
}

func (s *Server) activity(r *http.Request, svc *training.Service) (view, error) {
	id, err := activityID(r)
	if err != nil {
		return view{}, err
	}
	rec, err := svc.Activity(r.Context(), id)
	if err != nil {
		return view{}, fmt.Errorf("activity %d: %w", id, err)
	}
	a := &rec.Activity
	d := activityData{CSRF: csrfToken(r), Rec: rec, A: a, Session: newSession(rec, svc.Resolved()), R: rec.Analysis, RPEs: rpeChoices(0)}
	d.RPEWords, _ = physio.RPEWords(a.RPE)
	d.Sports = store.TagSports
	if d.Shoes, err = svc.Store.Shoes(r.Context(), svc.Athlete); err != nil {
		return view{}, err
	}
	prof, err := svc.Store.Athlete(r.Context(), svc.Athlete)
	if err != nil {
		return view{}, err
	}
	d.Units = prof.Units
	d.Offset = svc.Resolved().StartNote(a)
	if res := d.R; res != nil {
		for _, why := range res.HardReasons {
			if !slices.Contains(res.Reasons, why) {
				d.Extra = append(d.Extra, why)
			}
		}
		threshold := thresholdBPM(res.Zones)
		for _, z := range res.Zones {
			kind := "z-moderate"
			switch {
			case res.CapBPM > 0 && z.HighBPM <= res.CapBPM+0.5:
				kind = "z-easy"
			case threshold > 0 && z.LowBPM >= threshold-0.5:
				kind = "z-hard"
			}
			d.ZoneBars = append(d.ZoneBars, zoneBar{ZoneTime: z, Width: 100 * z.Fraction, Kind: kind})
		}
	}
	u := display.In(prof.Units)
	if d.Axis, err = chartAxis(r.URL.Query(), a, u); err != nil {
		return view{}, err
	}
	x := d.Axis.X
	d.HRChart = heartRateChart(a, d.R, x)
	d.Pace = paceChart(a, u, x)
	d.Elevation, d.Cadence = elevationChart(a, u, x), cadenceChart(a, x)
	lat, lon := drawnRoute(a, prof.Map)
	d.Hidden = len(lat) < len(a.Streams.Lat)
	d.Route = routeMap(lat, lon, u)
	v := view{Page: "activity", Title: d.Session.Title}
	if prof.Map.Tiles && d.Route != "" {
		tiles := cmp.Or(prof.Map.TileURL, s.tileURL)
		d.TileMap = chart.TileMap{Title: "Route on a map", Lat: lat, Lon: lon, URL: tiles,
			Desc: "The route over map tiles from " + origin(tiles) + ", from the start (circle) to the finish (square)."}.HTML()
		v.ImgOrigin = origin(tiles)
	}
	v.Data = d
	return v, nil
}

// drawnRoute is the part of a's route a page draws: its ends inside the
// runner's privacy zones cut (activity.HiddenEnds).
func drawnRoute(a *activity.Activity, m activity.Map) (lat, lon []float64) {
	lat, lon = a.Streams.Lat, a.Streams.Lon
	if len(m.Privacy) == 0 {
		return lat, lon
	}
	from, to := activity.HiddenEnds(lat, lon, m.Privacy)
	return lat[from:to], lon[from:to]
}

// origin is the scheme and host of a checked tile URL template: what the
// page's Content-Security-Policy lets images come from.
func origin(template string) string {
	u, err := url.Parse(template)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// axisChoice is the axis an activity's charts are drawn along, and the
// links of the page's choice between time and distance.
type axisChoice struct {
	Distance bool       // along distance; else along elapsed time
	X        chart.Axis // the zero Axis for time
	// TimeLink and DistanceLink redraw the page along either axis, its
	// other query parameters kept; DistanceLink is empty, and NoDistance
	// says why, when the activity has no distance to draw along.
	TimeLink, DistanceLink, NoDistance string
}

// chartAxis reads the charts' axis from ?axis=: "time" (the default) or
// "distance". Distance needs a distance stream that moves; without one
// the charts stay on time and the page says why. Any other value is a
// bad request, named with the values allowed.
func chartAxis(q url.Values, a *activity.Activity, u display.Units) (axisChoice, error) {
	want := q.Get("axis")
	if want != "" && want != "time" && want != "distance" {
		return axisChoice{}, badInput("The chart axis %q is neither time nor distance: use ?axis=time or ?axis=distance.", want)
	}
	link := func(axis string) string {
		q := maps.Clone(q)
		q.Set("axis", axis)
		return "?" + q.Encode() + "#axis"
	}
	c := axisChoice{TimeLink: link("time")}
	if !moves(a.Streams.DistanceM) {
		c.NoDistance = "no distance was recorded"
		return c, nil
	}
	c.DistanceLink = link("distance")
	if want == "distance" {
		c.Distance = true
		c.X = chart.Distance(a.Streams.DistanceM, u.Metres(), u.Unit())
	}
	return c, nil
}

// moves reports whether metres holds two different finite distances: a
// distance axis needs a span to draw along.
func moves(metres []float64) bool {
	first := math.NaN()
	for _, m := range metres {
		switch {
		case math.IsNaN(m - m):
		case math.IsNaN(first):
			first = m
		case m != first:
			return true
		}
	}
	return false
}
