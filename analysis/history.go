package analysis

import (
	"slices"
	"time"

	"github.com/easyrun/easyrun/internal/stats"
)

// HistoryDays is how far back a runner's usual load and usual run are
// measured for the "far above usual" and "long for you" rules.
const HistoryDays = 84

// Past is what judging a session needs of one earlier session.
type Past struct {
	Day       time.Time // the local calendar day, at midnight UTC
	Load      float64
	Method    LoadMethod
	DurationS int
	Run       bool
}

// PastOf is the Past of an analysed session that started at localStart.
func PastOf(localStart time.Time, r Result, run bool) Past {
	return Past{
		Day:       time.Date(localStart.Year(), localStart.Month(), localStart.Day(), 0, 0, 0, 0, time.UTC),
		Load:      r.Load.Value,
		Method:    r.Load.Method,
		DurationS: r.DurationS,
		Run:       run,
	}
}

// WithHistory returns c with MedianDailyLoad and TypicalRunDuration
// measured over the HistoryDays before day (day itself left out): the
// median of the daily loads of the days with a load in the given method's
// units, and the median duration of the runs. past must be sorted by Day.
func (c Context) WithHistory(past []Past, day time.Time, method LoadMethod) Context {
	from := day.AddDate(0, 0, -HistoryDays)
	lo, _ := slices.BinarySearchFunc(past, from, func(p Past, t time.Time) int { return p.Day.Compare(t) })
	hi, _ := slices.BinarySearchFunc(past, day, func(p Past, t time.Time) int { return p.Day.Compare(t) })
	var daily, runs []float64
	for i := lo; i < hi; i++ {
		p := past[i]
		if p.Run && p.DurationS > 0 {
			runs = append(runs, float64(p.DurationS))
		}
		if p.Method != method || method == NoLoad || p.Load <= 0 {
			continue
		}
		if n := len(daily); n > 0 && i > lo && past[i-1].Day.Equal(p.Day) && past[i-1].Method == method {
			daily[n-1] += p.Load
		} else {
			daily = append(daily, p.Load)
		}
	}
	c.MedianDailyLoad = stats.Median(daily)
	c.TypicalRunDuration = time.Duration(stats.Median(runs)) * time.Second
	return c
}

// ApplyHistory judges again with c a result r that was judged without the
// runner's history (a Context with none). The hard-by-load rule needs
// only the load, so it is applied to r here; the long-run rule reads the
// streams, so when it could change the verdict again is true and the session must be analysed anew with c. Either way
// the outcome is what Analyze with c gives, no longer a Draft.
func ApplyHistory(r Result, c Context) (out Result, again bool) {
	if t := c.TypicalRunDuration.Seconds(); t > 0 && float64(r.DurationS) >= longRatio*t && r.DurationS < longS {
		return r, true
	}
	r.Draft = false
	ratio := hardLoadRatio
	if r.Class == CrossTraining {
		ratio = crossHardLoadRatio
	}
	r.HardReasons = slices.Clone(r.HardReasons)
	hardByLoad(&r, c.MedianDailyLoad, ratio)
	r.Hard = len(r.HardReasons) > 0
	return r, false
}
