package rules

import (
	"testing"
	"time"
)

func TestWindow(t *testing.T) {
	plus1 := time.FixedZone("+01:00", 3600)
	minus5 := time.FixedZone("-05:00", -5*3600)
	at := func(day, hh, mm int, loc *time.Location) time.Time {
		return time.Date(2026, 3, 3+day, hh, mm, 0, 0, loc) // day 0 is a Tuesday
	}
	tests := []struct {
		name             string
		hard, next       time.Time
		days             int
		follows, stacked bool
	}{
		{"article: intervals Tue 18:00, easy Wed 19:00", at(0, 18, 0, plus1), at(1, 19, 0, plus1), 1, true, true},
		{"Sunday long run, Monday-evening jog", at(5, 11, 0, plus1), at(6, 19, 30, plus1), 1, true, true},
		{"sandwich: Tue evening to Thu morning, under 48 h", at(0, 19, 30, plus1), at(2, 6, 30, plus1), 2, false, false},
		{"late evening to early next morning", at(0, 23, 0, plus1), at(1, 6, 0, plus1), 1, true, true},
		{"the same evening: a double", at(0, 7, 0, plus1), at(0, 18, 0, plus1), 0, true, false},
		{"two days later: an easy run after rest", at(0, 7, 0, plus1), at(2, 18, 0, plus1), 2, false, false},
		{"before the hard session ended", at(0, 18, 0, plus1), at(0, 7, 0, plus1), 0, false, false},
		{"each in its own zone: local days count", at(0, 22, 0, plus1), at(1, 20, 0, minus5), 1, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DaysBetween(tc.hard, tc.next); got != tc.days {
				t.Errorf("DaysBetween = %d, want %d", got, tc.days)
			}
			if got := FollowsHard(tc.hard, tc.next); got != tc.follows {
				t.Errorf("FollowsHard = %v, want %v", got, tc.follows)
			}
			if got := Stacked(tc.hard, tc.next); got != tc.stacked {
				t.Errorf("Stacked = %v, want %v", got, tc.stacked)
			}
		})
	}
	if got, want := NextHardDay(at(0, 19, 30, plus1)), time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("NextHardDay = %v, want %v", got, want)
	}
}
