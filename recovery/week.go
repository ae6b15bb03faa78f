package recovery

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/easyrun/easyrun/internal/say"
	"github.com/easyrun/easyrun/rules"
)

// points is what each verdict is worth in the recovery score: a hard day
// followed by real recovery (a true recovery run, a double or rest) is
// worth all; a recovery run of the wrong length most; one too hard
// little; stacked hard days nothing. Unknown, probably too hard and due
// verdicts are left out: they say nothing sure about recovery yet. A run
// that broke two rules is worth its worst.
var points = []struct {
	kind   Kind
	points int
}{
	{TrueRecovery, 100}, {Double, 100}, {Rested, 100},
	{TooLong, 70}, {TooShort, 70},
	{TooHard, 20},
	{Stacked, 0},
}

// pointsOf is what a verdict of kind is worth, and whether it counts.
func pointsOf(kind Kind) (int, bool) {
	for _, p := range points {
		if p.kind == kind {
			return p.points, true
		}
	}
	return 0, false
}

// scoreRule states the formula of the score in words, from points.
var scoreRule = func() string {
	var terms []string
	for _, p := range points {
		terms = append(terms, fmt.Sprintf("%s %d", kindWords(p.kind), p.points))
	}
	return "the mean of the week's verdicts, each worth: " + strings.Join(terms, ", ") +
		"; a run that broke two rules its worst; unknown, probably too hard and due not counted"
}()

// monday is the Monday of the local week of t, as a rules.Day.
func monday(t time.Time) time.Time {
	d := rules.Day(t)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// weeks audits each week from the first with a session to the last.
func (h *history) weeks(r Report) []Week {
	if len(h.s) == 0 {
		return nil
	}
	const week = 7 * 24 * time.Hour
	first := monday(h.s[0].Start)
	last := first
	for _, s := range h.s {
		// Sessions are in order of the instant they started, but a move
		// to another time zone can put a later one on an earlier date.
		last = maxTime(last, monday(s.Start))
	}
	n := int(last.Sub(first)/week) + 1
	weeks := make([]Week, n)
	index := func(t time.Time) int { return min(max(int(monday(t).Sub(first)/week), 0), n-1) }
	at := func(t time.Time) *Week { return &weeks[index(t)] }
	for i := range weeks {
		weeks[i].Monday = first.AddDate(0, 0, 7*i).Format(dateLayout)
	}
	byID := make(map[int64]Session, len(h.s))
	for _, s := range h.s {
		byID[s.ID] = s
		if !s.Run {
			continue
		}
		w := at(s.Start)
		w.RunS += s.DurationS
		if hasHR(s) {
			w.HRS += s.HRSeconds
			// Time below the cap: what is left of the heart-rate time.
			above := min(s.HRSeconds, int(math.Round(s.MinutesAboveCap*60)))
			w.BelowCapShare += float64(s.HRSeconds - above)
		}
	}
	for i, d := range h.hard {
		at(d.date).HardDays++
		if i+1 < len(h.hard) && h.hard[i+1].date.Sub(d.date) == 48*time.Hour &&
			(d.FollowUp == TrueRecovery || d.FollowUp == Double || d.FollowUp == Rested) {
			at(d.date.AddDate(0, 0, 1)).Sandwiches++
		}
	}
	scores := make([][]Kind, n)
	for _, v := range r.Verdicts {
		i := index(v.At)
		w := &weeks[i]
		scores[i] = append(scores[i], v.Kind)
		switch v.Kind {
		case Rested:
			w.Rested++
			continue
		case Stacked:
			w.Stacked++
			continue
		case Due: // nothing run yet
			continue
		case TrueRecovery, Double, TooLong, TooShort:
			w.Easy++
		}
		w.RecoveryRuns++
		w.RecoveryS += byID[v.ActivityID].DurationS
		w.RecoveryM += byID[v.ActivityID].DistanceM
	}
	for i := range weeks {
		w := &weeks[i]
		if w.HRS > 0 {
			w.BelowCapShare = math.Round(1000*w.BelowCapShare/float64(w.HRS)) / 1000
		}
		w.RecoveryM = round1(w.RecoveryM)
		w.Score, w.Scored, w.ScoreHow = score(scores[i])
		w.Summary = h.summary(w)
	}
	return weeks
}

// score is the recovery score of a week's verdicts and how it was made.
func score(kinds []Kind) (int, bool, string) {
	var sum, n int
	var terms []string
	for _, k := range kinds {
		if p, ok := pointsOf(k); ok {
			sum += p
			n++
			terms = append(terms, fmt.Sprintf("%s %d", kindWords(k), p))
		}
	}
	if n == 0 {
		return 0, false, "no hard day and no judged recovery run this week: nothing to score (" + scoreRule + ")"
	}
	s := int(math.Round(float64(sum) / float64(n)))
	return s, true, fmt.Sprintf("%s: mean %d (%s)", strings.Join(terms, ", "), s, scoreRule)
}

// summary says a week in plain words.
func (h *history) summary(w *Week) []string {
	out := []string{fmt.Sprintf("%d hard %s; %d recovery %s, %d easy enough; %d rest %s after a hard day; %d stacked; %d %s between two hard days",
		w.HardDays, plural(w.HardDays, "day", "days"), w.RecoveryRuns, plural(w.RecoveryRuns, "run", "runs"), w.Easy,
		w.Rested, plural(w.Rested, "day", "days"), w.Stacked, w.Sandwiches, plural(w.Sandwiches, "easy day", "easy days"))}
	switch {
	case w.RunS == 0:
		out = append(out, "no running")
	case w.HRS == 0:
		out = append(out, fmt.Sprintf("%s of running, none with heart rate", say.Minutes(secs(w.RunS))))
	default:
		out = append(out, fmt.Sprintf("%s of running; %.0f %% of the %s with heart rate below the recovery cap",
			say.Minutes(secs(w.RunS)), 100*w.BelowCapShare, say.Minutes(secs(w.HRS))))
	}
	if w.RecoveryRuns > 0 {
		out = append(out, fmt.Sprintf("recovery runs added %s and %s", say.Minutes(secs(w.RecoveryS)), distance(w.RecoveryM, h.ath.Units)))
	}
	return out
}

// trend compares the later half of the last rl.TrendWeeks scored
// weeks with the earlier half.
func trend(weeks []Week, rl rules.Set) Trend {
	var scored []int
	for _, w := range weeks {
		if w.Scored {
			scored = append(scored, w.Score)
		}
	}
	k := min(len(scored), max(rl.TrendWeeks, 2))
	if k < 2 {
		return Trend{Direction: NoTrend, Reason: fmt.Sprintf("%d scored %s: a trend needs at least 2", len(scored), plural(len(scored), "week", "weeks"))}
	}
	recent := scored[len(scored)-k:]
	half := k / 2
	before, after := mean(recent[:half]), mean(recent[half:])
	d := Steady
	switch {
	case after-before >= float64(rl.TrendStep):
		d = Better
	case before-after >= float64(rl.TrendStep):
		d = Worse
	}
	return Trend{Direction: d, Reason: fmt.Sprintf("the last %d scored %s averaged %.0f, the %d before %.0f: %s (a change of %d points or more counts)",
		k-half, plural(k-half, "week", "weeks"), after, half, before, d, rl.TrendStep)}
}

// missing says what the history lacks for a fuller audit.
func (h *history) missing() []string {
	if len(h.s) == 0 {
		return []string{"no sessions yet: import your runs, or log one by duration and RPE"}
	}
	var out []string
	if days := h.spanDays(); days < 14 {
		out = append(out, fmt.Sprintf("only %d %s of sessions (from %s): weekly scores and the trend need at least two weeks, your usual load and pace more",
			days, plural(days, "day", "days"), rules.Day(h.s[0].Start).Format(dateLayout)))
	}
	if len(h.hard) == 0 {
		out = append(out, "no hard session yet: the audit follows hard days, so only runs meant as recovery are judged")
	}
	var runs, withHR int
	for _, s := range h.s {
		if s.Run {
			runs++
			if s.HRSeconds > 0 {
				withHR++
			}
		}
	}
	switch {
	case runs > 0 && withHR == 0:
		out = append(out, "no run has heart rate: the recovery cap cannot be checked, so your RPE decides; log one with every run")
	case withHR > 0 && !h.ath.MaxHR.Known():
		out = append(out, "max heart rate unknown: set your birth year or max heart rate to get a recovery cap")
	}
	if h.easySpeedMS <= 0 {
		out = append(out, fmt.Sprintf("no easy run outdoors with distance: recovery distances are approximate, at %s",
			pace(h.rl.ApproxSpeedMS, h.ath.Units)))
	}
	if h.ath.Experience == "" {
		out = append(out, "experience not set and not derived: recovery runs are sized as for an intermediate runner")
	}
	return out
}

// spanDays is how many calendar days the sessions span, the first's
// and the last's included; the history is not empty.
func (h *history) spanDays() int {
	first, last := rules.Day(h.s[0].Start), rules.Day(h.s[len(h.s)-1].Start)
	return int(last.Sub(first)/(24*time.Hour)) + 1
}

// mean of v, which is not empty.
func mean(v []int) float64 {
	var s int
	for _, x := range v {
		s += x
	}
	return float64(s) / float64(len(v))
}

// plural picks the singular or plural word for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// maxTime is the later of a and b.
func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
