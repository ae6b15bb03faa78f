package physio

import (
	"fmt"

	"github.com/easyrun/easyrun/activity"
)

// Zone is one heart-rate zone: samples with LowBPM ≤ bpm < HighBPM belong
// to it. Zones from Zones are ordered and contiguous: each zone's HighBPM
// is the next zone's LowBPM.
type Zone struct {
	Number  int     `json:"number"`   // 1-based position in the model
	Label   string  `json:"label"`    // "Z2", "Z5a"
	Name    string  `json:"name"`     // "light", "anaerobic capacity"
	LowBPM  float64 `json:"low_bpm"`  // inclusive
	HighBPM float64 `json:"high_bpm"` // exclusive, except for the top zone
	Reason  string  `json:"reason"`   // how the bounds were computed
}

// band is a zone's bounds as fractions of the model's reference.
type band struct {
	label, name string
	low, high   float64
}

// Five zones as fractions of max HR or of heart-rate reserve, the Garmin
// and Polar defaults (science.md §2).
var fiveZones = []band{
	{"Z1", "very light", 0.50, 0.60},
	{"Z2", "light", 0.60, 0.70},
	{"Z3", "moderate", 0.70, 0.80},
	{"Z4", "hard", 0.80, 0.90},
	{"Z5", "maximum", 0.90, 1.00},
}

// Friel's running zones as fractions of LTHR (science.md §2). Friel gives
// whole percents (Z2 85-89); the bounds here close the gaps between them.
// Z1 starts at resting heart rate and Z5c ends at max HR, set in Zones.
var frielZones = []band{
	{"Z1", "recovery", 0, 0.85},
	{"Z2", "aerobic", 0.85, 0.90},
	{"Z3", "tempo", 0.90, 0.95},
	{"Z4", "sub-threshold", 0.95, 1.00},
	{"Z5a", "super-threshold", 1.00, 1.03},
	{"Z5b", "aerobic capacity", 1.03, 1.07},
	{"Z5c", "anaerobic capacity", 1.07, 0},
}

// Zones computes the heart-rate zones of model for the athlete, whose
// MaxHR (and RestingHR, LTHR as the model needs) should come from Resolve.
// An empty model means PercentMax, the default.
func Zones(model activity.ZoneModel, a activity.Athlete) ([]Zone, error) {
	restBPM, maxBPM, err := limits(a)
	if err != nil {
		return nil, err
	}
	zones := make([]Zone, 0, len(frielZones))
	switch model {
	case activity.PercentMax, "":
		for i, b := range fiveZones {
			zones = append(zones, Zone{
				Number: i + 1, Label: b.label, Name: b.name,
				LowBPM:  b.low * maxBPM,
				HighBPM: b.high * maxBPM,
				Reason:  fmt.Sprintf("%.0f-%.0f %% of max HR %.0f bpm", b.low*100, b.high*100, maxBPM),
			})
		}
	case activity.Reserve:
		for i, b := range fiveZones {
			zones = append(zones, Zone{
				Number: i + 1, Label: b.label, Name: b.name,
				LowBPM:  Karvonen(restBPM, maxBPM, b.low),
				HighBPM: Karvonen(restBPM, maxBPM, b.high),
				Reason: fmt.Sprintf("resting %.0f + %.0f-%.0f %% of heart-rate reserve %.0f bpm (Karvonen)",
					restBPM, b.low*100, b.high*100, maxBPM-restBPM),
			})
		}
	case activity.Threshold:
		if !a.LTHR.Known() {
			return nil, fmt.Errorf("threshold zones: LTHR not set")
		}
		lthr := a.LTHR.V
		for i, b := range frielZones {
			z := Zone{
				Number: i + 1, Label: b.label, Name: b.name,
				LowBPM:  b.low * lthr,
				HighBPM: b.high * lthr,
				Reason:  fmt.Sprintf("%.0f-%.0f %% of LTHR %.0f bpm (Friel)", b.low*100, b.high*100, lthr),
			}
			switch i {
			case 0:
				z.LowBPM = min(restBPM, z.HighBPM)
				z.Reason = fmt.Sprintf("resting %.0f bpm to 85 %% of LTHR %.0f bpm (Friel)", restBPM, lthr)
			case len(frielZones) - 1:
				// An LTHR close to max leaves this zone empty rather than inverted.
				z.HighBPM = max(maxBPM, z.LowBPM)
				z.Reason = fmt.Sprintf("above 107 %% of LTHR %.0f bpm up to max HR %.0f bpm (Friel)", lthr, maxBPM)
			}
			zones = append(zones, z)
		}
	default:
		return nil, fmt.Errorf("unknown zone model %q", model)
	}
	return zones, nil
}

// ZoneOf returns the zone bpm falls in. A value below the first zone
// (resting, walking) is in no zone; a value above the top counts in the
// top zone, since it means max HR was set too low rather than no effort.
func ZoneOf(zones []Zone, bpm float64) (Zone, bool) {
	if len(zones) == 0 || !(bpm >= zones[0].LowBPM) { // also rejects NaN
		return Zone{}, false
	}
	for _, z := range zones[:len(zones)-1] {
		if bpm < z.HighBPM {
			return z, true
		}
	}
	return zones[len(zones)-1], true
}

// Karvonen is the heart rate at fraction p of heart-rate reserve:
// rest + p × (max − rest) (science.md §2).
func Karvonen(restBPM, maxBPM, p float64) float64 {
	return restBPM + p*(maxBPM-restBPM)
}

// limits returns the resting and max heart rate the formulas use: max HR
// must be known, resting defaults to DefaultRestingHR.
func limits(a activity.Athlete) (restBPM, maxBPM float64, err error) {
	if !a.MaxHR.Known() {
		return 0, 0, ErrNoMaxHR
	}
	restBPM = DefaultRestingHR
	if a.RestingHR.Known() {
		restBPM = a.RestingHR.V
	}
	if a.MaxHR.V <= restBPM {
		return 0, 0, fmt.Errorf("max heart rate %.0f bpm is not above resting heart rate %.0f bpm", a.MaxHR.V, restBPM)
	}
	return restBPM, a.MaxHR.V, nil
}
