package recovery

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/rules"
)

// checkIns are n mornings up to and including the date end, oldest
// first: rMSSD alternating 55 and 65 ms and resting HR 50 bpm, the last
// week's rMSSD weekMs when not 0.
func checkIns(end time.Time, n int, weekMs float64) []activity.Morning {
	var ms []activity.Morning
	for i := n - 1; i >= 0; i-- {
		m := activity.Morning{Date: end.AddDate(0, 0, -i).Format(time.DateOnly), RMSSDMs: 55 + 10*float64(i%2), RestingHR: 50, Source: activity.Manual}
		if i < 7 && weekMs > 0 {
			m.RMSSDMs = weekMs
		}
		ms = append(ms, m)
	}
	return ms
}

// TestTodayMorning checks how the morning makes today stricter: one sign
// an easy run, two a recovery run, three rest, never more lenient than
// the rules without it, and every sign with its numbers.
func TestTodayMorning(t *testing.T) {
	t.Parallel()
	local := func(days, hh int) time.Time { return time.Date(2026, 3, 2+days, hh, 0, 0, 0, plus1) }
	settled := load.Point{Fitness: 50, Fatigue: 48, Form: 2, Acute: 50, Chronic: 50, ACWR: 1.0, Days: 90}
	ready := []Session{made(1, local(0, 18), 60, hard(analysis.Intervals)), made(2, local(1, 18), 35), made(3, local(2, 18), 45)}
	hardYesterday := append(ready[:3:3], made(4, local(4, 18), 60, hard(analysis.Tempo)))
	now := local(5, 7)
	today := func(ms []activity.Morning, edit func(*activity.Morning)) []activity.Morning {
		if edit != nil {
			edit(&ms[len(ms)-1])
		}
		return ms
	}
	tests := []struct {
		name     string
		sessions []Session
		mornings []activity.Morning
		want     Advice
		says     []string
		missing  string
	}{
		{name: "no_check_in", sessions: ready, want: ReadyForHard},
		{name: "normal_morning", sessions: ready, mornings: checkIns(now, 60, 0), want: ReadyForHard,
			says: []string{"this morning, normal: HRV 7-day mean 59 ms (7 mornings), within or above your normal 57–62 ms (60 mornings of the last 60 days); resting HR 50 bpm, +0 on your 60-day mean of 50 bpm"}},
		{name: "hrv_low", sessions: ready, mornings: checkIns(now, 60, 45), want: EasyRun,
			says: []string{"this morning is off, 1 sign: HRV 7-day mean 45 ms (7 mornings), below your normal", "without this morning's signs: ready for a hard session"}},
		{name: "hrv_low_rhr_up", sessions: ready, mornings: today(checkIns(now, 60, 45), func(m *activity.Morning) { m.RestingHR = 57 }), want: RecoveryRun,
			says: []string{"2 signs", "resting HR 57 bpm, +7 on your 60-day mean of 50 bpm (6 or more above is a sign of fatigue)"}},
		{name: "three_signs", sessions: ready, mornings: today(checkIns(now, 60, 45), func(m *activity.Morning) { m.RestingHR = 57; m.Sleep = 5 * time.Hour }), want: Rest,
			says: []string{"3 signs", "5 h of sleep, under 6 h", "rest today"}},
		{name: "heavy_legs_only", sessions: ready, mornings: []activity.Morning{{Date: "2026-03-07", Legs: activity.HeavyLegs, Sleep: 8 * time.Hour, Source: activity.Manual}}, want: EasyRun,
			says: []string{"legs 4 (heavy and sore), 4 or worse of 5", "this morning, normal: 8 h of sleep"}},
		{name: "never_more_lenient", sessions: hardYesterday, mornings: checkIns(now, 60, 0), want: RecoveryRun,
			says: []string{"a hard day yesterday", "this morning, normal: HRV"}},
		{name: "stricter_already", sessions: hardYesterday, mornings: today(checkIns(now, 60, 0), func(m *activity.Morning) { m.Legs = activity.VerySoreLegs }), want: RecoveryRun,
			says: []string{"a hard day yesterday", "this morning: legs 5 (very sore)"}},
		{name: "too_few_to_judge", sessions: ready, mornings: checkIns(now, 10, 30), want: ReadyForHard,
			missing: "your HRV on 10 of the 14 mornings of the last 60 days that your normal needs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ath := resolved(t, activity.Intermediate)
			report := Audit(now, tt.sessions, ath, rules.Default())
			rec := Today(now, tt.sessions, ath, settled, report, rules.Default(), tt.mornings)
			if rec.Advice != tt.want {
				t.Errorf("advice %s, want %s: %q", rec.Advice, tt.want, rec.Reasons)
			}
			if !says(rec.Reasons, tt.says...) {
				t.Errorf("reasons %q do not say %q", rec.Reasons, tt.says)
			}
			if tt.missing != "" && !says(rec.Missing, tt.missing) {
				t.Errorf("missing %q does not say %q", rec.Missing, tt.missing)
			}
			if (rec.Advice == EasyRun || rec.Advice == RecoveryRun) && (rec.Run == nil || rec.Run.Size == nil || rec.Run.CapBPM == 0) {
				t.Errorf("run %+v: want a size and a cap", rec.Run)
			}
		})
	}
}

// TestMorningNeverMoreLenient: over random histories and random
// mornings, the advice with the mornings is never less strict than
// without them.
func TestMorningNeverMoreLenient(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	settled := load.Point{Fitness: 50, Fatigue: 48, Form: 2, Acute: 50, Chronic: 50, ACWR: 1.0, Days: 90}
	ath := resolved(t, activity.Intermediate)
	for h := range 200 {
		var ss []Session
		start := time.Date(2026, 1, 5, 6, 0, 0, 0, plus1)
		for i := range 20 {
			start = start.Add(time.Duration(6+rng.IntN(60)) * time.Hour)
			var opts []func(*Session)
			if rng.IntN(3) == 0 {
				opts = append(opts, hard(analysis.Intervals))
			}
			ss = append(ss, made(int64(i+1), start, 20+rng.IntN(60), opts...))
		}
		now := start.Add(time.Duration(rng.IntN(72)) * time.Hour)
		var ms []activity.Morning
		for d := range 60 {
			if rng.IntN(4) > 0 {
				ms = append(ms, activity.Morning{Date: now.AddDate(0, 0, -d).Format(time.DateOnly), Source: activity.Manual,
					RMSSDMs: 30 + 40*rng.Float64(), RestingHR: 45 + 12*rng.Float64(), Sleep: time.Duration(4+rng.IntN(6)) * time.Hour,
					Legs: activity.Legs(1 + rng.IntN(5))})
			}
		}
		report := Audit(now, ss, ath, rules.Default())
		without := Today(now, ss, ath, settled, report, rules.Default(), nil)
		with := Today(now, ss, ath, settled, report, rules.Default(), ms)
		if strictness[with.Advice] > strictness[without.Advice] {
			t.Errorf("history %d: the morning made %s of %s: %q", h, with.Advice, without.Advice, with.Reasons)
		}
	}
}
