package web

import (
	"html/template"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/chart"
)

// chartAssets serves chart.css and chart.js.
func chartAssets() http.Handler { return http.FileServerFS(chart.Assets) }

// heartRateChart is the heart-rate trace along x with the zones as bands
// and the recovery cap as a line; nil without heart rate.
func heartRateChart(a *activity.Activity, r *analysis.Result, x chart.Axis) template.HTML {
	if activity.Count(a.Streams.HeartRate) == 0 {
		return ""
	}
	c := chart.TimeChart{Title: "Heart rate", Name: "Heart rate", Unit: "bpm", Class: "series-hr", Values: a.Streams.HeartRate, X: x}
	if r != nil {
		for _, z := range r.Zones {
			if z.Zone > 0 {
				c.Bands = append(c.Bands, chart.Band{Label: z.Label, Low: z.LowBPM, High: z.HighBPM})
			}
		}
		if r.CapBPM > 0 {
			c.Refs = append(c.Refs, chart.Ref{Label: "recovery cap", Value: r.CapBPM})
		}
	}
	return c.SVG()
}

// paceWindowS is the span pace is measured over: per-second GPS speed
// is too noisy to read.
const paceWindowS = 30

// slowestPaceS is the slowest pace drawn, in seconds per kilometre:
// slower is standing or walking, which would squash the running.
const slowestPaceS = 15 * 60

// paceChart is how fast the session went, over 30-second windows, in
// its sport's terms and the runner's units: speed for a ride, faster
// up; the time per 100 for a swim and the pace on foot, faster up too;
// along x. Nil without distance.
func paceChart(a *activity.Activity, u display.Units, x chart.Axis) template.HTML {
	d := a.Streams.DistanceM
	if activity.Count(d) < 2*paceWindowS {
		return ""
	}
	kind := display.RateOf(a.Sport)
	per, unit, slowest := u.Metres(), u.PaceUnit(), slowestPaceS*u.Metres()/1000
	if kind == display.SwimRate {
		per, unit, slowest = u.SwimMetres(), "min"+u.SwimUnit(), 5*60
	}
	v := make([]float64, len(d))
	for i := range d {
		lo, hi := max(0, i-paceWindowS/2), min(len(d)-1, i+paceWindowS/2)
		v[i] = math.NaN()
		if math.IsNaN(d[lo]) || math.IsNaN(d[hi]) || hi == lo {
			continue
		}
		m := d[hi] - d[lo]
		if m <= 0 {
			continue
		}
		if kind == display.SpeedRate {
			v[i] = m / u.Metres() / (float64(hi-lo) / 3600)
		} else if p := float64(hi-lo) / m * per; p <= slowest {
			v[i] = p
		}
	}
	if activity.Count(v) == 0 {
		return ""
	}
	if kind == display.SpeedRate {
		return chart.TimeChart{Title: "Speed", Name: "Speed", Unit: u.SpeedUnit(), Class: "series-pace", Values: v, X: x}.SVG()
	}
	return chart.TimeChart{Title: string(kind), Name: string(kind), Unit: unit, Class: "series-pace", Values: v, X: x,
		InvertY: true, Format: chart.Clock, YStep: 30}.SVG()
}

// loadChart is fitness, fatigue and form by day.
func loadChart(ls training.LoadSeries) template.HTML {
	dates := make([]time.Time, len(ls.Points))
	fitness := make([]float64, len(ls.Points))
	fatigue := make([]float64, len(ls.Points))
	form := make([]float64, len(ls.Points))
	for i, p := range ls.Points {
		dates[i], fitness[i], fatigue[i], form[i] = p.Date, p.Fitness, p.Fatigue, p.Form
	}
	return chart.DateChart{
		Title: "Fitness, fatigue and form", Unit: display.LoadUnit(analysis.LoadMethod(ls.Unit)) + " a day", Dates: dates, ZeroLine: true,
		Series: []chart.Series{
			{Name: "Fitness (42-day)", Class: "series-fitness", Values: fitness},
			{Name: "Fatigue (7-day)", Class: "series-fatigue", Values: fatigue},
			{Name: "Form", Class: "series-form", Values: form},
		},
	}.SVG()
}

// volumeChart is the weekly running time in minutes, stacked by
// intensity, easy at the bottom with its share above each bar.
func volumeChart(weeks []week) template.HTML {
	c := chart.WeekChart{Title: "Weekly volume by intensity", Unit: "min", Easy: 1}
	series := make([]chart.Series, bands)
	for b := range series {
		series[b] = chart.Series{Name: bandNames[b], Values: make([]float64, len(weeks))}
	}
	for i, w := range weeks {
		c.Weeks = append(c.Weeks, w.Monday)
		for b := range series {
			series[b].Values[i] = w.Seconds[b] / 60
		}
	}
	c.Series = series
	return c.SVG()
}

// routeMap is the route's positions lat, lon as a plain trace; nil
// without two of them.
func routeMap(lat, lon []float64, u display.Units) template.HTML {
	if activity.Count(lat) < 2 {
		return ""
	}
	dist := func(m float64) string { return strconv.FormatFloat(m/u.Metres(), 'f', 1, 64) + " " + u.Unit() }
	return chart.Route{Title: "Route", Lat: lat, Lon: lon, Distance: dist}.SVG()
}
