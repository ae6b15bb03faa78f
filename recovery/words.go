package recovery

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/easyrun/easyrun/activity"
)

// dateLayout is how dates appear in JSON: the runner's local calendar day.
const dateLayout = "2006-01-02"

// secs is n seconds as a duration.
func secs(n int) time.Duration { return time.Duration(n) * time.Second }

// when formats a session's time for a sentence: "Tue 3 Mar 18:45".
func (h *history) when(t time.Time) string { return t.Format("Mon 2 Jan 15:04") + h.elsewhere(t) }

// clock formats the hour of a session's time for a sentence: "18:45".
func (h *history) clock(t time.Time) string { return t.Format("15:04") + h.elsewhere(t) }

// elsewhere names the clock of t when it is not the zone the runner set
// (now's): a session abroad is judged by the days of the clock it was
// run by, so its words speak that clock and say so, while pages show it
// in the runner's zone (activity.OtherClock says when).
func (h *history) elsewhere(t time.Time) string {
	if !activity.OtherClock(t, h.now.Location(), h.ath.TimeZoneOrigin) {
		return ""
	}
	return t.Format(" (local time, UTC-07:00)")
}

// pctOf formats a heart rate against max: "133 bpm (70 % of max 190)".
func pctOf(bpm, maxBPM float64) string {
	if maxBPM <= 0 {
		return fmt.Sprintf("%.0f bpm", bpm)
	}
	return fmt.Sprintf("%.0f bpm (%.0f %% of max %.0f)", bpm, 100*bpm/maxBPM, maxBPM)
}

// unitM is the length of the runner's distance unit in metres, and its name.
func unitM(u activity.Units) (float64, activity.Units) {
	if u == activity.Miles {
		return 1609.344, activity.Miles
	}
	return 1000, activity.Kilometres
}

// distance formats metres in the runner's units: "5.2 km".
func distance(m float64, u activity.Units) string {
	per, name := unitM(u)
	return fmt.Sprintf("%.1f %s", m/per, name)
}

// pace formats a speed as time per unit: "6:00 /km".
func pace(speedMS float64, u activity.Units) string {
	per, name := unitM(u)
	s := int(math.Round(per / speedMS))
	return fmt.Sprintf("%d:%02d /%s", s/60, s%60, name)
}

// words splits text into lower-case words of letters and hyphens.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return r != '-' && !unicode.IsLetter(r)
	})
}

// round1 rounds to one decimal, for stable JSON.
func round1(x float64) float64 { return math.Round(x*10) / 10 }

// kindWords is a verdict kind in words: "too hard", "rested".
func kindWords(k Kind) string { return strings.ReplaceAll(string(k), "_", " ") }
