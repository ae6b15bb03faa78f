package activity

import (
	"fmt"
	"time"
)

// The ranges a profile's values must lie in. Heart rates outside them are
// typing mistakes (a max of 75, a resting rate of 3), and values that
// break the formulas would make every page that uses them fail.
const (
	MinBPM       = 30
	MaxBPM       = 230
	MinMassKg    = 25
	MaxMassKg    = 250
	MinBirthYear = 1900
)

// InputError says which value the runner entered is out of range, and
// the range. The CLI, the web pages and the API all answer it in these
// words, the web and the API as a bad request.
type InputError struct {
	Field string // "max HR", "birth year", "run date", ...
	Msg   string
}

func (e *InputError) Error() string { return e.Field + " " + e.Msg }

// Validate checks every value the runner sets in a, as of now: heart
// rates from MinBPM to MaxBPM with resting below LTHR below max, body
// mass, birth year up to now's, the named choices and the map settings.
// Zero values are unset and pass. Check before anything is written.
func (a Athlete) Validate(now time.Time) error {
	bad := func(field, format string, args ...any) error {
		return &InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	hrs := []struct {
		field string
		v     float64
	}{{"max HR", a.MaxHR.V}, {"resting HR", a.RestingHR.V}, {"LTHR", a.LTHR.V}}
	for _, hr := range hrs {
		if hr.v != 0 && (hr.v < MinBPM || hr.v > MaxBPM) {
			return bad(hr.field, "%g bpm: want %d to %d bpm", hr.v, MinBPM, MaxBPM)
		}
	}
	maxHR, rest, lthr := a.MaxHR.V, a.RestingHR.V, a.LTHR.V
	switch {
	case maxHR > 0 && rest >= maxHR:
		return bad("resting HR", "%g bpm: want below max HR %g bpm", rest, maxHR)
	case maxHR > 0 && lthr >= maxHR:
		return bad("LTHR", "%g bpm: want below max HR %g bpm", lthr, maxHR)
	case lthr > 0 && rest >= lthr:
		return bad("resting HR", "%g bpm: want below LTHR %g bpm", rest, lthr)
	case a.BirthYear != 0 && (a.BirthYear < MinBirthYear || a.BirthYear > now.Year()):
		return bad("birth year", "%d: want %d to %d", a.BirthYear, MinBirthYear, now.Year())
	case a.MassKg != 0 && (a.MassKg < MinMassKg || a.MassKg > MaxMassKg):
		return bad("body mass", "%g kg: want %d to %d kg", a.MassKg, MinMassKg, MaxMassKg)
	case a.Sex != SexUnknown && a.Sex != Male && a.Sex != Female:
		return bad("sex", "%q: want male, female or unset", a.Sex)
	case a.Experience != ExperienceUnknown && a.Experience != Beginner && a.Experience != Intermediate && a.Experience != Experienced:
		return bad("experience", "%q: want beginner, intermediate, experienced or unset", a.Experience)
	case a.Units != "" && a.Units != Kilometres && a.Units != Miles:
		return bad("units", "%q: want km or mi", a.Units)
	case a.Zones != "" && a.Zones != PercentMax && a.Zones != Reserve && a.Zones != Threshold:
		return bad("zone model", "%q: want max, reserve or lthr", a.Zones)
	case a.Zones == Threshold && !a.LTHR.Known():
		return bad("zone model", "lthr: needs your LTHR, set it too")
	case a.Intensity != ByHeartRate && a.Intensity != ByRPE:
		return bad("intensity", "%q: want rpe (RPE only) or unset (heart rate when it can be trusted)", a.Intensity)
	case a.TimeZone != "" && !knownZone(a.TimeZone):
		return bad("time zone", "%q: not a known IANA time zone name; want e.g. Europe/Berlin or America/New_York, or unset for the zone your watch records", a.TimeZone)
	}
	return a.Map.Check()
}

// knownZone reports whether name is an IANA time zone name. LoadLocation
// also takes "UTC" and "Local", the server's zone: not a runner's.
func knownZone(name string) bool {
	_, err := time.LoadLocation(name)
	return err == nil && name != "Local"
}

// FirstDate is the earliest day of a run entered by hand.
var FirstDate = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// DateRange is the days a date entered by hand may take, both included.
type DateRange struct{ First, Last time.Time }

// RunDates are the days of a run entered by hand: from FirstDate to
// tomorrow, as of now (a runner a time zone ahead may be there already).
func RunDates(now time.Time) DateRange {
	y, m, d := now.Date()
	return DateRange{FirstDate, time.Date(y, m, d+1, 0, 0, 0, 0, now.Location())}
}

// PlanDates are the days a plan may start or aim at: from a year before
// now, for a plan already under way, to two years after.
func PlanDates(now time.Time) DateRange {
	y, m, d := now.Date()
	return DateRange{time.Date(y-1, m, d, 0, 0, 0, 0, now.Location()), time.Date(y+2, m, d, 0, 0, 0, 0, now.Location())}
}

// Check fails when the day of t lies outside r, naming what and the range.
func (r DateRange) Check(what string, t time.Time) error {
	day := t.Format(time.DateOnly)
	if day < r.First.Format(time.DateOnly) || day > r.Last.Format(time.DateOnly) {
		return &InputError{Field: what, Msg: fmt.Sprintf("%s: want a date from %s to %s", day, r.First.Format(time.DateOnly), r.Last.Format(time.DateOnly))}
	}
	return nil
}
