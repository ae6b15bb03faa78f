package rules

import "time"

// Day is the local calendar day of t, in t's own location, as midnight
// UTC: days of sessions recorded in different time zones compare as days.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DaysBetween is the number of calendar days from the local day of a to
// the local day of b: 0 on the same day, 1 on the next, negative before.
// Hours do not count: Tuesday 23:00 to Wednesday 06:00 is one day.
func DaysBetween(a, b time.Time) int {
	// Days as midnight UTC are exactly 24 h apart: no daylight saving.
	return int(Day(b).Sub(Day(a)) / (24 * time.Hour))
}

// FollowsHard reports whether a run starting at run belongs to the
// window of a hard day whose last hard session ended at hardEnd: later
// the same calendar day, or the next calendar day, in the runner's local
// time, whatever the hour (coaching.md, "The window is a day"). The first
// such run is the hard day's recovery run; a run two days later is an
// easy run after a rest day.
func FollowsHard(hardEnd, run time.Time) bool {
	if run.Before(hardEnd) {
		return false
	}
	d := DaysBetween(hardEnd, run)
	return d == 0 || d == 1
}

// Stacked reports whether hard sessions on the local days of a and b are
// stacked: on consecutive calendar days, whatever the hours between them.
// Tuesday-evening intervals and Thursday-morning threshold are not
// stacked, though less than 48 h apart: that is the sandwich.
func Stacked(a, b time.Time) bool {
	d := DaysBetween(a, b)
	return d == 1 || d == -1
}

// NextHardDay is the first local day on which a hard session may follow
// a hard day on the local day of hard: the day after next.
func NextHardDay(hard time.Time) time.Time { return Day(hard).AddDate(0, 0, 2) }
