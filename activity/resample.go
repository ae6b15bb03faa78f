package activity

import (
	"math"
	"slices"
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
//
// Resample runs once per imported activity over every recorded point, so
// it is one pass over the samples for all channels, reading each time
// once, and copies and sorts them only when they are not already in order.
func Resample(start time.Time, samples []Sample) Streams {
	start = start.Truncate(time.Second)
	kept := inOrderFrom(start, samples)
	var out Streams
	if len(kept) == 0 {
		return out
	}
	n := int(kept[len(kept)-1].Time.Sub(start)/time.Second) + 1
	grids := [...]*[]float64{&out.DistanceM, &out.SpeedMS, &out.HeartRate, &out.Cadence,
		&out.AltitudeM, &out.Lat, &out.Lon, &out.PowerW}

	// The previous sample carrying each channel: its time, value and the
	// number of pauses resumed before it, so that two samples belong to
	// one stretch of timer time when their counts match.
	var (
		prevT     [len(grids)]time.Duration
		prevV     [len(grids)]float64
		prevPause [len(grids)]int
		hasPrev   [len(grids)]bool
	)
	pauses := 0
	for i := range kept {
		s := &kept[i]
		if s.Resume && i > 0 {
			pauses++
		}
		t := s.Time.Sub(start)
		values := [len(grids)]float64{s.DistanceM, s.SpeedMS, s.HeartRate, s.Cadence,
			s.AltitudeM, s.Lat, s.Lon, s.PowerW}
		for c, v := range values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			grid := *grids[c]
			if grid == nil {
				grid = make([]float64, n)
				for k := range grid {
					grid[k] = math.NaN()
				}
				*grids[c] = grid
			}
			if hasPrev[c] && prevPause[c] == pauses {
				t0, v0 := prevT[c], prevV[c]
				if gap := t - t0; gap > 0 && gap <= MaxInterpolationGap {
					// Fill the whole seconds strictly after t0 and strictly before t.
					for k := int(t0/time.Second) + 1; time.Duration(k)*time.Second < t; k++ {
						at := time.Duration(k)*time.Second - t0
						grid[k] = v0 + (v-v0)*float64(at)/float64(gap)
					}
				}
			}
			if k := int(t / time.Second); t%time.Second == 0 || math.IsNaN(grid[k]) {
				grid[k] = v
			}
			prevT[c], prevV[c], prevPause[c], hasPrev[c] = t, v, pauses, true
		}
	}
	return out
}

// inOrderFrom returns the samples at or after start in order of time,
// equal times in their given order: samples itself when it already is.
func inOrderFrom(start time.Time, samples []Sample) []Sample {
	ok := true
	for i := range samples {
		if samples[i].Time.Before(start) || i > 0 && samples[i].Time.Before(samples[i-1].Time) {
			ok = false
			break
		}
	}
	if ok {
		return samples
	}
	kept := make([]Sample, 0, len(samples))
	for _, s := range samples {
		if !s.Time.Before(start) {
			kept = append(kept, s)
		}
	}
	slices.SortStableFunc(kept, func(a, b Sample) int { return a.Time.Compare(b.Time) })
	return kept
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
