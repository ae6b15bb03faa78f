package web

import (
	"html/template"
	"math"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/web/chart"
)

// elevationChart is the height over the session, in the runner's units,
// along x, the axis of the heart rate and pace, so one cursor reads all
// three; nil without altitude.
func elevationChart(a *activity.Activity, u display.Units, x chart.Axis) template.HTML {
	alt := a.Streams.AltitudeM
	if activity.Count(alt) < 2 {
		return ""
	}
	v := make([]float64, len(alt))
	for i, m := range alt {
		v[i] = math.NaN()
		if !math.IsNaN(m) {
			v[i] = u.Height(m)
		}
	}
	return chart.TimeChart{Title: "Elevation", Name: "Elevation", Unit: u.HeightUnit(), Class: "series-alt", Values: v, X: x}.SVG()
}

// cadenceChart is the cadence over the session: steps a minute on foot,
// revolutions on a bike, along x; nil without cadence. Standing still
// (0) is left out, so a stop does not drag the trace to the floor.
func cadenceChart(a *activity.Activity, x chart.Axis) template.HTML {
	c := a.Streams.Cadence
	if activity.Count(c) < 2 {
		return ""
	}
	v := make([]float64, len(c))
	for i, x := range c {
		v[i] = math.NaN()
		if x > 0 {
			v[i] = x
		}
	}
	if activity.Count(v) < 2 {
		return ""
	}
	unit := "spm"
	if a.Sport == activity.Cycling {
		unit = "rpm"
	}
	return chart.TimeChart{Title: "Cadence", Name: "Cadence", Unit: unit, Class: "series-cad", Values: v, X: x}.SVG()
}
