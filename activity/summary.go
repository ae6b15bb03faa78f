package activity

import (
	"fmt"
	"math"
	"time"
)

// ClockSetSince is the earliest start of a real activity file: earlier
// dates are a device clock that was never set (FIT counts from the last
// day of 1989). Such an activity is flagged UnsetClock, and the recovery
// audit and the load leave it out: its day is not the day it was run.
var ClockSetSince = time.Date(1998, 1, 1, 0, 0, 0, 0, time.UTC)

// MovingSpeedMS is the speed below which a second counts as standing still
// when a file gives no timer time of its own (GPX).
const MovingSpeedMS = 0.5

// Summarize fills the summary fields a decoder could not read from the
// file itself (zero values) from the streams, and flags missing data.
// Values the file stated (a FIT session's distance, a TCX lap's time) win.
func (a *Activity) Summarize() {
	s := &a.Streams
	n := s.Len()
	// Each sample of the grid covers one second, so n samples last n seconds.
	if a.Elapsed == 0 && n > 0 {
		a.Elapsed = time.Duration(n) * time.Second
	}
	if a.Moving == 0 && n > 0 {
		a.Moving = min(time.Duration(movingSeconds(s, n))*time.Second, a.Elapsed)
	}
	if a.DistanceM == 0 {
		a.DistanceM = lastValue(s.DistanceM)
	}
	if hr := s.HeartRate; a.AvgHeartRate == 0 || a.MaxHeartRate == 0 {
		sum, cnt, peak := 0.0, 0, 0.0
		for _, v := range hr {
			if !math.IsNaN(v) && v > 0 {
				sum += v
				cnt++
				peak = math.Max(peak, v)
			}
		}
		if cnt > 0 {
			if a.AvgHeartRate == 0 {
				a.AvgHeartRate = sum / float64(cnt)
			}
			if a.MaxHeartRate == 0 {
				a.MaxHeartRate = peak
			}
		}
	}
	if a.Source != Manual {
		if sport, why, ok := InferSport(a); ok {
			a.Sport = sport
			a.Flags.Add(SportInferred, "the file states no sport: "+string(sport)+", since "+why)
		}
		if a.Start.Before(ClockSetSince) {
			a.Flags.Add(UnsetClock, fmt.Sprintf("dated %s, before %d: the device's clock was not set; kept out of the recovery audit and the load",
				a.Start.Format("2006-01-02"), ClockSetSince.Year()))
		}
		if n == 0 {
			a.Flags.Add(NoStreams, "the file has a summary but no per-second samples")
		}
		if Count(s.HeartRate) == 0 && a.AvgHeartRate == 0 {
			a.Flags.Add(NoHeartRate, "no heart-rate samples in the file")
		}
	}
}

// movingSeconds counts the seconds that hold data and, where speed is
// known, show the runner moving.
func movingSeconds(s *Streams, n int) int {
	chans := s.Channels()
	moving := 0
	for i := 0; i < n; i++ {
		if i < len(s.SpeedMS) && !math.IsNaN(s.SpeedMS[i]) {
			if s.SpeedMS[i] >= MovingSpeedMS {
				moving++
			}
			continue
		}
		for _, c := range chans {
			if v := *c.Values; i < len(v) && !math.IsNaN(v[i]) {
				moving++
				break
			}
		}
	}
	return moving
}

// lastValue is the last non-gap value of v, or 0.
func lastValue(v []float64) float64 {
	for i := len(v) - 1; i >= 0; i-- {
		if !math.IsNaN(v[i]) {
			return v[i]
		}
	}
	return 0
}
