// Package storetest provides realistic test activities and a conformance
// suite that every store.Store implementation runs against a real database.
package storetest

import (
	"math"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// Run is a realistic recording of an easy run of durationS seconds from
// start, on a 1 s grid with every channel, a 20 s dropout of heart rate
// and GPS, two laps and a flag. source decides how rich it is: a GPX
// recording carries no speed, cadence or power, as Strava exports them.
func Run(start time.Time, durationS int, source activity.Format) *activity.Activity {
	const lat0, lon0 = 52.3702157, 4.8951679
	s := activity.Streams{
		DistanceM: make([]float64, durationS),
		SpeedMS:   make([]float64, durationS),
		HeartRate: make([]float64, durationS),
		Cadence:   make([]float64, durationS),
		AltitudeM: make([]float64, durationS),
		Lat:       make([]float64, durationS),
		Lon:       make([]float64, durationS),
		PowerW:    make([]float64, durationS),
	}
	distM := 0.0
	for i := range durationS {
		t := float64(i)
		speed := 2.9 + 0.25*math.Sin(t/97) + 0.03*math.Sin(t*1.7) // wobbling like a real pace
		distM += speed
		s.SpeedMS[i] = speed
		s.DistanceM[i] = distM
		s.HeartRate[i] = math.Round(128 + 10*(1-math.Exp(-t/300)) + 3*math.Sin(t/41))
		s.Cadence[i] = math.Round(166 + 4*math.Sin(t/53))
		s.AltitudeM[i] = 12 + 6*math.Sin(t/400) + 0.2*math.Sin(t*0.9)
		s.Lat[i] = lat0 + distM/111_320*math.Cos(t/600)
		s.Lon[i] = lon0 + distM/68_000*math.Sin(t/600)
		s.PowerW[i] = math.Round(240 + 25*math.Sin(t/31))
	}
	for i := 600; i < 620 && i < durationS; i++ { // a dropout under a bridge
		s.HeartRate[i], s.Lat[i], s.Lon[i] = math.NaN(), math.NaN(), math.NaN()
	}
	if source == activity.GPX {
		s.SpeedMS, s.Cadence, s.PowerW = nil, nil, nil
	}
	a := &activity.Activity{
		Sport:          activity.Running,
		SubSport:       "road",
		Name:           "Morning run",
		Start:          start,
		LocalOffset:    2 * time.Hour,
		HasLocalOffset: source == activity.FIT,
		RPE:            3,
		Notes:          "easy, after Tuesday's intervals",
		Device:         activity.Device{Maker: "garmin", Product: "fr965", Serial: "3412345678"},
		Source:         source,
		Streams:        s,
	}
	half := time.Duration(durationS/2) * time.Second
	a.Laps = []activity.Lap{
		{Start: start, Elapsed: half, Moving: half - 3*time.Second, DistanceM: s.DistanceM[durationS/2-1], AvgHeartRate: 133.5, MaxHeartRate: 141, Intensity: "active", Trigger: "distance"},
		{Start: start.Add(half), Elapsed: half, Moving: half, DistanceM: distM - s.DistanceM[durationS/2-1], AvgHeartRate: 137.25, MaxHeartRate: 144, Intensity: "active", Trigger: "session_end"},
	}
	a.Flags.Add(activity.BadChecksum, "CRC 0x1234, want 0x4321")
	a.Summarize()
	a.AscentM = 41.5
	return a
}
