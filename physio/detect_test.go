package physio

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// run builds a heart-rate stream from (bpm, seconds) pieces.
func run(pieces ...[2]float64) []float64 {
	var hr []float64
	for _, p := range pieces {
		hr = append(hr, constant(p[0], int(p[1]))...)
	}
	return hr
}

func TestCadenceLock(t *testing.T) {
	t.Parallel()
	hr := run([2]float64{150, 100}, [2]float64{177, 120}, [2]float64{150, 100})
	cad := constant(178, len(hr))
	// A 3-s wobble inside the lock is bridged; a locked minute is not enough.
	wobbly := append([]float64(nil), hr...)
	for i := 150; i < 153; i++ {
		wobbly[i] = 170
	}
	short := run([2]float64{150, 100}, [2]float64{178, 60}, [2]float64{150, 100})
	tests := []struct {
		name string
		hr   []float64
		cad  []float64
		want []Span
	}{
		{"locked two minutes", hr, cad, []Span{{100, 220}}},
		{"wobble bridged", wobbly, cad, []Span{{100, 220}}},
		{"one minute is not a lock", short, constant(178, len(short)), nil},
		{"no cadence", hr, nil, nil},
		{"gaps are not a lock", constant(math.NaN(), 200), constant(math.NaN(), 200), nil},
	}
	for _, tt := range tests {
		if got := CadenceLock(tt.hr, tt.cad); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: CadenceLock = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDetectMaxHR(t *testing.T) {
	t.Parallel()
	// A genuine effort: a ramp (under 20 bpm/s) to 172 held for a minute.
	var base []float64
	for bpm := 120.0; bpm < 172; bpm += 2 {
		base = append(base, bpm)
	}
	base = append(base, run([2]float64{172, 60}, [2]float64{140, 300})...)
	spiked := func(at int, bpm float64, n int) []float64 {
		hr := append([]float64(nil), base...)
		for i := at; i < at+n; i++ {
			hr[i] = bpm
		}
		return hr
	}
	locked := append(append([]float64(nil), base...), run([2]float64{178, 120}, [2]float64{150, 60})...)
	lockedCad := append(constant(165, len(base)), constant(178, 180)...)
	tests := []struct {
		name    string
		hr, cad []float64
		want    float64
	}{
		{"clean", base, nil, 172},
		{"single 230 spike", spiked(100, 230, 1), nil, 172},
		{"1-s 215 jump", spiked(100, 215, 1), nil, 172},
		{"5-s 215 plateau after a jump", spiked(100, 215, 5), nil, 172},
		{"out-of-range values", spiked(100, 250, 12), nil, 172},
		{"cadence lock at 178", locked, lockedCad, 172},
		{"same stretch without cadence counts", locked, nil, 178},
	}
	start := time.Date(2026, 3, 1, 7, 12, 0, 0, time.UTC)
	for _, tt := range tests {
		s := &activity.Streams{HeartRate: tt.hr, Cadence: tt.cad}
		v, ok := DetectMaxHR([]Candidate{{ActivityID: 42, Start: start, Streams: s}})
		if !ok || v.V != tt.want {
			t.Errorf("%s: DetectMaxHR = %.1f %v, want %.1f", tt.name, v.V, ok, tt.want)
		}
	}
}

func TestDetectMaxHRLocatesTheEffort(t *testing.T) {
	t.Parallel()
	easy := &activity.Streams{HeartRate: run([2]float64{140, 600})}
	hard := &activity.Streams{HeartRate: run([2]float64{150, 30}, [2]float64{160, 5}, [2]float64{188, 20}, [2]float64{150, 30})}
	day := time.Date(2026, 3, 1, 7, 12, 0, 0, time.UTC)
	v, ok := DetectMaxHR([]Candidate{
		{ActivityID: 1, Start: day.AddDate(0, 0, -3), Streams: easy},
		{ActivityID: 2, Start: day, Streams: hard},
		{ActivityID: 3, Start: day, Streams: nil},
	})
	if !ok {
		t.Fatal("nothing detected")
	}
	// 150 → 160 is a 10 bpm step, 160 → 188 a 28 bpm jump: the 188 stretch starts at 35 s.
	want := activity.Value{
		V: 188, Origin: activity.Detected, ActivityID: 2, At: day.Add(35 * time.Second),
		Detail: "detected: 188 bpm sustained 10 s in your run of 2026-03-01 07:12 (spikes and cadence lock ignored)",
	}
	if v != want {
		t.Errorf("DetectMaxHR = %+v,\nwant %+v", v, want)
	}
}

func TestDetectMaxHRNothingClean(t *testing.T) {
	t.Parallel()
	for _, hr := range [][]float64{nil, constant(math.NaN(), 100), run([2]float64{150, 9})} {
		if v, ok := DetectMaxHR([]Candidate{{Streams: &activity.Streams{HeartRate: hr}}}); ok {
			t.Errorf("DetectMaxHR(%d samples) = %+v, want nothing", len(hr), v)
		}
	}
}

// FuzzDetectMaxHR checks that any stream, however broken, gives either
// nothing or a plausible value that was really held for 10 s.
func FuzzDetectMaxHR(f *testing.F) {
	f.Add([]byte{150, 150, 230, 150, 150, 150, 150, 150, 150, 150, 150, 150, 150})
	f.Add([]byte(strings.Repeat("\xb2", 200)))
	f.Fuzz(func(t *testing.T, b []byte) {
		hr := make([]float64, len(b))
		cad := make([]float64, len(b))
		for i, x := range b {
			hr[i] = float64(x)
			cad[i] = float64(x ^ 0x01)
			if x == 0 {
				hr[i] = math.NaN()
			}
		}
		v, ok := DetectMaxHR([]Candidate{{Streams: &activity.Streams{HeartRate: hr, Cadence: cad}}})
		if !ok {
			return
		}
		if !plausible(v.V) {
			t.Fatalf("implausible max %v", v.V)
		}
		held := 0
		for _, x := range hr {
			if x >= v.V {
				held++
			}
		}
		if held < sustainS {
			t.Fatalf("max %v held for only %d s", v.V, held)
		}
	})
}
