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
	BPM    float64 `json:"bpm"`
	Preset Preset  `json:"preset"`
	Reason string  `json:"reason"` // "70 % of max HR 190 bpm (the recovery-run rule)"
}

// RecoveryCap is the recovery-run ceiling for the athlete under preset.
func RecoveryCap(a activity.Athlete, preset Preset) (Cap, error) {
	restBPM, maxBPM, err := limits(a)
	if err != nil {
		return Cap{}, fmt.Errorf("recovery cap: %w", err)
	}
	percentOfMax := func(p float64, why string) Cap {
		return Cap{
			BPM:    p * maxBPM,
			Preset: preset,
			Reason: fmt.Sprintf("%.0f %% of max HR %.0f bpm (%s)", p*100, maxBPM, why),
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
			BPM:    Karvonen(restBPM, maxBPM, 0.70),
			Preset: preset,
			Reason: fmt.Sprintf("resting %.0f + 70 %% of heart-rate reserve %.0f bpm (your choice of a reserve-based cap; it sits above 70 %% of max HR)",
				restBPM, maxBPM-restBPM),
		}, nil
	default:
		return Cap{}, fmt.Errorf("recovery cap: unknown preset %q", preset)
	}
}
