package analysis

import (
	"fmt"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/physio"
)

// DefaultMassKg is the body mass energy and fuel estimates assume when
// the runner has not set theirs; the method says so.
const DefaultMassKg = 70.0

// Fuel is the estimated split of a session's energy between fat and
// carbohydrate. It comes from a model of heart rate, not a measurement.
type Fuel struct {
	FatPct         float64 `json:"fat_pct"`
	CarbPct        float64 `json:"carb_pct"`
	FatG           float64 `json:"fat_g"`
	CarbG          float64 `json:"carb_g"`
	UncertaintyPct float64 `json:"uncertainty_pct"` // ± percentage points on FatPct
	Model          string  `json:"model"`
	Note           string  `json:"note"`
}

// fuelNote is what every fuel estimate must say beside it.
const fuelNote = "an estimate, not a measurement: a recovery run burns a larger share of fat than a hard one; protein (5-10 % of energy in long or hard sessions) is left out"

// withMass returns ath with DefaultMassKg when no mass is set, and the
// words that say which mass was used.
func withMass(ath activity.Athlete) (activity.Athlete, string) {
	if ath.MassKg > 0 {
		return ath, ""
	}
	ath.MassKg = DefaultMassKg
	return ath, fmt.Sprintf("; body mass not set, %g kg assumed", DefaultMassKg)
}

// energy estimates a session's energy in kcal: Keytel from the cleaned
// heart rate hr when there is one and the birth year is known, else, for
// a run, about 1 kcal per kg per km, else none. Distance tells nothing of
// a ride's or a swim's energy: that rule is running's. The method names
// the formula and inputs.
func energy(a *activity.Activity, ath activity.Athlete, hr []float64, validS int) (kcal float64, method string) {
	ath, massNote := withMass(ath)
	var hrErr error
	if validS > 0 {
		e, err := physio.EnergyFromHR(hr, ath, a.Start)
		if err == nil {
			return round(e.Kcal(), 0), e.Detail + massNote
		}
		hrErr = err
	}
	if !isRun(a.Sport) {
		why := fmt.Sprintf("no heart rate: the energy of %s cannot be told from distance (1 kcal per kg per km is running's)", a.Sport)
		if hrErr != nil {
			why = fmt.Sprintf("energy from heart rate: %v; the energy of %s cannot be told from distance (1 kcal per kg per km is running's)", hrErr, a.Sport)
		}
		return 0, why
	}
	if a.DistanceM > 0 {
		e, err := physio.EnergyFromDistance(a.DistanceM, ath.MassKg)
		if err == nil {
			if hrErr != nil {
				massNote += fmt.Sprintf("; not from heart rate: %v", hrErr)
			}
			return round(e.Kcal(), 0), e.Detail + massNote
		}
	}
	return 0, "no heart rate and no distance: energy cannot be estimated"
}

// fuel estimates the fat and carbohydrate split from the cleaned heart
// rate, or returns nil when there is none to estimate from.
func fuel(a *activity.Activity, ath activity.Athlete, hr []float64, validS int) *Fuel {
	if validS == 0 {
		return nil
	}
	ath, massNote := withMass(ath)
	f, err := physio.FuelFromHR(hr, ath, a.Start)
	if err != nil {
		return nil
	}
	fat := round(100*f.FatShare, 0)
	return &Fuel{
		FatPct:         fat,
		CarbPct:        100 - fat,
		FatG:           round(f.FatG, 0),
		CarbG:          round(f.CarbG, 0),
		UncertaintyPct: f.UncertaintyPoints,
		Model:          f.Model,
		Note:           fuelNote + massNote,
	}
}
