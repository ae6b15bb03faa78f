package recovery

import (
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/load"
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
			name: "recovery_this_evening",
			now:  local(1, 10),
			sessions: []Session{
				made(1, local(1, 6), 60, hard(analysis.Intervals)),
			},
			p: settled, want: RecoveryRun, when: "this evening", says: []string{"recovery run: 30–40 min"},
		},
		{
			name: "recovery_tomorrow_morning",
			now:  local(1, 20),
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
			},
			p: settled, want: RecoveryRun, when: "tomorrow morning",
		},
		{
			name: "recovery_day_after",
			now:  local(2, 8),
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
			},
			p: settled, want: RecoveryRun, when: "today", says: []string{"within 24 h of a hard session comes recovery"},
		},
		{
			name: "ready_48h_after",
			now:  local(3, 8),
			sessions: []Session{
				made(1, local(1, 6), 60, hard(analysis.Intervals)),
				made(2, local(2, 18), 35),
			},
			p: settled, want: ReadyForHard, says: []string{"at least 48 h"},
		},
		{
			name: "easy_under_48h",
			now:  local(3, 8),
			sessions: []Session{
				made(1, local(1, 18), 60, hard(analysis.Intervals)),
				made(2, local(2, 18), 35),
			},
			p: settled, want: EasyRun, says: []string{"keeps an easy day between"},
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
			want: EasyRun, says: []string{"only 5 days of load history"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ath := resolved(t, activity.Intermediate)
			if tt.name == "new_runner" {
				ath.Experience = ""
			}
			rules := DefaultRules()
			report := Audit(tt.now, tt.sessions, ath, rules)
			rec := Today(tt.now, tt.sessions, ath, tt.p, report, rules)
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
			check(t, "today_"+tt.name, rec)
		})
	}
}

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
		report := Audit(now, tt.sessions, ath, DefaultRules())
		h := newHistory(now, tt.sessions, ath, DefaultRules())
		c := (&today{h: h, now: now, report: report}).cue()
		if c.Focus != tt.want || c.Reason == "" {
			t.Errorf("%s: cue %+v, want %s with a reason", tt.name, c, tt.want)
		}
	}
}
