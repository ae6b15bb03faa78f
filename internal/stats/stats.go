// Package stats holds the small statistics the pure packages share.
package stats

import "slices"

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
