package recovery

import (
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/load"
)

// Advice is what today's run should be.
type Advice string

// The advice, from least to most.
const (
	Rest         Advice = "rest"
	RecoveryRun  Advice = "recovery_run"
	EasyRun      Advice = "easy_run"
	ReadyForHard Advice = "ready_for_hard"
)

// Size is how long a run should be: minutes, and the distance that takes
// at the runner's own easy pace, in their units.
type Size struct {
	MinMinutes  int            `json:"min_minutes"`
	MaxMinutes  int            `json:"max_minutes"`
	MinDistance float64        `json:"min_distance"`
	MaxDistance float64        `json:"max_distance"`
	Unit        activity.Units `json:"unit"`
	// Approximate: the distance comes from a typical pace, not the
	// runner's own.
	Approximate bool   `json:"approximate"`
	Reason      string `json:"reason"`
}

// Cue is one point of form to think about on the run.
type Cue struct {
	Focus  string `json:"focus"` // "quick_steps", "breathing", "upright_torso", "arm_swing"
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// RunSpec describes the run to do.
type RunSpec struct {
	// Size is nil when the length is the runner's (or the plan's) choice.
	Size *Size `json:"size,omitempty"`
	// CapBPM is the heart-rate ceiling; 0 when max HR is unknown.
	CapBPM    float64 `json:"cap_bpm,omitempty"`
	CapReason string  `json:"cap_reason,omitempty"`
	RPE       int     `json:"rpe"`
	Pace      string  `json:"pace"`
	// When is the best time: "this evening", "tomorrow morning", "today".
	When       string `json:"when"`
	WhenReason string `json:"when_reason"`
	Cue        Cue    `json:"cue"`
}

// Recommendation answers "what should I run today?".
type Recommendation struct {
	Date    string   `json:"date"` // the runner's local date, "2006-01-02"
	Advice  Advice   `json:"advice"`
	Title   string   `json:"title"`
	Reasons []string `json:"reasons"`
	// Run is nil for Rest and ReadyForHard: a hard session is the plan's.
	Run *RunSpec `json:"run,omitempty"`
	// LastHard is the most recent hard day before now, if any.
	LastHard *HardRef `json:"last_hard,omitempty"`
	Missing  []string `json:"missing,omitempty"`
}

// Today recommends the run for the local day of now (now's Location is
// the runner's time zone). sessions is the history Audit made report
// from, p the load model's point for today.
func Today(now time.Time, sessions []Session, a activity.Athlete, p load.Point, report Report, rules Rules) Recommendation {
	return Recommendation{}
}
