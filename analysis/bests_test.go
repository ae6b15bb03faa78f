package analysis

import (
	"math"
	"testing"

	"github.com/easyrun/easyrun/activity"
)

// paced is a distance stream of one sample a second over legs of
// (metres, seconds per km), each at a constant pace.
func paced(legs ...[2]float64) []float64 {
	d := []float64{0}
	for _, l := range legs {
		base, speed := d[len(d)-1], 1000/l[1]
		end := base + l[0]
		for k := 1.0; d[len(d)-1] < end; k++ {
			d = append(d, min(base+speed*k, end))
		}
	}
	return d
}

func bestsOf(a *activity.Activity) map[float64]Best {
	out := map[float64]Best{}
	for _, b := range Bests(a) {
		out[b.DistanceM] = b
	}
	return out
}

func run(d []float64) *activity.Activity {
	return &activity.Activity{Sport: activity.Running, Streams: activity.Streams{DistanceM: d}}
}

// TestBestsConstantPace: at 4 m/s throughout, every distance takes
// exactly its length over 4, and the first one found, within the first
// second, is kept.
func TestBestsConstantPace(t *testing.T) {
	t.Parallel()
	d := make([]float64, 12001) // 48 km in 12000 s
	for i := range d {
		d[i] = 4 * float64(i)
	}
	got := bestsOf(run(d))
	if len(got) != len(BestDistances) {
		t.Fatalf("bests %+v, want one for each of %d distances", got, len(BestDistances))
	}
	for _, bd := range BestDistances {
		b := got[bd.Metres]
		if want := bd.Metres / 4; b.Seconds != want || b.StartS >= 1 {
			t.Errorf("%s: %v s from %v s, want exactly %v s within the first second", bd.Name, b.Seconds, b.StartS, want)
		}
	}
}

// TestBestsNegativeSplit: 5 km at 5:00/km, then 5 km at 4:00/km. The best
// kilometre and 5 km are in the second half; the 10 km is the whole run;
// a half marathon is longer than the run and has no best.
func TestBestsNegativeSplit(t *testing.T) {
	t.Parallel()
	got := bestsOf(run(paced([2]float64{5000, 300}, [2]float64{5000, 240})))
	for _, tc := range []struct {
		m, sec, from float64 // from: the earliest the best may start
	}{
		{1000, 240, 1500}, // any kilometre after the split, at 1500 s
		{5000, 1200, 1500},
		{10000, 2700, 0},
	} {
		b, ok := got[tc.m]
		if !ok || math.Abs(b.Seconds-tc.sec) > 1e-6 || b.StartS < tc.from-1e-6 {
			t.Errorf("best %v m = %+v (found %v), want %v s from %v s or later", tc.m, b, ok, tc.sec, tc.from)
		}
	}
	if b, ok := got[21097.5]; ok {
		t.Errorf("a 10 km run has a half-marathon best: %+v", b)
	}
}

// TestBestsInterpolates: the start of the best falls between samples.
// 300 m at 3 m/s, then 1000 m at 5 m/s: the fastest kilometre is the
// last 200 s; one of 1.1 km reaches 100 m back into the slow part,
// 33.3 s more.
func TestBestsInterpolates(t *testing.T) {
	t.Parallel()
	var d []float64
	for i := 0; i <= 100; i++ {
		d = append(d, 3*float64(i))
	}
	for i := 1; i <= 200; i++ {
		d = append(d, 300+5*float64(i))
	}
	s := segments(d)
	if len(s) != 1 {
		t.Fatalf("%d segments, want 1", len(s))
	}
	for _, tc := range []struct{ m, sec float64 }{{1000, 200}, {1100, 200 + 100.0/3}, {1300, 300}} {
		b, ok := fastest(s[0], tc.m)
		if !ok || math.Abs(b.Seconds-tc.sec) > 1e-9 {
			t.Errorf("fastest %v m = %+v, %v; want %v s", tc.m, b, ok, tc.sec)
		}
	}
	if b, ok := fastest(s[0], 1301); ok {
		t.Errorf("fastest 1301 m of a 1300 m run = %+v", b)
	}
}

// TestBestsGapsAndJumps: a pause (NaN) counts in the elapsed time; a GPS
// jump faster than any runner, or distance going back, splits the run so
// that no best spans it.
func TestBestsGapsAndJumps(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	// 1 km at 4 m/s, a 50 s pause, then 1 km more.
	d := paced([2]float64{1000, 250})
	for range 50 {
		d = append(d, nan)
	}
	for i := 1; i <= 250; i++ {
		d = append(d, 1000+4*float64(i))
	}
	s := segments(d)
	if len(s) != 1 {
		t.Fatalf("a pause split the run into %d segments", len(s))
	}
	// 2 km took 250 s, 51 s for 4 m across the pause, and 249 s: the
	// pause's time counts.
	if b, ok := fastest(s[0], 2000); !ok || b.Seconds != 550 {
		t.Errorf("2 km across a pause = %+v, want 550 s elapsed", b)
	}
	// A jump of 900 m in a second would make a 1 km of 30 s.
	jump := []float64{0, 4, 8, 908, 912, 916, 920, 10, 14}
	segs := segments(jump)
	if len(segs) != 3 || len(segs[0].m) != 3 || len(segs[1].m) != 4 || len(segs[2].m) != 2 {
		t.Fatalf("segments of a jump and a fall back = %+v, want 3 of 3, 4 and 2 samples", segs)
	}
	if got := Bests(run(jump)); len(got) != 0 {
		t.Errorf("bests across a GPS jump: %+v", got)
	}
}

// TestBestsTrust: only runs with a distance stream and no untrusted flag
// have bests.
func TestBestsTrust(t *testing.T) {
	t.Parallel()
	d := paced([2]float64{2000, 300})
	ride := run(d)
	ride.Sport = activity.Cycling
	jumped := run(d)
	jumped.Flags.Add(activity.ClockJump, "jumped")
	unnamed := run(d)
	unnamed.Sport = activity.Unknown
	for _, tc := range []struct {
		name string
		a    *activity.Activity
		want int
	}{
		{"run", run(d), 1},
		{"run naming no sport", unnamed, 1},
		{"ride", ride, 0},
		{"clock jump", jumped, 0},
		{"no distance", run(nil), 0},
	} {
		if got := Bests(tc.a); len(got) != tc.want {
			t.Errorf("%s: %d bests (%+v), want %d", tc.name, len(got), got, tc.want)
		}
	}
}

// BenchmarkBests measures the bests of a marathon-long run: 3 hours at
// one sample a second, every distance searched.
func BenchmarkBests(b *testing.B) {
	a := run(paced([2]float64{42195, 256}))
	for b.Loop() {
		Bests(a)
	}
}
