package physio

import (
	"fmt"

	"github.com/easyrun/easyrun/activity"
)

// Preset names a coach's ceiling for recovery runs (science.md §2).
type Preset string

// The recovery-cap presets. The empty Preset means Article.
const (
	Article    Preset = "article"    // 70 % of max HR, the top of zone 2: the default
	Pfitzinger Preset = "pfitzinger" // 76 % of max HR (Advanced Marathoning)
	Daniels    Preset = "daniels"    // 79 % of max HR, the top of Daniels' easy running
	ReserveCap Preset = "reserve"    // 70 % of heart-rate reserve (Karvonen)
)

// Cap is the heart rate a recovery run should stay below, and why.
type Cap struct {
	BPM float64 `json:"bpm"`
	// HighBPM is the cap at the top of the max HR's uncertainty
	// (MaxHRUncertainty): equal to BPM when the runner set their max. A
	// run above BPM but not above HighBPM is only probably too hard.
	HighBPM float64 `json:"high_bpm"`
	Preset  Preset  `json:"preset"`
	Reason  string  `json:"reason"` // "70 % of max HR 190 bpm, set by you (the recovery-run rule)"
}

// RecoveryCap is the recovery-run ceiling for the athlete under preset.
func RecoveryCap(a activity.Athlete, preset Preset) (Cap, error) {
	restBPM, maxBPM, err := limits(a)
	if err != nil {
		return Cap{}, fmt.Errorf("recovery cap: %w", err)
	}
	highBPM := maxBPM + MaxHRUncertainty(a.MaxHR)
	source := MaxHRSource(a.MaxHR)
	percentOfMax := func(p float64, why string) Cap {
		return Cap{
			BPM:     p * maxBPM,
			HighBPM: p * highBPM,
			Preset:  preset,
			Reason:  fmt.Sprintf("%.0f %% of max HR %.0f bpm (%s); max HR %s", p*100, maxBPM, why, source),
		}
	}
	switch preset {
	case Article, "":
		c := percentOfMax(0.70, "the recovery-run rule: top of zone 2")
		c.Preset = Article
		return c, nil
	case Pfitzinger:
		return percentOfMax(0.76, "Pfitzinger: recovery runs below 76 %"), nil
	case Daniels:
		return percentOfMax(0.79, "Daniels: the top of easy running, 65-79 %"), nil
	case ReserveCap:
		return Cap{
			BPM:     Karvonen(restBPM, maxBPM, 0.70),
			HighBPM: Karvonen(restBPM, highBPM, 0.70),
			Preset:  preset,
			Reason: fmt.Sprintf("resting %.0f + 70 %% of heart-rate reserve %.0f bpm (your choice of a reserve-based cap; it sits above 70 %% of max HR); max HR %s",
				restBPM, maxBPM-restBPM, source),
		}, nil
	default:
		return Cap{}, fmt.Errorf("recovery cap: unknown preset %q", preset)
	}
}

// The uncertainty of a max HR that the runner did not set, in bpm above
// it: a max detected from training is usually a few beats low, since
// most runners never reach their true maximum in training; Tanaka's
// estimate is about ± 10 bpm (coaching.md, "Max heart rate is often a
// lower bound"; science.md §1).
const (
	racedUncertaintyBPM     = 2
	detectedUncertaintyBPM  = 5
	estimatedUncertaintyBPM = 10
)

// MaxHRUncertainty is how many bpm the true max HR may lie above v, by
// where v came from: none for a value the runner set.
func MaxHRUncertainty(v activity.Value) float64 {
	switch v.Origin {
	case activity.Raced:
		return racedUncertaintyBPM
	case activity.Detected:
		return detectedUncertaintyBPM
	case activity.Estimated:
		return estimatedUncertaintyBPM
	default:
		return 0
	}
}

// MaxHRSource says where a max HR came from, for a sentence beside every
// cap made from it: "set by you", "detected from your training (...)".
func MaxHRSource(v activity.Value) string {
	switch v.Origin {
	case activity.Raced:
		return "detected in a race, close to your true max"
	case activity.Detected:
		return "detected from your training, probably a few beats low"
	case activity.Estimated:
		return fmt.Sprintf("estimated from your age, ± %d bpm", estimatedUncertaintyBPM)
	default:
		return "set by you"
	}
}

// EasyCeiling is the heart-rate ceiling of easy and long running: the top
// of zone 2 of the runner's zone model, or the recovery cap when that is
// higher, with the reason.
func EasyCeiling(a activity.Athlete, preset Preset) (bpm float64, reason string, err error) {
	c, err := RecoveryCap(a, preset)
	if err != nil {
		return 0, "", err
	}
	zones, err := Zones(a.Zones, a)
	if err != nil || len(zones) < 2 || c.BPM >= zones[1].HighBPM {
		return c.BPM, "the recovery cap, " + c.Reason + ": easy running stays aerobic", nil
	}
	z := zones[1]
	return z.HighBPM, fmt.Sprintf("the top of zone 2, %s: easy running stays aerobic", z.Reason), nil
}
