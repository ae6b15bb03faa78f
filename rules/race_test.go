package rules

import "testing"

func TestAfterRace(t *testing.T) {
	for _, tt := range []struct {
		m    float64
		rest bool
		days int
	}{
		{5000, false, 3},
		{15000, false, 9},
		{20950, true, 13}, // a half as a watch records it
		{21097.5, true, 13},
		{42195, true, 26},
	} {
		if rest, days := AfterRace(tt.m); rest != tt.rest || days != tt.days {
			t.Errorf("AfterRace(%g) = %v, %d; want %v, %d", tt.m, rest, days, tt.rest, tt.days)
		}
	}
}
