// Package display writes the numbers and names a runner reads, the same
// way in the command line and the web pages: durations as clocks,
// distances in kilometres, paces per kilometre (speeds, for rides, in the
// runner's units), heart rates in bpm and session classes in words.
package display

import (
	"fmt"
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
func Km(m float64) string { return In(activity.Kilometres).Distance(m) }

// Pace formats the pace of a distance over a moving time, per kilometre,
// or a dash when there is too little distance to tell.
func Pace(m float64, moving time.Duration) string { return In(activity.Kilometres).Pace(m, moving) }

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
