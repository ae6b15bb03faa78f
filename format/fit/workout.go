package fit

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/kit/datetime"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"

	"github.com/easyrun/easyrun/activity"
)

// ErrInvalidWorkout is wrapped by the errors EncodeWorkout returns for a
// workout that cannot be written: the caller's input, not the output, is
// at fault.
var ErrInvalidWorkout = errors.New("invalid workout")

// Limits of the FIT workout file.
const (
	// MaxWorkoutSteps is how many step messages a workout may have,
	// repeat steps included: the range of FIT's message index.
	MaxWorkoutSteps = int(typedef.MessageIndexMask) + 1
	// MaxStringBytes is how many bytes of UTF-8 a FIT string holds: a
	// field is at most 255 bytes, the last one its terminating NUL.
	// Watches may show fewer, so the meaning belongs at the start.
	MaxStringBytes = 254
)

// Heart rates written for the open side of a heart-rate range, which FIT
// cannot leave open: nobody's heart beats outside them while running, so
// the watch only ever warns on the side that was given. They bound the
// targets EncodeWorkout accepts.
const (
	openLowBPM  = 30
	openHighBPM = 230
)

// bpmOffset is added to a custom heart-rate target in beats per minute:
// FIT reads values up to 100 as a percentage of max HR.
const bpmOffset = 100

// EncodeWorkout writes wk as a FIT workout file, created at created, to w:
// a file_id of type workout, the workout message (name, sport, notes as
// its description, the number of steps) and one workout_step per step.
//
// Time is written in milliseconds, distance in centimetres, a step that
// ends when heart rate falls below a value as hr_less_than with bpm + 100,
// and a step with none of them lasts until the lap button. Heart-rate targets are custom
// ranges stored as bpm + 100; a ceiling alone gets 30 bpm as its floor and
// a floor alone 230 bpm as its ceiling, since FIT needs both ends. A
// repeat block is its steps followed by a repeat step whose duration is
// the index of the block's first step and whose target is the count.
// Names and notes are cut to MaxStringBytes at a character boundary.
//
// A workout with no steps, nested repeat blocks, negative or non-finite
// values, a heart rate outside 30–230 bpm, a step ending on heart rate
// and on time or distance too, or more than MaxWorkoutSteps
// steps is an error wrapping ErrInvalidWorkout, and nothing is written.
func EncodeWorkout(w io.Writer, wk activity.Workout, created time.Time) error {
	f, err := workoutFile(wk, created)
	if err != nil {
		return fmt.Errorf("encode FIT workout %q: %w", wk.Name, err)
	}
	fit := f.ToFIT(nil)
	if err := encoder.New(w).Encode(&fit); err != nil {
		return fmt.Errorf("encode FIT workout %q: %w", wk.Name, err)
	}
	return nil
}

// workoutFile builds the messages of wk's file, checking wk on the way.
func workoutFile(wk activity.Workout, created time.Time) (*filedef.Workout, error) {
	// Earlier FIT times count from the device's power-on; later ones
	// overflow.
	first := datetime.Epoch().Add(time.Duration(typedef.DateTimeMin) * time.Second)
	last := datetime.Epoch().Add((math.MaxUint32 - 1) * time.Second)
	if created.Before(first) || created.After(last) {
		return nil, fmt.Errorf("%w: created %v is outside FIT's dates, %v to %v",
			ErrInvalidWorkout, created, first.Format(time.DateOnly), last.Format(time.DateOnly))
	}
	if len(wk.Steps) == 0 {
		return nil, fmt.Errorf("%w: no steps", ErrInvalidWorkout)
	}
	sport := typedef.SportRunning
	if wk.Sport != "" {
		if sport = typedef.SportFromString(string(wk.Sport)); sport == typedef.SportInvalid {
			return nil, fmt.Errorf("%w: unknown sport %q", ErrInvalidWorkout, wk.Sport)
		}
	}

	var steps []*mesgdef.WorkoutStep
	for i, s := range wk.Steps {
		if s.Repeat == 0 && len(s.Steps) == 0 {
			m, err := workoutStep(s)
			if err != nil {
				return nil, fmt.Errorf("step %d: %w", i+1, err)
			}
			steps = append(steps, m)
			continue
		}
		block, err := repeatBlock(s, len(steps))
		if err != nil {
			return nil, fmt.Errorf("step %d: %w", i+1, err)
		}
		steps = append(steps, block...)
	}
	if len(steps) > MaxWorkoutSteps {
		return nil, fmt.Errorf("%w: %d steps with repeats, more than the %d a FIT workout holds",
			ErrInvalidWorkout, len(steps), MaxWorkoutSteps)
	}
	for i, m := range steps {
		m.MessageIndex = typedef.MessageIndex(i)
	}

	f := filedef.NewWorkout()
	f.FileId.Manufacturer = typedef.ManufacturerDevelopment
	f.FileId.Product = 0 // the file_id requires one; a development maker numbers its own
	f.FileId.ProductName = "easyrun"
	f.FileId.TimeCreated = created.UTC().Truncate(time.Second)
	f.FileId.SerialNumber = serialNumber(wk, f.FileId.TimeCreated)
	f.Workout = mesgdef.NewWorkout(nil)
	f.Workout.WktName = fitString(wk.Name)
	f.Workout.WktDescription = fitString(wk.Notes)
	f.Workout.Sport = sport
	f.Workout.NumValidSteps = uint16(len(steps))
	f.WorkoutSteps = steps
	return f, nil
}

// repeatBlock is the steps of block followed by its repeat step, the
// first of them at message index first.
func repeatBlock(block activity.Step, first int) ([]*mesgdef.WorkoutStep, error) {
	switch {
	case block.Repeat <= 0:
		return nil, fmt.Errorf("%w: repeat count %d for a block of %d steps", ErrInvalidWorkout, block.Repeat, len(block.Steps))
	case uint64(block.Repeat) >= math.MaxUint32: // the top value means invalid
		return nil, fmt.Errorf("%w: repeat count %d is too large", ErrInvalidWorkout, block.Repeat)
	case len(block.Steps) == 0:
		return nil, fmt.Errorf("%w: repeats %d times a block with no steps", ErrInvalidWorkout, block.Repeat)
	}
	steps := make([]*mesgdef.WorkoutStep, 0, len(block.Steps)+1)
	for i, s := range block.Steps {
		if s.Repeat != 0 || len(s.Steps) > 0 {
			return nil, fmt.Errorf("%w: block step %d is a repeat block itself: blocks do not nest", ErrInvalidWorkout, i+1)
		}
		m, err := workoutStep(s)
		if err != nil {
			return nil, fmt.Errorf("block step %d: %w", i+1, err)
		}
		steps = append(steps, m)
	}
	r := mesgdef.NewWorkoutStep(nil)
	r.WktStepName = fitString(block.Name)
	r.Notes = fitString(block.Notes)
	r.DurationType = typedef.WktStepDurationRepeatUntilStepsCmplt
	r.DurationValue = uint32(first)
	r.TargetValue = uint32(block.Repeat)
	return append(steps, r), nil
}

// workoutStep is the message of a step that is not a repeat block, its
// message index still to be set.
func workoutStep(s activity.Step) (*mesgdef.WorkoutStep, error) {
	m := mesgdef.NewWorkoutStep(nil)
	m.WktStepName = fitString(s.Name)
	m.Notes = fitString(s.Notes)

	m.Intensity = typedef.IntensityActive
	if s.Intensity != "" {
		if m.Intensity = typedef.IntensityFromString(string(s.Intensity)); m.Intensity == typedef.IntensityInvalid {
			return nil, fmt.Errorf("%w: unknown intensity %q", ErrInvalidWorkout, s.Intensity)
		}
	}

	switch {
	case s.UntilHRBelowBPM != 0 && (s.Duration != 0 || s.DistanceM != 0):
		return nil, fmt.Errorf("%w: ends both when heart rate is below %d bpm and after %v or %v m: a FIT step ends on one thing",
			ErrInvalidWorkout, s.UntilHRBelowBPM, s.Duration, s.DistanceM)
	case s.UntilHRBelowBPM != 0:
		if s.UntilHRBelowBPM < openLowBPM || s.UntilHRBelowBPM > openHighBPM {
			return nil, fmt.Errorf("%w: ends below %d bpm: outside %d–%d bpm", ErrInvalidWorkout, s.UntilHRBelowBPM, openLowBPM, openHighBPM)
		}
		// Stored like a custom target: values up to 100 are % of max HR.
		m.DurationType = typedef.WktStepDurationHrLessThan
		m.DurationValue = uint32(s.UntilHRBelowBPM + bpmOffset)
	case s.Duration < 0 || s.DistanceM < 0 || math.IsNaN(s.DistanceM) || math.IsInf(s.DistanceM, 0):
		return nil, fmt.Errorf("%w: negative or non-finite length: %v, %v m", ErrInvalidWorkout, s.Duration, s.DistanceM)
	case s.Duration > 0:
		ms := s.Duration.Round(time.Millisecond).Milliseconds()
		if s.Duration < time.Second || ms >= math.MaxUint32 {
			return nil, fmt.Errorf("%w: lasts %v: outside 1 s to 49 days", ErrInvalidWorkout, s.Duration)
		}
		m.DurationType = typedef.WktStepDurationTime
		m.DurationValue = uint32(ms)
	case s.DistanceM > 0:
		cm := math.Round(s.DistanceM * 100)
		if s.DistanceM < 1 || cm >= math.MaxUint32 {
			return nil, fmt.Errorf("%w: covers %v m: outside 1 m to 42 000 km", ErrInvalidWorkout, s.DistanceM)
		}
		m.DurationType = typedef.WktStepDurationDistance
		m.DurationValue = uint32(cm)
	default:
		m.DurationType = typedef.WktStepDurationOpen
	}

	low, high := s.HRLowBPM, s.HRHighBPM
	if low == 0 && high == 0 {
		m.TargetType = typedef.WktStepTargetOpen
		return m, nil
	}
	for _, bpm := range []int{low, high} {
		if bpm != 0 && (bpm < openLowBPM || bpm > openHighBPM) {
			return nil, fmt.Errorf("%w: heart rate %d bpm outside %d–%d bpm", ErrInvalidWorkout, bpm, openLowBPM, openHighBPM)
		}
	}
	if low == 0 {
		low = openLowBPM
	}
	if high == 0 {
		high = openHighBPM
	}
	if low >= high {
		return nil, fmt.Errorf("%w: heart-rate range %d–%d bpm is empty", ErrInvalidWorkout, low, high)
	}
	m.TargetType = typedef.WktStepTargetHeartRate
	m.TargetValue = 0 // a custom range rather than a zone number
	m.CustomTargetValueLow = uint32(low + bpmOffset)
	m.CustomTargetValueHigh = uint32(high + bpmOffset)
	return m, nil
}

// serialNumber names the "device" that wrote wk at created: the file_id
// identifies a file by its maker, product, serial number and creation
// time, so the serial number is a hash of the workout and the time. The
// same export gives the same file; a changed workout another one.
func serialNumber(wk activity.Workout, created time.Time) uint32 {
	h := fnv.New32a()
	fmt.Fprintf(h, "%d %+v", created.Unix(), wk)
	return max(h.Sum32(), 1) // 0 is FIT's invalid serial number
}

// fitString is s as a FIT string holds it: valid UTF-8 without the NUL
// that would end it early, cut at a character boundary to MaxStringBytes.
func fitString(s string) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
	if len(s) <= MaxStringBytes {
		return s
	}
	cut := MaxStringBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
