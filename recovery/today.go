package recovery

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/say"
	"github.com/easyrun/easyrun/internal/stats"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/rules"
)

// Advice is what today's run should be.
type Advice string

// The advice, from least to most.
const (
	Rest         Advice = "rest"
	RecoveryRun  Advice = "recovery_run"
	EasyRun      Advice = "easy_run"
	ReadyForHard Advice = "ready_for_hard"
	// NeedData: no run yet, so nothing to go on; the recommendation says
	// what easyrun needs.
	NeedData Advice = "need_data"
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
	// Run is nil for Rest, ReadyForHard and NeedData: a hard session is
	// the plan's.
	Run *RunSpec `json:"run,omitempty"`
	// LastHard is the most recent hard day before now, if any.
	LastHard *HardRef `json:"last_hard,omitempty"`
	Missing  []string `json:"missing,omitempty"`
}

// cueWindow is how far back the form cue looks at easy runs.
const cueWindow = 14 * 24 * time.Hour

// Today recommends the run for the local day of now; now's Location is
// the runner's time zone. sessions is the history Audit made report from
// and p the load model's point for today. It uses the audit's window
// (rules.FollowsHard, rules.Stacked): it may be stricter than the audit,
// never more lenient.
//
// The rules, in order: no run yet means easyrun needs data; stacked hard
// days yesterday and today mean rest; the day after a half marathon or
// longer is rest, and the days after it easy, about a day per mile
// raced; a spike in load (ACWR) means rest with heavy fatigue, else a
// recovery run; a run already done today after the last hard day means
// nothing more today; a hard day today means a double this evening for
// an experienced runner, else rest until tomorrow's recovery run; a hard
// day yesterday means a recovery run; a break of a week or more means
// easy running until the runner is back (coaching.md, "After a break");
// heavy fatigue means a recovery run; tired form or a poor recovery score
// over the last two weeks an easy run; too short a load history means
// the runner's plan decides; else the runner is ready for a hard session.
//
// Then the morning: mornings are the runner's check-ins (any dates; those
// of the physio.NormalDays up to today count), and a morning clearly off
// makes the advice stricter, never more lenient (see morning).
func Today(now time.Time, sessions []Session, a activity.Athlete, p load.Point, report Report, rl rules.Set, mornings []activity.Morning) Recommendation {
	rec, _ := newHistory(now, sessions, a, rl).today(p, report, mornings)
	return rec
}

// today is Today of the history h, and whether it is what the whole
// history says (see TodaySince).
func (h *history) today(p load.Point, report Report, mornings []activity.Morning) (Recommendation, bool) {
	now, a, rl := h.now, h.ath, h.rl
	t := today{h: h, now: now, date: rules.Day(now), p: p, report: report}
	t.lastHard()
	// The last hard day may lie anywhere before the horizon.
	if !h.horizon.IsZero() && (t.last == nil || !h.exact(t.last.End)) {
		t.partial = true
	}
	rec := t.decide()
	rec.Date = t.date.Format(dateLayout)
	rec.Missing = slices.Clone(report.Missing)
	if rec.Advice != NeedData {
		b := physio.MorningBaseline(mornings, rec.Date, rl.HRVBandSD)
		rec = t.morning(rec, b)
		rec.Missing = append(rec.Missing, MorningNeeds(b)...)
	}
	if v := a.MaxHR; v.Known() && v.Origin != activity.SetByRunner {
		rec.Missing = append(rec.Missing, fmt.Sprintf("your max heart rate %.0f bpm is %s: set it from a race or a test, and every cap is sure",
			v.V, physio.MaxHRSource(v)))
	}
	if t.last != nil {
		rec.LastHard = t.last.ref(time.Time{})
	}
	if rec.Advice != NeedData {
		rec.Reasons = append(rec.Reasons, p.Meaning()...)
	}
	return rec, !t.partial
}

// today is the state of one recommendation.
type today struct {
	h      *history
	now    time.Time
	date   time.Time // rules.Day
	p      load.Point
	report Report
	// last is the most recent hard day that ended by now, prev the one
	// before it; nil when there is none.
	last, prev *hardDay
	// partial: the answer needed sessions from before the history's
	// horizon (see TodaySince).
	partial bool
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
	rl := t.h.rl
	if !t.anyRun() {
		t.partial = t.partial || !t.h.horizon.IsZero() // runs before the horizon are unread
		return t.needData()
	}
	share, shareKnown := formShare(t.p, rl)
	heavy := shareKnown && share <= rl.HeavyFatigue
	days := -1 // calendar days since the last hard day
	if t.last != nil {
		days = rules.DaysBetween(t.last.End, t.now)
	}
	if t.last != nil && t.prev != nil && days <= 1 && rules.Stacked(t.prev.date, t.last.date) {
		return Recommendation{Advice: Rest, Title: "Rest today",
			Reasons: []string{fmt.Sprintf("two hard days back to back: %s on %s and %s on %s; rest today, then a recovery run",
				t.prev.label, t.prev.Date, t.last.label, t.last.Date)}}
	}
	if rec, ok := t.afterRace(days); ok {
		return rec
	}
	if t.p.ACWR > rl.ACWRSpike && t.p.Days >= rl.LoadMinDays {
		why := fmt.Sprintf("your acute:chronic load ratio is %.2f, over %.1f: a spike in load (Gabbett 2016)", t.p.ACWR, rl.ACWRSpike)
		if heavy {
			return Recommendation{Advice: Rest, Title: "Rest today",
				Reasons: []string{why, fmt.Sprintf("and form is %+.0f %% of fitness, at or below %+.0f %%: heavy fatigue", 100*share, 100*rl.HeavyFatigue)}}
		}
		return t.recoveryRun(why)
	}
	if s, ok := t.ranToday(); ok {
		return Recommendation{Advice: Rest, Title: "Done for today",
			Reasons: []string{fmt.Sprintf("you ran %s at %s today already; nothing more today", say.Minutes(secs(s.DurationS)), t.h.clock(s.Start))}}
	}
	switch {
	case days == 0:
		return t.hardToday()
	case days == 1:
		return t.recoveryRun(fmt.Sprintf("a hard day yesterday, %s (%s): the day after a hard session is for a recovery run or rest, whatever the hour it ended",
			t.last.label, t.h.when(t.last.End)))
	}
	if rec, ok := t.afterBreak(); ok {
		return rec
	}
	switch {
	case heavy:
		return t.recoveryRun(fmt.Sprintf("form is %+.0f %% of fitness, at or below %+.0f %%: heavy fatigue", 100*share, 100*rl.HeavyFatigue))
	case shareKnown && share <= rl.ReadyForm:
		return t.easyRun(fmt.Sprintf("form is %+.0f %% of fitness, at or below %+.0f %%: you are carrying fatigue", 100*share, 100*rl.ReadyForm))
	}
	if s, n := t.recentScore(); n > 0 && s < rl.PoorScore {
		return t.easyRun(fmt.Sprintf("your recovery score over the last two weeks is %d, under %d: make an easy day really easy before the next hard one", s, rl.PoorScore))
	}
	var why []string
	if t.last != nil {
		why = append(why, fmt.Sprintf("your last hard day, %s, was %s (%s): with a day between, a hard session fits today; never two hard days in a row",
			t.last.label, t.ago(t.last.End), t.h.when(t.last.End)))
	} else {
		why = append(why, "no hard session in your history yet")
	}
	if !shareKnown {
		why = append(why, fmt.Sprintf("only %d %s of load history, under the %d that fitness and fatigue need: easyrun cannot judge your fatigue yet, so your plan decides: a hard session if it has one today, else an easy run",
			t.p.Days, plural(t.p.Days, "day", "days"), rl.LoadMinDays))
		return Recommendation{Advice: ReadyForHard, Title: "Follow your plan: nothing says hold back", Reasons: why}
	}
	why = append(why, fmt.Sprintf("form is %+.0f %% of fitness, above %+.0f %%", 100*share, 100*rl.ReadyForm))
	return Recommendation{Advice: ReadyForHard, Title: "Ready for a hard session", Reasons: why}
}

// anyRun reports whether the history holds a run before now.
func (t *today) anyRun() bool {
	for _, s := range t.h.s {
		if s.Run && !s.Start.After(t.now) {
			return true
		}
	}
	return false
}

// needData is the answer for a runner without a single run: easyrun does
// not know them, so it says what it needs rather than guess.
func (t *today) needData() Recommendation {
	need := []string{"no run in your history yet, so easyrun knows nothing of your training: import your watch's files (easyrun import, or the Import page) or log a run by its duration and RPE"}
	if !t.h.ath.MaxHR.Known() {
		need = append(need, "set your max heart rate (or your birth year for an estimate) for a recovery cap in bpm")
	}
	if t.h.ath.ExperienceOrigin != activity.SetByRunner {
		need = append(need, "set your experience (beginner, intermediate or experienced) to size your runs until your history shows it")
	}
	return Recommendation{Advice: NeedData, Title: "Nothing to go on yet", Reasons: need}
}

// hardToday is the answer on the day of a hard session already done: an
// experienced runner may jog this evening (a double); anyone else rests
// until tomorrow's recovery run (coaching.md, "Who doubles").
func (t *today) hardToday() Recommendation {
	rl := t.h.rl
	end := t.last.End.In(t.now.Location())
	if t.h.ath.Experience == activity.Experienced {
		from := end.Add(rl.DoubleGap)
		y, m, d := t.now.Date()
		closes := time.Date(y, m, d, 0, 0, 0, 0, t.now.Location()).Add(rl.EveningEnd)
		if latest := closes.Add(-rl.Double.Min); !from.After(latest) && t.now.Before(latest) {
			rec := t.recoveryRunOf(fmt.Sprintf("your %s ended at %s today: an experienced runner may add a very light evening jog, a double", t.last.label, end.Format("15:04")),
				t.h.sized(rl.Double, rl.Double.String()+" of very easy running for an experienced runner's double"))
			rec.Title = "A recovery double this evening"
			rec.Run.When = "this evening"
			rec.Run.WhenReason = fmt.Sprintf("any time from %s, at least %s after your %s ended at %s, until %s; or rest, and a recovery run tomorrow",
				maxTime(from, t.now).Format("15:04"), say.Minutes(rl.DoubleGap), t.last.label, end.Format("15:04"), closes.Format("15:04"))
			return rec
		}
	}
	tomorrow := t.date.AddDate(0, 0, 1).Format("Mon 2 Jan")
	why := fmt.Sprintf("your %s ended at %s today: rest for the rest of the day; tomorrow, %s, a recovery run or rest", t.last.label, end.Format("15:04"), tomorrow)
	if t.h.ath.Experience != activity.Experienced {
		why += "; an easy jog this evening would do no harm, but doubles are for experienced runners"
	}
	return Recommendation{Advice: Rest, Title: "Done for today: recovery tomorrow", Reasons: []string{why}}
}

// afterRace is rest the day after a half marathon or longer, then easy
// running for about a day per mile raced (rules.AfterRace).
func (t *today) afterRace(days int) (Recommendation, bool) {
	if t.last == nil || !t.last.race || days < 1 {
		return Recommendation{}, false
	}
	rest, easyDays := rules.AfterRace(t.last.raceM)
	if !rest {
		return Recommendation{}, false
	}
	race := fmt.Sprintf("your race of %s on %s", distance(t.last.raceM, t.h.ath.Units), t.last.Date)
	if days == 1 {
		return Recommendation{Advice: Rest, Title: "Rest today",
			Reasons: []string{race + " was yesterday: rest the day after a half marathon or longer; easy running after that"}}, true
	}
	if days > easyDays {
		return Recommendation{}, false
	}
	until := t.last.date.AddDate(0, 0, easyDays+1).Format("Mon 2 Jan")
	return t.easyRun(fmt.Sprintf("%s was %s: about a day of easy running per mile raced (%d) before hard training resumes, from %s", race, t.ago(t.last.End), easyDays, until)), true
}

// afterBreak is easy running after a break of rules.BreakDays or more
// without a run, until the runner is back: a couple of easy runs after a
// week; after two to four weeks about half the old volume, building back
// over two weeks; after longer, rebuilding over several weeks
// (coaching.md, "After a break"; Daniels' return-from-time-off tables).
func (t *today) afterBreak() (Recommendation, bool) {
	rl := t.h.rl
	var runs []Session
	for _, s := range t.h.s {
		if s.Run && s.Start.Before(t.now) {
			runs = append(runs, s)
		}
	}
	if len(runs) == 0 {
		t.partial = t.partial || !t.h.horizon.IsZero()
		return Recommendation{}, false
	}
	// The break is the last gap of BreakDays or more between runs, or
	// from the last run to today.
	last := runs[len(runs)-1]
	if off := rules.DaysBetween(last.Start, t.now) - 1; off >= rl.BreakDays {
		return t.easyRunOf(fmt.Sprintf("%s without a run since %s: after a break, start again with easy running, not a hard session",
			daysWords(off), last.Date().Format("Mon 2 Jan")), t.comeback(runs, len(runs), off)), true
	}
	for i := len(runs) - 1; i > 0; i-- {
		off := rules.DaysBetween(runs[i-1].Start, runs[i].Start) - 1
		if off < rl.BreakDays {
			continue
		}
		back := runs[i]
		since := rules.DaysBetween(back.Start, t.now)
		n := len(runs) - i
		var why string
		switch {
		case off < rl.LongBreakDays && n < 2:
			why = fmt.Sprintf("back from %s off on %s: first a couple of easy runs (%d so far), then hard sessions again", daysWords(off), back.Date().Format("Mon 2 Jan"), n)
		case off >= rl.LongBreakDays && off < rl.RebuildDays && since < 14:
			why = fmt.Sprintf("back from %s off on %s: about half your old volume at first, building back over two weeks (%s so far), easy running only",
				daysWords(off), back.Date().Format("Mon 2 Jan"), daysWords(since))
		case off >= rl.RebuildDays && since < rebuildDays(off):
			why = fmt.Sprintf("back from %s off on %s: rebuild over %s of easy running (%s so far) before hard sessions",
				daysWords(off), back.Date().Format("Mon 2 Jan"), daysWords(rebuildDays(off)), daysWords(since))
		}
		if why == "" {
			return Recommendation{}, false
		}
		return t.easyRunOf(why, t.comeback(runs, i, off)), true
	}
	// The last break may be before the first run read: it is over, as
	// far as these rules go, once the runner has run twice since and
	// the longest rebuild has passed.
	if !t.h.horizon.IsZero() && (len(runs) < 2 || rules.DaysBetween(runs[0].Start, t.now) < longestRebuild) {
		t.partial = true
	}
	return Recommendation{}, false
}

// longestRebuild is the longest rebuildDays.
const longestRebuild = 6 * 7

// rebuildDays is how long a runner rebuilds after a break of off days:
// three weeks after a month or two, six after longer.
func rebuildDays(off int) int {
	if off > 8*7 {
		return longestRebuild
	}
	return 3 * 7
}

// comeback is the easy run after a break of off days that began after
// runs[:upto]: the runner's usual run before it, about half of it after
// two weeks off or more.
func (t *today) comeback(runs []Session, upto, off int) Size {
	rl := t.h.rl
	r, why := rl.EasyLength(t.h.ath.Experience)
	var usual []float64
	before := runs[:upto]
	if len(before) > 0 {
		from := before[len(before)-1].Start.AddDate(0, 0, -historyDays)
		t.partial = t.partial || t.h.before(from)
		for _, s := range before {
			if !s.Start.Before(from) {
				usual = append(usual, float64(s.DurationS))
			}
		}
	}
	if m := time.Duration(stats.Median(usual)) * time.Second; m > 0 {
		r, why = rules.Range{Min: max(m-10*time.Minute, rl.MinRun), Max: m}, fmt.Sprintf("your usual run before the break was %s", say.Minutes(m))
	}
	if off >= rl.LongBreakDays {
		r = rules.Range{Min: max(r.Min/2, rl.Double.Min), Max: max(r.Max/2, rl.Double.Max)}
		why += "; about half of it at first"
	}
	r.Min, r.Max = r.Min.Round(5*time.Minute), r.Max.Round(5*time.Minute)
	return t.h.sized(r, why)
}

// daysWords speaks of a number of days as a runner would: "9 days",
// "3 weeks", "7 months".
func daysWords(n int) string {
	switch {
	case n < 14:
		return fmt.Sprintf("%d %s", n, plural(n, "day", "days"))
	case n < 61:
		return fmt.Sprintf("%d weeks", (n+3)/7)
	default:
		return fmt.Sprintf("%d months", int(math.Round(float64(n)/30.44)))
	}
}

// ago says when t was from now in calendar days, never in thousands of
// hours: "today", "yesterday", "3 days ago", "2 weeks ago".
func (t *today) ago(at time.Time) string {
	switch n := rules.DaysBetween(at, t.now); n {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	default:
		return daysWords(n) + " ago"
	}
}

// formShare is form as a share of fitness, as load.Point.Meaning reads
// it; false when the history is too short to say, or fitness too near
// zero for a share of it to mean anything.
func formShare(p load.Point, rl rules.Set) (float64, bool) {
	if p.Days < max(2, rl.LoadMinDays) || p.Fitness < load.MinFitness {
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
		if !rules.Day(s.Start.In(t.now.Location())).Equal(t.date) {
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

// recoveryRun recommends a recovery run for the reason why, sized by the
// rule after the last hard day.
func (t *today) recoveryRun(why string) Recommendation {
	var after *hardDay
	if t.last != nil && rules.FollowsHard(t.last.End, t.now) {
		after = t.last
	}
	return t.recoveryRunOf(why, t.h.size(after, t.now))
}

// recoveryRunOf recommends a recovery run of size for the reason why.
func (t *today) recoveryRunOf(why string, size Size) Recommendation {
	rl := t.h.rl
	run := &RunSpec{Size: &size, RPE: rl.MaxRPE, Pace: "conversation pace: ignore pace, heart rate and RPE decide", Cue: t.cue(),
		When: "today", WhenReason: "any time; evenings are good"}
	if c, err := physio.RecoveryCap(t.h.ath, physio.Preset(t.h.ath.RecoveryCap)); err == nil && t.h.ath.Intensity != activity.ByRPE {
		run.CapBPM, run.CapReason = round1(c.BPM), c.Reason
	} else {
		run.CapReason = fmt.Sprintf("no heart-rate cap (%s): keep to RPE %d, full conversation", capMissing(t.h.ath, err), rl.MaxRPE)
	}
	reasons := []string{why, "recovery run: " + size.String() + ", " + size.Reason}
	return Recommendation{Advice: RecoveryRun, Title: "A recovery run today", Reasons: reasons, Run: run}
}

// easyRun recommends an easy run of the runner's usual easy length for
// the reason why.
func (t *today) easyRun(why string) Recommendation {
	return t.easyRunOf(why, t.h.sized(t.h.rl.EasyLength(t.h.ath.Experience)))
}

// easyRunOf recommends an easy run of size for the reason why, with its
// ceiling.
func (t *today) easyRunOf(why string, size Size) Recommendation {
	rl := t.h.rl
	run := &RunSpec{Size: &size, RPE: rl.ToleratedRPE, Pace: "comfortable and conversational: ignore pace",
		When: "today", WhenReason: "any time", Cue: t.cue()}
	if bpm, reason, err := physio.EasyCeiling(t.h.ath, physio.Preset(t.h.ath.RecoveryCap)); err == nil && t.h.ath.Intensity != activity.ByRPE {
		run.CapBPM, run.CapReason = round1(bpm), reason
	} else {
		run.CapReason = fmt.Sprintf("no heart-rate ceiling (%s): keep to RPE %d, comfortable", capMissing(t.h.ath, err), rl.ToleratedRPE)
	}
	reasons := []string{why, "easy run: " + size.String() + ", " + size.Reason}
	return Recommendation{Advice: EasyRun, Title: "An easy run", Reasons: reasons, Run: run}
}

// capMissing says why a run has no heart-rate ceiling.
func capMissing(a activity.Athlete, err error) string {
	if a.Intensity == activity.ByRPE {
		return "you chose RPE only"
	}
	return err.Error()
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
	rl := t.h.rl
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
