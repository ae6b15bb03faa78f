package fit

import (
	"math"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// hourRun is an hour's run with heart rate, cadence, distance and
// altitude, and a two-minute pause at 30 min.
func hourRun() *activity.Activity {
	const (
		n      = 3600 + 120
		pauseS = 1800
	)
	nan := math.NaN()
	s := activity.Streams{
		DistanceM: make([]float64, n), SpeedMS: make([]float64, n), HeartRate: make([]float64, n),
		Cadence: make([]float64, n), AltitudeM: make([]float64, n),
	}
	dist := 0.0
	for i := range n {
		if i >= pauseS && i < pauseS+120 {
			for _, c := range s.Channels() {
				if *c.Values != nil {
					(*c.Values)[i] = nan
				}
			}
			continue
		}
		speed := 3 + 0.3*math.Sin(float64(i)/300)
		dist += speed
		s.DistanceM[i] = dist
		s.SpeedMS[i] = speed
		s.HeartRate[i] = 130 + float64(i%40)
		s.Cadence[i] = 170 + float64(i%7)*0.5 // odd steps per minute: half a step per leg
		s.AltitudeM[i] = 100 + 10*math.Sin(float64(i)/600)
	}
	return &activity.Activity{
		Sport: activity.Running, SubSport: "trail",
		Start:       time.Date(2026, 3, 1, 6, 30, 0, 0, time.UTC),
		LocalOffset: 2 * time.Hour, HasLocalOffset: true,
		Elapsed: (n - 1) * time.Second, Moving: 3600 * time.Second,
		DistanceM: dist, AvgHeartRate: 149.5, MaxHeartRate: 169,
		Device:  activity.Device{Maker: "garmin", Product: "fr965", Serial: "3448026845"},
		Source:  activity.FIT,
		Streams: s,
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	want := hourRun()
	data, err := EncodeActivity(want)
	if err != nil {
		t.Fatal(err)
	}
	acts, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 1 {
		t.Fatalf("decoded %d activities, want 1", len(acts))
	}
	got := acts[0]
	if !got.Start.Equal(want.Start) || got.Sport != want.Sport || got.SubSport != want.SubSport {
		t.Errorf("start, sport = %v %s/%s, want %v %s/%s", got.Start, got.Sport, got.SubSport, want.Start, want.Sport, want.SubSport)
	}
	if got.Moving != want.Moving || got.Elapsed != want.Elapsed {
		t.Errorf("moving, elapsed = %v, %v; want %v, %v", got.Moving, got.Elapsed, want.Moving, want.Elapsed)
	}
	if math.Abs(got.DistanceM-want.DistanceM) > 0.01 {
		t.Errorf("distance = %.2f, want %.2f", got.DistanceM, want.DistanceM)
	}
	if got.LocalOffset != want.LocalOffset || !got.HasLocalOffset {
		t.Errorf("local offset = %v (%v), want %v", got.LocalOffset, got.HasLocalOffset, want.LocalOffset)
	}
	if got.Device != want.Device {
		t.Errorf("device = %+v, want %+v", got.Device, want.Device)
	}
	if len(got.Flags) != 0 {
		t.Errorf("flags = %v, want none", got.Flags)
	}
	channels := []struct {
		name      string
		got, want []float64
		tolerance float64
	}{
		{"heart rate", got.Streams.HeartRate, want.Streams.HeartRate, 0},
		{"cadence", got.Streams.Cadence, want.Streams.Cadence, 1.0 / 64},
		{"distance", got.Streams.DistanceM, want.Streams.DistanceM, 0.005},
		{"speed", got.Streams.SpeedMS, want.Streams.SpeedMS, 0.0005},
		{"altitude", got.Streams.AltitudeM, want.Streams.AltitudeM, 0.1},
	}
	for _, c := range channels {
		if len(c.got) != len(c.want) {
			t.Errorf("%s: %d samples, want %d", c.name, len(c.got), len(c.want))
			continue
		}
		for i := range c.want {
			g, w := c.got[i], c.want[i]
			if math.IsNaN(g) != math.IsNaN(w) || math.Abs(g-w) > c.tolerance {
				t.Errorf("%s[%d] = %v, want %v", c.name, i, g, w)
				break
			}
		}
	}
}

// TestEncodeDefaults checks the device named for activities without one,
// and a cycling cadence kept in revolutions per minute.
func TestEncodeDefaults(t *testing.T) {
	a := hourRun()
	a.Sport, a.SubSport, a.Device, a.Laps = activity.Cycling, "", activity.Device{}, nil
	data, err := EncodeActivity(a)
	if err != nil {
		t.Fatal(err)
	}
	acts, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	got := acts[0]
	if got.Device.Maker != "development" || got.Device.Product != DefaultProduct {
		t.Errorf("device = %+v, want development / %s", got.Device, DefaultProduct)
	}
	if c := got.Streams.Cadence[0]; math.Abs(c-170) > 1.0/128 {
		t.Errorf("cycling cadence = %v, want 170", c)
	}
	if len(got.Laps) != 1 || got.Laps[0].Moving != a.Moving {
		t.Errorf("laps = %+v, want one lap of the whole run", got.Laps)
	}
}

func TestEncodeBeforeEpoch(t *testing.T) {
	if _, err := EncodeActivity(&activity.Activity{Start: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)}); err == nil {
		t.Error("no error for a start before the FIT epoch")
	}
}

func BenchmarkEncodeActivity(b *testing.B) {
	a := hourRun()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := EncodeActivity(a); err != nil {
			b.Fatal(err)
		}
	}
}
