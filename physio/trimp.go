package physio

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// ErrNoHeartRate means a heart-rate formula got no usable samples; the
// caller falls back to session-RPE or distance.
var ErrNoHeartRate = errors.New("no heart-rate samples")

// Load is a session's training load and how it was computed.
type Load struct {
	Value  float64
	Method string // "Banister TRIMP", "Edwards TRIMP", "hrTSS", "session-RPE"
	Detail string // the inputs, so the number can be explained
}

// sampleMin is the duration of one sample of a 1 s stream, in minutes.
const sampleMin = 1.0 / 60

// plausible reports whether bpm is a heart rate a formula may use: not a
// gap, a dropout to zero or an out-of-range artefact.
func plausible(bpm float64) bool {
	return bpm >= minPlausibleBPM && bpm <= maxPlausibleBPM
}

// banisterConstants are TRIMP's a and b (science.md §4).
type banisterConstants struct {
	a, b float64
	name string
}

// banisterFor returns the constants for sex; unknown sex uses the men's
// and says so.
func banisterFor(sex activity.Sex) banisterConstants {
	switch sex {
	case activity.Female:
		return banisterConstants{0.86, 1.67, "women's constants"}
	case activity.Male:
		return banisterConstants{0.64, 1.92, "men's constants"}
	default:
		return banisterConstants{0.64, 1.92, "men's constants (sex not set)"}
	}
}

// perMin is Banister's TRIMP per minute at heart rate bpm:
// HRr × a × e^(b × HRr), HRr = (HR − rest)/(max − rest) (science.md §4).
// Below resting heart rate it is zero, not negative.
func (k banisterConstants) perMin(bpm, restBPM, maxBPM float64) float64 {
	hrr := max(0, (bpm-restBPM)/(maxBPM-restBPM))
	return hrr * k.a * math.Exp(k.b*hrr)
}

// BanisterTRIMP is Banister's training impulse over a 1 s heart-rate
// stream; gaps and implausible samples are skipped (science.md §4).
func BanisterTRIMP(hr []float64, a activity.Athlete) (Load, error) {
	restBPM, maxBPM, err := limits(a)
	if err != nil {
		return Load{}, fmt.Errorf("banister TRIMP: %w", err)
	}
	k := banisterFor(a.Sex)
	var trimp float64
	n := 0
	for _, bpm := range hr {
		if plausible(bpm) {
			trimp += sampleMin * k.perMin(bpm, restBPM, maxBPM)
			n++
		}
	}
	if n == 0 {
		return Load{}, fmt.Errorf("banister TRIMP: %w", ErrNoHeartRate)
	}
	return Load{
		Value:  trimp,
		Method: "Banister TRIMP",
		Detail: fmt.Sprintf("%.0f min of heart rate, resting %.0f, max %.0f bpm, %s",
			float64(n)*sampleMin, restBPM, maxBPM, k.name),
	}, nil
}

// EdwardsTRIMP is Edwards' training impulse: minutes in each %HRmax zone
// times the zone's number, Z1 = 1 … Z5 = 5 (science.md §4). Time below
// zone 1 counts nothing.
func EdwardsTRIMP(hr []float64, a activity.Athlete) (Load, error) {
	zones, err := Zones(activity.PercentMax, a)
	if err != nil {
		return Load{}, fmt.Errorf("edwards TRIMP: %w", err)
	}
	var trimp float64
	n := 0
	for _, bpm := range hr {
		if !plausible(bpm) {
			continue
		}
		n++
		if z, ok := ZoneOf(zones, bpm); ok {
			trimp += sampleMin * float64(z.Number)
		}
	}
	if n == 0 {
		return Load{}, fmt.Errorf("edwards TRIMP: %w", ErrNoHeartRate)
	}
	return Load{
		Value:  trimp,
		Method: "Edwards TRIMP",
		Detail: fmt.Sprintf("%.0f min of heart rate in %%HRmax zones of max %.0f bpm, minutes × zone number",
			float64(n)*sampleMin, a.MaxHR.V),
	}, nil
}

// HRTSS is heart-rate training stress: 100 × the session's Banister TRIMP
// over the TRIMP of 60 min at LTHR, so an hour at threshold scores 100
// (science.md §4). It needs LTHR.
func HRTSS(hr []float64, a activity.Athlete) (Load, error) {
	if !a.LTHR.Known() {
		return Load{}, errors.New("hrTSS: LTHR not set")
	}
	restBPM, maxBPM, err := limits(a)
	if err != nil {
		return Load{}, fmt.Errorf("hrTSS: %w", err)
	}
	trimp, err := BanisterTRIMP(hr, a)
	if err != nil {
		return Load{}, fmt.Errorf("hrTSS: %w", err)
	}
	hour := 60 * banisterFor(a.Sex).perMin(a.LTHR.V, restBPM, maxBPM)
	return Load{
		Value:  100 * trimp.Value / hour,
		Method: "hrTSS",
		Detail: fmt.Sprintf("100 × TRIMP %.1f / TRIMP %.1f of 60 min at LTHR %.0f bpm", trimp.Value, hour, a.LTHR.V),
	}, nil
}

// SessionRPE is Foster's session load: RPE (CR-10) × minutes, in
// arbitrary units (science.md §4). It is the load of a device-free run.
func SessionRPE(d time.Duration, rpe int) (Load, error) {
	words, ok := RPEWords(rpe)
	if !ok || rpe == 0 {
		return Load{}, fmt.Errorf("session-RPE: RPE %d is outside 1-10", rpe)
	}
	if d <= 0 {
		return Load{}, fmt.Errorf("session-RPE: duration %v is not positive", d)
	}
	return Load{
		Value:  d.Minutes() * float64(rpe),
		Method: "session-RPE",
		Detail: fmt.Sprintf("%.0f min × RPE %d (%s)", d.Minutes(), rpe, words),
	}, nil
}
