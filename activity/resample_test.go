package activity

import (
	"math"
	"testing"
	"time"
)

func TestResample(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 7, 0, 0, 0, time.UTC)
	at := func(sec float64, hr float64) Sample {
		s := NewSample(t0.Add(time.Duration(sec * float64(time.Second))))
		s.HeartRate = hr
		return s
	}
	resume := at(60, 150)
	resume.Resume = true
	got := Resample(t0, []Sample{
		at(0, 100),
		at(4, 120),  // smart recording: 4 s apart, interpolated
		at(30, 130), // 26 s later: a gap, kept
		at(31.5, 133),
		resume, // after a pause: not bridged even though close
		at(58, 140),
	})
	hr := got.HeartRate
	if len(hr) != 61 {
		t.Fatalf("len = %d, want 61", len(hr))
	}
	want := map[int]float64{0: 100, 1: 105, 2: 110, 3: 115, 4: 120, 30: 130, 31: 132, 58: 140, 60: 150}
	for k, v := range want {
		if math.Abs(hr[k]-v) > 1e-9 {
			t.Errorf("hr[%d] = %v, want %v", k, hr[k], v)
		}
	}
	for _, k := range []int{5, 20, 29, 33, 59} {
		if !math.IsNaN(hr[k]) {
			t.Errorf("hr[%d] = %v, want a gap", k, hr[k])
		}
	}
	if got.SpeedMS != nil || got.Lat != nil {
		t.Errorf("channels no sample carries must stay nil")
	}
}

func TestSameSession(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 7, 0, 0, 0, time.UTC)
	watch := &Activity{Sport: Running, Start: t0, Elapsed: 40 * time.Minute, Source: FIT}
	strava := &Activity{Sport: Running, Start: t0.Add(20 * time.Second), Elapsed: 39 * time.Minute, Source: GPX}
	ride := &Activity{Sport: Cycling, Start: t0, Elapsed: 40 * time.Minute}
	later := &Activity{Sport: Running, Start: t0.Add(2 * time.Minute), Elapsed: 40 * time.Minute}
	short := &Activity{Sport: Running, Start: t0, Elapsed: 20 * time.Minute}
	if !SameSession(watch, strava) {
		t.Error("watch FIT and Strava GPX of one run must match")
	}
	for _, b := range []*Activity{ride, later, short} {
		if SameSession(watch, b) {
			t.Errorf("%+v must not match the watch run", b)
		}
	}
	if Richness(watch) <= Richness(strava) {
		t.Error("with equal data, the FIT recording is the richer")
	}
}

func TestSummarizeMovingNeverExceedsElapsed(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 7, 0, 0, 0, time.UTC)
	var samples []Sample
	for i := range 60 {
		s := NewSample(t0.Add(time.Duration(i) * time.Second))
		s.HeartRate = 120
		samples = append(samples, s)
	}
	a := &Activity{Start: t0, Streams: Resample(t0, samples)}
	a.Summarize()
	if a.Elapsed != time.Minute || a.Moving != time.Minute {
		t.Errorf("60 samples a second apart: elapsed %v, moving %v; want 1m0s both", a.Elapsed, a.Moving)
	}
}
