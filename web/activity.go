package web

import (
	"cmp"
	"fmt"
	"html/template"
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
	HRChart template.HTML
	Pace    template.HTML
	// Elevation and Cadence share the heart rate's time axis.
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
	d := activityData{CSRF: csrfToken(r), Rec: rec, A: a, Session: newSession(rec, svc.Local()), R: rec.Analysis, RPEs: rpeChoices(0)}
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
	z, err := svc.Zone(r.Context())
	if err != nil {
		return view{}, err
	}
	d.Offset = z.StartNote(a)
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
	d.HRChart = heartRateChart(a, d.R)
	u, err := units(r.Context(), svc)
	if err != nil {
		return view{}, err
	}
	d.Pace = paceChart(a, display.In(u))
	d.Elevation, d.Cadence = elevationChart(a, display.In(u)), cadenceChart(a)
	lat, lon := drawnRoute(a, prof.Map)
	d.Hidden = len(lat) < len(a.Streams.Lat)
	d.Route = routeMap(lat, lon, display.In(u))
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
