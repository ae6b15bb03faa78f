package physio

import (
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/say"
)

// ExperienceWeeks is how many recent weeks of running derive an
// experience level the runner has not set.
const ExperienceWeeks = 8

// The bounds of the derived levels, per week on average over
// ExperienceWeeks (PRODUCT.md: beginners run a few short runs, experienced
// high-mileage runners five or more sessions and five hours or more).
const (
	beginnerRunsPerWeek    = 3
	beginnerTimePerWeek    = 2 * time.Hour
	experiencedRunsPerWeek = 5
	experiencedTimePerWeek = 5 * time.Hour
)

// DeriveExperience is the experience level that the runs and running time
// of the last weeks (ExperienceWeeks, or fewer when the history is
// shorter: never averaged over weeks that do not exist) suggest, with the
// numbers that decided it.
func DeriveExperience(runs int, total time.Duration, weeks int) (activity.Experience, string) {
	weeks = min(max(weeks, 1), ExperienceWeeks)
	perWeek := float64(runs) / float64(weeks)
	timePerWeek := total / time.Duration(weeks)
	level := activity.Intermediate
	switch {
	case perWeek < beginnerRunsPerWeek || timePerWeek < beginnerTimePerWeek:
		level = activity.Beginner
	case perWeek >= experiencedRunsPerWeek && timePerWeek >= experiencedTimePerWeek:
		level = activity.Experienced
	}
	over := fmt.Sprintf("your last %d weeks", weeks)
	if weeks < ExperienceWeeks {
		over = fmt.Sprintf("the %d %s of history you have (%d make a surer guess)", weeks, map[bool]string{true: "week", false: "weeks"}[weeks == 1], ExperienceWeeks)
	}
	return level, fmt.Sprintf("derived from %s: %.1f runs and %s of running a week "+
		"(beginner: under %d runs or %s; experienced: %d runs and %s or more)",
		over, perWeek, say.Minutes(timePerWeek), beginnerRunsPerWeek, say.Minutes(beginnerTimePerWeek),
		experiencedRunsPerWeek, say.Minutes(experiencedTimePerWeek))
}
