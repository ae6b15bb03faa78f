package recovery

import (
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/rules"
)

// TestWordsAbroad: a hard session and its recovery run in Tokyo are
// judged on Tokyo's days (the run the next morning there is the day
// after, though New York still calls it the same day), and the words say
// on which clock their times are, since pages show them in the runner's
// zone. A zone detected from the watch is the watch's clock: nothing to
// say.
func TestWordsAbroad(t *testing.T) {
	tokyo := time.FixedZone("UTC+09:00", 9*3600)
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	sessions := []Session{
		made(1, time.Date(2026, 3, 3, 19, 0, 0, 0, tokyo), 60, hard(analysis.Intervals)),
		made(2, time.Date(2026, 3, 4, 7, 0, 0, 0, tokyo), 35),
	}
	now := time.Date(2026, 3, 6, 12, 0, 0, 0, newYork)
	for _, tt := range []struct {
		origin activity.Origin
		says   bool
	}{
		{activity.SetByRunner, true},
		{activity.Detected, false},
	} {
		ath := resolved(t, activity.Intermediate)
		ath.TimeZoneOrigin = tt.origin
		r := Audit(now, sessions, ath, rules.Default())
		v := verdictOf(t, r, 2)
		if v.Kind != TrueRecovery {
			t.Errorf("%s zone: verdict %s, want %s on Tokyo's next day: %q", tt.origin, v.Kind, TrueRecovery, v.Reasons)
		}
		text := strings.Join(v.Reasons, "; ")
		if got := strings.Contains(text, "Wed 4 Mar 07:00 (local time, UTC+09:00)"); got != tt.says {
			t.Errorf("%s zone: the words name Tokyo's clock: %v, want %v: %q", tt.origin, got, tt.says, text)
		}
	}
}
