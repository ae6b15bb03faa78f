package physio

import (
	"math"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/stats"
)

// The windows of the morning baseline.
const (
	// NormalDays is the span of a runner's normal: the 60 days ending on
	// the morning judged (HRV4Training's normal values; Plews et al. 2012
	// used the weeks before a block in the same way).
	NormalDays = 60
	// WeekDays is the span of the rolling mean judged against the normal:
	// one value is noise, a week of them a trend (Plews et al. 2012).
	WeekDays = 7
	// MinNormalDays is the fewest mornings of the NormalDays a normal is
	// made from: with fewer, two weeks of a cold or a holiday would be
	// the runner's normal.
	MinNormalDays = 14
	// MinWeekDays is the fewest mornings of the WeekDays the rolling mean
	// is made from: Plews et al. 2014 found three to five a week enough.
	MinWeekDays = 3
)

// Baseline is a runner's mornings as of one date against their own
// normal. Heart-rate variability is compared as the 7-day rolling mean
// of ln rMSSD against the band mean ± k SD of the daily ln rMSSD over the
// 60 days ending on the date (Plews et al. 2012, 2013; Buchheit 2014):
// the log makes rMSSD's skewed day-to-day spread symmetric, and the
// rolling mean smooths the noise of a single morning. Resting heart rate
// is compared as the day's value against its 60-day mean (Buchheit 2014:
// a rise of more than about 5–7 bpm is a sign of fatigue). Means of ln
// rMSSD are shown as rMSSD again, exp(mean): the geometric mean in ms.
type Baseline struct {
	// Date is the morning judged, "2006-01-02"; Today its check-in, the
	// zero Morning when none was logged.
	Date  string           `json:"date"`
	Today activity.Morning `json:"today"`

	// HRVWeekMs is the 7-day rolling mean of rMSSD, in ms, from
	// HRVWeekDays mornings; 0 with fewer than MinWeekDays.
	HRVWeekMs   float64 `json:"hrv_week_ms"`
	HRVWeekDays int     `json:"hrv_week_days"`
	// HRVNormalMs is the 60-day mean of rMSSD, HRVLowMs and HRVHighMs its
	// normal band, in ms, from HRVDays mornings; 0 with fewer than
	// MinNormalDays.
	HRVNormalMs float64 `json:"hrv_normal_ms"`
	HRVLowMs    float64 `json:"hrv_low_ms"`
	HRVHighMs   float64 `json:"hrv_high_ms"`
	HRVDays     int     `json:"hrv_days"`

	// RHRNormal is the 60-day mean resting heart rate, in bpm, from
	// RHRDays mornings; 0 with fewer than MinNormalDays.
	RHRNormal float64 `json:"rhr_normal"`
	RHRDays   int     `json:"rhr_days"`
}

// MorningBaseline is the Baseline of the date, "2006-01-02", from the
// runner's mornings in any order: those of the NormalDays ending on date
// count, others are ignored. bandSD is k, the normal band's half-width in
// standard deviations of daily ln rMSSD (rules.Set.HRVBandSD).
func MorningBaseline(ms []activity.Morning, date string, bandSD float64) Baseline {
	b := Baseline{Date: date}
	end, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return b
	}
	var lnAll, lnWeek, rhr []float64
	for _, m := range ms {
		day, err := m.Day()
		if err != nil {
			continue
		}
		ago := int(end.Sub(day).Hours() / 24)
		if ago < 0 || ago >= NormalDays {
			continue
		}
		if ago == 0 {
			b.Today = m
		}
		if m.RMSSDMs > 0 {
			lnAll = append(lnAll, math.Log(m.RMSSDMs))
			if ago < WeekDays {
				lnWeek = append(lnWeek, math.Log(m.RMSSDMs))
			}
		}
		if m.RestingHR > 0 {
			rhr = append(rhr, m.RestingHR)
		}
	}
	b.HRVDays, b.HRVWeekDays, b.RHRDays = len(lnAll), len(lnWeek), len(rhr)
	if len(lnWeek) >= MinWeekDays {
		w, _ := stats.MeanSD(lnWeek)
		b.HRVWeekMs = math.Exp(w)
	}
	if len(lnAll) >= MinNormalDays {
		mean, sd := stats.MeanSD(lnAll)
		b.HRVNormalMs, b.HRVLowMs, b.HRVHighMs = math.Exp(mean), math.Exp(mean-bandSD*sd), math.Exp(mean+bandSD*sd)
	}
	if len(rhr) >= MinNormalDays {
		b.RHRNormal, _ = stats.MeanSD(rhr)
	}
	return b
}

// HRVKnown reports whether there are mornings enough to judge HRV: a
// rolling mean and a normal band.
func (b Baseline) HRVKnown() bool { return b.HRVWeekMs > 0 && b.HRVNormalMs > 0 }

// RHRKnown reports whether there are mornings enough to judge the day's
// resting heart rate: the day's value and a normal.
func (b Baseline) RHRKnown() bool { return b.Today.RestingHR > 0 && b.RHRNormal > 0 }

// RR intervals outside this span are artefacts: a heart rate above 200 or
// below 30 bpm at rest is a missed or an extra beat.
const (
	MinRRMs = 300
	MaxRRMs = 2000
	// maxRRStep is the largest change from one interval to the next that
	// is a heartbeat and not an artefact: 20 %, the successive-difference
	// filter common in HRV software.
	maxRRStep = 0.20
)

// RMSSD is the root mean square of successive differences of RR
// intervals, in ms, the time-domain HRV measure of the Task Force of the
// ESC and NASPE (1996): sqrt(mean((RR[i+1] − RR[i])²)). Intervals outside
// MinRRMs to MaxRRMs, or differing from the previous kept one by more
// than 20 %, are artefacts and left out; a difference is taken only
// between two kept intervals in a row. kept is how many intervals were;
// rMSSD is 0 with fewer than two.
func RMSSD(rrMs []float64) (rmssd float64, kept int) {
	var ss float64
	var n int
	prev := 0.0 // the last kept interval, 0 after an artefact
	for _, rr := range rrMs {
		if rr < MinRRMs || rr > MaxRRMs || prev > 0 && math.Abs(rr-prev) > maxRRStep*prev {
			prev = 0
			continue
		}
		kept++
		if prev > 0 {
			ss += (rr - prev) * (rr - prev)
			n++
		}
		prev = rr
	}
	if n == 0 {
		return 0, kept
	}
	return math.Sqrt(ss / float64(n)), kept
}
