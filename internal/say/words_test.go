package say

import (
	"testing"
	"time"
)

func TestMinutes(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{45 * time.Second, "45 s"},
		{35*time.Minute + 20*time.Second, "35 min"},
		{59*time.Minute + 40*time.Second, "1 h"},
		{5 * time.Hour, "5 h"},
		{65 * time.Minute, "1 h 05 min"},
		{24 * time.Hour, "24 h"},
	} {
		if got := Minutes(tc.d); got != tc.want {
			t.Errorf("Minutes(%s) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestSeconds(t *testing.T) {
	for _, tc := range []struct {
		s    int
		want string
	}{
		{45, "45 s"},
		{180, "3 min"},
		{200, "3 min 20 s"},
		{3900, "1 h 05 min"},
	} {
		if got := Seconds(tc.s); got != tc.want {
			t.Errorf("Seconds(%d) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
