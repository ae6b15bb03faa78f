package display

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/stats"
)

// RepsSummary is an interval session in a line, as a coach writes it:
// "6 × 800 m in 3:05–3:12, recoveries 2:00 jog" when the reps were of a
// distance, "6 × 3:00 at 4:05–4:12 /km, recoveries 2:00 jog" when they
// were of a time. Which it was is read from which of the two varied
// less. Empty without reps.
func (u Units) RepsSummary(r *analysis.Reps) string {
	if r == nil || len(r.Reps) == 0 {
		return ""
	}
	var times, dists, paces, restS, restM []float64
	for _, rep := range r.Reps {
		times = append(times, float64(rep.DurationS))
		dists = append(dists, rep.DistanceM)
		if rep.DistanceM > 0 {
			paces = append(paces, float64(rep.DurationS)/(rep.DistanceM/u.Metres()))
		}
		if rec := rep.Recovery; rec != nil {
			restS = append(restS, float64(rec.DurationS))
			restM = append(restM, rec.DistanceM)
		}
	}
	n := len(r.Reps)
	var line string
	switch {
	case len(paces) == n && spread(dists) <= spread(times):
		line = fmt.Sprintf("%d × %s in %s", n, u.RepDistance(stats.Median(dists)), clockRange(times))
	case len(paces) == n:
		line = fmt.Sprintf("%d × %s at %s /%s", n, minSec(stats.Median(times)), clockRange(paces), u.Unit())
	default:
		line = fmt.Sprintf("%d × %s", n, clockRange(times))
	}
	if len(restS) == 0 {
		return line
	}
	line += ", recoveries " + clockRange(restS)
	if way := restWay(restS, restM); way != "" {
		line += " " + way
	}
	return line
}

// RepDistance is a rep's length as a track runner says it: metres to
// the nearest 10 under a kilometre, else kilometres; miles to two
// decimals.
func (u Units) RepDistance(m float64) string {
	if !u.miles && m < 1000 {
		return fmt.Sprintf("%.0f m", math.Round(m/10)*10)
	}
	return fmt.Sprintf("%.2g %s", m/u.Metres(), u.Unit())
}

// restWay says how the recoveries were spent from their mean speed: a
// jog, a walk or standing; empty when their distance is unknown.
func restWay(seconds, metres []float64) string {
	var s, m float64
	for i := range seconds {
		s, m = s+seconds[i], m+metres[i]
	}
	switch speed := m / s; {
	case m <= 0 || s <= 0:
		return ""
	case speed >= jogMS:
		return "jog"
	case speed >= walkMS:
		return "walk"
	default:
		return "standing"
	}
}

// The least mean speeds of a jog (7:56 /km) and of a walk (2.5 km/h).
const (
	jogMS  = 2.1
	walkMS = 0.7
)

// clockRange is the range of durations in seconds as clocks: "3:05–3:12",
// or one clock when they round alike.
func clockRange(s []float64) string {
	lo, hi := minSec(slices.Min(s)), minSec(slices.Max(s))
	if lo == hi {
		return lo
	}
	return lo + "–" + hi
}

// spread is how much x varies against its size: range over median.
func spread(x []float64) float64 {
	m := stats.Median(x)
	if m <= 0 {
		return math.Inf(1)
	}
	return (slices.Max(x) - slices.Min(x)) / m
}

// RepPace is a rep's pace in the runner's units, or a dash without its
// distance.
func (u Units) RepPace(rep analysis.Rep) string {
	return u.Pace(rep.DistanceM, time.Duration(rep.DurationS)*time.Second)
}
