package recovery

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/rules"
	"github.com/easyrun/easyrun/sim"
)

// TestScenarios runs the scenarios through the simulator, the
// analysis and the audit.
func TestScenarios(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		exp      activity.Experience
		sessions []sim.Session
		id       int64 // the verdict checked
		want     Kind
		says     []string
	}{
		{
			name: "recovery_after_intervals",
			exp:  activity.Intermediate,
			sessions: []sim.Session{
				{Kind: sim.Intervals, Start: at(0, 17, 30)},
				{Kind: sim.Recovery, Start: at(1, 17, 0), Duration: 35 * time.Minute, HRFraction: 0.65},
			},
			id: 2, want: TrueRecovery, says: []string{"never above your cap of 133 bpm (70 % of max 190, set by you)"},
		},
		{
			name: "recovery_too_hard",
			exp:  activity.Intermediate,
			sessions: []sim.Session{
				{Kind: sim.Intervals, Start: at(0, 17, 30)},
				{Kind: sim.Recovery, Start: at(1, 17, 0), Duration: 35 * time.Minute, HRFraction: 0.78},
			},
			id: 2, want: TooHard, says: []string{"above your cap of 133 bpm (70 % of max 190, set by you); the rule allows 3 min"},
		},
		{
			name: "stacked",
			exp:  activity.Intermediate,
			sessions: []sim.Session{
				{Kind: sim.Threshold, Start: at(0, 17, 30)},
				{Kind: sim.Intervals, Start: at(1, 17, 30)},
			},
			id: 2, want: Stacked, says: []string{"never two hard days in a row, whatever the hours between them"},
		},
		{
			name: "double",
			exp:  activity.Experienced,
			sessions: []sim.Session{
				{Kind: sim.Intervals, Start: at(0, 5, 30)},
				{Kind: sim.Recovery, Start: at(0, 17, 0), Duration: 25 * time.Minute, HRFraction: 0.62},
			},
			id: 2, want: Double, says: []string{"the same day: a double", "15–30 min of very easy running for an experienced runner's double"},
		},
		{
			name: "beginner_too_long",
			exp:  activity.Beginner,
			sessions: []sim.Session{
				{Kind: sim.Intervals, Start: at(0, 17, 30)},
				{Kind: sim.Recovery, Start: at(1, 17, 0), Duration: 55 * time.Minute, HRFraction: 0.65},
			},
			id: 2, want: TooLong, says: []string{"20–30 min", "for a beginner", "over 35 min is too long"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ath := resolved(t, tt.exp)
			r := Audit(afterAll, simulated(t, ath, tt.sessions...), ath, rules.Default())
			if want := 1 + btoi(tt.want == Stacked); len(r.HardDays) != want {
				t.Fatalf("%d hard days, want %d: %+v", len(r.HardDays), want, r.HardDays)
			}
			v := followUp(t, r, r.HardDays[0])
			if v.ActivityID != tt.id || v.Kind != tt.want {
				t.Errorf("verdict %s (follow-up %v), want the follow-up %s: %q", v.Kind, v.FollowUp, tt.want, v.Reasons)
			}
			if !says(v.Reasons, tt.says...) {
				t.Errorf("reasons %q do not say %q", v.Reasons, tt.says)
			}
			check(t, "audit_"+tt.name, r)
		})
	}
}

// TestEdgeCases audits hand-made histories, one edge case each.
func TestEdgeCases(t *testing.T) {
	t.Parallel()
	local := func(days, hh, mm int) time.Time {
		return time.Date(2026, 3, 3+days, hh, mm, 0, 0, plus1)
	}
	minus5 := time.FixedZone("-05:00", -5*3600)
	tests := []struct {
		name     string
		sessions []Session
		id       int64
		want     Kind
		says     []string
	}{
		{
			name: "no_hr_rpe_easy",
			sessions: []Session{
				made(1, local(0, 18, 0), 60, hard(analysis.Intervals)),
				made(2, local(1, 18, 0), 35, noHR(3)),
			},
			id: 2, want: TrueRecovery, says: []string{"no heart rate; RPE 3 logged"},
		},
		{
			name: "no_hr_rpe_hard",
			sessions: []Session{
				made(1, local(0, 18, 0), 60, hard(analysis.Intervals)),
				made(2, local(1, 18, 0), 35, noHR(5)),
			},
			id: 2, want: TooHard, says: []string{"RPE 5 logged: a recovery run is RPE 3"},
		},
		{
			name: "no_hr_no_rpe",
			sessions: []Session{
				made(1, local(0, 18, 0), 60, hard(analysis.Intervals)),
				made(2, local(1, 18, 0), 35, noHR(0)),
			},
			id: 2, want: Unknown, says: []string{"no heart rate and no RPE logged"},
		},
		{
			name: "crossing_midnight",
			sessions: []Session{
				made(1, local(0, 23, 30), 60, hard(analysis.Tempo)),
				made(2, local(1, 19, 0), 35),
			},
			id: 2, want: TrueRecovery, says: []string{"the day after your tempo (Wed 4 Mar 00:30)"},
		},
		{
			name: "double_in_another_zone",
			sessions: []Session{
				made(1, local(0, 7, 0), 60, hard(analysis.Intervals)),
				// 18:00 in New York is already Wednesday in Europe: the
				// run's own day decides.
				made(2, time.Date(2026, 3, 3, 18, 0, 0, 0, minus5), 30),
			},
			id: 2, want: TrueRecovery, says: []string{"the same day: an easy jog the same evening helps anyone"},
		},
		{
			name: "two_hard_sessions_one_day",
			sessions: []Session{
				made(1, local(0, 7, 0), 60, hard(analysis.Intervals)),
				made(2, local(0, 18, 0), 50, hard(analysis.Tempo)),
				made(3, local(1, 18, 30), 35),
			},
			id: 3, want: TrueRecovery, says: []string{"the day after your intervals and tempo (Tue 3 Mar 18:50)"},
		},
		{
			name: "treadmill",
			sessions: []Session{
				made(1, local(0, 18, 0), 60, hard(analysis.Intervals)),
				made(2, local(1, 18, 0), 35, func(s *Session) { s.SubSport = "treadmill" }),
			},
			id: 2, want: TrueRecovery, says: []string{"on a treadmill"},
		},
		{
			name: "walk_is_rest",
			sessions: []Session{
				made(1, local(0, 18, 0), 60, hard(analysis.Intervals)),
				made(2, local(1, 12, 0), 40, func(s *Session) {
					s.Sport, s.Run, s.Class = activity.Walking, false, analysis.CrossTraining
				}),
			},
			id: 1, want: Rested, says: []string{"your walking of 40 min", "counts as rest for running; its load of 40 still counts"},
		},
		{
			name: "two_days_later",
			sessions: []Session{
				made(1, local(0, 18, 0), 60, hard(analysis.Intervals)),
				made(2, local(2, 7, 0), 35, func(s *Session) { s.Name = "Recovery jog" }),
			},
			id: 1, want: Rested, says: []string{"nor on Wed 4 Mar: that day was rest"},
		},
		{
			name: "article_week",
			sessions: []Session{
				made(1, local(0, 17, 0), 60, hard(analysis.Intervals)),
				made(2, local(1, 19, 0), 35),
				made(3, local(2, 18, 0), 50, hard(analysis.Tempo)),
			},
			id: 2, want: TrueRecovery, says: []string{"the day after your intervals (Tue 3 Mar 18:00): when the recovery run belongs"},
		},
		{
			name: "sunday_long_monday_evening",
			sessions: []Session{
				made(1, local(5, 9, 0), 120, hard(analysis.Long), func(s *Session) { s.Intense = true }),
				made(2, local(6, 19, 30), 35),
			},
			id: 2, want: TrueRecovery, says: []string{"the day after your long run"},
		},
		{
			name: "evening_after_a_hard_morning_judged",
			sessions: []Session{
				made(1, local(0, 7, 0), 60, hard(analysis.Intervals)),
				made(2, local(0, 18, 0), 45, func(s *Session) { s.MinutesAboveCap, s.AvgHR, s.MaxHR = 38, 145, 152 }),
			},
			id: 2, want: TooHard, says: []string{"38 min above your cap", "doubles are for experienced runners"},
		},
		{
			name: "beginner_style_evening_jog",
			sessions: []Session{
				made(1, local(0, 7, 0), 60, hard(analysis.Intervals)),
				made(2, local(0, 18, 0), 30),
			},
			id: 2, want: TrueRecovery, says: []string{"an easy jog the same evening helps anyone"},
		},
		{
			name: "too_hard_and_too_long",
			sessions: []Session{
				made(1, local(0, 18, 0), 60, hard(analysis.Intervals)),
				made(2, local(1, 18, 0), 70, func(s *Session) { s.MinutesAboveCap = 20 }),
			},
			id: 2, want: TooHard, says: []string{"20 min above your cap", "over 45 min is too long"},
		},
		{
			name: "a_recording_is_not_a_run",
			sessions: []Session{
				made(1, local(0, 18, 0), 60, hard(analysis.Intervals)),
				made(2, local(1, 18, 0), 0, func(s *Session) { s.DurationS, s.Run, s.Class = 1, false, analysis.Fragment }),
			},
			id: 1, want: Rested, says: []string{"that day was rest"},
		},
		{
			name: "rpe_only",
			sessions: []Session{
				made(1, local(0, 18, 0), 60, hard(analysis.Intervals)),
				made(2, local(1, 18, 0), 35, func(s *Session) { s.MinutesAboveCap, s.RPE = 20, 3 }),
			},
			id: 2, want: TrueRecovery, says: []string{"you chose RPE only", "RPE 3 logged: easy enough"},
		},
		{
			name: "too_short",
			sessions: []Session{
				made(1, local(0, 18, 0), 60, hard(analysis.Intervals)),
				made(2, local(1, 18, 0), 15),
			},
			id: 2, want: TooShort, says: []string{"under 25 min is short"},
		},
		{
			name: "shakeout_without_hard_day",
			sessions: []Session{
				made(1, local(0, 8, 0), 30, func(s *Session) { s.Name, s.Class = "Race-eve shakeout", analysis.Easy }),
			},
			id: 1, want: TrueRecovery, says: []string{`meant as recovery: its name or notes say "shakeout"`},
		},
		{
			name: "after_a_race",
			sessions: []Session{
				made(1, local(0, 10, 0), 45, hard(analysis.Race)),
				made(2, local(1, 10, 0), 40),
			},
			id: 2, want: TooLong, says: []string{"20–30 min after a very hard session (a race)"},
		},
		{
			name: "cadence_lock",
			sessions: []Session{
				made(1, local(0, 18, 0), 60, hard(analysis.Intervals)),
				made(2, local(1, 18, 0), 35, func(s *Session) { s.CadenceLockS = 300 }),
			},
			id: 2, want: TrueRecovery, says: []string{"5 min of likely cadence lock"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ath := resolved(t, activity.Intermediate)
			if tt.name == "rpe_only" {
				ath.Intensity = activity.ByRPE
			}
			r := Audit(afterAll, tt.sessions, ath, rules.Default())
			v := verdictOf(t, r, tt.id)
			if v.Kind != tt.want {
				t.Errorf("verdict %s, want %s: %q", v.Kind, tt.want, v.Reasons)
			}
			if !says(v.Reasons, tt.says...) {
				t.Errorf("reasons %q do not say %q", v.Reasons, tt.says)
			}
			check(t, "edge_"+tt.name, r)
		})
	}
}

// TestNewRunner checks that one week of data says what is missing.
func TestNewRunner(t *testing.T) {
	t.Parallel()
	ath := resolved(t, "")
	sessions := []Session{
		made(1, time.Date(2026, 3, 3, 18, 0, 0, 0, plus1), 30, noHR(4)),
		made(2, time.Date(2026, 3, 5, 18, 0, 0, 0, plus1), 30, noHR(3)),
	}
	r := Audit(afterAll, sessions, ath, rules.Default())
	for _, want := range []string{"only 3 days of sessions", "no hard session yet", "no run has heart rate", "experience not set"} {
		if !says(r.Missing, want) {
			t.Errorf("missing %q does not say %q", r.Missing, want)
		}
	}
	if r.Trend.Direction != NoTrend {
		t.Errorf("trend %s from one week, want %s", r.Trend.Direction, NoTrend)
	}
	if len(Audit(afterAll, nil, ath, rules.Default()).Missing) != 1 {
		t.Error("an empty history should say that there are no sessions")
	}
}

// TestWeek checks the weekly numbers and the score of a sandwich week:
// Tuesday intervals, Wednesday recovery, Thursday threshold, Friday a run
// too hard, then rest.
func TestWeek(t *testing.T) {
	t.Parallel()
	ath := resolved(t, activity.Intermediate)
	local := func(days, hh int) time.Time { return time.Date(2026, 3, 3+days, hh, 0, 0, 0, plus1) }
	sessions := []Session{
		made(1, local(0, 18), 60, hard(analysis.Intervals)),
		made(2, local(1, 18), 35),
		made(3, local(2, 18), 50, hard(analysis.Tempo)),
		made(4, local(3, 18), 35, func(s *Session) { s.MinutesAboveCap = 12; s.Class = analysis.Easy }),
	}
	r := Audit(afterAll, sessions, ath, rules.Default())
	if len(r.Weeks) != 1 {
		t.Fatalf("%d weeks, want 1", len(r.Weeks))
	}
	w := r.Weeks[0]
	want := Week{Monday: "2026-03-02", HardDays: 2, RecoveryRuns: 2, Easy: 1, Sandwiches: 1, Score: 60, Scored: true}
	if w.Monday != want.Monday || w.HardDays != want.HardDays || w.RecoveryRuns != want.RecoveryRuns ||
		w.Easy != want.Easy || w.Sandwiches != want.Sandwiches || w.Score != want.Score || !w.Scored {
		t.Errorf("week %+v, want %+v", w, want)
	}
	if w.RecoveryS != 70*60 {
		t.Errorf("recovery time %d s, want %d", w.RecoveryS, 70*60)
	}
	check(t, "week_sandwich", r)
}

// TestTrend checks the direction of the score over weeks.
func TestTrend(t *testing.T) {
	t.Parallel()
	weeks := func(scores ...int) []Week {
		var w []Week
		for _, s := range scores {
			w = append(w, Week{Score: s, Scored: s >= 0})
		}
		return w
	}
	tests := []struct {
		weeks []Week
		want  Direction
	}{
		{weeks(50), NoTrend},
		{weeks(40, 60, 80, 90), Better},
		{weeks(90, 80, 60, 40), Worse},
		{weeks(70, 75, -1, 72, 70), Steady},
		{weeks(20, 100), Better},
	}
	for _, tt := range tests {
		if got := trend(tt.weeks, rules.Default()); got.Direction != tt.want {
			t.Errorf("trend of %+v = %s (%s), want %s", tt.weeks, got.Direction, got.Reason, tt.want)
		}
	}
}

// TestProperties audits a simulated history and random hand-made ones:
// every hard day has exactly one follow-up verdict, and every score lies
// within 0-100.
func TestProperties(t *testing.T) {
	t.Parallel()
	ath := resolved(t, activity.Experienced)
	histories := map[string][]Session{}
	runner := sim.DefaultRunner()
	histories["simulated"] = simulated(t, ath, runner.History(tuesday, 12)...)
	rng := rand.New(rand.NewPCG(1, 2))
	classes := []analysis.Class{analysis.Intervals, analysis.Tempo, analysis.Race}
	for h := range 20 {
		var ss []Session
		start := time.Date(2026, 1, 5, 6, 0, 0, 0, plus1)
		for i := range 60 {
			start = start.Add(time.Duration(4+rng.IntN(40)) * time.Hour)
			opts := []func(*Session){func(s *Session) { s.MinutesAboveCap = float64(rng.IntN(15)) }}
			switch rng.IntN(5) {
			case 0:
				opts = append(opts, hard(classes[rng.IntN(len(classes))]))
			case 1:
				opts = append(opts, noHR(rng.IntN(8)))
			case 2:
				opts = append(opts, func(s *Session) { s.Sport, s.Run, s.Class = activity.Cycling, false, analysis.CrossTraining })
			}
			ss = append(ss, made(int64(i+1), start, 10+rng.IntN(80), opts...))
		}
		histories[fmt.Sprintf("random %d", h)] = ss
	}
	for name, ss := range histories {
		r := Audit(afterAll, ss, ath, rules.Default())
		if name == "simulated" && (len(r.HardDays) < 20 || len(r.Weeks) < 12) {
			t.Errorf("%s: %d hard days in %d weeks, want at least 20 in 12", name, len(r.HardDays), len(r.Weeks))
		}
		for _, d := range r.HardDays {
			if v := followUp(t, r, d); v.Kind != d.FollowUp {
				t.Errorf("%s: hard day %s says follow-up %s, its verdict %s", name, d.Date, d.FollowUp, v.Kind)
			}
		}
		for _, w := range r.Weeks {
			if w.Score < 0 || w.Score > 100 || w.BelowCapShare < 0 || w.BelowCapShare > 1 {
				t.Errorf("%s: week %s score %d, below-cap share %v: out of range", name, w.Monday, w.Score, w.BelowCapShare)
			}
		}
		for _, v := range r.Verdicts {
			if v.Title == "" || len(v.Reasons) == 0 {
				t.Errorf("%s: verdict on %d has no title or reasons: %+v", name, v.ActivityID, v)
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestDue: a hard day that is today or yesterday, with nothing after it,
// is not yet rested: recovery is due. Once the next day is over it is
// rest.
func TestDue(t *testing.T) {
	ath := resolved(t, activity.Intermediate)
	sessions := []Session{made(1, at(0, 7, 0).In(plus1), 50, hard(analysis.Intervals))}
	end := sessions[0].End
	for _, tt := range []struct {
		now  time.Time
		want Kind
	}{
		{end.Add(8 * time.Hour), Due},
		{end.Add(25 * time.Hour), Due}, // the next day is not over
		{end.Add(49 * time.Hour), Rested},
	} {
		r := Audit(tt.now, sessions, ath, rules.Default())
		v := followUp(t, r, r.HardDays[0])
		if v.Kind != tt.want || len(v.Reasons) == 0 {
			t.Errorf("%v after the hard day: %s %q, want %s with its reason", tt.now.Sub(end), v.Kind, v.Reasons, tt.want)
		}
		if w := r.Weeks[0]; tt.want == Due && (w.Scored || w.RecoveryRuns != 0 || w.RecoveryS != 0) {
			t.Errorf("a due verdict is neither scored nor a recovery run: %+v", w)
		}
	}
}
