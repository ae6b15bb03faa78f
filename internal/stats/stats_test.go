package stats

import "testing"

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		v    []float64
		want float64
	}{
		{nil, 0},
		{[]float64{7}, 7},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := Median(tc.v); got != tc.want {
			t.Errorf("Median(%v) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestMeanSD(t *testing.T) {
	for _, tc := range []struct {
		v        []float64
		mean, sd float64
	}{
		{nil, 0, 0},
		{[]float64{7}, 7, 0},
		// Sample SD of 2, 4, 4, 4, 5, 5, 7, 9: sqrt(32/7).
		{[]float64{2, 4, 4, 4, 5, 5, 7, 9}, 5, 2.138089935299395},
	} {
		if m, sd := MeanSD(tc.v); m != tc.mean || sd != tc.sd {
			t.Errorf("MeanSD(%v) = %v, %v; want %v, %v", tc.v, m, sd, tc.mean, tc.sd)
		}
	}
}
