// Package display writes the numbers and names a runner reads, the same
// way in the command line and the web pages: durations as clocks,
// distances in kilometres, paces per kilometre (speeds, for rides, in the
// runner's units), heart rates in bpm and session classes in words.
package display

import (
	"fmt"
	"math"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
)

// Clock formats a duration as h:mm:ss, or m:ss under an hour.
func Clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// Km formats metres as kilometres, or a dash when unknown.
func Km(m float64) string {
	if m <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f km", m/1000)
}

// Pace formats the pace of a distance over a moving time, per kilometre,
// or a dash when there is too little distance to tell.
func Pace(m float64, moving time.Duration) string {
	if m < 10 || moving <= 0 {
		return "—"
	}
	secPerKm := moving.Seconds() / (m / 1000)
	if secPerKm > 3600 {
		return "—"
	}
	s := int(math.Round(secPerKm))
	return fmt.Sprintf("%d:%02d /km", s/60, s%60)
}

// metresPerMile converts the runner's miles.
const metresPerMile = 1609.344

// Speed formats the speed of a distance over a moving time in km/h, or in
// mph when the runner's units are miles, or a dash when there is too
// little distance to tell.
func Speed(m float64, moving time.Duration, units activity.Units) string {
	if m < 10 || moving <= 0 {
		return "—"
	}
	if units == activity.Miles {
		return fmt.Sprintf("%.1f mph", m/metresPerMile/moving.Hours())
	}
	return fmt.Sprintf("%.1f km/h", m/1000/moving.Hours())
}

// ShowsSpeed reports whether a sport is read by its speed rather than its
// pace: cycling (coaching.md, "Only runs are runs").
func ShowsSpeed(s activity.Sport) bool { return s == activity.Cycling }

// PaceOrSpeed is Speed for a sport that ShowsSpeed, else Pace.
func PaceOrSpeed(s activity.Sport, m float64, moving time.Duration, units activity.Units) string {
	if ShowsSpeed(s) {
		return Speed(m, moving, units)
	}
	return Pace(m, moving)
}

// BPM formats a heart rate, or a dash when unknown.
func BPM(v float64) string {
	if v <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f bpm", v)
}

// ClassName is a session class in the words a runner uses.
func ClassName(c analysis.Class) string {
	switch c {
	case analysis.Tempo:
		return "tempo / threshold"
	case analysis.CrossTraining:
		return "cross-training"
	case analysis.Unknown:
		return "unknown"
	default:
		return string(c)
	}
}

// LoadUnit names the unit of a load series from its method.
func LoadUnit(method analysis.LoadMethod) string {
	if method == analysis.HRTSS {
		return "hrTSS"
	}
	return "Banister TRIMP"
}
