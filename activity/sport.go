package activity

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
)

// Sport inference (coaching.md, "Only runs are runs"): a file that does
// not state its sport is not taken for a run when the device, the name or
// the movement says otherwise.
const (
	// cyclingSpeedMS is a sustained speed no runner holds: 20 km/h.
	cyclingSpeedMS = 20 / 3.6
	// runningCadenceMin is the least cadence of running, in steps per
	// minute; a bike's pedalling is far below it.
	runningCadenceMin = 140
)

// sportWords maps words of an activity's name, or of a device's, to the
// sport they say, in the languages exporters name activities in. Running
// needs no word: a file that states no sport is read as a run.
var sportWords = map[string]Sport{
	"cycling": Cycling, "ride": Cycling, "bike": Cycling, "biking": Cycling, "radfahren": Cycling,
	"velo": Cycling, "vélo": Cycling, "ciclismo": Cycling, "edge": Cycling,
	"walk": Walking, "walking": Walking, "hike": Hiking, "hiking": Hiking,
	"swim": Swimming, "swimming": Swimming,
}

// InferSport names the sport other than running of an activity whose
// file states none (Unknown or generic), with the reason, or returns ok
// false when nothing tells. The device comes first (an Edge is a bike computer), then the
// activity's name, then a sustained speed above 20 km/h without a running
// cadence.
func InferSport(a *Activity) (sport Sport, reason string, ok bool) {
	if a.Sport != Unknown && a.Sport != Generic {
		return a.Sport, "", false
	}
	if s, w, ok := sportIn(a.Device.Product); ok && s == Cycling {
		return s, fmt.Sprintf("the device %q is a bike computer (%q)", a.Device.Product, w), true
	}
	if s, w, ok := sportIn(a.Name); ok {
		return s, fmt.Sprintf("the name %q says %q", a.Name, w), true
	}
	speed := movingMedian(a.Streams.SpeedMS, MovingSpeedMS)
	cadence := movingMedian(a.Streams.Cadence, 1)
	if speed > cyclingSpeedMS && (math.IsNaN(cadence) || cadence < runningCadenceMin) {
		return Cycling, fmt.Sprintf("a sustained %.0f km/h without a running cadence", speed*3.6), true
	}
	return a.Sport, "", false
}

// sportIn finds a word of text that names a sport.
func sportIn(text string) (Sport, string, bool) {
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if s, ok := sportWords[w]; ok {
			return s, w, true
		}
	}
	return Unknown, "", false
}

// movingMedian is the median of v's values at or above least, or NaN.
func movingMedian(v []float64, least float64) float64 {
	var xs []float64
	for _, x := range v {
		if x >= least {
			xs = append(xs, x)
		}
	}
	if len(xs) == 0 {
		return math.NaN()
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}
