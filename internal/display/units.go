package display

import (
	"fmt"
	"math"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// Units writes distances, paces, speeds and elevations in the runner's
// units: the one path every page, chart and command goes through, so
// that choosing miles changes them all.
type Units struct{ miles bool }

// In is the formats of u: kilometres unless u is miles.
func In(u activity.Units) Units { return Units{miles: u == activity.Miles} }

// Metres is the length of one distance unit.
func (u Units) Metres() float64 {
	if u.miles {
		return metresPerMile
	}
	return 1000
}

// Unit is the distance unit's symbol: "km" or "mi".
func (u Units) Unit() string {
	if u.miles {
		return "mi"
	}
	return "km"
}

const (
	metresPerMile = 1609.344
	metresPerFoot = 0.3048
	metresPerYard = 0.9144
)

// Distance formats metres with two decimals, or a dash when unknown.
func (u Units) Distance(m float64) string {
	if m <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f %s", m/u.Metres(), u.Unit())
}

// Pace formats the time per distance unit over a moving time: "5:36 /km",
// or a dash when there is too little distance to tell.
func (u Units) Pace(m float64, moving time.Duration) string {
	if m < 10 || moving <= 0 {
		return "—"
	}
	perUnit := moving.Seconds() / (m / u.Metres())
	if perUnit > 3600 {
		return "—"
	}
	return minSec(perUnit) + " /" + u.Unit()
}

// PaceUnit names the unit of a pace axis: "min/km".
func (u Units) PaceUnit() string { return "min/" + u.Unit() }

// Speed formats a distance over a moving time as km/h or mph.
func (u Units) Speed(m float64, moving time.Duration) string {
	if m < 10 || moving <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f %s", m/u.Metres()/moving.Hours(), u.SpeedUnit())
}

// SpeedUnit names the unit of a speed: "km/h" or "mph".
func (u Units) SpeedUnit() string {
	if u.miles {
		return "mph"
	}
	return "km/h"
}

// SwimPace formats the time per 100 m, or per 100 yd in miles.
func (u Units) SwimPace(m float64, moving time.Duration) string {
	if m < 10 || moving <= 0 {
		return "—"
	}
	return minSec(moving.Seconds()/(m/u.SwimMetres())) + " " + u.SwimUnit()
}

// SwimMetres is the swim pace's length: 100 m, or 100 yd in miles.
func (u Units) SwimMetres() float64 {
	if u.miles {
		return 100 * metresPerYard
	}
	return 100
}

// SwimUnit names the swim pace's unit: "/100 m" or "/100 yd".
func (u Units) SwimUnit() string {
	if u.miles {
		return "/100 yd"
	}
	return "/100 m"
}

// Elevation formats a height or a climb in metres, or feet in miles.
func (u Units) Elevation(m float64) string {
	if u.miles {
		return fmt.Sprintf("%.0f ft", m/metresPerFoot)
	}
	return fmt.Sprintf("%.0f m", m)
}

// Rate is how fast a session went in its sport's terms: speed for a
// ride, the time per 100 for a swim, the pace for anything on foot.
func (u Units) Rate(s activity.Sport, m float64, moving time.Duration) string {
	switch RateOf(s) {
	case SpeedRate:
		return u.Speed(m, moving)
	case SwimRate:
		return u.SwimPace(m, moving)
	}
	return u.Pace(m, moving)
}

// RateKind is how a sport's speed is told.
type RateKind string

// The ways of telling speed.
const (
	PaceRate  RateKind = "Pace"
	SpeedRate RateKind = "Speed"
	SwimRate  RateKind = "Pace per 100"
)

// RateOf is how a sport's speed is told: speed for cycling, per 100 for
// swimming, pace otherwise.
func RateOf(s activity.Sport) RateKind {
	switch s {
	case activity.Cycling:
		return SpeedRate
	case activity.Swimming:
		return SwimRate
	}
	return PaceRate
}

// minSec formats seconds as m:ss.
func minSec(s float64) string {
	n := int(math.Round(s))
	return fmt.Sprintf("%d:%02d", n/60, n%60)
}

// SportName is a sport in a runner's words: "run", "ride", "swim".
func SportName(s activity.Sport) string {
	switch s {
	case activity.Running:
		return "run"
	case activity.Cycling:
		return "ride"
	case activity.Swimming:
		return "swim"
	case activity.Walking:
		return "walk"
	case activity.Hiking:
		return "hike"
	case activity.Training:
		return "workout"
	case activity.Unknown, activity.Generic:
		return "activity"
	}
	return string(s)
}

// Title is an activity's name for people: the name its file gave, else
// its sport and time of day ("Morning run") at its local start.
func Title(name string, s activity.Sport, localStart time.Time) string {
	if name != "" {
		return name
	}
	part := "Night"
	switch h := localStart.Hour(); {
	case h >= 5 && h < 12:
		part = "Morning"
	case h >= 12 && h < 17:
		part = "Afternoon"
	case h >= 17 && h < 22:
		part = "Evening"
	}
	return part + " " + SportName(s)
}

// Height is a height in metres in the runner's units: metres, or feet
// with miles; HeightUnit names it.
func (u Units) Height(m float64) float64 {
	if u.miles {
		return m / metresPerFoot
	}
	return m
}

// HeightUnit is the unit of Height: "m" or "ft".
func (u Units) HeightUnit() string {
	if u.miles {
		return "ft"
	}
	return "m"
}
