package analysis

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/easyrun/easyrun/activity"
)

func TestFindBouts(t *testing.T) {
	t.Parallel()
	// trace builds a heart-rate trace from (seconds, bpm) pairs.
	trace := func(parts ...float64) []float64 {
		var v []float64
		for i := 0; i+1 < len(parts); i += 2 {
			for range int(parts[i]) {
				v = append(v, parts[i+1])
			}
		}
		return v
	}
	nan := math.NaN()
	tests := []struct {
		name      string
		x         []float64
		count     int
		shortestS int
		longestS  int
	}{
		{"three bouts", trace(60, 120, 90, 170, 60, 130, 90, 170, 60, 130, 90, 170, 60, 120), 3, 90, 90},
		{"a short bout is not counted", trace(90, 170, 60, 130, 30, 170, 60, 130), 1, 90, 90},
		{"a sag above lo does not end a bout", trace(90, 170, 60, 155, 90, 170), 1, 240, 240},
		{"a brief dip below lo does not end a bout", trace(90, 170, 20, 130, 90, 170), 1, 200, 200},
		{"a gap is no rest", trace(90, 170, 120, nan, 90, 170), 1, 300, 300},
		{"nothing", trace(600, 120), 0, 0, 0},
		{"empty", nil, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := findBouts(tt.x, 162, 152, 60, 30, 1)
			if b.count != tt.count || b.shortestS != tt.shortestS || b.longestS != tt.longestS {
				t.Errorf("got %d bouts of %d-%d s, want %d of %d-%d s", b.count, b.shortestS, b.longestS, tt.count, tt.shortestS, tt.longestS)
			}
		})
	}
}

func TestRemoveSpikes(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	tests := []struct {
		name    string
		hr      []float64
		removed int
	}{
		{"one up", []float64{130, 131, 230, 131, 130}, 1},
		{"one down", []float64{150, 150, 90, 151, 150, 150}, 1},
		{"two", []float64{130, 130, 200, 205, 131, 130, 130}, 2},
		{"a step is kept", []float64{120, 120, 120, 150, 150, 150}, 0},
		{"steady", []float64{140, 141, 142, 141, 140}, 0},
		{"beside gaps", []float64{130, nan, 230, nan, 130, 131}, 1},
		{"too few to judge", []float64{130, nan, nan, 230, nan, nan, 131}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			hr := append([]float64(nil), tt.hr...)
			if n := removeSpikes(hr); n != tt.removed || activity.Count(hr) != activity.Count(tt.hr)-tt.removed {
				t.Errorf("removed %d (%v), want %d", n, hr, tt.removed)
			}
		})
	}
}

func TestAnalyzeSpeedFromDistance(t *testing.T) {
	t.Parallel()
	// A TCX file records distance but no speed.
	a := synth(seg{durationS: 2400, hr: 140})
	a.Streams.SpeedMS = nil
	r := Analyze(a, Context{Athlete: athlete})
	if r.AvgSpeedMS != 3 || r.EF != round(180.0/140, 3) {
		t.Errorf("speed %v m/s, EF %v: want 3 m/s from the distance stream", r.AvgSpeedMS, r.EF)
	}
}

func TestAnalyzeDriftWithoutSpeed(t *testing.T) {
	t.Parallel()
	a := synth(seg{durationS: 1200, hr: 130}, seg{durationS: 1200, hr: 136})
	a.Streams.SpeedMS, a.Streams.DistanceM = nil, nil
	r := Analyze(a, Context{Athlete: athlete})
	if r.DriftBPM != 6 || r.EF != 0 || r.Decoupling.Applies {
		t.Errorf("drift %v bpm, EF %v, decoupling %+v: want 6 bpm, no EF, no decoupling", r.DriftBPM, r.EF, r.Decoupling)
	}
}

// FuzzAnalyze feeds Analyze arbitrary traces: it must never panic, its
// result must marshal to JSON, and its time in zones must always add up
// to the time with heart rate.
func FuzzAnalyze(f *testing.F) {
	f.Add([]byte{130, 130, 230, 0, 131, 172, 172, 30}, uint8(3), uint8(0))
	f.Add([]byte{0, 0, 0, 255, 255, 1, 2, 3}, uint8(0), uint8(1))
	f.Add([]byte{}, uint8(8), uint8(2))
	f.Fuzz(func(t *testing.T, trace []byte, rpe, sport uint8) {
		// Each byte is one second: heart rate (0 a dropout, 255 a gap),
		// with cadence and speed derived from it.
		var s activity.Streams
		for i, b := range trace {
			hr := float64(b)
			if b == 255 {
				hr = math.NaN()
			}
			s.HeartRate = append(s.HeartRate, hr)
			s.Cadence = append(s.Cadence, float64(172-i%7))
			s.SpeedMS = append(s.SpeedMS, float64(b%8))
			s.DistanceM = append(s.DistanceM, float64(i)*3)
		}
		a := &activity.Activity{
			Sport:   []activity.Sport{activity.Running, activity.Walking, activity.Unknown}[int(sport)%3],
			RPE:     int(rpe) % 12,
			Streams: s,
		}
		a.Summarize()
		r := Analyze(a, Context{Athlete: athlete, MedianDailyLoad: 40})
		sum := 0
		for _, z := range r.Zones {
			sum += z.Seconds
		}
		if sum != r.HRSeconds && len(r.Zones) > 0 {
			t.Errorf("zones hold %d s, heart rate %d s", sum, r.HRSeconds)
		}
		if _, err := json.Marshal(r); err != nil {
			t.Errorf("result does not marshal (a NaN?): %v", err)
		}
		if r.Class == "" || len(r.Reasons) == 0 || r.Hard != (len(r.HardReasons) > 0) {
			t.Errorf("class %q, reasons %q, hard %v with %q", r.Class, r.Reasons, r.Hard, r.HardReasons)
		}
	})
}
