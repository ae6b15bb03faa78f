package physio

import (
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

func TestDeriveExperience(t *testing.T) {
	for _, tc := range []struct {
		runs  int
		total time.Duration
		want  activity.Experience
	}{
		{0, 0, activity.Beginner},
		{24, 12 * time.Hour, activity.Beginner},     // 3 a week but only 1 h 30
		{24, 20 * time.Hour, activity.Intermediate}, // 3 a week, 2 h 30
		{40, 30 * time.Hour, activity.Intermediate}, // 5 a week but 3 h 45
		{40, 40 * time.Hour, activity.Experienced},  // 5 a week, 5 h
		{72, 64 * time.Hour, activity.Experienced},  // 9 a week with doubles
		{16, 40 * time.Hour, activity.Beginner},     // 2 long runs a week: few runs
	} {
		got, why := DeriveExperience(tc.runs, tc.total, 8)
		if got != tc.want {
			t.Errorf("DeriveExperience(%d, %v) = %s, want %s", tc.runs, tc.total, got, tc.want)
		}
		if !strings.Contains(why, "last 8 weeks") {
			t.Errorf("reason %q does not say what it was derived from", why)
		}
	}
}

// TestDeriveExperienceShortHistory: two weeks of an experienced runner's
// training are averaged over two weeks, not eight.
func TestDeriveExperienceShortHistory(t *testing.T) {
	got, why := DeriveExperience(12, 11*time.Hour, 2)
	if got != activity.Experienced || !strings.Contains(why, "the 2 weeks of history you have") {
		t.Errorf("DeriveExperience over 2 weeks = %s %q, want experienced from the 2 weeks there are", got, why)
	}
}
