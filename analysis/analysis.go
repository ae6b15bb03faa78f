// Package analysis turns one activity into its analysis: heart rate
// cleaned of artefacts, time in zones, drift and aerobic decoupling,
// efficiency, training load, energy and fuel, and a classification
// (recovery, easy, long, steady, tempo, intervals, race) with the reasons
// behind it and whether the session counts as hard.
//
// It is pure and deterministic: the formulas come from package physio,
// the rules from PRODUCT.md and science.md §9-10.
package analysis

import (
	"fmt"
	"math"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/rules"
)

// Version identifies the rules and formulas behind a Result. It changes
// whenever Analyze would give a different Result for the same input, so
// stored results older than this can be recomputed.
const Version = 5

// Context is what Analyze needs to know beyond the activity itself.
type Context struct {
	// Athlete is the runner's resolved profile (physio.Resolve): max HR
	// known for zones, cap and classification; resting HR, sex, mass and
	// birth year for load and energy.
	Athlete activity.Athlete
	// CapPreset chooses the recovery cap; empty means physio.Article.
	CapPreset physio.Preset
	// Rules are the runner's recovery rules; the zero Set means
	// rules.Default().
	Rules rules.Set
	// MedianDailyLoad is the runner's median daily load, in the units of
	// Result.Load.Value (the same method), for the "far above usual" rule
	// of science.md §10; 0 when not known yet.
	MedianDailyLoad float64
	// TypicalRunDuration is the runner's usual run, for the "long" rule;
	// 0 when not known yet.
	TypicalRunDuration time.Duration
}

// Result is the analysis of one activity. It is stored as JSON and shown
// as it is, so every number carries the reason beside it.
type Result struct {
	Version int `json:"version"`
	// Basis names the profile values the analysis used (Context.Basis): a
	// stored analysis whose basis differs from today's profile is stale.
	Basis string `json:"basis"`
	// Draft marks a result judged without the runner's history, as an
	// import makes it from the activity it just decoded: ApplyHistory
	// has yet to judge it again, and may change its class and hardness.
	Draft bool `json:"draft,omitempty"`

	Class Class `json:"class"`
	// Reasons explain Class in plain words with the numbers.
	Reasons []string `json:"reasons"`
	Hard    bool     `json:"hard"`
	// HardReasons name each rule of science.md §10 the session met.
	HardReasons []string `json:"hard_reasons,omitempty"`
	// LongHard marks a long run with hard segments: hard by intensity,
	// where a long run that was easy throughout is hard for placement only.
	LongHard bool `json:"long_hard,omitempty"`

	// DurationS is the duration judged: timer time when the file has it.
	DurationS int `json:"duration_s"`
	// HRSeconds is the time with a usable heart rate after cleaning.
	HRSeconds int     `json:"hr_seconds"`
	AvgHR     float64 `json:"avg_hr,omitempty"` // bpm, after cleaning
	MaxHR     float64 `json:"max_hr,omitempty"` // bpm, after cleaning

	// Zones is the time in each zone of the athlete's zone model; zone 0
	// holds the time below zone 1, so the seconds add up to HRSeconds.
	Zones           []ZoneTime `json:"zones,omitempty"`
	CapBPM          float64    `json:"cap_bpm,omitempty"`
	CapReason       string     `json:"cap_reason,omitempty"`
	MinutesAboveCap float64    `json:"minutes_above_cap"`
	// SustainedS is the longest stretch at or above the rules'
	// SustainedShare of max HR (dips shorter than 30 s do not break it).
	SustainedS int `json:"sustained_s"`
	// CapHighBPM, MinutesAboveCapHigh and SustainedHighS are the same
	// measures at the top of the max HR's uncertainty, when the max was
	// detected or estimated rather than set (physio.MaxHRUncertainty);
	// CapHighBPM is 0 when the max was set.
	CapHighBPM          float64 `json:"cap_high_bpm,omitempty"`
	MinutesAboveCapHigh float64 `json:"minutes_above_cap_high,omitempty"`
	SustainedHighS      int     `json:"sustained_high_s,omitempty"`

	// DriftBPM is the mean heart rate of the second half minus the first.
	DriftBPM   float64    `json:"drift_bpm"`
	Decoupling Decoupling `json:"decoupling"`
	// EF is the efficiency factor: mean speed in m/min per beat.
	EF float64 `json:"ef,omitempty"`
	// AvgSpeedMS is the mean moving speed where heart rate was known too.
	AvgSpeedMS float64 `json:"avg_speed_ms,omitempty"`
	// CadenceSPM is the mean cadence while moving: steps per minute for
	// runs and walks, revolutions per minute for rides; 0 when the file has
	// none. Low cadence on easy runs hints at overstriding.
	CadenceSPM float64 `json:"cadence_spm,omitempty"`

	Load         Load    `json:"load"`
	EnergyKcal   float64 `json:"energy_kcal"`
	EnergyMethod string  `json:"energy_method"`
	// Fuel is nil without heart rate, max HR or birth year.
	Fuel *Fuel `json:"fuel,omitempty"`

	// Reps is the rep summary of an interval session: nil for any other
	// class, or when the reps cannot be told apart.
	Reps *Reps `json:"reps,omitempty"`

	Quality []Flag `json:"quality,omitempty"`
}

// ZoneTime is the time spent in one heart-rate zone.
type ZoneTime struct {
	Zone     int     `json:"zone"` // 1-based; 0 is below zone 1
	Label    string  `json:"label"`
	LowBPM   float64 `json:"low_bpm"`
	HighBPM  float64 `json:"high_bpm"`
	Seconds  int     `json:"seconds"`
	Fraction float64 `json:"fraction"` // of HRSeconds
}

// Analyze analyses a. It never fails: what cannot be known is said in
// the Result (Class Unknown, Load without a method, Decoupling that does
// not apply), with the reason.
func Analyze(a *activity.Activity, c Context) Result {
	r := Result{Version: Version, Basis: c.Basis(), DurationS: durationS(a)}
	s := &a.Streams
	cl := cleanHR(s, physio.CadenceLock(s.HeartRate, s.Cadence))
	r.Quality = cl.flags
	hr := cl.hr
	if cl.validS == 0 && activity.Count(s.HeartRate) == 0 && a.AvgHeartRate == 0 {
		r.Quality = append(r.Quality, Flag{Code: activity.NoHeartRate, Detail: "no heart rate recorded"})
	}
	r.HRSeconds = cl.validS
	if cl.validS > 0 {
		r.AvgHR, r.MaxHR = meanMax(hr)
	}
	if c.Athlete.MaxHR.Known() {
		rl := c.rules()
		maxBPM := c.Athlete.MaxHR.V
		// The recovery cap is a running rule: other sports show no cap.
		if cp, err := physio.RecoveryCap(c.Athlete, c.CapPreset); err == nil && isRun(a.Sport) {
			r.CapBPM, r.CapReason = round(cp.BPM, 1), cp.Reason
			r.MinutesAboveCap = round(float64(secondsAtOrAbove(hr, r.CapBPM))/60, 1)
			if cp.HighBPM > cp.BPM {
				r.CapHighBPM = round(cp.HighBPM, 1)
				r.MinutesAboveCapHigh = round(float64(secondsAtOrAbove(hr, r.CapHighBPM))/60, 1)
			}
		}
		if zones, err := physio.Zones(c.Athlete.Zones, c.Athlete); err == nil && cl.validS > 0 {
			r.Zones = timeInZones(hr, zones, cl.validS)
		}
		sustained := func(maxBPM float64) int {
			level := rl.SustainedShare * maxBPM
			return findBouts(hr, level, level, 0, boutRestS, 1).longestS
		}
		r.SustainedS = sustained(maxBPM)
		if u := physio.MaxHRUncertainty(c.Athlete.MaxHR); u > 0 {
			r.SustainedHighS = sustained(maxBPM + u)
		}
	}

	speedMS := s.SpeedMS
	if activity.Count(speedMS) == 0 {
		speedMS = speedFromDistance(s.DistanceM)
	}
	var h halves // of heart rate paired with speed, for efficiency and decoupling
	if speedMS != nil {
		h = splitHalves(hr, speedMS)
	}
	if h.seconds > 0 {
		n1, n2 := float64(h.seconds/2), float64(h.seconds-h.seconds/2)
		speed := (h.speed1*n1 + h.speed2*n2) / (n1 + n2)
		avgHR := (h.hr1*n1 + h.hr2*n2) / (n1 + n2)
		r.EF = round(efficiency(speed, avgHR), 3)
		r.AvgSpeedMS = round(speed, 3)
		r.DriftBPM = round(h.hr2-h.hr1, 1)
	} else if hrOnly := splitHalves(hr, nil); hrOnly.seconds > 0 {
		r.DriftBPM = round(hrOnly.hr2-hrOnly.hr1, 1)
	}

	r.CadenceSPM = round(movingCadence(s.Cadence, speedMS), 1)

	r.Load = sessionLoad(a, c.Athlete, hr, cl.validS, r.DurationS)
	r.EnergyKcal, r.EnergyMethod = energy(a, c.Athlete, hr, cl.validS)
	r.Fuel = fuel(a, c.Athlete, hr, cl.validS)

	judge(a, c, &r, hr, speedMS)
	r.Decoupling = decoupling(h, r.Class == Intervals, climbPerKm(a))
	if r.Class == Intervals {
		r.Reps = findReps(a, hr, speedMS, c.Athlete.MaxHR.V, c.Athlete.Units)
	}
	r.AvgHR, r.MaxHR = round(r.AvgHR, 1), round(r.MaxHR, 1)
	return r
}

// rules are the recovery rules of c: its Rules, else the defaults.
func (c Context) rules() rules.Set {
	if c.Rules.MinRun == 0 && c.Rules.MaxAboveCap == 0 {
		return rules.Default()
	}
	return c.Rules
}

// durationS is the duration a session is judged by: timer time, else
// elapsed time, else the length of its streams.
func durationS(a *activity.Activity) int {
	switch {
	case a.Moving > 0:
		return int(a.Moving / time.Second)
	case a.Elapsed > 0:
		return int(a.Elapsed / time.Second)
	default:
		return a.Streams.Len()
	}
}

// meanMax returns the mean and maximum of the valid values of v.
func meanMax(v []float64) (mean, peak float64) {
	sum, n := 0.0, 0
	for _, x := range v {
		if !math.IsNaN(x) {
			sum += x
			peak = math.Max(peak, x)
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return sum / float64(n), peak
}

// timeInZones counts the valid seconds of hr in each zone, with the time
// below zone 1 as zone 0 when there is any.
func timeInZones(hr []float64, zones []physio.Zone, validS int) []ZoneTime {
	out := make([]ZoneTime, len(zones)+1)
	out[0] = ZoneTime{Label: "below " + zones[0].Label, HighBPM: round(zones[0].LowBPM, 1)}
	for i, z := range zones {
		out[i+1] = ZoneTime{Zone: z.Number, Label: z.Label, LowBPM: round(z.LowBPM, 1), HighBPM: round(z.HighBPM, 1)}
	}
	last, zone := math.NaN(), 0
	for _, v := range hr {
		if math.IsNaN(v) {
			continue
		}
		// Heart rate mostly holds its value from one second to the next.
		if v != last {
			z, _ := physio.ZoneOf(zones, v)
			last, zone = v, z.Number // 0 below zone 1
		}
		out[zone].Seconds++
	}
	for i := range out {
		out[i].Fraction = round(float64(out[i].Seconds)/float64(validS), 4)
	}
	if out[0].Seconds == 0 {
		return out[1:]
	}
	return out
}

// secondsAtOrAbove counts the valid seconds of v at or above level.
func secondsAtOrAbove(v []float64, level float64) int {
	n := 0
	for _, x := range v {
		if x >= level { // false for NaN
			n++
		}
	}
	return n
}

// climbPerKm is the metres climbed per kilometre: from the file's total
// ascent when it gives one, else from the altitude stream.
func climbPerKm(a *activity.Activity) float64 {
	if a.DistanceM <= 0 {
		return 0
	}
	climb := a.AscentM
	if climb <= 0 {
		climb = climbM(a.Streams.AltitudeM)
	}
	return climb / (a.DistanceM / 1000)
}

// speedFromDistance derives speed from a distance stream, for files that
// record distance alone (TCX): the metres covered in each second.
func speedFromDistance(distanceM []float64) []float64 {
	if activity.Count(distanceM) < 2 {
		return nil
	}
	speed := make([]float64, len(distanceM))
	speed[0] = math.NaN()
	for i := 1; i < len(distanceM); i++ {
		speed[i] = distanceM[i] - distanceM[i-1] // NaN when either is missing
	}
	return speed
}

// Basis names the values of c that an analysis depends on besides the
// activity itself and the runner's history, in words a runner can read:
// "max HR 190 bpm (set), resting 50 bpm (set), LTHR —, zones max, cap article, male, born 1986, 70 kg".
func (c Context) Basis() string {
	a := c.Athlete
	v := func(x activity.Value) string {
		if !x.Known() {
			return "—"
		}
		return fmt.Sprintf("%.0f bpm (%s)", x.V, x.Origin)
	}
	sex := string(a.Sex)
	if sex == "" {
		sex = "sex unknown"
	}
	preset := c.CapPreset
	if preset == "" {
		preset = physio.Article
	}
	born, mass := "birth year —", "mass —"
	if a.BirthYear > 0 {
		born = fmt.Sprintf("born %d", a.BirthYear)
	}
	if a.MassKg > 0 {
		mass = fmt.Sprintf("%.0f kg", a.MassKg)
	}
	basis := fmt.Sprintf("max HR %s, resting %s, LTHR %s, zones %s, cap %s, %s, %s, %s",
		v(a.MaxHR), v(a.RestingHR), v(a.LTHR), a.Zones, preset, sex, born, mass)
	if a.Intensity == activity.ByRPE {
		basis += ", intensity by RPE only"
	}
	// The runner's own rules, only when there are any: a stored analysis
	// under the defaults stays current.
	if ch := c.rules().Changes(); ch != "" {
		basis += ", rules " + ch
	}
	return basis
}

// movingCadence is the mean of the cadence samples taken while moving:
// where speed is known it must reach activity.MovingSpeedMS; standing
// still (cadence 0) never counts.
func movingCadence(cadence, speedMS []float64) float64 {
	sum, n := 0.0, 0
	for i, c := range cadence {
		if !(c > 0) { // also NaN
			continue
		}
		if i < len(speedMS) && !math.IsNaN(speedMS[i]) && speedMS[i] < activity.MovingSpeedMS {
			continue
		}
		sum += c
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}
