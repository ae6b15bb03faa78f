// Package stats holds the small statistics the pure packages share.
package stats

import (
	"math"
	"slices"
)

// Median is the median of v, or 0 for none. It sorts v in place.
func Median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m]
	}
	return (v[m-1] + v[m]) / 2
}

// MeanSD is the mean of v and its sample standard deviation (n − 1 in the
// denominator); 0, 0 for none, and a standard deviation of 0 for one value.
func MeanSD(v []float64) (mean, sd float64) {
	if len(v) == 0 {
		return 0, 0
	}
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	if len(v) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(v)-1))
}
