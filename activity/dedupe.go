package activity

import "time"

// Two recordings are of the same session when they are of the same sport,
// started within SameStartWithin of each other and lasted about as long:
// the watch's FIT file and the GPX Strava made of it, say.
const (
	SameStartWithin   = time.Minute
	SameDurationRatio = 0.10 // durations differ by at most 10 % of the longer
)

// SameSession reports whether a and b record the same session.
func SameSession(a, b *Activity) bool {
	if a.Sport != b.Sport && a.Sport != Unknown && b.Sport != Unknown {
		return false
	}
	d := a.Start.Sub(b.Start)
	if d < 0 {
		d = -d
	}
	if d > SameStartWithin {
		return false
	}
	la, lb := a.Elapsed, b.Elapsed
	if la < lb {
		la, lb = lb, la
	}
	return float64(la-lb) <= SameDurationRatio*float64(la)
}

// Richness scores how much a recording holds, so that of two recordings of
// one session the richer is kept: channels with data first, then the
// format (FIT carries the most), then the number of samples.
func Richness(a *Activity) int {
	score := 0
	for _, c := range a.Streams.Channels() {
		if Count(*c.Values) > 0 {
			score += 1000
		}
	}
	if a.AvgHeartRate > 0 {
		score += 1000
	}
	switch a.Source {
	case FIT:
		score += 300
	case TCX:
		score += 200
	case GPX:
		score += 100
	}
	if a.Flags.Has(Partial) {
		score -= 500
	}
	return score + min(a.Streams.Len()/60, 99) // about a point a minute, capped below a format step
}
