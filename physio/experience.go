package physio

import (
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
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
// of the last ExperienceWeeks suggest, with the numbers that decided it.
func DeriveExperience(runs int, total time.Duration) (activity.Experience, string) {
	perWeek := float64(runs) / ExperienceWeeks
	timePerWeek := total / ExperienceWeeks
	level := activity.Intermediate
	switch {
	case perWeek < beginnerRunsPerWeek || timePerWeek < beginnerTimePerWeek:
		level = activity.Beginner
	case perWeek >= experiencedRunsPerWeek && timePerWeek >= experiencedTimePerWeek:
		level = activity.Experienced
	}
	return level, fmt.Sprintf("derived from your last %d weeks: %.1f runs and %s of running a week "+
		"(beginner: under %d runs or %s; experienced: %d runs and %s or more)",
		ExperienceWeeks, perWeek, hm(timePerWeek), beginnerRunsPerWeek, hm(beginnerTimePerWeek),
		experiencedRunsPerWeek, hm(experiencedTimePerWeek))
}

// hm formats a duration as 3 h 05 min.
func hm(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %02d min", m/60, m%60)
}
