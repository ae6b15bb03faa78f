package analysis

import (
	"math"
	"testing"
	"time"
)

func TestWithHistory(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	past := []Past{
		{Day: day(-100), Load: 900, Method: BanisterTRIMP, DurationS: 9000, Run: true}, // outside the window
		{Day: day(-10), Load: 40, Method: BanisterTRIMP, DurationS: 2400, Run: true},
		{Day: day(-10), Load: 20, Method: BanisterTRIMP, DurationS: 1200, Run: true}, // same day: 60 in all
		{Day: day(-8), Load: 50, Method: BanisterTRIMP, DurationS: 3000, Run: true},
		{Day: day(-5), Load: 105, Method: SessionRPE, DurationS: 2100, Run: true}, // other units
		{Day: day(-3), Load: 80, Method: BanisterTRIMP, DurationS: 3600, Run: true},
		{Day: day(-1), Load: 30, Method: BanisterTRIMP, DurationS: 3600, Run: false}, // a ride
		{Day: day(0), Load: 500, Method: BanisterTRIMP, DurationS: 7200, Run: true},  // the day judged: left out
	}
	c := Context{}.WithHistory(past, day(0), BanisterTRIMP)
	// Daily TRIMP loads 60, 50, 80, 30 → median 55.
	if c.MedianDailyLoad != 55 {
		t.Errorf("MedianDailyLoad = %v, want 55", c.MedianDailyLoad)
	}
	// Runs 2400, 1200, 3000, 2100, 3600 s → median 2400 s.
	if c.TypicalRunDuration != 40*time.Minute {
		t.Errorf("TypicalRunDuration = %v, want 40m", c.TypicalRunDuration)
	}
	if got := (Context{}).WithHistory(nil, day(0), BanisterTRIMP); got.MedianDailyLoad != 0 || got.TypicalRunDuration != 0 {
		t.Errorf("no history must leave the context without history, got %+v", got)
	}
}

func TestApplyHistoryNeedsStreamsOnlyForLongAndPace(t *testing.T) {
	c := Context{MedianDailyLoad: 50, TypicalRunDuration: 40 * time.Minute}
	for _, tc := range []struct {
		name      string
		r         Result
		again     bool
		hardAdded bool
	}{
		{"ordinary run", Result{Load: Load{Value: 50, Method: BanisterTRIMP}, DurationS: 2400, Class: Easy}, false, false},
		{"load far above usual: no streams needed", Result{Load: Load{Value: 80, Method: BanisterTRIMP}, DurationS: 2400, Class: Easy}, false, true},
		{"cross-training needs twice the usual", Result{Load: Load{Value: 80, Method: BanisterTRIMP}, DurationS: 2400, Class: CrossTraining}, false, false},
		{"long for this runner", Result{Load: Load{Value: 60, Method: BanisterTRIMP}, DurationS: 3700, Class: Easy}, true, false},
		{"long by any measure already", Result{Load: Load{Value: 60, Method: BanisterTRIMP}, DurationS: 6000, Class: Long}, false, false},
	} {
		tc.r.Draft = true
		got, again := ApplyHistory(tc.r, c)
		if again != tc.again || (got.Hard && len(got.HardReasons) == 1) != tc.hardAdded {
			t.Errorf("%s: again %v, hard %v %q; want again %v, hard added %v", tc.name, again, got.Hard, got.HardReasons, tc.again, tc.hardAdded)
		}
		if !again && got.Draft {
			t.Errorf("%s: judged with the history, the result is still a draft", tc.name)
		}
	}
}

func TestMovingCadence(t *testing.T) {
	nan := math.NaN()
	cad := []float64{170, 172, 0, nan, 90, 174}
	speed := []float64{3, 3, 0, 3, 0.2, nan} // the 90 is a shuffle while standing
	if got := movingCadence(cad, speed); got != 172 {
		t.Errorf("movingCadence = %v, want 172 (170, 172, 174)", got)
	}
	if got := movingCadence(nil, speed); got != 0 {
		t.Errorf("no cadence: got %v, want 0", got)
	}
}
