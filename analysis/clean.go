package analysis

import (
	"fmt"
	"math"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/say"
	"github.com/easyrun/easyrun/physio"
)

// The data-quality findings analysis adds to those of the importer
// (science.md §9).
const (
	// HRDropout: heart rate 0 or missing while the rest of the recording
	// goes on.
	HRDropout activity.FlagCode = "hr_dropout"
	// HRSpike: values outside 30-230 bpm, or jumps of more than 20 bpm in
	// a second that come straight back, were removed.
	HRSpike activity.FlagCode = "hr_spike"
	// HRStrapWarmUp: the first minutes read implausibly low, as a dry
	// chest strap does, and were removed.
	HRStrapWarmUp activity.FlagCode = "hr_strap_warmup"
	// HRCadenceLock: the heart rate tracked the step cadence, as an
	// optical sensor does when it locks onto the arm swing; those seconds
	// were removed.
	HRCadenceLock activity.FlagCode = "hr_cadence_lock"
)

// Limits of a plausible heart-rate sample (science.md §1, §9).
const (
	minPlausibleBPM = 30
	maxPlausibleBPM = 230
	// spikeBPM is how far a sample may sit from the median of the five
	// seconds around it: the heart does not jump 20 bpm in a second.
	spikeBPM = 20
	// spikeWindowS is the span of that median: a spike of one or two
	// seconds is outvoted by the seconds around it.
	spikeWindowS = 5
)

// Strap warm-up: a dry chest strap reads low, then jumps into range once
// sweat makes contact. A gradual rise is physiology and is kept.
const (
	warmUpSearchS  = 300  // only the first five minutes
	warmUpMinS     = 60   // a real heart rate has risen after a minute of running
	warmUpLowRatio = 0.65 // "low" is below this fraction of the run's median
	warmUpJumpBPM  = 20   // the rise from the last warmUpJumpS seconds below
	warmUpJumpS    = 10   // to the warmUpJumpS seconds after crossing
	warmUpMinBPM   = 100  // a median below this is not exercise: nothing to judge
	// warmUpMovingMS is the mean speed above which a low reading cannot be
	// the runner standing still before the start.
	warmUpMovingMS = 1.5
)

// Flag is one data-quality finding with the seconds it concerns.
type Flag struct {
	Code    activity.FlagCode `json:"code"`
	Detail  string            `json:"detail"`
	Seconds int               `json:"seconds,omitempty"`
}

// cleaned is a heart-rate trace after cleaning: NaN wherever the value
// was missing or removed, with what was found on the way.
type cleaned struct {
	hr     []float64
	validS int // seconds with a usable value
	flags  []Flag
}

// cleanHR removes what cannot be a heart rate from s.HeartRate: values
// outside 30-230 bpm, one- and two-second spikes, a dry strap's low first
// minutes and the seconds in lock (optical cadence lock, found by the
// caller), and counts dropouts. It never changes s.
func cleanHR(s *activity.Streams, lock []physio.Span) cleaned {
	src := s.HeartRate
	if activity.Count(src) == 0 {
		return cleaned{}
	}
	hr := make([]float64, len(src))
	var c cleaned
	outOfRange, dropoutS, dropouts := 0, 0, 0
	first, last := validRange(src)
	inDropout := false
	for i, v := range src {
		switch {
		case math.IsNaN(v) || v <= 0:
			hr[i] = math.NaN()
			// A gap in every channel is a pause; a gap in heart rate
			// alone, inside the recording, is a dropout.
			if i > first && i < last && recording(s, i) {
				dropoutS++
				if !inDropout {
					dropouts++
				}
				inDropout = true
				continue
			}
		case v < minPlausibleBPM || v > maxPlausibleBPM:
			hr[i] = math.NaN()
			outOfRange++
		default:
			hr[i] = v
		}
		inDropout = false
	}
	if dropoutS > 0 {
		c.flags = append(c.flags, Flag{HRDropout,
			fmt.Sprintf("heart rate missing for %s in %d stretch%s while recording", say.Seconds(dropoutS), dropouts, plural(dropouts, "", "es")),
			dropoutS})
	}
	if spikes := removeSpikes(hr) + outOfRange; spikes > 0 {
		c.flags = append(c.flags, Flag{HRSpike,
			fmt.Sprintf("%d heart-rate sample%s removed: outside %d-%d bpm or a jump of more than %d bpm in a second",
				spikes, plural(spikes, "", "s"), minPlausibleBPM, maxPlausibleBPM, spikeBPM),
			spikes})
	}
	if end := strapWarmUpEnd(hr, s.SpeedMS); end > 0 {
		n := 0
		for i := range end {
			if !math.IsNaN(hr[i]) {
				hr[i] = math.NaN()
				n++
			}
		}
		c.flags = append(c.flags, Flag{HRStrapWarmUp,
			fmt.Sprintf("the first %s read implausibly low, then jumped into range (a dry chest strap): removed", say.Seconds(end)),
			n})
	}
	if lockS := removeSpans(hr, lock); lockS > 0 {
		c.flags = append(c.flags, Flag{HRCadenceLock,
			fmt.Sprintf("heart rate tracked step cadence for %s, likely an optical sensor locked onto the arm swing: "+
				"those seconds are left out of zones, load and the intensity judgement", say.Seconds(lockS)),
			lockS})
	}
	c.hr = hr
	c.validS = activity.Count(hr)
	return c
}

// validRange returns the indexes of the first and last valid positive
// samples of v, or -1, -1.
func validRange(v []float64) (first, last int) {
	first, last = -1, -1
	for i, x := range v {
		if x > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// recording reports whether a channel other than heart rate holds a value
// at second i.
func recording(s *activity.Streams, i int) bool {
	for _, c := range [...][]float64{s.DistanceM, s.SpeedMS, s.Cadence, s.Lat, s.AltitudeM, s.PowerW} {
		if i < len(c) && !math.IsNaN(c[i]) {
			return true
		}
	}
	return false
}

// removeSpikes sets to NaN every sample more than spikeBPM away from the
// median of the spikeWindowS seconds around it (when at least three of
// them hold values), and returns how many it removed. Judging is done on
// the trace as it was, so one removal does not sway the next.
func removeSpikes(hr []float64) int {
	const half = spikeWindowS / 2
	var before [half]float64 // original values of the seconds just judged
	for i := range before {
		before[i] = math.NaN()
	}
	removed := 0
	for i, v := range hr {
		// Within spikeBPM of both neighbours, v is within it of the
		// median too (three of the window's values lie in that band), so
		// the common case needs no sort.
		if i > 0 && i+1 < len(hr) && math.Abs(v-before[half-1]) <= spikeBPM && math.Abs(v-hr[i+1]) <= spikeBPM {
			copy(before[:], before[1:])
			before[half-1] = v
			continue
		}
		var win [spikeWindowS]float64
		n := 0
		for _, x := range before {
			if !math.IsNaN(x) {
				win[n] = x
				n++
			}
		}
		for j := i; j <= i+half && j < len(hr); j++ {
			if !math.IsNaN(hr[j]) {
				win[n] = hr[j]
				n++
			}
		}
		copy(before[:], before[1:])
		before[half-1] = v
		if math.IsNaN(v) || n < 3 {
			continue
		}
		if lo, hi := middle(win[:n]); v < lo-spikeBPM || v > hi+spikeBPM {
			hr[i] = math.NaN()
			removed++
		}
	}
	return removed
}

// middle sorts the few values of w in place and returns the two middle
// ones (the same one twice for an odd count). With an even count either
// could be the typical value, so a sample near either is kept.
func middle(w []float64) (lo, hi float64) {
	for i := 1; i < len(w); i++ {
		for j := i; j > 0 && w[j] < w[j-1]; j-- {
			w[j], w[j-1] = w[j-1], w[j]
		}
	}
	n := len(w)
	return w[(n-1)/2], w[n/2]
}

// strapWarmUpEnd returns the length of a dry strap's low start, or 0: at
// least warmUpMinS seconds within the first five minutes below
// warmUpLowRatio of the run's median, ended by a jump of warmUpJumpBPM
// from the warmUpJumpS seconds before crossing into range to the
// warmUpJumpS seconds after, while the runner was moving (when speed is
// known).
func strapWarmUpEnd(hr, speedMS []float64) int {
	med := medianBPM(hr)
	if med < warmUpMinBPM {
		return 0
	}
	low := warmUpLowRatio * med
	first, _ := validRange(hr)
	if first < 0 || hr[first] >= low {
		return 0
	}
	for j := first + 1; j < len(hr) && j <= warmUpSearchS; j++ {
		if math.IsNaN(hr[j]) || hr[j] < low {
			continue
		}
		if j-first < warmUpMinS {
			return 0
		}
		lowest, highest := math.Inf(1), math.Inf(-1)
		for k := max(first, j-warmUpJumpS); k <= j+warmUpJumpS && k < len(hr); k++ {
			switch {
			case math.IsNaN(hr[k]):
			case k < j:
				lowest = math.Min(lowest, hr[k])
			default:
				highest = math.Max(highest, hr[k])
			}
		}
		if highest-lowest < warmUpJumpBPM {
			return 0 // a gradual rise: physiology, not a strap
		}
		if m, ok := mean(speedMS, first, j); ok && m < warmUpMovingMS {
			return 0 // standing still: a low heart rate is real
		}
		return j
	}
	return 0
}

// mean is the mean of the valid values of v[from:to], if any.
func mean(v []float64, from, to int) (float64, bool) {
	sum, n := 0.0, 0
	for i := from; i < to && i < len(v); i++ {
		if !math.IsNaN(v[i]) {
			sum += v[i]
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum / float64(n), true
}

// medianBPM is the median of the valid values of hr to the nearest bpm,
// from a histogram: linear time, no allocation.
func medianBPM(hr []float64) float64 {
	var hist [maxPlausibleBPM + 2]int
	n := 0
	for _, v := range hr {
		if math.IsNaN(v) {
			continue
		}
		hist[min(max(int(math.Round(v)), 0), len(hist)-1)]++
		n++
	}
	if n == 0 {
		return 0
	}
	seen := 0
	for bpm, k := range hist {
		seen += k
		if 2*seen >= n {
			return float64(bpm)
		}
	}
	return 0
}

// removeSpans sets hr to NaN within the spans and returns how many valid
// seconds that removed.
func removeSpans(hr []float64, spans []physio.Span) int {
	n := 0
	for _, sp := range spans {
		for i := max(sp.StartS, 0); i < sp.EndS && i < len(hr); i++ {
			if !math.IsNaN(hr[i]) {
				hr[i] = math.NaN()
				n++
			}
		}
	}
	return n
}

// plural picks the singular or plural suffix for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
