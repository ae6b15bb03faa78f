package analysis

import "math"

// bouts summarises the stretches of a trace spent at or above a level.
type bouts struct {
	count      int // stretches lasting at least the minimum
	shortestS  int // of those counted
	longestS   int // of all stretches, counted or not
	totalS     int // seconds in counted stretches
	firstStart int // start of the first counted stretch, -1 when none
}

// findBouts finds the stretches of x at work: one starts when x reaches
// hi and lasts while x stays at or above lo, so a brief sag does not end
// it; it ends once x has been seen below lo for restS seconds. Missing
// seconds are no evidence of rest: a gap (a dropout, a stretch removed
// as cadence lock) never splits a bout in two.
// Stretches of at least workS seconds are counted. When smoothS > 1, x is
// first smoothed by a trailing mean over that many seconds (speed from
// GPS is noisy; heart rate is smooth already). It does not allocate.
func findBouts(x []float64, hi, lo float64, workS, restS, smoothS int) bouts {
	return scanBouts(x, hi, lo, workS, restS, smoothS, nil)
}

// scanBouts is findBouts that also calls each, when not nil, with the
// seconds [from, to) of every counted stretch, in order.
func scanBouts(x []float64, hi, lo float64, workS, restS, smoothS int, each func(from, to int)) bouts {
	b := bouts{firstStart: -1}
	var ring [maxSmoothS]float64
	smoothS = min(max(smoothS, 1), maxSmoothS)
	sum, n := 0.0, 0
	inWork := false
	start, lastHigh, seenRestS := 0, 0, 0 // seconds seen below lo since lastHigh
	end := func() {
		d := lastHigh + 1 - start
		b.longestS = max(b.longestS, d)
		if d < workS {
			return
		}
		if b.count == 0 || d < b.shortestS {
			b.shortestS = d
		}
		if b.firstStart < 0 {
			b.firstStart = start
		}
		b.count++
		b.totalS += d
		if each != nil {
			each(start, lastHigh+1)
		}
	}
	for i, v := range x {
		// Trailing mean of the valid values among the last smoothS seconds.
		old := ring[i%smoothS]
		if i >= smoothS && !math.IsNaN(old) {
			sum -= old
			n--
		}
		ring[i%smoothS] = v
		if !math.IsNaN(v) {
			sum += v
			n++
		}
		if math.IsNaN(v) || n == 0 {
			continue
		}
		m := sum / float64(n)
		switch {
		case !inWork && m >= hi:
			inWork, start, lastHigh, seenRestS = true, i, i, 0
		case inWork && m >= lo:
			lastHigh, seenRestS = i, 0
		case inWork:
			if seenRestS++; seenRestS >= restS {
				end()
				inWork = false
			}
		}
	}
	if inWork {
		end()
	}
	return b
}

// maxSmoothS bounds the smoothing window of findBouts.
const maxSmoothS = 16
