package activity

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestMorningValidate(t *testing.T) {
	now := time.Date(2026, 3, 7, 6, 30, 0, 0, time.FixedZone("+1", 3600))
	ok := Morning{Date: "2026-03-07", RestingHR: 48, RMSSDMs: 62, Sleep: 7 * time.Hour, Legs: TiredLegs, Source: Manual}
	if err := ok.Validate(now); err != nil {
		t.Fatalf("valid morning: %v", err)
	}
	for _, tc := range []struct {
		edit func(*Morning)
		want string
	}{
		{func(m *Morning) { m.Date = "7/3/2026" }, `date "7/3/2026": want YYYY-MM-DD`},
		{func(m *Morning) { m.Date = "1989-12-31" }, "date 1989-12-31: want a date from 1990-01-01 to 2026-03-08"},
		{func(m *Morning) { m.Date = "2026-03-09" }, "date 2026-03-09: want a date from 1990-01-01 to 2026-03-08"},
		{func(m *Morning) { *m = Morning{Date: m.Date, Source: Manual} }, "morning logs nothing: want at least one of resting HR, HRV, sleep or legs"},
		{func(m *Morning) { m.RestingHR = 130 }, "resting HR 130 bpm: want 25 to 120 bpm"},
		{func(m *Morning) { m.RMSSDMs = 2 }, "HRV 2 ms: want an rMSSD of 3 to 300 ms"},
		{func(m *Morning) { m.Sleep = 17 * time.Hour }, "sleep 17 h: want 0 to 16 h"},
		{func(m *Morning) { m.Legs = 6 }, "legs 6: want 1 to 5 (1 fresh, 2 normal, 3 a bit heavy, 4 heavy and sore, 5 very sore)"},
		{func(m *Morning) { m.Source = GPX }, `source "gpx": want manual or fit`},
		{func(m *Morning) { m.Note = strings.Repeat("x", 501) }, "note of 501 characters: want at most 500"},
	} {
		m := ok
		tc.edit(&m)
		err := m.Validate(now)
		if _, isInput := err.(*InputError); !isInput || err.Error() != tc.want {
			t.Errorf("%+v: err %v, want %q as an *InputError", m, err, tc.want)
		}
	}
	if got := (Legs(0)).String() + ", " + HeavyLegs.String(); got != "not logged, 4 (heavy and sore)" {
		t.Errorf("Legs.String = %q", got)
	}
}

func TestMorningSummary(t *testing.T) {
	m := Morning{RestingHR: 48, RMSSDMs: 62.4, Sleep: 7*time.Hour + 30*time.Minute, Legs: TiredLegs}
	if got := m.Summary(); got != "resting HR 48 bpm, HRV 62 ms rMSSD, 7 h 30 min of sleep, legs 3 (a bit heavy)" {
		t.Errorf("Summary = %q", got)
	}
	if got := (Morning{Legs: FreshLegs}).Summary(); got != "legs 1 (fresh)" {
		t.Errorf("Summary = %q", got)
	}
}

func TestSleepOf(t *testing.T) {
	if d, err := SleepOf(7.5, time.Hour); err != nil || d != 7*time.Hour+30*time.Minute {
		t.Errorf("SleepOf(7.5 h) = %v, %v", d, err)
	}
	if d, err := SleepOf(27000, time.Second); err != nil || d != 7*time.Hour+30*time.Minute {
		t.Errorf("SleepOf(27000 s) = %v, %v", d, err)
	}
	for _, n := range []float64{-1, 1e300, math.NaN()} {
		if _, err := SleepOf(n, time.Second); err == nil || !strings.HasPrefix(err.Error(), "sleep ") || !strings.HasSuffix(err.Error(), "want 0 to 16 h") {
			t.Errorf("SleepOf(%v s): err %v, want it refused with the range", n, err)
		}
	}
}
