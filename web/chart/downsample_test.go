package chart

import (
	"math"
	"math/rand/v2"
	"testing"
)

// trace is a heart-rate-like series: a slow wave, noise, one high and one
// low spike, and gaps at the given indexes.
func trace(n int, gaps ...[2]int) []Point {
	rng := rand.New(rand.NewPCG(1, 2))
	pts := make([]Point, n)
	for i := range pts {
		pts[i] = Point{float64(i), 140 + 15*math.Sin(float64(i)/300) + rng.NormFloat64()*2}
	}
	pts[n/3].Y = 199
	pts[2*n/3].Y = 61
	for _, g := range gaps {
		for i := g[0]; i < g[1]; i++ {
			pts[i].Y = math.NaN()
		}
	}
	return pts
}

func TestDownsample(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name     string
		pts      []Point
		n        int
		wantLen  int // -1: only bounded
		segments int
	}{
		{"empty", nil, 10, 0, 0},
		{"one point", []Point{{0, 1}}, 10, 1, 1},
		{"all gaps", []Point{{0, nan}, {1, nan}}, 10, 1, 0},
		{"short kept whole", []Point{{0, 1}, {1, 2}, {2, nan}, {3, 4}}, 10, 4, 2},
		{"n below two", trace(100), 0, 2, 1},
		{"three", trace(100), 3, 4, 1},
		{"long", trace(14400), 800, 800, 1},
		{"long with gaps", trace(14400, [2]int{1000, 1060}, [2]int{9000, 9005}, [2]int{14390, 14400}), 800, -1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Downsample(tt.pts, tt.n)
			if tt.wantLen >= 0 && len(got) != tt.wantLen {
				t.Errorf("len = %d, want %d", len(got), tt.wantLen)
			}
			segments, gaps := 0, 0
			for i, p := range got {
				switch {
				case p.gap():
					gaps++
				case i == 0 || got[i-1].gap():
					segments++
				}
			}
			if segments != tt.segments {
				t.Errorf("%d segments, want %d", segments, tt.segments)
			}
			if limit := max(tt.n, 2) + 2*segments + gaps; len(got) > limit {
				t.Errorf("len = %d, more than %d", len(got), limit)
			}
			checkKept(t, tt.pts, got)
		})
	}
}

// checkKept checks that got is an ordered subset of pts that keeps the
// highest and lowest value (unless it was asked for two points) and both
// ends of every segment.
func checkKept(t *testing.T, pts, got []Point) {
	t.Helper()
	index := make(map[float64]int, len(pts))
	for i, p := range pts {
		index[p.X] = i
	}
	last := -1
	for _, p := range got {
		i, ok := index[p.X]
		if !ok || i <= last {
			t.Fatalf("point %v is not the next input point", p)
		}
		// Consecutive valid points must not skip over a gap in the input.
		if !p.gap() && last >= 0 && !pts[last].gap() {
			for j := last + 1; j < i; j++ {
				if pts[j].gap() {
					t.Fatalf("points %d and %d bridge the gap at %d", last, i, j)
				}
			}
		}
		last = i
	}
	lo, hi, n := extent(ysOf(pts))
	if n == 0 || len(got) == 2 {
		return
	}
	glo, ghi, _ := extent(ysOf(got))
	if glo != lo || ghi != hi {
		t.Errorf("kept range %v..%v, want the extremes %v..%v", glo, ghi, lo, hi)
	}
	for i, p := range pts {
		end := !p.gap() && (i == 0 || pts[i-1].gap() || i == len(pts)-1 || pts[i+1].gap())
		if !end {
			continue
		}
		found := false
		for _, q := range got {
			found = found || q.X == p.X
		}
		if !found {
			t.Errorf("segment end %v was dropped", p)
		}
	}
}
