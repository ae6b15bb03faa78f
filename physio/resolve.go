package physio

import (
	"errors"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// ErrNoMaxHR means maximum heart rate is unknown: not set, not detected,
// and no birth year to estimate it from. easyrun does not guess a default
// max HR, because every zone and the recovery cap hang on it.
var ErrNoMaxHR = errors.New("max heart rate unknown: set your birth year or your max heart rate")

// Plausible heart rates in bpm; outside them a value is an artefact or a typo.
const (
	minPlausibleBPM = 30
	maxPlausibleBPM = 230
)

// Resolve returns the effective profile: MaxHR, RestingHR and LTHR each
// carry the value easyrun will use, its origin and a detail a person can
// read. The order of preference is set by the runner, then detected from
// data (detectedMaxHR, from DetectMaxHR; zero when none; origin Raced
// when it came from a race), then estimated from age with Tanaka
// (science.md §1). A max detected in training, not in a race, that is
// below the age estimate gives way to it (coaching.md).
//
// A value counts as set by the runner when it is known and its origin is
// SetByRunner or empty; values of other origins are worked out afresh, so
// a stored profile can be resolved again as data arrives.
//
// Resting heart rate defaults to DefaultRestingHR. LTHR is never guessed:
// when unset it stays zero, with a detail saying how to set it.
//
// When max HR cannot be known Resolve returns the rest of the profile and
// ErrNoMaxHR. It returns another error when set values are implausible.
func Resolve(a activity.Athlete, now time.Time, detectedMaxHR activity.Value) (activity.Athlete, error) {
	p := a
	p.RestingHR = resolveRestingHR(a.RestingHR)
	p.LTHR = resolveLTHR(a.LTHR)
	p.MaxHR = resolveMaxHR(a, now, detectedMaxHR)

	if err := checkBPM("resting heart rate", p.RestingHR.V); err != nil {
		return p, err
	}
	if p.LTHR.Known() {
		if err := checkBPM("LTHR", p.LTHR.V); err != nil {
			return p, err
		}
	}
	if p.MaxHR.Known() {
		if err := checkBPM("max heart rate", p.MaxHR.V); err != nil {
			return p, err
		}
	}
	if _, _, err := limits(p); err != nil { // ErrNoMaxHR, or max not above resting
		return p, err
	}
	if p.LTHR.Known() && (p.LTHR.V <= p.RestingHR.V || p.LTHR.V > p.MaxHR.V) {
		return p, fmt.Errorf("LTHR %.0f bpm must lie between resting %.0f and max %.0f bpm", p.LTHR.V, p.RestingHR.V, p.MaxHR.V)
	}
	return p, nil
}

func setByRunner(v activity.Value) bool {
	return v.Known() && (v.Origin == activity.SetByRunner || v.Origin == "")
}

func runnerSet(v activity.Value) activity.Value {
	v.Origin = activity.SetByRunner
	if v.Detail == "" {
		v.Detail = "set by you"
	}
	return v
}

func resolveMaxHR(a activity.Athlete, now time.Time, detected activity.Value) activity.Value {
	if setByRunner(a.MaxHR) {
		return runnerSet(a.MaxHR)
	}
	age, aged := AgeAt(a.BirthYear, now)
	var estimate activity.Value
	if aged {
		estimate = activity.Value{
			V:      Tanaka.MaxHR(float64(age)),
			Origin: activity.Estimated,
			Detail: fmt.Sprintf("estimated from age %d with %v", age, Tanaka),
		}
	}
	switch {
	case detected.Known() && detected.Origin == activity.Raced:
		return detected // a race comes closest to the true max: it beats an estimate
	case detected.Known() && estimate.Known() && detected.V < estimate.V:
		// Training rarely reaches the true max: a detected max below the
		// age estimate, with no race behind it, is a lower bound, and the
		// estimate the better guess.
		estimate.Detail += fmt.Sprintf(", higher than the %.0f bpm detected from your training, which is usually a few beats low", detected.V)
		return estimate
	case detected.Known():
		detected.Origin = activity.Detected
		return detected
	case estimate.Known():
		return estimate
	}
	return activity.Value{Detail: ErrNoMaxHR.Error()}
}

func resolveRestingHR(v activity.Value) activity.Value {
	if setByRunner(v) {
		return runnerSet(v)
	}
	return activity.Value{
		V:      DefaultRestingHR,
		Origin: activity.DefaultValue,
		Detail: fmt.Sprintf("default %.0f bpm: resting heart rate cannot be read from runs; set yours for reserve zones and TRIMP", DefaultRestingHR),
	}
}

func resolveLTHR(v activity.Value) activity.Value {
	if setByRunner(v) {
		return runnerSet(v)
	}
	return activity.Value{Detail: "not set: set your lactate-threshold heart rate to use threshold zones and hrTSS"}
}

func checkBPM(name string, bpm float64) error {
	if bpm < minPlausibleBPM || bpm > maxPlausibleBPM {
		return fmt.Errorf("%s %.0f bpm is outside %d-%d bpm", name, bpm, minPlausibleBPM, maxPlausibleBPM)
	}
	return nil
}
