// Package rules holds the recovery-run rules of PRODUCT.md as numbers,
// each a setting with its default, and the calendar-day method that
// coaching.md puts around them: which run follows a hard day, and which
// hard days are stacked. The analysis, the audit, today's advice and the
// planner all read them from here, so a rule has one definition.
package rules

import (
	"fmt"
	"time"
)

// Range is a span of run durations, from Min to Max.
type Range struct {
	Min time.Duration `json:"min"`
	Max time.Duration `json:"max"`
}

// String formats a Range: "30–40 min".
func (r Range) String() string {
	return fmt.Sprintf("%d–%d min", int(r.Min/time.Minute), int(r.Max/time.Minute))
}

// Set is the numbers of PRODUCT.md's rule table, each a setting, with
// coaching.md's reading of them. Default gives the product's defaults.
// The recovery cap itself is not here but in each session's analysis
// (from the runner's cap preset), so the audit and the analysis never
// disagree about it. The window (the same or the next calendar day) and
// "never two hard days in a row" are the method, not settings: see
// FollowsHard and Stacked.
type Set struct {
	// MaxAboveCap is the time above the cap a recovery run may spend:
	// "more than a few minutes above 70 %" is huffing and puffing.
	MaxAboveCap time.Duration `json:"max_above_cap"`
	// SustainedShare and MaxSustained are "any sustained time above
	// 80 %": the time at or above SustainedShare of max HR may not exceed
	// MaxSustained.
	SustainedShare float64       `json:"sustained_share"`
	MaxSustained   time.Duration `json:"max_sustained"`
	// MaxRPE is the effort of a recovery run, "RPE about 3 of 10", the
	// limit when no heart rate decides. ToleratedRPE (4, "comfortable") is
	// the effort of an easy run, and what a recovery run may be logged at
	// when heart rate stayed under the cap.
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
	// AfterVeryHard is the length after a race or a hard session whose
	// load exceeds VeryHardLoadRatio × the runner's median daily load.
	AfterVeryHard     Range   `json:"after_very_hard"`
	VeryHardLoadRatio float64 `json:"very_hard_load_ratio"`
	// The length of an easy run, by experience; an unknown experience
	// runs as an intermediate.
	EasyBeginner     Range `json:"easy_beginner"`
	EasyIntermediate Range `json:"easy_intermediate"`
	EasyExperienced  Range `json:"easy_experienced"`
	// Double is the length of an experienced runner's evening jog after
	// a hard morning: "15–30 very easy minutes" (coaching.md).
	Double Range `json:"double"`
	// Tolerance is how far outside its range a run may be before it is
	// too long or too short.
	Tolerance time.Duration `json:"tolerance"`
	// MinRun is the shortest recording that is a run: under it, a
	// forgotten stop or a test, neither a recovery nor an easy run.
	MinRun time.Duration `json:"min_run"`

	// CoolDown is how soon after a hard session, on its day, a run
	// belongs to the session (a separate recording of its cool-down)
	// rather than to the recovery.
	CoolDown time.Duration `json:"cool_down"`
	// DoubleGap is the least time between the end of a hard morning and
	// an evening jog that today's advice suggests.
	DoubleGap time.Duration `json:"double_gap"`
	// EveningEnd is the local time of day after which "this evening" is
	// too late for a recovery jog.
	EveningEnd time.Duration `json:"evening_end"`

	// BreakDays is the least number of days without a run that is a
	// break: a few days off change nothing, a week or more does
	// (coaching.md, "After a break"). After LongBreakDays the runner
	// starts at about half the old volume, after RebuildDays they
	// rebuild over several weeks.
	BreakDays     int `json:"break_days"`
	LongBreakDays int `json:"long_break_days"`
	RebuildDays   int `json:"rebuild_days"`

	// ACWRSpike is the acute:chronic ratio above which load spiked
	// (Gabbett 2016): rest or recover, never go hard.
	ACWRSpike float64 `json:"acwr_spike"`
	// LoadMinDays is the least history of the load model for form and
	// the ratio to decide: their chronic averages span 28 to 42 days, and
	// a new runner's first weeks always look like a spike and heavy
	// fatigue. With less, the runner's plan decides.
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

	// The morning check-in: a sign that the morning is clearly off is
	// the 7-day mean of HRV below the normal band, HRVBandSD standard
	// deviations of daily ln rMSSD around the 60-day mean (Plews et al.
	// 2012); resting heart rate RHRRise or more above its 60-day mean
	// (Buchheit 2014); less sleep than ShortSleep; or legs at HeavyLegs or
	// worse on the 1–5 scale of activity.Legs.
	HRVBandSD  float64       `json:"hrv_band_sd"`
	RHRRise    float64       `json:"rhr_rise"`
	ShortSleep time.Duration `json:"short_sleep"`
	HeavyLegs  int           `json:"heavy_legs"`

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

// Default is the defaults of PRODUCT.md's rule table, as coaching.md
// reads them, with the choices they leave open made as documented on
// each field of Set.
func Default() Set {
	return Set{
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
		EasyBeginner:      Range{20 * time.Minute, 45 * time.Minute},
		EasyIntermediate:  Range{30 * time.Minute, 60 * time.Minute},
		EasyExperienced:   Range{30 * time.Minute, 75 * time.Minute},
		Double:            Range{15 * time.Minute, 30 * time.Minute},
		Tolerance:         5 * time.Minute,
		MinRun:            5 * time.Minute,
		CoolDown:          30 * time.Minute,
		DoubleGap:         4 * time.Hour,
		EveningEnd:        21 * time.Hour,
		BreakDays:         7,
		LongBreakDays:     14,
		RebuildDays:       29,
		ACWRSpike:         1.5,
		LoadMinDays:       28,
		HeavyFatigue:      -0.30,
		ReadyForm:         -0.10,
		PoorScore:         50,
		LowCadenceSPM:     165,
		HRVBandSD:         0.5,
		RHRRise:           6,
		ShortSleep:        6 * time.Hour,
		HeavyLegs:         4,
		TrendWeeks:        4,
		TrendStep:         10,
		RecoveryWords:     []string{"recovery", "regeneration", "regen", "shakeout", "shake-out"},
		ApproxSpeedMS:     1000.0 / 360,
	}
}
