// Package say says durations in the sentences of easyrun's reasons, the
// same way wherever a rule, a plan or a verdict speaks.
package say

import (
	"fmt"
	"time"
)

// Minutes says a duration to the minute: "45 s" under a minute, "35 min",
// "5 h", "1 h 05 min".
func Minutes(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	}
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %02d min", m/60, m%60)
}

// Seconds says whole seconds, to the second under an hour, as reps and
// stretches of a run are timed: "45 s", "3 min", "3 min 20 s", "1 h 05 min".
func Seconds(s int) string {
	switch {
	case s < 60:
		return fmt.Sprintf("%d s", s)
	case s < 3600 && s%60 == 0:
		return fmt.Sprintf("%d min", s/60)
	case s < 3600:
		return fmt.Sprintf("%d min %d s", s/60, s%60)
	}
	return fmt.Sprintf("%d h %02d min", s/3600, s%3600/60)
}
