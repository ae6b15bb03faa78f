// Package recovery audits whether a runner's hard days were followed by
// real recovery, and says what today's run should be. It applies the
// recovery-run rules of PRODUCT.md to sessions already analysed by
// package analysis, and to the load model's current point. It is pure
// and deterministic: the caller loads sessions and saves verdicts.
package recovery

import "time"

// Range is a span of run durations, from Min to Max.
type Range struct {
	Min time.Duration `json:"min"`
	Max time.Duration `json:"max"`
}

// Rules are the numbers of PRODUCT.md's recovery-run rule table, each a
// setting. DefaultRules gives the product's defaults; the recovery cap
// itself is not here but in each session's analysis (analysis.Result's
// CapBPM, from the runner's cap preset), so the audit and the analysis
// never disagree about it.
type Rules struct {
	// Window is how soon after the end of a hard day a recovery run
	// belongs: "within 24 h after the end of a hard session".
	Window time.Duration `json:"window"`

	// MaxAboveCap is the time above the cap a recovery run may spend:
	// "more than a few minutes above 70 %" is huffing and puffing.
	MaxAboveCap time.Duration `json:"max_above_cap"`
	// SustainedShare and MaxSustained are "any sustained time above
	// 80 %": the time in the zones whose low bound is at or above
	// SustainedShare of max HR may not exceed MaxSustained. Only zone
	// totals are known here, so the time is counted, not its stretches.
	SustainedShare float64       `json:"sustained_share"`
	MaxSustained   time.Duration `json:"max_sustained"`
	// MaxRPE is the effort of a recovery run, "RPE about 3 of 10", the
	// limit when no heart rate was recorded. ToleratedRPE (4,
	// "comfortable") is accepted when heart rate stayed under the cap:
	// "about 3" allows a point of disagreement, heart rate decides.
	MaxRPE       int `json:"max_rpe"`
	ToleratedRPE int `json:"tolerated_rpe"`

	// The length of a recovery run, by experience: "30–40 min typical;
	// 20–30 min for beginners or after a very hard session; up to about
	// 60 min for experienced, high-mileage runners". Experienced runners
	// running less than HighVolume a week get ExperiencedLow, the others
	// ExperiencedHigh.
	Beginner        Range         `json:"beginner"`
	Intermediate    Range         `json:"intermediate"`
	ExperiencedLow  Range         `json:"experienced_low"`
	ExperiencedHigh Range         `json:"experienced_high"`
	HighVolume      time.Duration `json:"high_volume"`
	// AfterVeryHard is the length after a race or a session whose load
	// exceeds VeryHardLoadRatio × the runner's median daily load.
	AfterVeryHard     Range   `json:"after_very_hard"`
	VeryHardLoadRatio float64 `json:"very_hard_load_ratio"`
	// Tolerance is how far outside its range a run may be before it is
	// too long or too short.
	Tolerance time.Duration `json:"tolerance"`

	// DoubleGap is the least time between the end of a hard morning and
	// an evening jog the same local day for the jog to count as a double;
	// a run sooner than that is a cool-down, not a recovery run.
	DoubleGap time.Duration `json:"double_gap"`
	// EveningEnd is the local time of day after which "this evening" is
	// too late for a recovery jog.
	EveningEnd time.Duration `json:"evening_end"`

	// ReadyAfter is how long after a hard day the next can come with
	// one easy day between: Tuesday morning to Thursday morning.
	ReadyAfter time.Duration `json:"ready_after"`
	// ACWRSpike is the acute:chronic ratio above which load spiked
	// (Gabbett 2016): rest or recover, never go hard.
	ACWRSpike float64 `json:"acwr_spike"`
	// LoadMinDays is the least history of the load model for form and
	// the ratio to decide: their chronic averages span 28 to 42 days, and
	// a new runner's first weeks always look like a spike and heavy
	// fatigue. With less, Today advises easy running.
	LoadMinDays int `json:"load_min_days"`
	// HeavyFatigue and ReadyForm are form as a share of fitness, as
	// load.Point.Meaning reads it: at or below HeavyFatigue the runner
	// needs rest or recovery; above ReadyForm they may go hard.
	HeavyFatigue float64 `json:"heavy_fatigue"`
	ReadyForm    float64 `json:"ready_form"`
	// PoorScore is the recovery score of the last two weeks below which
	// a hard session waits for an easy day that really is easy.
	PoorScore int `json:"poor_score"`
	// LowCadenceSPM is the mean cadence of easy runs, in steps per
	// minute, below which the form cue is short quick steps.
	LowCadenceSPM float64 `json:"low_cadence_spm"`

	// TrendWeeks is how many recent scored weeks the trend compares, the
	// later half against the earlier; TrendStep is the change in score
	// that counts as better or worse.
	TrendWeeks int `json:"trend_weeks"`
	TrendStep  int `json:"trend_step"`

	// RecoveryWords in a run's name or notes tag it as meant for
	// recovery (case-insensitive, whole words).
	RecoveryWords []string `json:"recovery_words"`
	// ApproxSpeedMS converts minutes to distance for a runner whose own
	// easy pace is not known yet: 6:00 /km, PRODUCT.md's "30–40 min
	// (about 5–8 km)".
	ApproxSpeedMS float64 `json:"approx_speed_ms"`
}

// DefaultRules are the defaults of PRODUCT.md's rule table, with the
// choices it leaves open made as documented on each field of Rules.
func DefaultRules() Rules {
	return Rules{
		Window:            24 * time.Hour,
		MaxAboveCap:       3 * time.Minute,
		SustainedShare:    0.80,
		MaxSustained:      time.Minute,
		MaxRPE:            3,
		ToleratedRPE:      4,
		Beginner:          Range{20 * time.Minute, 30 * time.Minute},
		Intermediate:      Range{30 * time.Minute, 40 * time.Minute},
		ExperiencedLow:    Range{30 * time.Minute, 45 * time.Minute},
		ExperiencedHigh:   Range{40 * time.Minute, 60 * time.Minute},
		HighVolume:        5 * time.Hour,
		AfterVeryHard:     Range{20 * time.Minute, 30 * time.Minute},
		VeryHardLoadRatio: 2,
		Tolerance:         5 * time.Minute,
		DoubleGap:         4 * time.Hour,
		EveningEnd:        21 * time.Hour,
		ReadyAfter:        48 * time.Hour,
		ACWRSpike:         1.5,
		LoadMinDays:       28,
		HeavyFatigue:      -0.30,
		ReadyForm:         -0.10,
		PoorScore:         50,
		LowCadenceSPM:     165,
		TrendWeeks:        4,
		TrendStep:         10,
		RecoveryWords:     []string{"recovery", "regeneration", "regen", "shakeout", "shake-out"},
		ApproxSpeedMS:     1000.0 / 360,
	}
}
