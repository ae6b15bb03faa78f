package web

import (
	"html/template"
	"math"
	"net/http"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/chart"
)

// chartAssets serves chart.css and chart.js.
func chartAssets() http.Handler { return http.FileServerFS(chart.Assets) }

// heartRateChart is the heart-rate trace over the run with the zones as
// bands and the recovery cap as a line; nil without heart rate.
func heartRateChart(a *activity.Activity, r *analysis.Result) template.HTML {
	if activity.Count(a.Streams.HeartRate) == 0 {
		return ""
	}
	c := chart.TimeChart{Title: "Heart rate", Name: "Heart rate", Unit: "bpm", Class: "series-hr", Values: a.Streams.HeartRate}
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

// paceChart is the pace over the run in minutes per kilometre, faster up;
// nil without distance.
func paceChart(a *activity.Activity) template.HTML {
	d := a.Streams.DistanceM
	if activity.Count(d) < 2*paceWindowS {
		return ""
	}
	pace := make([]float64, len(d))
	for i := range d {
		lo, hi := max(0, i-paceWindowS/2), min(len(d)-1, i+paceWindowS/2)
		pace[i] = math.NaN()
		if math.IsNaN(d[lo]) || math.IsNaN(d[hi]) || hi == lo {
			continue
		}
		if m := d[hi] - d[lo]; m > 0 {
			if p := float64(hi-lo) / m * 1000; p <= slowestPaceS {
				pace[i] = p
			}
		}
	}
	if activity.Count(pace) == 0 {
		return ""
	}
	return chart.TimeChart{Title: "Pace", Name: "Pace", Unit: "min/km", Class: "series-pace", Values: pace,
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

// routeMap is the route as a plain trace; nil without positions.
func routeMap(a *activity.Activity) template.HTML {
	if activity.Count(a.Streams.Lat) < 2 {
		return ""
	}
	return chart.Route{Title: "Route", Lat: a.Streams.Lat, Lon: a.Streams.Lon}.SVG()
}
