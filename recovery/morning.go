package recovery

import (
	"fmt"
	"strings"

	"github.com/easyrun/easyrun/internal/say"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/rules"
)

// strictness orders the advice from least to most: the morning may move
// today's advice down this order, never up.
var strictness = map[Advice]int{Rest: 0, RecoveryRun: 1, EasyRun: 2, ReadyForHard: 3}

// MorningSigns are the signs that the morning of b is clearly off, each
// with its numbers, and, apart, what was checked and found normal. The
// signs are the four of rules.Set's morning settings: HRV's 7-day mean
// below its normal band, resting heart rate RHRRise or more above its
// 60-day mean, a night shorter than ShortSleep, legs at HeavyLegs or
// worse. A sign needs its numbers: HRV and resting heart rate are judged
// only once physio.MorningBaseline has a normal for them.
func MorningSigns(b physio.Baseline, rl rules.Set) (off, normal []string) {
	m := b.Today
	if b.HRVKnown() {
		s := fmt.Sprintf("HRV 7-day mean %.0f ms (%d mornings), against your normal %.0f–%.0f ms (%d mornings of the last %d days)",
			b.HRVWeekMs, b.HRVWeekDays, b.HRVLowMs, b.HRVHighMs, b.HRVDays, physio.NormalDays)
		if b.HRVWeekMs < b.HRVLowMs {
			off = append(off, strings.Replace(s, ", against", ", below", 1))
		} else {
			normal = append(normal, strings.Replace(s, ", against", ", within or above", 1))
		}
	}
	if b.RHRKnown() {
		rise := m.RestingHR - b.RHRNormal
		s := fmt.Sprintf("resting HR %.0f bpm, %+.0f on your %d-day mean of %.0f bpm", m.RestingHR, rise, physio.NormalDays, b.RHRNormal)
		if rise >= rl.RHRRise {
			off = append(off, s+fmt.Sprintf(" (%.0f or more above is a sign of fatigue)", rl.RHRRise))
		} else {
			normal = append(normal, s)
		}
	}
	if m.Sleep > 0 {
		s := fmt.Sprintf("%s of sleep", say.Minutes(m.Sleep))
		if m.Sleep < rl.ShortSleep {
			off = append(off, s+", under "+say.Minutes(rl.ShortSleep))
		} else {
			normal = append(normal, s)
		}
	}
	if m.Legs > 0 {
		s := "legs " + m.Legs.String()
		if int(m.Legs) >= rl.HeavyLegs {
			off = append(off, fmt.Sprintf("%s, %d or worse of 5", s, rl.HeavyLegs))
		} else {
			normal = append(normal, s)
		}
	}
	return off, normal
}

// MorningMethod says how a morning is judged, with the runner's own
// thresholds: what the pages show beside the signs.
func MorningMethod(rl rules.Set) string {
	return fmt.Sprintf("HRV: the %d-day mean of ln rMSSD against your %d-day mean ± %.2g SD (Plews et al. 2012); "+
		"resting HR: %.0f bpm or more above its %d-day mean (Buchheit 2014); sleep under %s; legs %d or worse of 5. "+
		"One sign makes a hard day an easy run, two a recovery run, three or more rest: never more lenient than the rules without them",
		physio.WeekDays, physio.NormalDays, rl.HRVBandSD, rl.RHRRise, physio.NormalDays, say.Minutes(rl.ShortSleep), rl.HeavyLegs)
}

// MorningNeeds says what the baseline of b needs before it judges HRV or
// resting heart rate, for a runner who checks in at all.
func MorningNeeds(b physio.Baseline) []string {
	var need []string
	for _, v := range []struct {
		what   string
		n      int
		normal float64
	}{{"HRV", b.HRVDays, b.HRVNormalMs}, {"resting HR", b.RHRDays, b.RHRNormal}} {
		if v.n > 0 && v.normal == 0 {
			need = append(need, fmt.Sprintf("your %s on %d of the %d mornings of the last %d days that your normal needs before easyrun judges it (easyrun morning)",
				v.what, v.n, physio.MinNormalDays, physio.NormalDays))
		}
	}
	if b.HRVNormalMs > 0 && b.HRVWeekMs == 0 {
		need = append(need, fmt.Sprintf("your HRV on %d of the last %d mornings: the 7-day mean needs %d", b.HRVWeekDays, physio.WeekDays, physio.MinWeekDays))
	}
	return need
}

// morning weighs the morning of b on rec, the advice of the rules
// without it: one sign that the morning is clearly off makes a hard day
// an easy run, two a recovery run, three or more rest. Advice already as
// strict or stricter stays, so today is never more lenient than the
// audit. The reasons list the numbers, off or normal.
func (t *today) morning(rec Recommendation, b physio.Baseline) Recommendation {
	off, normal := MorningSigns(b, t.h.rl)
	rank, known := strictness[rec.Advice]
	if !known {
		return rec
	}
	target := ReadyForHard
	switch {
	case len(off) >= 3:
		target = Rest
	case len(off) == 2:
		target = RecoveryRun
	case len(off) == 1:
		target = EasyRun
	}
	if rank <= strictness[target] {
		if len(off) > 0 {
			rec.Reasons = append(rec.Reasons, "this morning: "+strings.Join(off, "; "))
		}
		if len(normal) > 0 {
			rec.Reasons = append(rec.Reasons, "this morning, normal: "+strings.Join(normal, "; "))
		}
		return rec
	}
	why := fmt.Sprintf("this morning is off, %d %s: %s", len(off), plural(len(off), "sign", "signs"), strings.Join(off, "; "))
	var shifted Recommendation
	switch target {
	case Rest:
		shifted = Recommendation{Advice: Rest, Title: "Rest today: your morning says so", Reasons: []string{why + "; rest today"}}
	case RecoveryRun:
		shifted = t.recoveryRun(why)
	default:
		shifted = t.easyRun(why)
	}
	if len(normal) > 0 {
		shifted.Reasons = append(shifted.Reasons, "this morning, normal: "+strings.Join(normal, "; "))
	}
	shifted.Reasons = append(shifted.Reasons, "without this morning's signs: "+strings.ToLower(rec.Title[:1])+rec.Title[1:])
	return shifted
}
