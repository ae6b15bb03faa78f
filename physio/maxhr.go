package physio

import (
	"fmt"
	"time"
)

// DefaultRestingHR is the resting heart rate used when the runner has not
// set one: it cannot be read from runs (science.md §1).
const DefaultRestingHR = 60.0

// Formula is a linear age-based estimate of maximum heart rate,
// HRmax = Intercept − Slope × age (science.md §1).
type Formula struct {
	Name             string
	Intercept, Slope float64
}

// The published HRmax formulas. Tanaka is easyrun's default.
var (
	Fox     = Formula{Name: "Fox", Intercept: 220, Slope: 1}
	Tanaka  = Formula{Name: "Tanaka", Intercept: 208, Slope: 0.7}  // Tanaka, Monahan & Seals 2001
	Gellish = Formula{Name: "Gellish", Intercept: 207, Slope: 0.7} // Gellish et al. 2007
	Nes     = Formula{Name: "Nes", Intercept: 211, Slope: 0.64}    // Nes et al. 2013
)

// MaxHR is the estimated maximum heart rate in bpm at ageY years.
func (f Formula) MaxHR(ageY float64) float64 {
	return f.Intercept - f.Slope*ageY
}

// String names the formula with its equation: "Tanaka 208 − 0.7 × age".
func (f Formula) String() string {
	return fmt.Sprintf("%s %g − %g × age", f.Name, f.Intercept, f.Slope)
}

// AgeAt is the age in whole years at t of someone born in birthYear,
// counting the birthday as passed (easyrun knows only the year). It
// reports false when the birth year is unset or after t.
func AgeAt(birthYear int, t time.Time) (int, bool) {
	if birthYear <= 0 || birthYear > t.Year() {
		return 0, false
	}
	return t.Year() - birthYear, true
}
