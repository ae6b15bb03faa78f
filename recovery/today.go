package recovery

import (
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/physio"
)

// Advice is what today's run should be.
type Advice string

// The advice, from least to most.
const (
	Rest         Advice = "rest"
	RecoveryRun  Advice = "recovery_run"
	EasyRun      Advice = "easy_run"
	ReadyForHard Advice = "ready_for_hard"
)

// Size is how long a run should be: minutes, and the distance that takes
// at the runner's own easy pace, in their units.
type Size struct {
	MinMinutes  int            `json:"min_minutes"`
	MaxMinutes  int            `json:"max_minutes"`
	MinDistance float64        `json:"min_distance"`
	MaxDistance float64        `json:"max_distance"`
	Unit        activity.Units `json:"unit"`
	// Approximate: the distance comes from a typical pace, not the
	// runner's own.
	Approximate bool   `json:"approximate"`
	Reason      string `json:"reason"`
}

// Cue is one point of form to think about on the run.
type Cue struct {
	Focus  string `json:"focus"` // "quick_steps", "breathing", "upright_torso", "arm_swing"
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// RunSpec describes the run to do.
type RunSpec struct {
	// Size is nil when the length is the runner's (or the plan's) choice.
	Size *Size `json:"size,omitempty"`
	// CapBPM is the heart-rate ceiling; 0 when max HR is unknown.
	CapBPM    float64 `json:"cap_bpm,omitempty"`
	CapReason string  `json:"cap_reason,omitempty"`
	RPE       int     `json:"rpe"`
	Pace      string  `json:"pace"`
	// When is the best time: "this evening", "tomorrow morning", "today".
	When       string `json:"when"`
	WhenReason string `json:"when_reason"`
	Cue        Cue    `json:"cue"`
}

// Recommendation answers "what should I run today?".
type Recommendation struct {
	Date    string   `json:"date"` // the runner's local date, "2006-01-02"
	Advice  Advice   `json:"advice"`
	Title   string   `json:"title"`
	Reasons []string `json:"reasons"`
	// Run is nil for Rest and ReadyForHard: a hard session is the plan's.
	Run *RunSpec `json:"run,omitempty"`
	// LastHard is the most recent hard day before now, if any.
	LastHard *HardRef `json:"last_hard,omitempty"`
	Missing  []string `json:"missing,omitempty"`
}

// cueWindow is how far back the form cue looks at easy runs.
const cueWindow = 14 * 24 * time.Hour

// Today recommends the run for the local day of now; now's Location is
// the runner's time zone. sessions is the history Audit made report from
// and p the load model's point for today.
//
// The rules, in order: stacked hard days that ended yesterday or today
// mean rest; a spike in load (ACWR) means rest with heavy fatigue, else a
// recovery run; a run already done today after the last hard day means
// nothing more today; a hard day today or yesterday, or within the
// window, means a recovery run; heavy fatigue too; less than
// rules.ReadyAfter since the last hard day, tired form, a poor recovery
// score over the last two weeks or too short a load history mean an easy
// run; else the runner is ready for a hard session. A training plan, once there is one, comes in
// as another input and is weighed before the last rule.
func Today(now time.Time, sessions []Session, a activity.Athlete, p load.Point, report Report, rules Rules) Recommendation {
	h := newHistory(now, sessions, a, rules)
	t := today{h: h, now: now, date: civil(now), p: p, report: report}
	t.lastHard()
	rec := t.decide()
	rec.Date = t.date.Format(dateLayout)
	rec.Missing = report.Missing
	if t.last != nil {
		rec.LastHard = t.last.ref(time.Time{})
	}
	rec.Reasons = append(rec.Reasons, p.Meaning()...)
	return rec
}

// today is the state of one recommendation.
type today struct {
	h      *history
	now    time.Time
	date   time.Time // civil
	p      load.Point
	report Report
	// last is the most recent hard day that ended by now, prev the one
	// before it; nil when there is none.
	last, prev *hardDay
}

func (t *today) lastHard() {
	for i := len(t.h.hard) - 1; i >= 0; i-- {
		if !t.h.hard[i].End.After(t.now) {
			t.last = &t.h.hard[i]
			if i > 0 {
				t.prev = &t.h.hard[i-1]
			}
			return
		}
	}
}

// decide applies the rules of Today in order.
func (t *today) decide() Recommendation {
	rl := t.h.rules
	share, shareKnown := formShare(t.p, rl)
	heavy := shareKnown && share <= rl.HeavyFatigue
	sinceHard := time.Duration(-1)
	if t.last != nil {
		sinceHard = t.now.Sub(t.last.End)
	}
	daysSince := -1
	if t.last != nil {
		daysSince = int(t.date.Sub(t.last.date) / (24 * time.Hour))
	}
	switch {
	case t.last != nil && t.prev != nil && daysSince <= 1 &&
		(t.last.date.Sub(t.prev.date) <= 24*time.Hour || t.last.first.Start.Sub(t.prev.End) < rl.Window):
		return Recommendation{Advice: Rest, Title: "Rest today",
			Reasons: []string{fmt.Sprintf("two hard days back to back: %s on %s and %s on %s; rest today, then a recovery run",
				t.prev.label, t.prev.Date, t.last.label, t.last.Date)}}
	case t.p.ACWR > rl.ACWRSpike && t.p.Days >= rl.LoadMinDays:
		why := fmt.Sprintf("your acute:chronic load ratio is %.2f, over %.1f: a spike in load (Gabbett 2016)", t.p.ACWR, rl.ACWRSpike)
		if heavy {
			return Recommendation{Advice: Rest, Title: "Rest today",
				Reasons: []string{why, fmt.Sprintf("and form is %+.0f %% of fitness, at or below %+.0f %%: heavy fatigue", 100*share, 100*rl.HeavyFatigue)}}
		}
		return t.recoveryRun(why)
	}
	if s, ok := t.ranToday(); ok {
		return Recommendation{Advice: Rest, Title: "Done for today",
			Reasons: []string{fmt.Sprintf("you ran %s at %s today already; nothing more today", hm(secs(s.DurationS)), s.Start.Format("15:04"))}}
	}
	switch {
	case t.last != nil && (daysSince <= 1 || sinceHard < rl.Window):
		return t.recoveryRun(fmt.Sprintf("your %s ended %s ago (%s): within %s of a hard session comes recovery", t.last.label, hm(sinceHard), when(t.last.End), hm(rl.Window)))
	case heavy:
		return t.recoveryRun(fmt.Sprintf("form is %+.0f %% of fitness, at or below %+.0f %%: heavy fatigue", 100*share, 100*rl.HeavyFatigue))
	case t.last != nil && sinceHard < rl.ReadyAfter:
		return t.easyRun(fmt.Sprintf("your %s ended %s ago (%s); the next hard session from %s, %s after it, keeps an easy day between",
			t.last.label, hm(sinceHard), when(t.last.End), when(t.last.End.Add(rl.ReadyAfter)), hm(rl.ReadyAfter)))
	case shareKnown && share <= rl.ReadyForm:
		return t.easyRun(fmt.Sprintf("form is %+.0f %% of fitness, at or below %+.0f %%: you are carrying fatigue", 100*share, 100*rl.ReadyForm))
	}
	if s, n := t.recentScore(); n > 0 && s < rl.PoorScore {
		return t.easyRun(fmt.Sprintf("your recovery score over the last two weeks is %d, under %d: make an easy day really easy before the next hard one", s, rl.PoorScore))
	}
	if !shareKnown {
		return t.easyRun(fmt.Sprintf("only %d %s of load history, under %d: too little to judge fatigue, so easy running while easyrun learns your load",
			t.p.Days, plural(t.p.Days, "day", "days"), rl.LoadMinDays))
	}
	var why []string
	if t.last != nil {
		why = append(why, fmt.Sprintf("your last hard day, %s, ended %s ago (%s), at least %s", t.last.label, hm(sinceHard), when(t.last.End), hm(rl.ReadyAfter)))
	} else {
		why = append(why, "no hard session in your history yet")
	}
	why = append(why, fmt.Sprintf("form is %+.0f %% of fitness, above %+.0f %%", 100*share, 100*rl.ReadyForm))
	return Recommendation{Advice: ReadyForHard, Title: "Ready for a hard session", Reasons: why}
}

// formShare is form as a share of fitness, as load.Point.Meaning reads
// it; false when the history is too short to say.
func formShare(p load.Point, rl Rules) (float64, bool) {
	if p.Days < max(2, rl.LoadMinDays) || p.Fitness <= 0 {
		return 0, false
	}
	return p.Form / p.Fitness, true
}

// ranToday is the last run of today that was not hard and started after
// the last hard day ended.
func (t *today) ranToday() (Session, bool) {
	for i := len(t.h.s) - 1; i >= 0; i-- {
		s := t.h.s[i]
		if s.Start.After(t.now) {
			continue
		}
		if !civil(s.Start.In(t.now.Location())).Equal(t.date) {
			break
		}
		if s.Run && !s.Hard && (t.last == nil || s.Start.After(t.last.End)) {
			return s, true
		}
	}
	return Session{}, false
}

// recentScore is the mean score of the scored weeks among this week and
// the last, and how many there were.
func (t *today) recentScore() (int, int) {
	from := monday(t.now).AddDate(0, 0, -7).Format(dateLayout)
	var sum []int
	for _, w := range t.report.Weeks {
		if w.Scored && w.Monday >= from {
			sum = append(sum, w.Score)
		}
	}
	if len(sum) == 0 {
		return 0, 0
	}
	return int(mean(sum) + 0.5), len(sum)
}

// recoveryRun recommends a recovery run for the reason why.
func (t *today) recoveryRun(why string) Recommendation {
	rl := t.h.rules
	var after *hardDay
	if t.last != nil && t.now.Sub(t.last.End) < rl.ReadyAfter {
		after = t.last
	}
	size := t.h.size(after, t.now)
	run := &RunSpec{Size: &size, RPE: rl.MaxRPE, Pace: "conversation pace: ignore pace, heart rate and RPE decide", Cue: t.cue()}
	if c, err := physio.RecoveryCap(t.h.ath, physio.Preset(t.h.ath.RecoveryCap)); err == nil {
		run.CapBPM, run.CapReason = round1(c.BPM), c.Reason
	} else {
		run.CapReason = fmt.Sprintf("no heart-rate cap: %v; keep to RPE %d, full conversation", err, rl.MaxRPE)
	}
	run.When, run.WhenReason = t.bestTime()
	reasons := []string{why, "recovery run: " + size.String() + ", " + size.Reason}
	return Recommendation{Advice: RecoveryRun, Title: "A recovery run " + run.When, Reasons: reasons, Run: run}
}

// bestTime says when the recovery run fits best: this evening after a
// hard morning, tomorrow morning after a hard session later in the day,
// else today within the window.
func (t *today) bestTime() (string, string) {
	rl := t.h.rules
	if t.last == nil || !t.last.date.Equal(t.date) {
		if t.last != nil && t.now.Sub(t.last.End) < rl.Window {
			deadline := t.last.End.Add(rl.Window).In(t.now.Location())
			return "today", fmt.Sprintf("before %s, within %s of the end of your %s (%s)", deadline.Format("15:04"), hm(rl.Window), t.last.label, when(t.last.End))
		}
		return "today", "any time; evenings are good"
	}
	end := t.last.End.In(t.now.Location())
	from := end.Add(rl.DoubleGap)
	y, m, d := t.now.Date()
	closes := time.Date(y, m, d, 0, 0, 0, 0, t.now.Location()).Add(rl.EveningEnd)
	latest := closes.Add(-rl.AfterVeryHard.Min) // room for the shortest jog
	if !from.After(latest) && t.now.Before(latest) {
		return "this evening", fmt.Sprintf("any time from %s, at least %s after your %s ended at %s, until %s; evenings are good: a very light jog, a double",
			maxTime(from, t.now).Format("15:04"), hm(rl.DoubleGap), t.last.label, end.Format("15:04"), closes.Format("15:04"))
	}
	return "tomorrow morning", fmt.Sprintf("your %s ended at %s, too late for a jog at least %s later tonight; tomorrow morning is within %s of its end",
		t.last.label, end.Format("15:04"), hm(rl.DoubleGap), hm(rl.Window))
}

// easyRun recommends an easy run for the reason why.
func (t *today) easyRun(why string) Recommendation {
	run := &RunSpec{RPE: t.h.rules.ToleratedRPE, Pace: "comfortable and conversational: ignore pace",
		When: "today", WhenReason: "any time", Cue: t.cue()}
	return Recommendation{Advice: EasyRun, Title: "An easy run", Reasons: []string{why}, Run: run}
}

// rotation is the weekly order of form cues when no data points to one.
var rotation = []Cue{
	{Focus: "upright_torso", Text: "run tall: upright torso, a slight lean from the ankles, relaxed shoulders"},
	{Focus: "arm_swing", Text: "relaxed arm swing: elbows bent, hands loose, swinging forward and back, not across"},
	{Focus: "quick_steps", Text: "short, quick steps that land under your hips instead of overstriding"},
	{Focus: "breathing", Text: "easy breathing: if you cannot talk in full sentences, slow down (the talk test)"},
}

// cue is the form point for the run: quick steps when recent easy runs
// had a low cadence, breathing when recent recovery runs were too hard,
// else the focus of the week in rotation.
func (t *today) cue() Cue {
	rl := t.h.rules
	from := t.now.Add(-cueWindow)
	var sum float64
	var n int
	for _, s := range t.h.s {
		if s.Run && !s.Hard && s.CadenceSPM > 0 && s.Start.After(from) && !s.Start.After(t.now) &&
			(s.Class == analysis.Recovery || s.Class == analysis.Easy) {
			sum += s.CadenceSPM
			n++
		}
	}
	if n > 0 && sum/float64(n) < rl.LowCadenceSPM {
		c := rotation[2]
		c.Reason = fmt.Sprintf("your %d easy %s of the last 2 weeks averaged %.0f steps a minute, under %.0f: a hint of overstriding",
			n, plural(n, "run", "runs"), sum/float64(n), rl.LowCadenceSPM)
		return c
	}
	var hard int
	for _, v := range t.report.Verdicts {
		if v.Kind == TooHard && v.At.After(from) && !v.At.After(t.now) {
			hard++
		}
	}
	if hard > 0 {
		c := rotation[3]
		c.Reason = fmt.Sprintf("%d of your recovery runs in the last 2 weeks %s too hard", hard, plural(hard, "was", "were"))
		return c
	}
	_, week := t.now.ISOWeek()
	c := rotation[week%len(rotation)]
	c.Reason = fmt.Sprintf("nothing in your recent runs points to one point of form, so the focus rotates weekly (torso, arms, steps, breathing); this is week %d", week)
	return c
}
