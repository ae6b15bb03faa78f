package recovery

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/rules"
)

// TestToday checks each rule of Today on a hand-made history.
func TestToday(t *testing.T) {
	t.Parallel()
	local := func(days, hh int) time.Time { return time.Date(2026, 3, 2+days, hh, 0, 0, 0, plus1) } // Monday + days
	settled := load.Point{Fitness: 50, Fatigue: 48, Form: 2, Acute: 50, Chronic: 50, ACWR: 1.0, Days: 90}
	tests := []struct {
		name     string
		now      time.Time
		sessions []Session
		exp      activity.Experience // intermediate unless set
		p        load.Point
		want     Advice
		when     string
		says     []string
	}{
		{
			name: "rest_after_stacked",
			now:  local(2, 8),
			sessions: []Session{
				made(1, local(0, 18), 60, hard(analysis.Intervals)),
				made(2, local(1, 18), 50, hard(analysis.Tempo)),
			},
			p: settled, want: Rest, says: []string{"two hard days back to back"},
		},
		{
			name: "double_this_evening",
			exp:  activity.Experienced,
			now:  local(1, 10),
			sessions: []Session{
				made(1, local(1, 6), 60, hard(analysis.Intervals)),
			},
			p: settled, want: RecoveryRun, when: "this evening", says: []string{"recovery run: 15–30 min", "an experienced runner may add a very light evening jog"},
		},
		{
			name: "no_double_for_an_intermediate",
			now:  local(1, 10),
			sessions: []Session{
				made(1, local(1, 6), 60, hard(analysis.Intervals)),
			},
			p: settled, want: Rest, says: []string{"tomorrow, Wed 4 Mar, a recovery run or rest", "doubles are for experienced runners"},
		},
		{
			name: "hard_this_evening_rest",
			exp:  activity.Experienced,
			now:  local(1, 20),
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
			},
			p: settled, want: Rest, says: []string{"rest for the rest of the day"},
		},
		{
			name: "recovery_day_after",
			now:  local(2, 22), // 27 h after the hard session ended, it is still the day after
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
			},
			p: settled, want: RecoveryRun, when: "today", says: []string{"a hard day yesterday", "the day after a hard session is for a recovery run or rest"},
		},
		{
			name: "ready_day_after_next",
			now:  local(3, 8),
			sessions: []Session{
				made(1, local(1, 6), 60, hard(analysis.Intervals)),
				made(2, local(2, 18), 35),
			},
			p: settled, want: ReadyForHard, says: []string{"was 2 days ago", "with a day between"},
		},
		{
			name: "sandwich_thursday_morning",
			now:  local(3, 6), // Tuesday-evening intervals, 36 h later
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
				made(2, local(2, 18), 35),
			},
			p: settled, want: ReadyForHard, says: []string{"with a day between"},
		},
		{
			name: "ten_days_off",
			now:  local(13, 8),
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
				made(2, local(2, 18), 35),
			},
			p: settled, want: EasyRun, says: []string{"10 days without a run since Wed 4 Mar"},
		},
		{
			name: "seven_months_off",
			now:  local(214, 8),
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
				made(2, local(2, 18), 45),
			},
			p: load.Point{Days: 220}, want: EasyRun, says: []string{"7 months without a run", "about half of it at first"},
		},
		{
			name: "back_after_three_weeks",
			now:  local(30, 8),
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
				made(2, local(2, 18), 50),
				made(3, local(26, 18), 25),
				made(4, local(28, 18), 25),
			},
			p: settled, want: EasyRun, says: []string{"back from 3 weeks off", "about half your old volume"},
		},
		{
			name: "day_after_a_marathon",
			now:  local(1, 9),
			sessions: []Session{
				made(1, local(0, 9), 200, hard(analysis.Race), func(s *Session) { s.DistanceM = 42195 }),
			},
			p: settled, want: Rest, says: []string{"rest the day after a half marathon or longer"},
		},
		{
			name: "easy_days_after_a_marathon",
			now:  local(5, 9),
			sessions: []Session{
				made(1, local(0, 9), 200, hard(analysis.Race), func(s *Session) { s.DistanceM = 42195 }),
				made(2, local(2, 9), 30),
			},
			p: settled, want: EasyRun, says: []string{"a day of easy running per mile raced (26)"},
		},
		{
			name: "acwr_spike_recovery",
			now:  local(5, 8),
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
			},
			p:    load.Point{Fitness: 50, Fatigue: 60, Form: -5, Acute: 90, Chronic: 50, ACWR: 1.8, Days: 90},
			want: RecoveryRun, says: []string{"1.80, over 1.5"},
		},
		{
			name: "acwr_spike_tired_rest",
			now:  local(5, 8),
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
			},
			p:    load.Point{Fitness: 50, Fatigue: 75, Form: -20, Acute: 90, Chronic: 50, ACWR: 1.8, Days: 90},
			want: Rest, says: []string{"heavy fatigue"},
		},
		{
			name: "done_for_today",
			now:  local(2, 20),
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
				made(2, local(2, 7), 35),
			},
			p: settled, want: Rest, says: []string{"today already"},
		},
		{
			name: "low_cadence_cue",
			now:  local(5, 8),
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
				made(2, local(2, 18), 35, func(s *Session) { s.CadenceSPM = 158 }),
			},
			p:    load.Point{Fitness: 50, Fatigue: 70, Form: -18, ACWR: 1.1, Days: 90},
			want: RecoveryRun, says: []string{"heavy fatigue"},
		},
		{
			name: "new_runner",
			now:  local(6, 9),
			sessions: []Session{
				made(1, local(1, 18), 30, noHR(3)),
				made(2, local(3, 18), 30, noHR(4)),
			},
			p:    load.Point{Fitness: 5, Fatigue: 20, Form: -10, ACWR: 3, Days: 5},
			want: ReadyForHard, says: []string{"only 5 days of load history", "your plan decides"},
		},
		{
			name: "nothing_yet",
			now:  local(6, 9),
			want: NeedData, says: []string{"no run in your history yet", "set your experience"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			exp := tt.exp
			if exp == "" {
				exp = activity.Intermediate
			}
			ath := resolved(t, exp)
			if tt.name == "new_runner" || tt.name == "nothing_yet" {
				ath.Experience, ath.ExperienceOrigin = "", ""
			}
			rules := rules.Default()
			report := Audit(tt.now, tt.sessions, ath, rules)
			rec := Today(tt.now, tt.sessions, ath, tt.p, report, rules, nil)
			if rec.Advice != tt.want {
				t.Errorf("advice %s, want %s: %q", rec.Advice, tt.want, rec.Reasons)
			}
			if tt.when != "" && (rec.Run == nil || rec.Run.When != tt.when) {
				t.Errorf("run %+v, want it %s", rec.Run, tt.when)
			}
			if !says(rec.Reasons, tt.says...) {
				t.Errorf("reasons %q do not say %q", rec.Reasons, tt.says)
			}
			if rec.Advice == RecoveryRun && (rec.Run.CapBPM != 133 || rec.Run.RPE != 3 || rec.Run.Size == nil) {
				t.Errorf("recovery run %+v: want a cap of 133 bpm, RPE 3 and a size", rec.Run)
			}
			if rec.Advice == EasyRun && (rec.Run.CapBPM != 133 || rec.Run.RPE != 4 || rec.Run.Size == nil || rec.Run.CapReason == "") {
				t.Errorf("easy run %+v: want a ceiling of 133 bpm with its reason, RPE 4 and a size", rec.Run)
			}
			for _, r := range rec.Reasons {
				if hours.MatchString(r) {
					t.Errorf("reason %q speaks in hours past a day", r)
				}
			}
			check(t, "today_"+tt.name, rec)
		})
	}
}

// hours matches a gap said in hours past a day: "4954 h 34 min".
var hours = regexp.MustCompile(`\b([2-9][0-9]|[0-9]{3,}) h\b`)

// TestCue checks how the form cue is chosen.
func TestCue(t *testing.T) {
	t.Parallel()
	ath := resolved(t, activity.Intermediate)
	local := func(days, hh int) time.Time { return time.Date(2026, 3, 2+days, hh, 0, 0, 0, plus1) }
	now := local(2, 8)
	tests := []struct {
		name     string
		sessions []Session
		want     string
	}{
		{"low cadence", []Session{made(1, local(0, 18), 35, func(s *Session) { s.CadenceSPM = 158 })}, "quick_steps"},
		{"too hard", []Session{made(1, local(0, 18), 35, func(s *Session) { s.MinutesAboveCap = 10; s.Name = "recovery" })}, "breathing"},
		{"rotation", []Session{made(1, local(0, 18), 35)}, rotation[10%len(rotation)].Focus}, // ISO week 10
	}
	for _, tt := range tests {
		report := Audit(now, tt.sessions, ath, rules.Default())
		h := newHistory(now, tt.sessions, ath, rules.Default())
		c := (&today{h: h, now: now, report: report}).cue()
		if c.Focus != tt.want || c.Reason == "" {
			t.Errorf("%s: cue %+v, want %s with a reason", tt.name, c, tt.want)
		}
	}
}

// TestTodayAgreesWithTheAudit: over random histories and random moments,
// today never contradicts the audit's window (rules.FollowsHard,
// rules.Stacked): it is never ready for a hard session on a hard day or
// the day after one, and while a hard day's recovery is due it says rest
// or a recovery run; every verdict names the rules that failed with
// numbers.
func TestTodayAgreesWithTheAudit(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	classes := []analysis.Class{analysis.Intervals, analysis.Tempo, analysis.Race, analysis.Long}
	exps := []activity.Experience{activity.Beginner, activity.Intermediate, activity.Experienced}
	settled := load.Point{Fitness: 50, Fatigue: 48, Form: 2, Acute: 50, Chronic: 50, ACWR: 1.0, Days: 90}
	digit := regexp.MustCompile(`[0-9]`)
	for h := range 200 {
		var ss []Session
		start := time.Date(2026, 1, 5, 6, 0, 0, 0, plus1)
		for i := range 30 {
			start = start.Add(time.Duration(3+rng.IntN(60)) * time.Hour)
			opts := []func(*Session){func(s *Session) { s.MinutesAboveCap = float64(rng.IntN(8)) }}
			switch rng.IntN(4) {
			case 0:
				opts = append(opts, hard(classes[rng.IntN(len(classes))]))
			case 1:
				opts = append(opts, noHR(rng.IntN(8)))
			}
			ss = append(ss, made(int64(i+1), start, 10+rng.IntN(80), opts...))
		}
		now := start.Add(time.Duration(rng.IntN(72)) * time.Hour)
		ath := resolved(t, exps[rng.IntN(len(exps))])
		report := Audit(now, ss, ath, rules.Default())
		rec := Today(now, ss, ath, settled, report, rules.Default(), nil)
		var last *HardDay
		for i := range report.HardDays {
			if !report.HardDays[i].End.After(now) {
				last = &report.HardDays[i]
			}
		}
		if last != nil {
			days := rules.DaysBetween(last.End, now)
			if rec.Advice == ReadyForHard && days <= 1 {
				t.Errorf("history %d: ready for a hard session %d days after the hard day of %s", h, days, last.Date)
			}
			if last.FollowUp == Due && rec.Advice != Rest && rec.Advice != RecoveryRun {
				t.Errorf("history %d: recovery due after %s, but today says %s: %q", h, last.Date, rec.Advice, rec.Reasons)
			}
		}
		for _, v := range report.Verdicts {
			if v.Title == "" || !slices.ContainsFunc(v.Reasons, digit.MatchString) {
				t.Errorf("history %d: verdict %s without numbers: %q %q", h, v.Kind, v.Title, v.Reasons)
			}
			for _, k := range v.Failed {
				if !strings.Contains(strings.ToLower(v.Title), kindWords(k)) && !(k == TooShort && strings.Contains(v.Title, "short")) {
					t.Errorf("history %d: verdict %s fails %s but its title %q does not say so", h, v.Kind, k, v.Title)
				}
			}
		}
	}
}
