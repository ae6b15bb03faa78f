package recovery

import (
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/rules"
)

// A history read from a horizon on answers the questions of the day
// without the years before it: every rule looks back a bounded span but
// for a few global questions (the first session, the last hard day, the
// trend's scored weeks, what the history lacks, the last break). Where
// an answer would reach past the horizon, AuditSince and TodaySince say
// so, and the caller reads the whole history instead.

// exactAfter is how many days after the horizon the answers are the
// whole history's: the usual load's lookback, with days to spare for
// time zones and sessions that end after midnight.
const exactAfter = historyDays + 7

// shownWeeks is how many weeks before now a history read from Horizon
// covers exactly: the trend's scored weeks with room for unscored ones.
const shownWeeks = 8

// Horizon is where to start reading a history for AuditSince and
// TodaySince at now: for a runner who trains every week, the sessions
// from it on answer both, with the last rl.TrendWeeks+shownWeeks weeks
// of the audit.
func Horizon(now time.Time, rl rules.Set) time.Time {
	return rules.Day(now).AddDate(0, 0, -7*(max(rl.TrendWeeks, 2)+shownWeeks)-exactAfter)
}

// AuditSince is Audit of the sessions that start at or after horizon,
// those before it unread; sessions must hold all of those. exact is the
// instant from which its hard days, verdicts and weeks are the whole
// history's (before it they may not be), and ok reports whether its
// trend and what it says is missing are too. A zero horizon is the whole
// history: exact from its start, and ok.
func AuditSince(horizon, now time.Time, sessions []Session, a activity.Athlete, rl rules.Set) (r Report, exact time.Time, ok bool) {
	h := newHistory(now, sessions, a, rl)
	h.horizon = horizon
	r = h.audit()
	return r, h.exactFrom(), h.whole() && h.trendExact(r.Weeks)
}

// TodaySince is Today of the sessions that start at or after horizon,
// with report made of them by AuditSince, which reported ok. ok reports
// whether the recommendation is the one the whole history gives.
func TodaySince(horizon, now time.Time, sessions []Session, a activity.Athlete, p load.Point, report Report, rl rules.Set, mornings []activity.Morning) (Recommendation, bool) {
	h := newHistory(now, sessions, a, rl)
	h.horizon = horizon
	rec, ok := h.today(p, report, mornings)
	// The recent score and the form cue read the last two weeks' audit.
	return rec, ok && h.whole() && h.exact(monday(now).AddDate(0, 0, -7)) && h.exact(now.Add(-cueWindow))
}

// exactFrom is the instant from which what h says of a day is what the
// whole history says; zero for the whole history.
func (h *history) exactFrom() time.Time {
	if h.horizon.IsZero() {
		return time.Time{}
	}
	return h.horizon.AddDate(0, 0, exactAfter)
}

// exact reports whether what h says of the day of t, and what looks back
// from it, is what the whole history says.
func (h *history) exact(t time.Time) bool { return !t.Before(h.exactFrom()) }

// before reports whether t is before the horizon: a lookback from
// there reaches sessions h did not read.
func (h *history) before(t time.Time) bool { return t.Before(h.horizon) }

// whole reports whether the global questions the history answers are
// answered as the whole history would: its first session is early enough
// for weeklyRunning to count four weeks from exactFrom on, and what
// missing says holds of all of it.
func (h *history) whole() bool {
	if h.horizon.IsZero() {
		return true
	}
	if len(h.s) == 0 || len(h.hard) == 0 || h.spanDays() < 14 || h.before(h.s[len(h.s)-1].Start.AddDate(0, 0, -historyDays)) {
		return false
	}
	if h.s[0].Start.After(h.exactFrom().AddDate(0, 0, -4*7)) {
		return false
	}
	for _, s := range h.s {
		if s.Run && s.HRSeconds > 0 {
			return true
		}
	}
	return false
}

// trendExact reports whether the trend of weeks is the whole history's:
// the scored weeks it compares are all exact.
func (h *history) trendExact(weeks []Week) bool {
	if h.horizon.IsZero() {
		return true
	}
	from := h.exactFrom().AddDate(0, 0, 1).Format(dateLayout)
	var n int
	for _, w := range weeks {
		if w.Scored && w.Monday >= from {
			n++
		}
	}
	return n >= max(h.rl.TrendWeeks, 2)
}
