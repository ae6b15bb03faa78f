package activity

import "time"

// Workout is a planned session as a watch runs it: a name and its steps,
// each with how long it lasts and how hard it may be. Package plan makes
// workouts; format/fit writes them as FIT workout files.
type Workout struct {
	Name  string `json:"name"`
	Sport Sport  `json:"sport"`
	// Notes is shown by the watch or calendar with the workout: its purpose.
	Notes string `json:"notes,omitempty"`
	Steps []Step `json:"steps"`
}

// StepIntensity is what a step is for; watches show and colour them apart.
type StepIntensity string

// Step intensities, as the FIT workout profile names them.
const (
	WarmUp   StepIntensity = "warmup"
	Active   StepIntensity = "active"
	Recover  StepIntensity = "recovery" // the easy part between repetitions
	CoolDown StepIntensity = "cooldown"
	RestStep StepIntensity = "rest" // standing still
)

// Step is one part of a workout. A step with Repeat > 0 is a repeat
// block: its Steps are done Repeat times and its own length and target
// are unused. Blocks do not nest.
type Step struct {
	Name      string        `json:"name,omitempty"`
	Intensity StepIntensity `json:"intensity,omitempty"`
	// Duration is how long the step lasts; when zero, DistanceM does;
	// when both are zero the step lasts until the runner presses lap.
	Duration  time.Duration `json:"duration,omitempty"`
	DistanceM float64       `json:"distance_m,omitempty"`
	// HRLowBPM and HRHighBPM are the heart-rate target in beats per
	// minute; zero is open on that side. A ceiling alone (HRLowBPM zero)
	// is how a recovery or easy run is kept easy by the watch.
	HRLowBPM  int `json:"hr_low_bpm,omitempty"`
	HRHighBPM int `json:"hr_high_bpm,omitempty"`
	// UntilHRBelowBPM, when not zero, ends the step once heart rate falls
	// below it, in beats per minute: "jog until heart rate is below 150".
	// Duration and DistanceM are then zero, since a watch ends a step on
	// one thing only; the step's Notes say what to do if heart rate never
	// falls (the watch waits, and the lap button moves on).
	UntilHRBelowBPM int    `json:"until_hr_below_bpm,omitempty"`
	Notes           string `json:"notes,omitempty"`

	Repeat int    `json:"repeat,omitempty"`
	Steps  []Step `json:"steps,omitempty"`
}
