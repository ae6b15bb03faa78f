package physio

import (
	"errors"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// kJPerKcal converts kilojoules to kilocalories.
const kJPerKcal = 4.184

// Energy is the estimated energy a session cost.
type Energy struct {
	KJ     float64
	Detail string // the formula and inputs used
}

// Kcal is the energy in kilocalories.
func (e Energy) Kcal() float64 { return e.KJ / kJPerKcal }

// KeytelKJPerMin is energy expenditure from heart rate, in kJ/min
// (Keytel et al. 2005, science.md §7). Unknown sex uses the men's
// equation. The equations were fitted on exercise heart rates; at rest
// they can go negative, so the result is never below zero.
func KeytelKJPerMin(sex activity.Sex, hrBPM, massKg, ageY float64) float64 {
	var kJ float64
	if sex == activity.Female {
		kJ = -20.4022 + 0.4472*hrBPM - 0.1263*massKg + 0.074*ageY
	} else {
		kJ = -55.0969 + 0.6309*hrBPM + 0.1988*massKg + 0.2017*ageY
	}
	return max(0, kJ)
}

// keytelInputs returns what KeytelKJPerMin needs beyond heart rate, and
// the words naming the equation.
func keytelInputs(a activity.Athlete, at time.Time) (massKg, ageY float64, name string, err error) {
	age, ok := AgeAt(a.BirthYear, at)
	if !ok {
		return 0, 0, "", errors.New("birth year not set")
	}
	if a.MassKg <= 0 {
		return 0, 0, "", errors.New("body mass not set")
	}
	switch a.Sex {
	case activity.Female:
		name = "women's equation"
	case activity.Male:
		name = "men's equation"
	default:
		name = "men's equation (sex not set)"
	}
	return a.MassKg, float64(age), name, nil
}

// EnergyFromHR is the energy of a 1 s heart-rate stream by Keytel's
// equations, for the athlete's age on the day at (science.md §7). Gaps
// and implausible samples are skipped. It needs birth year and mass.
func EnergyFromHR(hr []float64, a activity.Athlete, at time.Time) (Energy, error) {
	massKg, ageY, name, err := keytelInputs(a, at)
	if err != nil {
		return Energy{}, fmt.Errorf("energy from heart rate: %w", err)
	}
	var kJ float64
	n := 0
	for _, bpm := range hr {
		if plausible(bpm) {
			kJ += sampleMin * KeytelKJPerMin(a.Sex, bpm, massKg, ageY)
			n++
		}
	}
	if n == 0 {
		return Energy{}, fmt.Errorf("energy from heart rate: %w", ErrNoHeartRate)
	}
	return Energy{
		KJ: kJ,
		Detail: fmt.Sprintf("Keytel 2005 %s from %.0f min of heart rate, %.0f kg, age %.0f",
			name, float64(n)*sampleMin, massKg, ageY),
	}, nil
}

// EnergyFromDistance is the energy of a run without heart rate: about
// 1 kcal per kg of body mass per km (science.md §7).
func EnergyFromDistance(distanceM, massKg float64) (Energy, error) {
	if massKg <= 0 {
		return Energy{}, errors.New("energy from distance: body mass not set")
	}
	if distanceM < 0 {
		return Energy{}, fmt.Errorf("energy from distance: negative distance %.0f m", distanceM)
	}
	return Energy{
		KJ:     massKg * distanceM / 1000 * kJPerKcal,
		Detail: fmt.Sprintf("1 kcal per kg per km: %.0f kg × %.2f km (no heart rate)", massKg, distanceM/1000),
	}, nil
}
