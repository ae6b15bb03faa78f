// Package sim is a simulated athlete: it turns a description of a session
// ("35 minutes at 65 % of max", "6 × 3 min hard") into a realistic
// per-second activity, and lays out years of plausible training as such
// sessions. Its output is synthetic and labelled so, and it is the known
// truth that tests, the demo and the benchmarks measure against.
//
// Everything is pure and deterministic for a given Runner.Seed, except
// WriteFIT, which writes files.
package sim

import (
	"errors"
	"fmt"
	"time"
)

// recoveryCapFraction is the fraction of max HR at which the runner's
// steady heart rate meets EasySpeedMS: the recovery cap of science.md §2.
const recoveryCapFraction = 0.70

// Runner is the simulated physiology: how fast this runner goes at a given
// effort, how their heart and legs respond, and where they live.
type Runner struct {
	MaxHR     float64 // bpm
	RestingHR float64 // bpm
	LTHR      float64 // bpm, heart rate at lactate threshold

	// ThresholdSpeedMS is the flat speed at which steady heart rate is LTHR.
	ThresholdSpeedMS float64
	// EasySpeedMS is the flat speed at which steady heart rate is 70 % of
	// MaxHR. Heart rate is linear in speed through these two points.
	EasySpeedMS float64

	// Step rate in steps per minute (both feet) at EasySpeedMS and at
	// ThresholdSpeedMS, linear in speed between and beyond.
	CadenceEasySPM      float64
	CadenceThresholdSPM float64

	// Where runs start and end: degrees and metres above sea level.
	HomeLat, HomeLon, HomeAltitudeM float64
	// UTCOffset is the runner's local clock relative to UTC. It is fixed:
	// the simulated runner ignores daylight saving time.
	UTCOffset time.Duration

	// Seed makes every simulated session and history reproducible.
	Seed uint64
}

// DefaultRunner is a trained club runner matching the worked examples of
// science.md: max 190, resting 50, LTHR 170 bpm; threshold pace 4:00/km,
// easy pace 5:30/km; living in Freiburg im Breisgau (UTC+01:00).
func DefaultRunner() Runner {
	return Runner{
		MaxHR:               190,
		RestingHR:           50,
		LTHR:                170,
		ThresholdSpeedMS:    1000.0 / 240, // 4:00/km
		EasySpeedMS:         1000.0 / 330, // 5:30/km
		CadenceEasySPM:      168,
		CadenceThresholdSPM: 184,
		HomeLat:             47.9990,
		HomeLon:             7.8421,
		HomeAltitudeM:       280,
		UTCOffset:           time.Hour,
		Seed:                1,
	}
}

// ErrInvalid is wrapped by the errors of Runner.Validate and Session checks.
var ErrInvalid = errors.New("invalid simulation input")

// Validate reports whether the runner's numbers describe a possible
// physiology that the model can run.
func (r Runner) Validate() error {
	switch {
	case !(r.RestingHR >= 30 && r.RestingHR < r.MaxHR && r.MaxHR <= 230):
		return fmt.Errorf("%w: need 30 ≤ resting HR < max HR ≤ 230, got %v and %v", ErrInvalid, r.RestingHR, r.MaxHR)
	case !(r.LTHR > recoveryCapFraction*r.MaxHR && r.LTHR < r.MaxHR):
		return fmt.Errorf("%w: LTHR %v must lie between 70 %% of max HR and max HR %v", ErrInvalid, r.LTHR, r.MaxHR)
	case !(r.EasySpeedMS >= 1.5 && r.EasySpeedMS < r.ThresholdSpeedMS && r.ThresholdSpeedMS <= 7):
		return fmt.Errorf("%w: need 1.5 ≤ easy speed < threshold speed ≤ 7 m/s, got %v and %v", ErrInvalid, r.EasySpeedMS, r.ThresholdSpeedMS)
	case !(r.CadenceEasySPM >= 120 && r.CadenceThresholdSPM >= r.CadenceEasySPM && r.CadenceThresholdSPM <= 220):
		return fmt.Errorf("%w: need 120 ≤ easy cadence ≤ threshold cadence ≤ 220 spm, got %v and %v", ErrInvalid, r.CadenceEasySPM, r.CadenceThresholdSPM)
	case !(r.HomeLat >= -80 && r.HomeLat <= 80 && r.HomeLon >= -180 && r.HomeLon <= 180):
		return fmt.Errorf("%w: home position %v, %v is off the map (|lat| ≤ 80)", ErrInvalid, r.HomeLat, r.HomeLon)
	case !(r.UTCOffset >= -14*time.Hour && r.UTCOffset <= 14*time.Hour):
		return fmt.Errorf("%w: UTC offset %v", ErrInvalid, r.UTCOffset)
	}
	return nil
}

// speedAt is the flat speed in m/s at which steady heart rate is the
// fraction f of MaxHR.
func (r Runner) speedAt(f float64) float64 {
	fLT := r.LTHR / r.MaxHR
	slope := (r.ThresholdSpeedMS - r.EasySpeedMS) / (fLT - recoveryCapFraction)
	return r.EasySpeedMS + (f-recoveryCapFraction)*slope
}

// heartRateAt is the steady heart rate in bpm at flat speed v, the inverse
// of speedAt.
func (r Runner) heartRateAt(v float64) float64 {
	fLT := r.LTHR / r.MaxHR
	slope := (fLT - recoveryCapFraction) / (r.ThresholdSpeedMS - r.EasySpeedMS)
	return r.MaxHR * (recoveryCapFraction + (v-r.EasySpeedMS)*slope)
}

// cadenceAt is the step rate in steps per minute at speed v.
func (r Runner) cadenceAt(v float64) float64 {
	slope := (r.CadenceThresholdSPM - r.CadenceEasySPM) / (r.ThresholdSpeedMS - r.EasySpeedMS)
	return r.CadenceEasySPM + (v-r.EasySpeedMS)*slope
}
