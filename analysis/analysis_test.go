package analysis

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// athlete is the fixed runner of the tests: max 190, rest 50, male,
// 70 kg, born 1986.
var athlete = activity.Athlete{
	BirthYear: 1986,
	Sex:       activity.Male,
	MassKg:    70,
	MaxHR:     activity.Value{V: 190, Origin: activity.SetByRunner},
	RestingHR: activity.Value{V: 50, Origin: activity.SetByRunner},
}

// seg is a stretch of constant values in a synthetic run. A NaN leaves
// a gap; a zero cadence means "not recorded".
type seg struct {
	durationS int
	hr        float64 // bpm
	speedMS   float64
	cadence   float64 // steps per minute
}

// at is heart rate at fraction p of the test athlete's max.
func at(p float64) float64 { return math.Round(p * 190) }

// synth builds a run from segments, at 3 m/s unless a segment says
// otherwise.
func synth(segs ...seg) *activity.Activity {
	var s activity.Streams
	dist := 0.0
	for _, g := range segs {
		speed := g.speedMS
		if speed == 0 {
			speed = 3
		}
		cad := g.cadence
		if cad == 0 {
			cad = math.NaN()
		}
		for range g.durationS {
			s.HeartRate = append(s.HeartRate, g.hr)
			s.SpeedMS = append(s.SpeedMS, speed)
			s.Cadence = append(s.Cadence, cad)
			if !math.IsNaN(speed) {
				dist += speed
			}
			s.DistanceM = append(s.DistanceM, dist)
		}
	}
	a := &activity.Activity{
		Sport:   activity.Running,
		Start:   time.Date(2026, 3, 1, 7, 0, 0, 0, time.UTC),
		Source:  activity.FIT,
		Streams: s,
	}
	a.Summarize()
	return a
}

// intervals is 10 min warm-up, n × (work at work, rest at rest), 10 min cool-down.
func intervalRun(n, workS, restS int, work, rest float64) *activity.Activity {
	segs := []seg{{durationS: 600, hr: at(0.65)}}
	for range n {
		segs = append(segs, seg{durationS: workS, hr: work, speedMS: 4.5}, seg{durationS: restS, hr: rest, speedMS: 2.5})
	}
	segs = append(segs, seg{durationS: 600, hr: at(0.65)})
	return synth(segs...)
}

func TestAnalyzeClass(t *testing.T) {
	t.Parallel()
	withRPE := func(a *activity.Activity, rpe int) *activity.Activity { a.RPE = rpe; return a }
	named := func(a *activity.Activity, name string) *activity.Activity { a.Name = name; return a }
	sport := func(a *activity.Activity, s activity.Sport) *activity.Activity { a.Sport = s; return a }
	nan := math.NaN()
	tests := []struct {
		name       string
		a          *activity.Activity
		ctx        Context
		class      Class
		hard       bool
		reason     string // a substring of one of the reasons
		hardReason string // a substring of one of the hard reasons
	}{
		{
			name:   "steady 40 min at 65 %",
			a:      synth(seg{durationS: 2400, hr: at(0.65)}),
			class:  Recovery,
			reason: "40 min of 40 min below the recovery cap of 133 bpm (70 % of max 190)",
		},
		{
			name:   "steady 40 min at 78 %",
			a:      synth(seg{durationS: 2400, hr: at(0.78)}),
			class:  Easy,
			reason: "easy, not recovery: 40 min above the recovery cap of 133 bpm (70 % of max 190), more than 3 min",
		},
		{
			name:       "6 × 3 min at 92 % with 2 min jogs",
			a:          intervalRun(6, 180, 120, at(0.92), at(0.65)),
			class:      Intervals,
			hard:       true,
			reason:     "6 bouts of 3 min at or above 162 bpm (85 % of max 190)",
			hardReason: "6 bouts",
		},
		{
			name: "25 min continuous at 90 %",
			a: synth(seg{durationS: 600, hr: at(0.65)}, seg{durationS: 1500, hr: at(0.90)},
				seg{durationS: 600, hr: at(0.65)}),
			class:      Tempo,
			hard:       true,
			hardReason: "25 min continuously at or above 167 bpm (88 % of max 190): threshold",
		},
		{
			name:   "2 h at 70 %",
			a:      synth(seg{durationS: 7200, hr: at(0.70)}),
			class:  Long,
			hard:   true, // a long run is a hard day for placement
			reason: "2 h 00 min, at least 1 h 30 min: long",
		},
		{
			name:   "long by the runner's typical run",
			a:      synth(seg{durationS: 4000, hr: at(0.68)}),
			ctx:    Context{TypicalRunDuration: 40 * time.Minute},
			class:  Long,
			hard:   true, // a long run is a hard day for placement
			reason: "at least 1.5 × your typical run of 40 min",
		},
		{
			name: "long run with 30 min in zone 4 is hard",
			a: synth(seg{durationS: 4200, hr: at(0.70)}, seg{durationS: 1800, hr: at(0.84)},
				seg{durationS: 600, hr: at(0.70)}),
			class:      Long,
			hard:       true,
			hardReason: "30 min continuously in zone 4",
		},
		{
			name: "cadence lock of 8 min in an easy run",
			a: synth(seg{durationS: 900, hr: 130}, seg{durationS: 480, hr: 172, cadence: 172},
				seg{durationS: 1020, hr: 130}),
			class:  Recovery,
			reason: "8 min of likely cadence lock were left out",
		},
		{
			name: "cadence lock of 20 min would look like threshold",
			a: synth(seg{durationS: 600, hr: 130}, seg{durationS: 1200, hr: 172, cadence: 172},
				seg{durationS: 600, hr: 130}),
			class: Recovery,
		},
		{
			name:   "no heart rate, RPE 3",
			a:      withRPE(synth(seg{durationS: 2100, hr: nan}), 3),
			class:  Recovery,
			reason: "RPE 3 logged (easy: full conversation",
		},
		{
			name:       "no heart rate, RPE 8",
			a:          withRPE(synth(seg{durationS: 2700, hr: nan}), 8),
			class:      Intervals,
			hard:       true,
			hardReason: "RPE 8",
		},
		{
			name:   "no heart rate, RPE 4, 100 min",
			a:      withRPE(synth(seg{durationS: 6000, hr: nan}), 4),
			class:  Long,
			hard:   true, // a long run is a hard day for placement
			reason: "1 h 40 min, at least 1 h 30 min: long",
		},
		{
			name:   "no heart rate, no RPE",
			a:      synth(seg{durationS: 2400, hr: nan}),
			class:  Unknown,
			reason: "no heart rate and no RPE logged, and pace is ignored on purpose",
		},
		{
			name:   "no heart rate, a steady pace is no guess",
			a:      synth(seg{durationS: 2400, hr: nan, speedMS: 2.5}),
			class:  Unknown,
			reason: "pace is ignored on purpose: intensity unknown",
		},
		{
			name:   "a recording of 14 s is not a run",
			a:      synth(seg{durationS: 14, hr: at(0.65)}),
			class:  Fragment,
			reason: "a recording of 14 s, under 5 min: not a run",
		},
		{
			name:   "heart rate decides over RPE",
			a:      withRPE(synth(seg{durationS: 2400, hr: at(0.65)}), 7),
			class:  Recovery,
			reason: "RPE 7 logged (comfortably hard (threshold)); heart rate decided the class",
		},
		{
			name: "no heart rate, speed intervals",
			a: func() *activity.Activity {
				segs := []seg{{durationS: 600, hr: nan}}
				for range 5 {
					segs = append(segs, seg{durationS: 240, hr: nan, speedMS: 4.5}, seg{durationS: 120, hr: nan, speedMS: 2.2})
				}
				return synth(append(segs, seg{durationS: 600, hr: nan})...)
			}(),
			class:      Intervals,
			hard:       true,
			hardReason: "5 bouts of",
		},
		{
			name:   "max heart rate unknown",
			a:      synth(seg{durationS: 2400, hr: 130}),
			ctx:    Context{Athlete: activity.Athlete{Sex: activity.Male}},
			class:  Unknown,
			reason: "max heart rate unknown",
		},
		{
			name:       "race by name",
			a:          named(synth(seg{durationS: 1300, hr: at(0.86)}), "Saturday parkrun #412"),
			class:      Race,
			hard:       true,
			hardReason: "race",
		},
		{
			name:       "race by heart rate",
			a:          synth(seg{durationS: 120, hr: at(0.80)}, seg{durationS: 1200, hr: at(0.94)}),
			class:      Race,
			hard:       true,
			hardReason: "race effort",
		},
		{
			name:       "load far above the usual",
			a:          synth(seg{durationS: 2400, hr: at(0.75)}),
			ctx:        Context{MedianDailyLoad: 20},
			class:      Easy,
			hard:       true,
			hardReason: "× your median daily load of 20, over 1.5 ×",
		},
		{
			name:   "walking is not a run",
			a:      sport(synth(seg{durationS: 3600, hr: at(0.6), speedMS: 1.4}), activity.Walking),
			class:  CrossTraining,
			reason: "walking is not a run",
		},
		{
			name:       "cross-training with a very high load",
			a:          sport(synth(seg{durationS: 7200, hr: at(0.80)}), activity.Cycling),
			ctx:        Context{MedianDailyLoad: 50},
			class:      CrossTraining,
			hard:       true,
			hardReason: "over 2 ×",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := tt.ctx
			if c.Athlete.Sex == "" {
				c.Athlete = athlete
			}
			r := Analyze(tt.a, c)
			if r.Class != tt.class || r.Hard != tt.hard {
				t.Errorf("class %s hard %v, want %s hard %v\nreasons %q\nhard reasons %q", r.Class, r.Hard, tt.class, tt.hard, r.Reasons, r.HardReasons)
			}
			if r.Hard != (len(r.HardReasons) > 0) {
				t.Errorf("hard %v with hard reasons %q", r.Hard, r.HardReasons)
			}
			if len(r.Reasons) == 0 {
				t.Error("no reasons")
			}
			if !containsIn(r.Reasons, tt.reason) {
				t.Errorf("reasons %q lack %q", r.Reasons, tt.reason)
			}
			if !containsIn(r.HardReasons, tt.hardReason) {
				t.Errorf("hard reasons %q lack %q", r.HardReasons, tt.hardReason)
			}
		})
	}
}

// containsIn reports whether one of list contains sub.
func containsIn(list []string, sub string) bool {
	if sub == "" {
		return true
	}
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestAnalyzeMinutesAboveCap(t *testing.T) {
	t.Parallel()
	r := Analyze(synth(seg{durationS: 1800, hr: at(0.65)}, seg{durationS: 600, hr: at(0.78)}), Context{Athlete: athlete})
	if r.CapBPM != 133 || r.MinutesAboveCap != 10 {
		t.Errorf("cap %v bpm, %v min above, want 133 bpm, 10 min", r.CapBPM, r.MinutesAboveCap)
	}
	if r.Class != Easy {
		t.Errorf("class %s, want easy: %q", r.Class, r.Reasons)
	}
}

func TestAnalyzeQuality(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	spiked := synth(seg{durationS: 2400, hr: 130})
	spiked.Streams.HeartRate[600] = 230
	outOfRange := synth(seg{durationS: 2400, hr: 130})
	outOfRange.Streams.HeartRate[700] = 250
	outOfRange.Streams.HeartRate[701] = 12
	tests := []struct {
		name    string
		a       *activity.Activity
		code    activity.FlagCode
		seconds int
		maxHR   float64
	}{
		{"single 230 spike", spiked, HRSpike, 1, 130},
		{"out of range", outOfRange, HRSpike, 2, 130},
		{"dropout", synth(seg{durationS: 1200, hr: 130}, seg{durationS: 60, hr: nan}, seg{durationS: 30, hr: 0}, seg{durationS: 1200, hr: 130}), HRDropout, 90, 130},
		{"strap warm-up", synth(seg{durationS: 90, hr: 72}, seg{durationS: 2400, hr: 140}), HRStrapWarmUp, 90, 140},
		{"cadence lock", synth(seg{durationS: 900, hr: 130}, seg{durationS: 480, hr: 172, cadence: 172}, seg{durationS: 1020, hr: 130}), HRCadenceLock, 480, 130},
		{"no heart rate", synth(seg{durationS: 1200, hr: nan}), activity.NoHeartRate, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := Analyze(tt.a, Context{Athlete: athlete})
			var got *Flag
			for i := range r.Quality {
				if r.Quality[i].Code == tt.code {
					got = &r.Quality[i]
				}
			}
			if got == nil {
				t.Fatalf("no %s flag in %+v", tt.code, r.Quality)
			}
			if got.Seconds != tt.seconds || got.Detail == "" {
				t.Errorf("%s: %d s %q, want %d s and a detail", tt.code, got.Seconds, got.Detail, tt.seconds)
			}
			if r.MaxHR != tt.maxHR {
				t.Errorf("max HR %v, want %v", r.MaxHR, tt.maxHR)
			}
		})
	}
}

func TestAnalyzeCleanRunHasNoFlags(t *testing.T) {
	t.Parallel()
	// A gradual warm-up is physiology, not a dry strap; a pause in every
	// channel is not a dropout.
	a := synth(seg{durationS: 60, hr: 95}, seg{durationS: 60, hr: 105}, seg{durationS: 60, hr: 118}, seg{durationS: 2400, hr: 140})
	for _, c := range a.Streams.Channels() {
		for i := 1200; i < 1300 && i < len(*c.Values); i++ {
			(*c.Values)[i] = math.NaN()
		}
	}
	if r := Analyze(a, Context{Athlete: athlete}); len(r.Quality) != 0 {
		t.Errorf("flags %+v on a clean run", r.Quality)
	}
}

func TestAnalyzeDecoupling(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		a       *activity.Activity
		applies bool
		pct     float64
		reason  string
	}{
		{
			name:    "heart rate 10 % higher in the second half",
			a:       synth(seg{durationS: 1800, hr: 130}, seg{durationS: 1800, hr: 143}),
			applies: true, pct: 9.1, reason: "over 5 %",
		},
		{
			name:    "steady",
			a:       synth(seg{durationS: 1800, hr: 130}, seg{durationS: 1800, hr: 132}),
			applies: true, pct: 1.5, reason: "under 5 %",
		},
		{
			name:   "too short",
			a:      synth(seg{durationS: 1200, hr: 130}),
			reason: "too short",
		},
		{
			name:   "intervals",
			a:      intervalRun(6, 180, 120, at(0.92), at(0.65)),
			reason: "does not apply to intervals",
		},
		{
			name: "hills",
			a: func() *activity.Activity {
				a := synth(seg{durationS: 3600, hr: 140})
				a.AscentM = 400
				return a
			}(),
			reason: "does not apply on hills: 37 m of climb per km",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := Analyze(tt.a, Context{Athlete: athlete}).Decoupling
			if d.Applies != tt.applies || d.Pct != tt.pct || !strings.Contains(d.Reason, tt.reason) {
				t.Errorf("got %+v, want applies %v, %v %%, reason with %q", d, tt.applies, tt.pct, tt.reason)
			}
		})
	}
}

func TestAnalyzeEfficiencyAndDrift(t *testing.T) {
	t.Parallel()
	r := Analyze(synth(seg{durationS: 1800, hr: 130}, seg{durationS: 1800, hr: 140}), Context{Athlete: athlete})
	if r.DriftBPM != 10 {
		t.Errorf("drift %v bpm, want 10", r.DriftBPM)
	}
	if want := round(180.0/135, 3); r.EF != want || r.AvgSpeedMS != 3 {
		t.Errorf("EF %v at %v m/s, want %v at 3 m/s", r.EF, r.AvgSpeedMS, want)
	}
}

func TestAnalyzeLoad(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	withLTHR := athlete
	withLTHR.LTHR = activity.Value{V: 170, Origin: activity.SetByRunner}
	rpe3 := synth(seg{durationS: 2100, hr: nan})
	rpe3.RPE = 3
	tests := []struct {
		name   string
		a      *activity.Activity
		ath    activity.Athlete
		method LoadMethod
		value  float64
	}{
		// science.md §4: 30 min at 130 bpm, rest 50, max 190, men → 32.87;
		// hrTSS with LTHR 170 → 19.26; 35 min at RPE 3 → 105.
		{"Banister TRIMP", synth(seg{durationS: 1800, hr: 130}), athlete, BanisterTRIMP, 32.9},
		{"hrTSS", synth(seg{durationS: 1800, hr: 130}), withLTHR, HRTSS, 19.3},
		{"session RPE", rpe3, athlete, SessionRPE, 105},
		{"none", synth(seg{durationS: 1800, hr: nan}), athlete, NoLoad, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := Analyze(tt.a, Context{Athlete: tt.ath}).Load
			if l.Method != tt.method || l.Value != tt.value || l.Reason == "" {
				t.Errorf("got %+v, want %q %v with a reason", l, tt.method, tt.value)
			}
		})
	}
}

// TestZonesSumToHeartRateTime checks, on random traces with gaps,
// spikes and dropouts, that the time in zones adds up to the time with a
// usable heart rate and the fractions to one.
func TestZonesSumToHeartRateTime(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	models := []activity.ZoneModel{activity.PercentMax, activity.Reserve, activity.Threshold}
	for i := range 200 {
		n := 60 + rng.IntN(3600)
		a := synth(seg{durationS: n, hr: 0})
		hr := a.Streams.HeartRate
		level := 60 + rng.Float64()*140
		for k := range hr {
			level = min(max(level+rng.NormFloat64()*3, 20), 240)
			switch rng.IntN(50) {
			case 0:
				hr[k] = math.NaN()
			case 1:
				hr[k] = rng.Float64() * 300
			default:
				hr[k] = level
			}
		}
		ath := athlete
		ath.Zones = models[i%len(models)]
		ath.LTHR = activity.Value{V: 170, Origin: activity.SetByRunner}
		r := Analyze(a, Context{Athlete: ath})
		sum, frac := 0, 0.0
		for _, z := range r.Zones {
			sum += z.Seconds
			frac += z.Fraction
		}
		if sum != r.HRSeconds || (sum > 0 && math.Abs(frac-1) > 0.001) {
			t.Fatalf("trace %d (%s): zones hold %d s (fractions %.4f), heart rate %d s", i, ath.Zones, sum, frac, r.HRSeconds)
		}
	}
}

// TestLoadMonotonic checks that a harder run of the same length never
// scores a lower load.
func TestLoadMonotonic(t *testing.T) {
	t.Parallel()
	prev := -1.0
	for bpm := 60.0; bpm <= 200; bpm += 5 {
		l := Analyze(synth(seg{durationS: 1800, hr: bpm}), Context{Athlete: athlete}).Load
		if l.Value < prev {
			t.Errorf("load %v at %v bpm below %v at %v bpm", l.Value, bpm, prev, bpm-5)
		}
		prev = l.Value
	}
	if prev <= 0 {
		t.Error("no load at all")
	}
}

func TestAnalyzeDeterministic(t *testing.T) {
	t.Parallel()
	a := intervalRun(5, 240, 120, at(0.93), at(0.66))
	orig := append([]float64(nil), a.Streams.HeartRate...)
	r1 := Analyze(a, Context{Athlete: athlete})
	r2 := Analyze(a, Context{Athlete: athlete})
	if !equalJSON(t, r1, r2) {
		t.Error("two analyses of the same run differ")
	}
	for i := range orig {
		if orig[i] != a.Streams.HeartRate[i] {
			t.Fatalf("Analyze changed the heart-rate stream at %d s", i)
		}
	}
}

func BenchmarkAnalyze(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	a := synth(seg{durationS: 3600, hr: 140})
	for i := range a.Streams.HeartRate {
		// Devices record whole beats per minute.
		a.Streams.HeartRate[i] = math.Round(140 + 10*math.Sin(float64(i)/300) + rng.NormFloat64())
		a.Streams.SpeedMS[i] = 3 + 0.3*rng.NormFloat64()
	}
	a.Streams.AltitudeM = make([]float64, 3600)
	for i := range a.Streams.AltitudeM {
		a.Streams.AltitudeM[i] = 100 + 20*math.Sin(float64(i)/600)
	}
	c := Context{Athlete: athlete, MedianDailyLoad: 60, TypicalRunDuration: 50 * time.Minute}
	b.ReportAllocs()
	for b.Loop() {
		Analyze(a, c)
	}
}

// equalJSON reports whether a and b marshal to the same JSON.
func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(ja, jb)
}

func TestAnalyzeEnergy(t *testing.T) {
	t.Parallel()
	noMass := athlete
	noMass.MassKg = 0
	noAge := athlete
	noAge.BirthYear = 0
	tests := []struct {
		name   string
		a      *activity.Activity
		ath    activity.Athlete
		kcal   float64
		method string
	}{
		// science.md §7: man, 130 bpm, 70 kg, 40 y → 11.69 kcal/min.
		{"Keytel", synth(seg{durationS: 1800, hr: 130}), athlete, 351, "Keytel 2005 men's equation from 30 min of heart rate, 70 kg, age 40"},
		{"Keytel, mass not set", synth(seg{durationS: 1800, hr: 130}), noMass, 351, "70 kg assumed"},
		// 40 min at 3 m/s is 7.2 km: 70 kg × 7.2 km.
		{"distance", synth(seg{durationS: 2400, hr: math.NaN()}), athlete, 504, "1 kcal per kg per km"},
		{"distance, no birth year", synth(seg{durationS: 2400, hr: 130}), noAge, 504, "not from heart rate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := Analyze(tt.a, Context{Athlete: tt.ath})
			if r.EnergyKcal != tt.kcal || !strings.Contains(r.EnergyMethod, tt.method) {
				t.Errorf("%v kcal by %q, want %v by %q", r.EnergyKcal, r.EnergyMethod, tt.kcal, tt.method)
			}
		})
	}
}

func TestAnalyzeFuel(t *testing.T) {
	t.Parallel()
	easy := Analyze(synth(seg{durationS: 2400, hr: at(0.65)}), Context{Athlete: athlete}).Fuel
	hard := Analyze(synth(seg{durationS: 2400, hr: at(0.90)}), Context{Athlete: athlete}).Fuel
	if easy == nil || hard == nil {
		t.Fatalf("no fuel estimate: easy %v, hard %v", easy, hard)
	}
	if easy.FatPct <= hard.FatPct {
		t.Errorf("fat share %v %% on an easy run, %v %% on a hard one: want more on the easy run", easy.FatPct, hard.FatPct)
	}
	for _, f := range []*Fuel{easy, hard} {
		if f.FatPct+f.CarbPct != 100 || f.UncertaintyPct <= 0 || f.Model == "" || !strings.Contains(f.Note, "estimate") {
			t.Errorf("fuel %+v: want shares adding to 100, an uncertainty, a model and a note", f)
		}
	}
	if f := Analyze(synth(seg{durationS: 2400, hr: math.NaN()}), Context{Athlete: athlete}).Fuel; f != nil {
		t.Errorf("fuel %+v without heart rate", f)
	}
}

// TestOtherSportsInTheirOwnTerms checks that a ride is not held to the
// running rules: no recovery cap, and no energy from running's 1 kcal per
// kg per km when there is no heart rate to estimate it from; a run keeps
// both.
func TestOtherSportsInTheirOwnTerms(t *testing.T) {
	withHR := synth(seg{durationS: 3600, hr: at(0.72), speedMS: 8})
	noHR := synth(seg{durationS: 3600, speedMS: 8})
	noHR.Streams.HeartRate = nil
	sport := func(a *activity.Activity, s activity.Sport) *activity.Activity { a.Sport = s; return a }
	for _, tt := range []struct {
		name       string
		a          *activity.Activity
		cap        bool
		energyFrom string // in the method; empty for no estimate
	}{
		{"ride with heart rate", sport(withHR, activity.Cycling), false, "Keytel"},
		{"ride without heart rate", sport(noHR, activity.Cycling), false, ""},
		{"run without heart rate", sport(synth(seg{durationS: 3600}), activity.Running), true, "1 kcal per kg per km"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Analyze(tt.a, Context{Athlete: athlete})
			if got := r.CapBPM > 0; got != tt.cap {
				t.Errorf("recovery cap %.0f bpm, want one: %t", r.CapBPM, tt.cap)
			}
			if tt.energyFrom == "" {
				if r.EnergyKcal != 0 || !strings.Contains(r.EnergyMethod, "cannot be told from distance") {
					t.Errorf("energy %.0f kcal by %q, want none, saying why", r.EnergyKcal, r.EnergyMethod)
				}
			} else if r.EnergyKcal <= 0 || !strings.Contains(r.EnergyMethod, tt.energyFrom) {
				t.Errorf("energy %.0f kcal by %q, want an estimate from %s", r.EnergyKcal, r.EnergyMethod, tt.energyFrom)
			}
		})
	}
}
