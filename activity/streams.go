package activity

import "math"

// Streams are per-second samples on a regular grid: sample i belongs to
// Start + i seconds. A missing value is NaN, so a gap (dropout, timer
// pause, lost signal) stays a gap and is never filled with invented data.
// A channel the file did not record at all is nil.
type Streams struct {
	DistanceM []float64 // metres from the start
	SpeedMS   []float64 // metres per second
	HeartRate []float64 // beats per minute
	Cadence   []float64 // steps per minute, both feet
	AltitudeM []float64 // metres above sea level
	Lat       []float64 // degrees
	Lon       []float64 // degrees
	PowerW    []float64 // watts
}

// Len is the number of seconds on the grid: the longest channel.
func (s *Streams) Len() int {
	n := 0
	for _, c := range s.Channels() {
		n = max(n, len(*c.Values))
	}
	return n
}

// Channel names one stream of a Streams value, for code that treats them
// alike (storage, resampling).
type Channel struct {
	Name   string
	Values *[]float64
}

// Channels lists every channel in a fixed order. The order is part of the
// stored format: append new channels, never reorder.
func (s *Streams) Channels() []Channel {
	return []Channel{
		{"distance_m", &s.DistanceM},
		{"speed_ms", &s.SpeedMS},
		{"heart_rate", &s.HeartRate},
		{"cadence", &s.Cadence},
		{"altitude_m", &s.AltitudeM},
		{"lat", &s.Lat},
		{"lon", &s.Lon},
		{"power_w", &s.PowerW},
	}
}

// Count is the number of samples in v that are not gaps.
func Count(v []float64) int {
	n := 0
	for _, x := range v {
		if !math.IsNaN(x) {
			n++
		}
	}
	return n
}

// Gap is the value of a missing sample.
var Gap = math.NaN()
