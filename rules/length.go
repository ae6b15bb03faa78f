package rules

import (
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/say"
)

// RecoveryLength is the length of a recovery run for a runner of
// experience exp who runs weekly a week, and why; over says where weekly
// comes from ("over the last 4 weeks"). Only experienced runners' length
// depends on weekly. Today, the audit and the planner size recovery runs
// by this one rule.
func (rl Set) RecoveryLength(exp activity.Experience, weekly time.Duration, over string) (Range, string) {
	switch exp {
	case activity.Beginner:
		return rl.Beginner, rl.Beginner.String() + " for a beginner"
	case activity.Experienced:
		if weekly < rl.HighVolume {
			return rl.ExperiencedLow, fmt.Sprintf("%s for an experienced runner with %s of running a week %s (under %s)",
				rl.ExperiencedLow, say.Minutes(weekly), over, say.Minutes(rl.HighVolume))
		}
		return rl.ExperiencedHigh, fmt.Sprintf("%s for an experienced runner with %s of running a week %s (%s or more)",
			rl.ExperiencedHigh, say.Minutes(weekly), over, say.Minutes(rl.HighVolume))
	case activity.Intermediate:
		return rl.Intermediate, rl.Intermediate.String() + " for an intermediate runner"
	default:
		return rl.Intermediate, rl.Intermediate.String() + ", as for an intermediate runner: your experience is not known"
	}
}

// EasyLength is the length of an easy run for a runner of experience
// exp, and why.
func (rl Set) EasyLength(exp activity.Experience) (Range, string) {
	switch exp {
	case activity.Beginner:
		return rl.EasyBeginner, rl.EasyBeginner.String() + " of easy running for a beginner"
	case activity.Experienced:
		return rl.EasyExperienced, rl.EasyExperienced.String() + " of easy running for an experienced runner"
	case activity.Intermediate:
		return rl.EasyIntermediate, rl.EasyIntermediate.String() + " of easy running for an intermediate runner"
	default:
		return rl.EasyIntermediate, rl.EasyIntermediate.String() + " of easy running, as for an intermediate runner: your experience is not known"
	}
}
