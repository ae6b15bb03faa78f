package rules

import "math"

// restAfterRaceM is the shortest race after which the next day is rest:
// a half marathon (coaching.md, "Plans a coach would sign"). A recording
// of a half often reads a little short of its 21.1 km, so the line is
// drawn at 20 km.
const restAfterRaceM = 20000

// metresPerMile turns a race's metres into the miles of the rule of thumb.
const metresPerMile = 1609.344

// AfterRace is what a race of distanceM metres asks of the days after it
// (coaching.md, "Plans a coach would sign"): rest the next day after a
// half marathon or longer, and about a day of easy running per mile
// raced before hard training resumes (a common rule of thumb). The
// planner and today's advice both follow it.
func AfterRace(distanceM float64) (restNextDay bool, easyDays int) {
	return distanceM >= restAfterRaceM, int(math.Round(distanceM / metresPerMile))
}
