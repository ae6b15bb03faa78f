package activity

import (
	"math"
	"sort"
	"time"
)

// Sample is one recorded point as a file gives it, before resampling.
// A field the point does not carry is NaN (use NewSample).
type Sample struct {
	Time      time.Time
	DistanceM float64
	SpeedMS   float64
	HeartRate float64
	Cadence   float64 // steps per minute, both feet
	AltitudeM float64
	Lat, Lon  float64
	PowerW    float64
	// Resume marks the first sample after a timer pause: values are never
	// interpolated across it.
	Resume bool
}

// NewSample is a sample at t with every value missing.
func NewSample(t time.Time) Sample {
	n := math.NaN()
	return Sample{Time: t, DistanceM: n, SpeedMS: n, HeartRate: n, Cadence: n, AltitudeM: n, Lat: n, Lon: n, PowerW: n}
}

// MaxInterpolationGap is the longest interval between two recorded samples
// that resampling bridges by interpolation. Smart recording writes a point
// every 1-8 s; anything longer is a real gap (lost signal, pause) and stays one.
const MaxInterpolationGap = 15 * time.Second

// Resample places samples onto a regular 1 s grid starting at start
// (truncated to the second). Between two recorded values no more than
// MaxInterpolationGap apart and not separated by a pause, values are
// interpolated linearly; everywhere else the grid holds NaN. Samples
// before start are dropped. Samples need not be sorted.
func Resample(start time.Time, samples []Sample) Streams {
	start = start.Truncate(time.Second)
	sorted := make([]Sample, 0, len(samples))
	for _, s := range samples {
		if !s.Time.Before(start) {
			sorted = append(sorted, s)
		}
	}
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Time.Before(sorted[j].Time) })
	var out Streams
	if len(sorted) == 0 {
		return out
	}
	n := int(sorted[len(sorted)-1].Time.Sub(start)/time.Second) + 1

	// pause[i] is the number of pauses resumed at or before sample i, so two
	// samples belong to one stretch of timer time when their counts match.
	pause := make([]int, len(sorted))
	for i, s := range sorted {
		if i > 0 {
			pause[i] = pause[i-1]
		}
		if s.Resume && i > 0 {
			pause[i]++
		}
	}
	fields := []struct {
		get func(*Sample) float64
		dst *[]float64
	}{
		{func(s *Sample) float64 { return s.DistanceM }, &out.DistanceM},
		{func(s *Sample) float64 { return s.SpeedMS }, &out.SpeedMS},
		{func(s *Sample) float64 { return s.HeartRate }, &out.HeartRate},
		{func(s *Sample) float64 { return s.Cadence }, &out.Cadence},
		{func(s *Sample) float64 { return s.AltitudeM }, &out.AltitudeM},
		{func(s *Sample) float64 { return s.Lat }, &out.Lat},
		{func(s *Sample) float64 { return s.Lon }, &out.Lon},
		{func(s *Sample) float64 { return s.PowerW }, &out.PowerW},
	}
	for _, f := range fields {
		*f.dst = resampleChannel(start, n, sorted, pause, f.get)
	}
	return out
}

// resampleChannel fills one channel of the grid, or returns nil when no
// sample carries it.
func resampleChannel(start time.Time, n int, samples []Sample, pause []int, get func(*Sample) float64) []float64 {
	var grid []float64
	prev := -1 // index of the previous sample carrying this channel
	for i := range samples {
		v := get(&samples[i])
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		if grid == nil {
			grid = make([]float64, n)
			for k := range grid {
				grid[k] = math.NaN()
			}
		}
		t := samples[i].Time.Sub(start)
		if prev >= 0 && pause[prev] == pause[i] {
			t0 := samples[prev].Time.Sub(start)
			if gap := t - t0; gap > 0 && gap <= MaxInterpolationGap {
				v0 := get(&samples[prev])
				// Fill the whole seconds strictly after t0 and strictly before t.
				for k := int(t0/time.Second) + 1; time.Duration(k)*time.Second < t; k++ {
					at := time.Duration(k)*time.Second - t0
					grid[k] = v0 + (v-v0)*float64(at)/float64(gap)
				}
			}
		}
		if k := int(t / time.Second); k < n {
			if t%time.Second == 0 || math.IsNaN(grid[k]) {
				grid[k] = v
			}
		}
		prev = i
	}
	return grid
}

// DistanceBetween is the great-circle distance in metres between two
// positions in degrees (haversine on a sphere of the mean Earth radius).
func DistanceBetween(lat1, lon1, lat2, lon2 float64) float64 {
	const earthRadiusM = 6371008.8
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusM * math.Asin(math.Min(1, math.Sqrt(h)))
}
