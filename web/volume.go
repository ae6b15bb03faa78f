package web

import (
	"html/template"
	"time"

	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// Intensity bands of the weekly volume: easy below the recovery cap,
// moderate from the cap to threshold, hard at and above threshold.
const (
	easyBand = iota
	moderateBand
	hardBand
	bands
)

// bandNames label the bands in the chart's legend.
var bandNames = [bands]string{"easy, below cap", "moderate", "hard, threshold+"}

// week is one Monday-to-Sunday week of running, by intensity.
type week struct {
	Monday  time.Time
	Seconds [bands]float64
}

// Total is the week's running time.
func (w week) Total() float64 {
	return w.Seconds[easyBand] + w.Seconds[moderateBand] + w.Seconds[hardBand]
}

// volumeView is the weekly volume for the dashboard.
type volumeView struct {
	Weeks []week
	Chart template.HTML
	// EasyShare is the share of the time of all the weeks spent easy,
	// for the 80/20 rule of thumb.
	EasyShare float64
	HasTime   bool
}

// weeklyVolume sums the running time of recs into the n weeks ending
// with the one that starts on last, split by intensity. A run with heart
// rate counts its time in zones; without, its whole time goes to the band
// of its class (recovery, easy and long are easy; intervals and races
// hard).
func weeklyVolume(recs []store.Record, last time.Time, n int) volumeView {
	v := volumeView{Weeks: make([]week, n)}
	mondays := eachRun(recs, last, n, func(idx int, r *store.Record) {
		for b, sec := range byBand(r.Analysis) {
			v.Weeks[idx].Seconds[b] += sec
		}
	})
	for i, m := range mondays {
		v.Weeks[i].Monday = m
	}
	var easy, total float64
	for _, w := range v.Weeks {
		easy += w.Seconds[easyBand]
		total += w.Total()
	}
	if total > 0 {
		v.EasyShare, v.HasTime = easy/total, true
	}
	v.Chart = volumeChart(v.Weeks)
	return v
}

// byBand splits a run's time into the intensity bands.
func byBand(r *analysis.Result) [bands]float64 {
	var out [bands]float64
	if r.HRSeconds == 0 || len(r.Zones) == 0 {
		switch {
		case r.Hard || r.Class == analysis.Intervals || r.Class == analysis.Race:
			out[hardBand] = float64(r.DurationS)
		case r.Class == analysis.Steady || r.Class == analysis.Tempo:
			out[moderateBand] = float64(r.DurationS)
		default:
			out[easyBand] = float64(r.DurationS)
		}
		return out
	}
	threshold := thresholdBPM(r.Zones)
	// The seconds without heart rate count as the run's average intensity.
	scale := float64(r.DurationS) / float64(r.HRSeconds)
	for _, z := range r.Zones {
		sec := float64(z.Seconds) * scale
		switch {
		case r.CapBPM > 0 && z.HighBPM <= r.CapBPM+0.5:
			out[easyBand] += sec
		case threshold > 0 && z.LowBPM >= threshold-0.5:
			out[hardBand] += sec
		default:
			out[moderateBand] += sec
		}
	}
	return out
}

// thresholdBPM is where the hard band starts: zone 4 of the five-zone
// models (80 % of max or of reserve), zone 5a of Friel's (LTHR).
func thresholdBPM(zones []analysis.ZoneTime) float64 {
	var z4 float64
	for _, z := range zones {
		switch z.Label {
		case "Z5a":
			return z.LowBPM
		case "Z4":
			z4 = z.LowBPM
		}
	}
	return z4
}
