package physio

import (
	"math"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// mornings logs rmssd[i] (and rhr[i] when given) on the i-th day before
// end, 0 being end itself; a zero value is not logged.
func mornings(end string, rmssd, rhr []float64) []activity.Morning {
	e, _ := time.Parse(time.DateOnly, end)
	var ms []activity.Morning
	for i := range max(len(rmssd), len(rhr)) {
		m := activity.Morning{Date: e.AddDate(0, 0, -i).Format(time.DateOnly), Source: activity.Manual}
		if i < len(rmssd) {
			m.RMSSDMs = rmssd[i]
		}
		if i < len(rhr) {
			m.RestingHR = rhr[i]
		}
		ms = append(ms, m)
	}
	return ms
}

// A worked example of the baseline: fourteen mornings alternating
// ln rMSSD 4.0 and 4.2 (54.6 and 66.7 ms) have a mean of 4.1 and a sample
// SD of sqrt(14 × 0.01 / 13) = 0.10377; the band at 0.5 SD is
// exp(4.1 ± 0.05189) = 57.5–63.6 ms, the normal exp(4.1) = 60.3 ms. The
// last seven (4.0, 4.2, 4.0, 4.2, 4.0, 4.2, 4.0) average 4.0857: 59.5 ms.
func TestMorningBaseline(t *testing.T) {
	var rmssd, rhr []float64
	for i := range 14 {
		rmssd = append(rmssd, math.Exp(4+0.2*float64(i%2)))
		rhr = append(rhr, 50+float64(i%2)*2)
	}
	ms := mornings("2026-03-20", rmssd, rhr)
	// A morning outside the 60 days and one after the date change nothing.
	ms = append(ms, activity.Morning{Date: "2026-01-19", RMSSDMs: 10, RestingHR: 90},
		activity.Morning{Date: "2026-03-21", RMSSDMs: 10, RestingHR: 90})
	b := MorningBaseline(ms, "2026-03-20", 0.5)
	sd := math.Sqrt(14 * 0.01 / 13)
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	near("HRVNormalMs", b.HRVNormalMs, math.Exp(4.1))
	near("HRVLowMs", b.HRVLowMs, math.Exp(4.1-0.5*sd))
	near("HRVHighMs", b.HRVHighMs, math.Exp(4.1+0.5*sd))
	near("HRVWeekMs", b.HRVWeekMs, math.Exp((4*4+3*4.2)/7))
	near("RHRNormal", b.RHRNormal, 51)
	if b.HRVDays != 14 || b.HRVWeekDays != 7 || b.RHRDays != 14 || b.Today.RestingHR != 50 {
		t.Errorf("counts %d, %d, %d, today %+v", b.HRVDays, b.HRVWeekDays, b.RHRDays, b.Today)
	}
	if !b.HRVKnown() || !b.RHRKnown() {
		t.Error("fourteen mornings are enough")
	}

	// Thirteen mornings are not; nor two in the last week.
	short := MorningBaseline(ms[1:14], "2026-03-20", 0.5)
	if short.HRVKnown() || short.RHRKnown() || short.HRVNormalMs != 0 || short.RHRNormal != 0 {
		t.Errorf("13 mornings judged: %+v", short)
	}
	sparse := MorningBaseline(ms[:14], "2026-03-25", 0.5)
	if sparse.HRVWeekMs != 0 || sparse.HRVWeekDays != 2 || sparse.HRVNormalMs == 0 || sparse.HRVKnown() {
		t.Errorf("2 mornings of the week make a mean: %+v", sparse)
	}
}

func TestRMSSD(t *testing.T) {
	for _, tc := range []struct {
		name string
		rr   []float64
		want float64
		kept int
	}{
		// Differences 10, −20, 10: sqrt(600 / 3).
		{"clean", []float64{800, 810, 790, 800}, math.Sqrt(200), 4},
		// 1500 is 85 % above 810: left out, with the differences either side.
		{"ectopic beat", []float64{800, 810, 1500, 790, 800}, 10, 4},
		// 250 and 2500 ms are outside 300–2000 ms.
		{"out of range", []float64{250, 800, 810, 2500, 820, 830}, 10, 4},
		{"one interval", []float64{800}, 0, 1},
		{"none", nil, 0, 0},
	} {
		got, kept := RMSSD(tc.rr)
		if math.Abs(got-tc.want) > 1e-9 || kept != tc.kept {
			t.Errorf("%s: RMSSD = %v, %d kept; want %v, %d", tc.name, got, kept, tc.want, tc.kept)
		}
	}
}
