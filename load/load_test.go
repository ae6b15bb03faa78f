package load

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

var day0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// days is consecutive days from day0 with the given loads.
func days(loads ...float64) []Day {
	d := make([]Day, len(loads))
	for i, l := range loads {
		d[i] = Day{Date: day0.AddDate(0, 0, i), Load: l}
	}
	return d
}

// repeat is n copies of load.
func repeat(load float64, n int) []float64 {
	l := make([]float64, n)
	for i := range l {
		l[i] = load
	}
	return l
}

func TestSeriesExamples(t *testing.T) {
	t.Parallel()
	// science.md §5: from zero, 100 a day for 7 days → CTL 15.52, ATL 66.01,
	// and form the next morning CTL − ATL = −50.49.
	ps := Series(days(append(repeat(100, 7), 0)...))
	if p := ps[6]; !near(p.Fitness, 15.52, 0.01) || !near(p.Fatigue, 66.01, 0.01) {
		t.Errorf("after 7 days of 100: fitness %.3f fatigue %.3f, want 15.52 66.01", p.Fitness, p.Fatigue)
	}
	if p := ps[7]; !near(p.Form, -50.49, 0.01) {
		t.Errorf("form on day 8 = %.3f, want -50.49", p.Form)
	}
	if ps[0].Form != 0 {
		t.Errorf("form on day 1 = %v, want 0 (no yesterday)", ps[0].Form)
	}

	// science.md §5: 28 days at 50 then 7 at 100 → acute 93.32, chronic 65.58, ratio 1.423.
	ps = Series(days(append(repeat(50, 28), repeat(100, 7)...)...))
	p := ps[len(ps)-1]
	if !near(p.Acute, 93.32, 0.01) || !near(p.Chronic, 65.58, 0.01) || !near(p.ACWR, 1.423, 0.001) {
		t.Errorf("ACWR example: acute %.3f chronic %.3f ratio %.4f, want 93.32 65.58 1.423", p.Acute, p.Chronic, p.ACWR)
	}
}

// Banister's performance after one impulse w on day 0 is, on day t,
// k1·w·e^(−t/τ1) − k2·w·e^(−t/τ2).
func TestSeriesPerformance(t *testing.T) {
	t.Parallel()
	ps := Series(days(append([]float64{100}, repeat(0, 60)...)...))
	if ps[0].Performance != 0 {
		t.Errorf("performance on the day of the load = %v, want 0", ps[0].Performance)
	}
	for _, d := range []int{1, 7, 14, 30, 60} {
		want := 100*math.Exp(-float64(d)/42) - 2*100*math.Exp(-float64(d)/7)
		if got := ps[d].Performance; !near(got, want, 1e-9) {
			t.Errorf("performance on day %d = %.4f, want %.4f", d, got, want)
		}
	}
	// Fatigue fades faster than fitness: performance turns positive.
	if ps[30].Performance <= 0 {
		t.Errorf("performance 30 days after one load = %.2f, want positive", ps[30].Performance)
	}
}

func TestSeriesDates(t *testing.T) {
	t.Parallel()
	paris := time.FixedZone("CET", 3600)
	in := []Day{
		{Date: day0.AddDate(0, 0, 3).Add(18 * time.Hour), Load: 40},
		{Date: time.Date(2026, 1, 1, 0, 30, 0, 0, paris), Load: 60}, // 1 January locally
		{Date: day0.Add(7 * time.Hour), Load: 30},
		{Date: day0.AddDate(0, 0, 2), Load: math.NaN()},
		{Date: day0.AddDate(0, 0, 2), Load: -5},
	}
	ps := Series(in)
	var dates []string
	var loads []float64
	for _, p := range ps {
		dates = append(dates, p.Date.Format(time.DateOnly))
		loads = append(loads, p.Load)
	}
	wantDates := []string{"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"}
	wantLoads := []float64{90, 0, 0, 40}
	if !reflect.DeepEqual(dates, wantDates) || !reflect.DeepEqual(loads, wantLoads) {
		t.Errorf("Series dates %v loads %v, want %v %v", dates, loads, wantDates, wantLoads)
	}
	if ps[3].Days != 4 || ps[3].Date.Location() != time.UTC {
		t.Errorf("last point = %+v, want day 4 at midnight UTC", ps[3])
	}
	if got := Series(nil); got != nil {
		t.Errorf("Series(nil) = %v, want nil", got)
	}
}

// Property: a constant daily load is where every average settles, form
// goes to zero and the ratio to one.
func TestSeriesConverges(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		l := 1 + r.Float64()*300
		p := Series(days(repeat(l, 1000)...))[999]
		for name, got := range map[string]float64{
			"fitness": p.Fitness, "fatigue": p.Fatigue, "acute": p.Acute, "chronic": p.Chronic,
		} {
			if !near(got, l, 1e-6*l) {
				t.Fatalf("%s after 1000 days at %.2f = %.6f", name, l, got)
			}
		}
		if !near(p.Form, 0, 1e-6*l) || !near(p.ACWR, 1, 1e-9) {
			t.Fatalf("at %.2f a day: form %.6f ACWR %.6f, want 0 and 1", l, p.Form, p.ACWR)
		}
	}
}

func TestWeek(t *testing.T) {
	t.Parallel()
	tests := []struct {
		loads    [7]float64
		monotony float64
		strain   float64
		ok       bool
	}{
		// science.md §5.
		{[7]float64{100, 0, 60, 40, 80, 0, 120}, 1.319, 527.5, true},
		{[7]float64{50, 50, 50, 50, 50, 50, 50}, 0, 0, false},
		{[7]float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, 0, 0, false},
		{[7]float64{}, 0, 0, false},
		{[7]float64{100, math.NaN(), 0, 0, 0, 0, 0}, 0, 0, false},
		{[7]float64{100, -1, 0, 0, 0, 0, 0}, 0, 0, false},
	}
	for _, tt := range tests {
		m, s, ok := Week(tt.loads)
		if ok != tt.ok || !near(m, tt.monotony, 0.001) || !near(s, tt.strain, 0.1) {
			t.Errorf("Week(%v) = %.4f %.2f %v, want %.3f %.1f %v", tt.loads, m, s, ok, tt.monotony, tt.strain, tt.ok)
		}
	}
}

func TestMeaning(t *testing.T) {
	t.Parallel()
	spike := Series(days(append(repeat(50, 28), repeat(100, 7)...)...))
	fresh := Series(days(append(repeat(80, 60), repeat(0, 10)...)...))
	tests := []struct {
		name string
		p    Point
		want []string
	}{
		{"nothing yet", Point{}, []string{"no training load yet"}},
		{"first day", Series(days(100))[0], []string{"form +0: with 1 days of history, fitness has not built up enough",
			"ACWR 3.63: a big spike in load", "with only 1 days of history the ratio is not yet reliable"}},
		// A new runner's fitness is still tiny: form is not judged as a share of it.
		{"ten days in", Series(days(repeat(60, 10)...))[9], []string{"form -", "with 10 days of history, fitness has not built up enough"}},
		{"spike", spike[len(spike)-1], []string{"form -45 (-125 % of fitness): heavy fatigue",
			"ACWR 1.42: a spike in load; above 1.3 the injury risk rises (Gabbett 2016)"}},
		{"taper", fresh[len(fresh)-1], []string{"form +29 (+61 % of fitness): very fresh", "ACWR 0.12: less load than you are used to"}},
		{"productive", Point{Days: 100, Fitness: 50, Fatigue: 60, Form: -12, Chronic: 50, ACWR: 1.05},
			[]string{"fitness 50", "fatigue 60", "form -12 (-24 % of fitness): you are carrying fatigue from training",
				"ACWR 1.05: in the 0.8-1.3 range linked with a lower injury risk (Gabbett 2016)"}},
		{"ready", Point{Days: 100, Fitness: 50, Fatigue: 45, Form: 5, Chronic: 50, ACWR: 1.6},
			[]string{"form +5 (+10 % of fitness): fresh: ready for a hard session", "ACWR 1.60: a big spike in load, above 1.5"}},
		{"neutral", Point{Days: 100, Fitness: 50, Fatigue: 50, Form: -1, Chronic: 50, ACWR: 1},
			[]string{"form -1 (-2 % of fitness): neutral"}},
	}
	for _, tt := range tests {
		got := strings.Join(tt.p.Meaning(), "\n")
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: Meaning =\n%s\nlacks %q", tt.name, got, w)
			}
		}
	}
}

// BenchmarkSeries10Years is ten years of daily loads; it must stay well
// under a millisecond.
func BenchmarkSeries10Years(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	in := make([]Day, 3650)
	for i := range in {
		in[i] = Day{Date: day0.AddDate(0, 0, i), Load: r.Float64() * 150}
	}
	for b.Loop() {
		Series(in)
	}
}

// TestMeaningWithoutFitness: after weeks without training, fitness near
// zero gives no share of it to judge form by.
func TestMeaningWithoutFitness(t *testing.T) {
	m := Point{Fitness: 0.4, Fatigue: 0.01, Form: 0.41, Days: 400}.Meaning()
	if got := m[1]; !strings.Contains(got, "fitness is near zero") || strings.Contains(got, "%") {
		t.Errorf("form words %q, want no share of a near-zero fitness", got)
	}
}

// TestContinueIsExact holds a series continued from the State of any of
// its days equal, to the last bit, to the whole series from the next day
// on: over random histories with gaps, several sessions a day, days given
// out of order, and loads that are ignored.
func TestContinueIsExact(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 19))
	for c := range 300 {
		var ds []Day
		at := day0
		for range 1 + rng.IntN(400) {
			at = at.Add(time.Duration(rng.IntN(3*24)) * time.Hour)
			l := rng.Float64() * 200
			switch rng.IntN(20) {
			case 0:
				l = -1
			case 1:
				l = math.NaN()
			case 2:
				l = 0
			}
			ds = append(ds, Day{Date: at.In(time.FixedZone("", 3600*(rng.IntN(27)-12))), Load: l})
		}
		rng.Shuffle(len(ds)/10, func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
		whole := Series(ds)
		if len(whole) == 0 {
			continue
		}
		k := rng.IntN(len(whole))
		got := Continue(whole[k].State(), ds)
		if want := whole[k+1:]; !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
			t.Fatalf("case %d: continued from day %d of %d: %d points differ from the whole series' %d", c, k, len(whole), len(got), len(want))
		}
		if again := Continue(State{}, ds); !reflect.DeepEqual(again, whole) {
			t.Fatalf("case %d: Continue from the zero State is not Series", c)
		}
	}
}
