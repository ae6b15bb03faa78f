package fit

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/golden"
	"github.com/easyrun/easyrun/internal/interop"
)

var workoutCreated = time.Date(2026, 3, 23, 18, 30, 0, 0, time.UTC)

// sdkStep is a workout step as Garmin's FIT SDK reads it: the raw
// duration and target values beside the SDK's interpretation of them.
type sdkStep struct {
	MessageIndex int    `json:"messageIndex"`
	Name         string `json:"wktStepName"`
	Notes        string `json:"notes"`
	Intensity    string `json:"intensity"`

	DurationType      string  `json:"durationType"`
	DurationValue     uint32  `json:"durationValue"` // ms, cm or a step index, as stored
	DurationTimeS     float64 `json:"durationTime"`
	DurationDistanceM float64 `json:"durationDistance"`
	DurationStep      int     `json:"durationStep"` // where a repeat goes back to
	DurationHR        uint32  `json:"durationHr"`   // bpm + 100, or % of max HR up to 100

	TargetType  string `json:"targetType"`
	TargetValue uint32 `json:"targetValue"`
	HRLow       uint32 `json:"customTargetValueLow"` // bpm + 100
	HRHigh      uint32 `json:"customTargetValueHigh"`
	RepeatSteps int    `json:"repeatSteps"` // how many times
}

// sdkFile is what test/interop/fit-workout.mjs prints for one file.
type sdkFile struct {
	IsFIT          bool     `json:"isFIT"`
	CheckIntegrity bool     `json:"checkIntegrity"`
	Errors         []string `json:"errors"`
	FileID         []struct {
		Type         string    `json:"type"`
		Manufacturer string    `json:"manufacturer"`
		TimeCreated  time.Time `json:"timeCreated"`
		SerialNumber uint32    `json:"serialNumber"`
	} `json:"fileId"`
	Workout []struct {
		Name          string `json:"wktName"`
		Description   string `json:"wktDescription"`
		Sport         string `json:"sport"`
		NumValidSteps int    `json:"numValidSteps"`
	} `json:"workout"`
	Steps []sdkStep `json:"steps"`
}

// Wanted steps, in the SDK's terms.
func timed(i int, intensity string, d time.Duration, low, high uint32) sdkStep {
	return target(sdkStep{MessageIndex: i, Intensity: intensity, DurationType: "time",
		DurationValue: uint32(d.Milliseconds()), DurationTimeS: d.Seconds()}, low, high)
}

func distance(i int, intensity string, m float64, low, high uint32) sdkStep {
	return target(sdkStep{MessageIndex: i, Intensity: intensity, DurationType: "distance",
		DurationValue: uint32(m * 100), DurationDistanceM: m}, low, high)
}

// untilHRBelow is a step ending once heart rate falls below bpm, stored
// as bpm + 100 like a custom target.
func untilHRBelow(i int, intensity string, bpm uint32) sdkStep {
	return sdkStep{MessageIndex: i, Intensity: intensity, DurationType: "hrLessThan",
		DurationValue: bpm + 100, DurationHR: bpm + 100, TargetType: "open"}
}

func lapButton(i int, intensity string) sdkStep {
	return sdkStep{MessageIndex: i, Intensity: intensity, DurationType: "open", TargetType: "open"}
}

func repeat(i, from, times int) sdkStep {
	return sdkStep{MessageIndex: i, DurationType: "repeatUntilStepsCmplt", DurationValue: uint32(from),
		DurationStep: from, TargetValue: uint32(times), RepeatSteps: times}
}

// target sets a custom heart-rate range given as bpm + 100, or an open
// target when both are zero.
func target(s sdkStep, low, high uint32) sdkStep {
	s.TargetType = "open"
	if low != 0 {
		s.TargetType, s.HRLow, s.HRHigh = "heartRate", low, high
	}
	return s
}

func named(s sdkStep, name, notes string) sdkStep {
	s.Name, s.Notes = name, notes
	return s
}

var sampleWorkouts = []struct {
	file string
	wk   activity.Workout
	want []sdkStep
}{
	{
		file: "recovery",
		wk: activity.Workout{
			Name: "Recovery run 35 min", Sport: activity.Running,
			Notes: "After Tuesday's intervals: conversational, RPE 3; below 131 bpm (70 % of max HR).",
			Steps: []activity.Step{{Name: "Recovery", Intensity: activity.Active, Duration: 35 * time.Minute,
				HRHighBPM: 131, Notes: "Upright torso, relaxed arms, short steps."}},
		},
		want: []sdkStep{named(timed(0, "active", 35*time.Minute, 130, 231), "Recovery", "Upright torso, relaxed arms, short steps.")},
	},
	{
		file: "easy",
		wk: activity.Workout{
			Name: "Easy run 50 min",
			Steps: []activity.Step{
				{Intensity: activity.WarmUp, Duration: 10 * time.Minute, HRHighBPM: 140},
				{Duration: 40 * time.Minute, HRLowBPM: 120, HRHighBPM: 145},
				{Intensity: activity.CoolDown},
			},
		},
		want: []sdkStep{
			timed(0, "warmup", 10*time.Minute, 130, 240),
			timed(1, "active", 40*time.Minute, 220, 245),
			lapButton(2, "cooldown"),
		},
	},
	{
		file: "intervals",
		wk: activity.Workout{
			Name: "Intervals 6 × 800 m",
			Steps: []activity.Step{
				{Name: "Warm up", Intensity: activity.WarmUp, Duration: 15 * time.Minute, HRHighBPM: 140},
				{Name: "6 × 800 m", Repeat: 6, Steps: []activity.Step{
					{Name: "800 m hard", Intensity: activity.Active, DistanceM: 800, HRLowBPM: 165, HRHighBPM: 178},
					{Name: "Jog", Intensity: activity.Recover, Duration: 2 * time.Minute, HRHighBPM: 140},
				}},
				{Name: "Cool down", Intensity: activity.CoolDown, Duration: 10 * time.Minute, HRHighBPM: 140},
			},
		},
		want: []sdkStep{
			named(timed(0, "warmup", 15*time.Minute, 130, 240), "Warm up", ""),
			named(distance(1, "active", 800, 265, 278), "800 m hard", ""),
			named(timed(2, "recovery", 2*time.Minute, 130, 240), "Jog", ""),
			named(repeat(3, 1, 6), "6 × 800 m", ""),
			named(timed(4, "cooldown", 10*time.Minute, 130, 240), "Cool down", ""),
		},
	},
	{
		file: "long",
		wk: activity.Workout{
			// Longer than a FIT string: cut at a character boundary.
			Name:  strings.Repeat("Sortie longue — 22 km 🏃 ", 12),
			Notes: "Steady and easy; water every 30 min.",
			Steps: []activity.Step{{DistanceM: 22000, HRHighBPM: 150}},
		},
		want: []sdkStep{distance(0, "active", 22000, 130, 250)},
	},
	{
		// Steering by heart rate: the first rep starts, and each next one
		// starts, once heart rate has come down below 150 bpm.
		file: "hr-steered",
		wk: activity.Workout{
			Name: "Intervals 5 × 3 min",
			Steps: []activity.Step{
				{Name: "Warm up", Intensity: activity.WarmUp, Duration: 15 * time.Minute, HRHighBPM: 150},
				{Name: "Settle", Intensity: activity.WarmUp, UntilHRBelowBPM: 150, Notes: "until below 150 bpm"},
				{Repeat: 5, Steps: []activity.Step{
					{Name: "Hard", Duration: 3 * time.Minute},
					{Name: "Jog", Intensity: activity.Recover, UntilHRBelowBPM: 150},
				}},
				{Name: "Cool down", Intensity: activity.CoolDown, Duration: 10 * time.Minute, HRHighBPM: 150},
			},
		},
		want: []sdkStep{
			named(timed(0, "warmup", 15*time.Minute, 130, 250), "Warm up", ""),
			named(untilHRBelow(1, "warmup", 150), "Settle", "until below 150 bpm"),
			named(timed(2, "active", 3*time.Minute, 0, 0), "Hard", ""),
			named(untilHRBelow(3, "recovery", 150), "Jog", ""),
			repeat(4, 2, 5),
			named(timed(5, "cooldown", 10*time.Minute, 130, 250), "Cool down", ""),
		},
	},
	{
		file: "threshold",
		wk: activity.Workout{
			Name: "Threshold 2 × 15 min",
			Steps: []activity.Step{
				{Intensity: activity.WarmUp, Duration: 15 * time.Minute},
				{Repeat: 2, Steps: []activity.Step{
					{Duration: 15 * time.Minute, HRLowBPM: 160, HRHighBPM: 170},
					{Intensity: activity.RestStep, Duration: 3 * time.Minute},
				}},
				{Intensity: activity.CoolDown},
			},
		},
		want: []sdkStep{
			timed(0, "warmup", 15*time.Minute, 0, 0),
			timed(1, "active", 15*time.Minute, 260, 270),
			timed(2, "rest", 3*time.Minute, 0, 0),
			repeat(3, 1, 2),
			lapButton(4, "cooldown"),
		},
	},
}

// TestEncodeWorkoutGarmin writes the sample workouts and checks what
// Garmin's own FIT SDK reads back from them.
func TestEncodeWorkoutGarmin(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for _, s := range sampleWorkouts {
		path := filepath.Join(dir, s.file+".fit")
		var buf bytes.Buffer
		if err := EncodeWorkout(&buf, s.wk, workoutCreated); err != nil {
			t.Fatalf("%s: %v", s.file, err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	var raw []json.RawMessage
	interop.Run(t, "fit-workout.mjs", &raw, paths...)
	if len(raw) != len(sampleWorkouts) {
		t.Fatalf("the SDK read %d files, want %d", len(raw), len(sampleWorkouts))
	}

	for i, s := range sampleWorkouts {
		t.Run(s.file, func(t *testing.T) {
			var got sdkFile
			if err := json.Unmarshal(raw[i], &got); err != nil {
				t.Fatal(err)
			}
			if !got.IsFIT || !got.CheckIntegrity || len(got.Errors) > 0 {
				t.Errorf("isFIT %v, checkIntegrity %v, errors %q; want a valid file", got.IsFIT, got.CheckIntegrity, got.Errors)
			}
			if len(got.FileID) != 1 || got.FileID[0].Type != "workout" || got.FileID[0].Manufacturer != "development" ||
				!got.FileID[0].TimeCreated.Equal(workoutCreated) || got.FileID[0].SerialNumber == 0 {
				t.Errorf("file_id = %+v, want a workout by development created %v with a serial number", got.FileID, workoutCreated)
			}
			if len(got.Workout) != 1 {
				t.Fatalf("%d workout messages, want 1", len(got.Workout))
			}
			w := got.Workout[0]
			// A name too long is cut at the last character boundary
			// within the limit, which is less than a character short.
			if name, full := w.Name, s.wk.Name; name != full && (len(full) <= MaxStringBytes ||
				len(name) > MaxStringBytes || len(name) <= MaxStringBytes-utf8.UTFMax ||
				!utf8.ValidString(name) || !strings.HasPrefix(full, name)) {
				t.Errorf("name = %q (%d bytes), want %q cut at a character boundary within %d bytes",
					name, len(name), full, MaxStringBytes)
			}
			if w.Description != s.wk.Notes || w.Sport != "running" || w.NumValidSteps != len(s.want) {
				t.Errorf("workout = %q, %s, %d steps; want %q, running, %d steps",
					w.Description, w.Sport, w.NumValidSteps, s.wk.Notes, len(s.want))
			}
			if len(got.Steps) != len(s.want) {
				t.Fatalf("%d steps, want %d: %+v", len(got.Steps), len(s.want), got.Steps)
			}
			for j, want := range s.want {
				if got.Steps[j] != want {
					t.Errorf("step %d:\n got %+v\nwant %+v", j, got.Steps[j], want)
				}
			}
			var all map[string]any
			if err := json.Unmarshal(raw[i], &all); err != nil {
				t.Fatal(err)
			}
			golden.JSON(t, filepath.Join("testdata", "workout", s.file+".json"), all)
		})
	}
}

func TestEncodeWorkoutInvalid(t *testing.T) {
	run := func(steps ...activity.Step) activity.Workout { return activity.Workout{Name: "w", Steps: steps} }
	easy := activity.Step{Duration: 30 * time.Minute}
	many := make([]activity.Step, MaxWorkoutSteps)
	for i := range many {
		many[i] = easy
	}
	tests := []struct {
		name    string
		wk      activity.Workout
		created time.Time
		wantErr string
	}{
		{"no steps", run(), workoutCreated, "no steps"},
		{"created in 1995", run(easy), time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC), "outside FIT's dates, 1998-07-03 to 2126-02-06"},
		{"created in 2200", run(easy), time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC), "outside FIT's dates"},
		{"no creation time", run(easy), time.Time{}, "outside FIT's dates"},
		{"unknown sport", activity.Workout{Sport: "parkour", Steps: []activity.Step{easy}}, workoutCreated, `unknown sport "parkour"`},
		{"unknown intensity", run(activity.Step{Intensity: "sprint"}), workoutCreated, `step 1: invalid workout: unknown intensity "sprint"`},
		{"negative duration", run(easy, activity.Step{Duration: -time.Minute}), workoutCreated, "step 2: invalid workout: negative"},
		{"negative distance", run(activity.Step{DistanceM: -5}), workoutCreated, "negative or non-finite length"},
		{"NaN distance", run(activity.Step{DistanceM: math.NaN()}), workoutCreated, "negative or non-finite length"},
		{"infinite distance", run(activity.Step{DistanceM: math.Inf(1)}), workoutCreated, "negative or non-finite length"},
		{"under a second", run(activity.Step{Duration: 500 * time.Millisecond}), workoutCreated, "lasts 500ms: outside 1 s to 49 days"},
		{"fifty days", run(activity.Step{Duration: 50 * 24 * time.Hour}), workoutCreated, "outside 1 s to 49 days"},
		{"under a metre", run(activity.Step{DistanceM: 0.5}), workoutCreated, "covers 0.5 m"},
		{"heart rate too high", run(activity.Step{HRHighBPM: 250}), workoutCreated, "heart rate 250 bpm outside 30–230 bpm"},
		{"heart rate too low", run(activity.Step{HRHighBPM: 20}), workoutCreated, "heart rate 20 bpm outside"},
		{"negative heart rate", run(activity.Step{HRLowBPM: -1, HRHighBPM: 140}), workoutCreated, "heart rate -1 bpm"},
		{"empty range", run(activity.Step{HRLowBPM: 150, HRHighBPM: 140}), workoutCreated, "range 150–140 bpm is empty"},
		{"until heart rate and a time", run(activity.Step{UntilHRBelowBPM: 150, Duration: 4 * time.Minute}), workoutCreated,
			"ends both when heart rate is below 150 bpm and after 4m0s or 0 m: a FIT step ends on one thing"},
		{"until heart rate and a distance", run(activity.Step{UntilHRBelowBPM: 150, DistanceM: 400}), workoutCreated, "and after 0s or 400 m"},
		{"until heart rate too low", run(activity.Step{UntilHRBelowBPM: 25}), workoutCreated, "ends below 25 bpm: outside 30–230 bpm"},
		{"until a negative heart rate", run(activity.Step{UntilHRBelowBPM: -150}), workoutCreated, "ends below -150 bpm"},
		{"steps without a count", run(activity.Step{Steps: []activity.Step{easy}}), workoutCreated, "repeat count 0 for a block of 1 steps"},
		{"negative count", run(activity.Step{Repeat: -2, Steps: []activity.Step{easy}}), workoutCreated, "repeat count -2"},
		{"empty block", run(activity.Step{Repeat: 3}), workoutCreated, "repeats 3 times a block with no steps"},
		{"nested blocks", run(activity.Step{Repeat: 3, Steps: []activity.Step{{Repeat: 2, Steps: []activity.Step{easy}}}}),
			workoutCreated, "block step 1 is a repeat block itself"},
		{"bad step in a block", run(activity.Step{Repeat: 3, Steps: []activity.Step{easy, {HRHighBPM: 300}}}),
			workoutCreated, "step 1: block step 2: invalid workout: heart rate 300 bpm"},
		{"too many steps", run(easy, activity.Step{Repeat: 2, Steps: many}), workoutCreated,
			"4098 steps with repeats, more than the 4096 a FIT workout holds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := EncodeWorkout(&buf, tt.wk, tt.created)
			if !errors.Is(err, ErrInvalidWorkout) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want ErrInvalidWorkout saying %q", err, tt.wantErr)
			}
			if buf.Len() > 0 {
				t.Errorf("wrote %d bytes of an invalid workout", buf.Len())
			}
		})
	}
}

// A workout holding as many steps as FIT allows is written.
func TestEncodeWorkoutMaxSteps(t *testing.T) {
	steps := make([]activity.Step, MaxWorkoutSteps)
	for i := range steps {
		steps[i] = activity.Step{Duration: time.Minute}
	}
	var buf bytes.Buffer
	if err := EncodeWorkout(&buf, activity.Workout{Steps: steps}, workoutCreated); err != nil {
		t.Fatal(err)
	}
	if buf.Len() < MaxWorkoutSteps*10 {
		t.Errorf("wrote %d bytes for %d steps", buf.Len(), MaxWorkoutSteps)
	}
}

// Decode, which reads activities, says a workout file is not one.
func TestEncodeWorkoutNotActivity(t *testing.T) {
	var buf bytes.Buffer
	if err := EncodeWorkout(&buf, sampleWorkouts[0].wk, workoutCreated); err != nil {
		t.Fatal(err)
	}
	if acts, err := Decode(buf.Bytes()); !errors.Is(err, activity.ErrNotActivity) {
		t.Errorf("Decode = %d activities, %v; want ErrNotActivity", len(acts), err)
	}
}

func TestFitString(t *testing.T) {
	long := strings.Repeat("a", MaxStringBytes)
	tests := []struct{ in, want string }{
		{"", ""},
		{"Recovery run", "Recovery run"},
		{long, long},
		{long + "b", long},
		{long[:MaxStringBytes-1] + "é", long[:MaxStringBytes-1]},       // é's two bytes would end past the limit
		{long[:MaxStringBytes-2] + "é", long[:MaxStringBytes-2] + "é"}, // ... and here they fit
		{long[:MaxStringBytes-3] + "🏃", long[:MaxStringBytes-3]},
		{"a\x00b", "ab"},
		{"bad \xff byte", "bad \uFFFD byte"},
	}
	for _, tt := range tests {
		if got := fitString(tt.in); got != tt.want {
			t.Errorf("fitString(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
