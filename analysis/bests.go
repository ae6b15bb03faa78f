package analysis

import (
	"math"
	"slices"

	"github.com/easyrun/easyrun/activity"
)

// BestDistance is a distance personal bests are kept for.
type BestDistance struct {
	Name   string  // "half marathon"
	Metres float64 // 21097.5
}

// BestDistances are the distances of the personal bests: the road
// racing distances from the kilometre to the marathon.
var BestDistances = []BestDistance{
	{"1 km", 1000},
	{"5 km", 5000},
	{"10 km", 10000},
	{"half marathon", 21097.5},
	{"marathon", 42195},
}

// Best is the fastest an activity covered one distance in, anywhere
// inside it.
type Best struct {
	DistanceM float64 `json:"distance_m"`
	// Seconds is the elapsed time the distance took: a pause inside it
	// counts, as a race clock would count it.
	Seconds float64 `json:"seconds"`
	// StartS is where it began, in seconds from the activity's start.
	StartS float64 `json:"start_s"`
}

// maxRunSpeedMS is faster than any runner has run (Bolt's top speed was
// about 12.4 m/s): distance gained faster than this, or lost, is a GPS
// jump, and no best effort may span it.
const maxRunSpeedMS = 12.5

// untrusted are the data-quality flags under which a recording's
// distance over time cannot make a personal best: its clock jumped, its
// summary and samples disagree, or its date is unknown.
var untrusted = []activity.FlagCode{activity.ClockJump, activity.SummaryMismatch, activity.UnsetClock}

// Bests finds the fastest segment of each of BestDistances inside a run,
// from its distance stream: none for another sport, a run without a
// distance stream (GPS or foot pod), or one whose data is flagged as
// untrustworthy. A distance longer than the run has no best.
func Bests(a *activity.Activity) []Best {
	if !isRun(a.Sport) || slices.ContainsFunc(untrusted, a.Flags.Has) {
		return nil
	}
	segs := segments(a.Streams.DistanceM)
	var out []Best
	for _, d := range BestDistances {
		best := Best{DistanceM: d.Metres, Seconds: math.Inf(1)}
		for _, s := range segs {
			if b, ok := fastest(s, d.Metres); ok && b.Seconds < best.Seconds {
				best = b
			}
		}
		if !math.IsInf(best.Seconds, 1) {
			out = append(out, best)
		}
	}
	return out
}

// segment is a stretch of plausible distance samples: at t[k] seconds
// from the start the runner had covered m[k] metres, m never falling nor
// rising faster than maxRunSpeedMS.
type segment struct {
	t []int
	m []float64
}

// segments splits a distance stream into its plausible stretches, gaps
// (NaN) skipped. The stretches share two arrays, sized once for the
// whole stream: it runs for every imported run.
func segments(distanceM []float64) []segment {
	var (
		out   []segment
		t     = make([]int, 0, len(distanceM))
		m     = make([]float64, 0, len(distanceM))
		start = 0 // where the current stretch begins in t and m
	)
	for i, d := range distanceM {
		if math.IsNaN(d) {
			continue
		}
		if n := len(t); n > start {
			if step := d - m[n-1]; step < 0 || step > maxRunSpeedMS*float64(i-t[n-1]) {
				out = append(out, segment{t: t[start:n:n], m: m[start:n:n]})
				start = n
			}
		}
		t, m = append(t, i), append(m, d)
	}
	return append(out, segment{t: t[start:], m: m[start:]})
}

// fastest is the quickest the segment covers metres in, with two
// pointers over its cumulative distance: for each end sample, the start
// moves forward to the last sample with the distance still behind it,
// and the exact start is interpolated between that sample and the next.
// Each pointer only moves forward, so the search is linear.
func fastest(s segment, metres float64) (Best, bool) {
	best := Best{DistanceM: metres, Seconds: math.Inf(1)}
	i := 0
	for j := 1; j < len(s.m); j++ {
		from := s.m[j] - metres // where a segment ending at j starts
		if from < s.m[0] {
			continue
		}
		for s.m[i+1] <= from {
			i++
		}
		// s.m[i] ≤ from < s.m[i+1]: the runner passed from between them.
		start := float64(s.t[i]) + (from-s.m[i])/(s.m[i+1]-s.m[i])*float64(s.t[i+1]-s.t[i])
		if sec := float64(s.t[j]) - start; sec < best.Seconds {
			best.Seconds, best.StartS = sec, start
		}
	}
	return best, !math.IsInf(best.Seconds, 1)
}
