package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// Device is what simulated activities name as their recording device.
var Device = activity.Device{Maker: "development", Product: "easyrun simulator"}

// The dynamics of the model, per second.
const (
	accelTauS       = 4.0   // time constant of the runner changing speed
	speedWanderKeep = 0.98  // AR(1) memory of the runner's pace wander...
	speedWanderStep = 0.003 // ...and its step: about ±1.5 % of speed
	minSpeedMS      = 1.4   // slower than this the runner walks, which the model does not
	hrNoiseBPM      = 1.0   // optical sensor noise, one standard deviation
	cadenceNoiseSPM = 0.8
	gpsErrorKeep    = 0.95 // AR(1) GPS position error: about 2 m, slowly wandering
	gpsErrorStepM   = 0.6
	// gradeSlowing is how much slower the runner goes per percent of
	// uphill grade at the same effort (and faster downhill).
	gradeSlowing = 0.03
)

// Simulate runs session s with this runner's physiology and returns the
// recorded activity: per-second speed, distance, heart rate, cadence,
// position and altitude on a 1 s grid, laps, and summary.
//
// The runner paces by effort: each segment's HRFraction sets a flat speed
// (with day-to-day form and a slow wander), hills slow them down or speed
// them up at the same effort, and heart rate follows the effort with a
// first-order lag (faster rising than falling), drifts up by
// DriftBPMPerHour, and carries sensor noise. The result is deterministic
// for the runner's Seed and the session's Start.
func (r Runner) Simulate(s Session) (*activity.Activity, error) {
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("simulate: %w", err)
	}
	plan, err := s.Plan()
	if err != nil {
		return nil, fmt.Errorf("simulate %s session: %w", s.Kind, err)
	}
	if !(s.DriftBPMPerHour >= -10 && s.DriftBPMPerHour <= 30) || s.Dropouts < 0 || s.Dropouts > 100 {
		return nil, fmt.Errorf("simulate %s session: %w: drift %v bpm/h, %d dropouts", s.Kind, ErrInvalid, s.DriftBPMPerHour, s.Dropouts)
	}
	start := s.Start.UTC().Truncate(time.Second)
	rng := rand.New(rand.NewPCG(r.Seed, uint64(start.Unix())))

	var totalS int
	for _, seg := range plan {
		totalS += int(seg.Duration / time.Second)
	}
	n := totalS + 1 // samples at 0 … totalS seconds

	a := &activity.Activity{
		Sport:          activity.Running,
		Name:           s.name(plan),
		Start:          start,
		LocalOffset:    r.UTCOffset,
		HasLocalOffset: true,
		Elapsed:        time.Duration(totalS) * time.Second,
		Moving:         time.Duration(totalS) * time.Second,
		Device:         Device,
		Source:         activity.FIT,
	}
	st := &a.Streams
	st.DistanceM = make([]float64, n)
	st.SpeedMS = make([]float64, n)
	st.Cadence = make([]float64, n)
	st.AltitudeM = make([]float64, n)
	st.Lat = make([]float64, n)
	st.Lon = make([]float64, n)
	if !s.NoHR {
		st.HeartRate = make([]float64, n)
	}

	// Session-wide draws, in a fixed order so that output is reproducible.
	form := clamp(1+0.02*rng.NormFloat64(), 0.94, 1.06)
	riseK := 1 - math.Exp(-1/(25+15*rng.Float64())) // rise time constant 25-40 s
	fallK := 1 - math.Exp(-1/(40+20*rng.Float64())) // fall time constant 40-60 s
	accelK := 1 - math.Exp(-1/accelTauS)
	hr := r.RestingHR + 30 + 10*rng.Float64() // standing at the start, ready to go
	rt := newRoute(rng, 4000+5000*rng.Float64())
	var lock window
	if s.CadenceLock {
		lock = newWindow(rng, 0.30*float64(n), 0.50*float64(n), 240+240*rng.Float64(), n)
	}
	gaps := make([]window, s.Dropouts)
	for i := range gaps {
		gaps[i] = newWindow(rng, 120, float64(n-60), 5+25*rng.Float64(), n)
	}

	metresPerDegLat := math.Pi / 180 * 6371008.8
	metresPerDegLon := metresPerDegLat * math.Cos(r.HomeLat*math.Pi/180)
	var (
		seg, segEnd       = 0, int(plan[0].Duration / time.Second)
		vEffort           = 0.8 * max(minSpeedMS, r.speedAt(plan[0].HRFraction)*form)
		wander            float64
		gpsEast, gpsNorth float64
		distM             float64
	)
	for i := range n {
		for i >= segEnd && seg < len(plan)-1 {
			seg++
			segEnd += int(plan[seg].Duration / time.Second)
		}
		f := plan[seg].HRFraction

		wander = speedWanderKeep*wander + speedWanderStep*rng.NormFloat64()
		target := max(minSpeedMS, r.speedAt(f)*form*(1+wander))
		vEffort += (target - vEffort) * accelK

		east, north, altM, grade := rt.at(distM)
		v := vEffort * clamp(1-gradeSlowing*grade*100, 0.7, 1.15)
		st.DistanceM[i] = distM
		st.SpeedMS[i] = v
		st.AltitudeM[i] = r.HomeAltitudeM + altM
		gpsEast = gpsErrorKeep*gpsEast + gpsErrorStepM*rng.NormFloat64()
		gpsNorth = gpsErrorKeep*gpsNorth + gpsErrorStepM*rng.NormFloat64()
		st.Lat[i] = r.HomeLat + (north+gpsNorth)/metresPerDegLat
		st.Lon[i] = r.HomeLon + (east+gpsEast)/metresPerDegLon
		distM += v

		// Cadence and heart rate follow effort, not the hill-bent speed.
		flatV := vEffort / form
		cad := math.Round(clamp(r.cadenceAt(flatV)+cadenceNoiseSPM*rng.NormFloat64(), 120, 215))
		st.Cadence[i] = cad

		hrTarget := min(r.MaxHR, r.heartRateAt(flatV)+s.DriftBPMPerHour*float64(i)/3600)
		if hrTarget > hr {
			hr += (hrTarget - hr) * riseK
		} else {
			hr += (hrTarget - hr) * fallK
		}
		// Drawn even without a sensor, so that switching heart rate off
		// changes nothing else.
		noise := rng.NormFloat64()
		if st.HeartRate == nil {
			continue
		}
		switch {
		case inAny(gaps, i):
			st.HeartRate[i] = activity.Gap
		case lock.has(i):
			st.HeartRate[i] = cad + math.Round(clamp(noise, -2, 2))
		default:
			st.HeartRate[i] = math.Round(clamp(hr+hrNoiseBPM*noise, r.RestingHR, r.MaxHR))
		}
	}

	a.Laps = laps(a, plan)
	a.AscentM = ascent(st.AltitudeM)
	var notes []string
	if s.Note != "" {
		notes = append(notes, s.Note)
	}
	if s.CadenceLock && !s.NoHR {
		notes = append(notes, fmt.Sprintf("heart rate locked onto cadence for %d s from %s",
			lock.to-lock.from, time.Duration(lock.from)*time.Second))
	}
	a.Notes = strings.Join(notes, "; ")
	a.Summarize()
	return a, nil
}

// window is a half-open range of sample indices [from, to).
type window struct{ from, to int }

// newWindow places a window of about lengthS seconds starting uniformly
// between earliest and latest, clipped to n samples.
func newWindow(rng *rand.Rand, earliest, latest, lengthS float64, n int) window {
	from := int(earliest + max(0, latest-earliest)*rng.Float64())
	return window{from: from, to: min(n, from+int(lengthS))}
}

func (w window) has(i int) bool { return i >= w.from && i < w.to }

func inAny(ws []window, i int) bool {
	for _, w := range ws {
		if w.has(i) {
			return true
		}
	}
	return false
}

func clamp(x, lo, hi float64) float64 { return min(hi, max(lo, x)) }

// ascent is the metres climbed along alt.
func ascent(alt []float64) float64 {
	up := 0.0
	for i := 1; i < len(alt); i++ {
		up += max(0, alt[i]-alt[i-1])
	}
	return up
}

// laps splits the activity into one lap per segment for a structured
// session, or automatic 1 km laps for a continuous run. Laps cover the
// whole session and their elapsed times sum to the activity's.
func laps(a *activity.Activity, plan []Segment) []activity.Lap {
	st := &a.Streams
	last := len(st.DistanceM) - 1
	bounds := []int{0}
	var intensity []string
	if structured(plan) {
		at := 0
		for _, seg := range plan {
			at += int(seg.Duration / time.Second)
			bounds = append(bounds, at)
			intensity = append(intensity, seg.Intensity)
		}
	} else {
		nextM := 1000.0
		for i, d := range st.DistanceM {
			if d >= nextM && i < last {
				bounds = append(bounds, i)
				nextM += 1000
			}
		}
		bounds = append(bounds, last)
	}
	trigger := "distance"
	if intensity != nil {
		trigger = "time"
	}
	out := make([]activity.Lap, 0, len(bounds)-1)
	for k := 1; k < len(bounds); k++ {
		from, to := bounds[k-1], bounds[k]
		lap := activity.Lap{
			Start:     a.Start.Add(time.Duration(from) * time.Second),
			Elapsed:   time.Duration(to-from) * time.Second,
			Moving:    time.Duration(to-from) * time.Second,
			DistanceM: st.DistanceM[to] - st.DistanceM[from],
			Trigger:   trigger,
		}
		if intensity != nil {
			lap.Intensity = intensity[k-1]
		}
		lap.AvgHeartRate, lap.MaxHeartRate = heartRateStats(st.HeartRate, from, to)
		out = append(out, lap)
	}
	if n := len(out); n > 0 && intensity == nil {
		out[n-1].Trigger = "session_end"
	}
	return out
}

// structured reports whether any segment has a workout role.
func structured(plan []Segment) bool {
	for _, seg := range plan {
		if seg.Intensity != "" {
			return true
		}
	}
	return false
}

// heartRateStats is the mean and peak of hr[from:to] over recorded samples,
// zero when there are none.
func heartRateStats(hr []float64, from, to int) (avg, peak float64) {
	if hr == nil {
		return 0, 0
	}
	sum, cnt := 0.0, 0
	for _, v := range hr[from:to] {
		if !math.IsNaN(v) {
			sum += v
			cnt++
			peak = max(peak, v)
		}
	}
	if cnt == 0 {
		return 0, 0
	}
	return sum / float64(cnt), peak
}
