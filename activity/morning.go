package activity

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// The ranges of a morning check-in's values: outside them a number is a
// typing mistake, not a morning.
const (
	MinMorningRHR  = 25
	MaxMorningRHR  = 120
	MinRMSSD       = 3   // ms
	MaxRMSSD       = 300 // ms
	MaxSleep       = 16 * time.Hour
	MaxMorningNote = 500 // characters
	maxDevice      = 100 // characters
)

// Legs is how the legs feel on waking, 1 to 5; 0 is not logged.
type Legs int

// The legs scale: from fresh to very sore, one step a clear difference.
const (
	FreshLegs    Legs = 1 // fresh, springy: no trace of the last runs
	NormalLegs   Legs = 2 // normal: nothing to notice
	TiredLegs    Legs = 3 // a bit heavy or stiff on the stairs
	HeavyLegs    Legs = 4 // heavy and sore: you feel them walking
	VerySoreLegs Legs = 5 // very sore: it hurts to run
)

// LegsScale says what each step of Legs means, for forms and help.
const LegsScale = "1 fresh, 2 normal, 3 a bit heavy, 4 heavy and sore, 5 very sore"

// String names the step: "4 (heavy and sore)".
func (l Legs) String() string {
	words := [...]string{"fresh", "normal", "a bit heavy", "heavy and sore", "very sore"}
	switch {
	case l == 0:
		return "not logged"
	case l < FreshLegs || l > VerySoreLegs:
		return fmt.Sprintf("%d", int(l))
	}
	return fmt.Sprintf("%d (%s)", int(l), words[l-1])
}

// Morning is one morning check-in of a runner: how they woke up on a
// local date. Zero values are not logged.
type Morning struct {
	// Date is the runner's local date, "2006-01-02".
	Date string `json:"date"`
	// RestingHR is the resting heart rate on waking, in bpm.
	RestingHR float64 `json:"resting_hr,omitempty"`
	// RMSSDMs is heart-rate variability as rMSSD, the root mean square of
	// successive RR differences, in ms, measured at rest on waking (the
	// measure of HRV4Training, Elite HRV and Garmin's HRV status).
	RMSSDMs float64 `json:"rmssd_ms,omitempty"`
	// Sleep is the night's sleep.
	Sleep time.Duration `json:"sleep,omitempty"`
	// Legs is how the legs feel, LegsScale.
	Legs Legs `json:"legs,omitempty"`
	// Source is Manual for the runner's check-in, else the format of the
	// device's file it was read from. The check-in wins over a file's
	// morning of the same date.
	Source Format `json:"source"`
	// Device names the device of a file's morning: "Garmin fenix 7".
	Device string `json:"device,omitempty"`
	Note   string `json:"note,omitempty"`
}

// Day is the morning's date as midnight UTC, for date arithmetic.
func (m Morning) Day() (time.Time, error) {
	d, err := time.Parse(time.DateOnly, m.Date)
	if err != nil {
		return time.Time{}, &InputError{Field: "date", Msg: fmt.Sprintf("%q: want YYYY-MM-DD", m.Date)}
	}
	return d, nil
}

// Empty reports whether the morning logs none of its numbers.
func (m Morning) Empty() bool {
	return m.RestingHR == 0 && m.RMSSDMs == 0 && m.Sleep == 0 && m.Legs == 0
}

// Validate checks a morning as of now, the runner's clock: its date a
// day of RunDates, at least one number, each in its range, the source
// known and the texts short. Check before anything is written.
func (m Morning) Validate(now time.Time) error {
	bad := func(field, format string, args ...any) error {
		return &InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	day, err := m.Day()
	if err != nil {
		return err
	}
	if err := RunDates(now).Check("date", time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, now.Location())); err != nil {
		return err
	}
	outside := func(v, lo, hi float64) bool { return math.IsNaN(v) || v != 0 && (v < lo || v > hi) }
	switch {
	case m.Empty():
		return bad("morning", "logs nothing: want at least one of resting HR, HRV, sleep or legs")
	case outside(m.RestingHR, MinMorningRHR, MaxMorningRHR):
		return bad("resting HR", "%g bpm: want %d to %d bpm", m.RestingHR, MinMorningRHR, MaxMorningRHR)
	case outside(m.RMSSDMs, MinRMSSD, MaxRMSSD):
		return bad("HRV", "%g ms: want an rMSSD of %d to %d ms", m.RMSSDMs, MinRMSSD, MaxRMSSD)
	case m.Sleep < 0 || m.Sleep > MaxSleep:
		return sleepError(m.Sleep.Hours())
	case m.Legs < 0 || m.Legs > VerySoreLegs:
		return bad("legs", "%d: want 1 to %d (%s)", m.Legs, VerySoreLegs, LegsScale)
	case m.Source != Manual && m.Source != FIT:
		return bad("source", "%q: want manual or fit", m.Source)
	case len([]rune(m.Note)) > MaxMorningNote:
		return bad("note", "of %d characters: want at most %d", len([]rune(m.Note)), MaxMorningNote)
	case len([]rune(m.Device)) > maxDevice || strings.ContainsAny(m.Device, "\n\r"):
		return bad("device", "%q: want one line of at most %d characters", m.Device, maxDevice)
	}
	return nil
}

// SleepOf is n units of sleep, as a form or an API gives it ("7.5" h,
// 27000 s), checked: from 0 to MaxSleep, else an *InputError.
func SleepOf(n float64, unit time.Duration) (time.Duration, error) {
	h := n * unit.Hours()
	if math.IsNaN(h) || h < 0 || h > MaxSleep.Hours() {
		return 0, sleepError(h)
	}
	return time.Duration(math.Round(n * float64(unit))), nil
}

func sleepError(h float64) error {
	return &InputError{Field: "sleep", Msg: fmt.Sprintf("%g h: want 0 to %.0f h", h, MaxSleep.Hours())}
}

// Summary says what the morning logs, in words and units: "resting HR
// 48 bpm, HRV 62 ms rMSSD, 7 h 30 min of sleep, legs 3 (a bit heavy)".
func (m Morning) Summary() string {
	var parts []string
	if m.RestingHR > 0 {
		parts = append(parts, fmt.Sprintf("resting HR %.0f bpm", m.RestingHR))
	}
	if m.RMSSDMs > 0 {
		parts = append(parts, fmt.Sprintf("HRV %.0f ms rMSSD", m.RMSSDMs))
	}
	if m.Sleep > 0 {
		h, min := int(m.Sleep.Round(time.Minute)/time.Hour), int(m.Sleep.Round(time.Minute)%time.Hour/time.Minute)
		parts = append(parts, fmt.Sprintf("%d h %02d min of sleep", h, min))
	}
	if m.Legs > 0 {
		parts = append(parts, "legs "+m.Legs.String())
	}
	return strings.Join(parts, ", ")
}
