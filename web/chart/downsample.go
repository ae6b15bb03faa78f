package chart

import "math"

// Point is one sample of a series. A point whose X or Y is NaN (or
// infinite) is a gap: a line is broken there, never drawn across.
type Point struct {
	X, Y float64
}

// gap reports a missing coordinate; v-v is NaN for NaN and ±Inf alone.
func (p Point) gap() bool { return math.IsNaN(p.X-p.X) || math.IsNaN(p.Y-p.Y) }

// Downsample reduces pts to about n points with largest-triangle-three-
// buckets (LTTB, Steinarsson 2013), which keeps the shape a line chart
// shows. It is gap-aware: each run of gap points becomes one gap point
// (the run's first) and each contiguous segment between them is reduced
// on its own, with a share of n proportional to its length, but never
// fewer than its two ends. A segment given three points or more keeps
// its highest and lowest Y (one more point when they fall in the same
// bucket), so a chart's peak is the real peak. When pts has no more than n valid
// points they are returned as they are, gaps collapsed likewise.
func Downsample(pts []Point, n int) []Point {
	valid := 0
	for _, p := range pts {
		if !p.gap() {
			valid++
		}
	}
	n = max(n, 2)
	out := make([]Point, 0, min(len(pts), n+(len(pts)-valid)))
	for i := 0; i < len(pts); {
		if pts[i].gap() {
			out = append(out, pts[i])
			for i < len(pts) && pts[i].gap() {
				i++
			}
			continue
		}
		j := i
		for j < len(pts) && !pts[j].gap() {
			j++
		}
		seg := pts[i:j]
		keep := len(seg)
		if valid > n {
			keep = min(len(seg), max(2, n*len(seg)/valid))
		}
		out = lttb(out, seg, keep)
		i = j
	}
	return out
}

// lttb appends to out m points chosen from seg, which has no gaps.
func lttb(out, seg []Point, m int) []Point {
	if m >= len(seg) {
		return append(out, seg...)
	}
	if m < 3 {
		return append(out, seg[0], seg[len(seg)-1])
	}
	lo, hi := 0, 0
	for i, p := range seg {
		if p.Y < seg[lo].Y {
			lo = i
		}
		if p.Y > seg[hi].Y {
			hi = i
		}
	}
	out = append(out, seg[0])
	// Buckets split the points between the fixed first and last ones.
	every := float64(len(seg)-2) / float64(m-2)
	a := seg[0]
	for b := range m - 2 {
		from := int(float64(b)*every) + 1
		to := int(float64(b+1)*every) + 1
		// The third corner is the mean of the next bucket, or the last point.
		next := seg[len(seg)-1]
		if b < m-3 {
			nTo := min(int(float64(b+2)*every)+1, len(seg)-1)
			next = mean(seg[to:nTo])
		}
		best, bestArea := from, -1.0
		for i := from; i < to; i++ {
			area := math.Abs((a.X-next.X)*(seg[i].Y-a.Y) - (a.X-seg[i].X)*(next.Y-a.Y))
			if area > bestArea {
				best, bestArea = i, area
			}
		}
		// The segment's extremes win their bucket, both if they share it:
		// a chart must not lower the peak heart rate it shows.
		in := func(e int) bool { return e >= from && e < to }
		switch {
		case in(lo) && in(hi):
			out = append(out, seg[min(lo, hi)])
			best = max(lo, hi)
		case in(lo):
			best = lo
		case in(hi):
			best = hi
		}
		a = seg[best]
		out = append(out, a)
	}
	return append(out, seg[len(seg)-1])
}

func mean(pts []Point) Point {
	var s Point
	for _, p := range pts {
		s.X += p.X
		s.Y += p.Y
	}
	n := float64(len(pts))
	return Point{s.X / n, s.Y / n}
}
