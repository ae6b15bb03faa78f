package recovery

import (
	"fmt"
	"slices"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
)

// Audit judges a runner's history: for every hard day, what followed it
// within rules.Window; every other run in such a window; every run meant
// as recovery (see Session and Rules.RecoveryWords); and every week.
// sessions may come in any order. A hard day whose window is still open
// at now, with nothing after it yet, is Due rather than Rested.
func Audit(now time.Time, sessions []Session, a activity.Athlete, rules Rules) Report {
	h := newHistory(now, sessions, a, rules)
	var r Report
	judged := make(map[int64]bool)
	for i := range h.hard {
		var next *hardDay
		if i+1 < len(h.hard) {
			next = &h.hard[i+1]
		}
		v := h.followUp(&h.hard[i], next)
		h.hard[i].FollowUp = v.Kind
		if v.Kind != Rested && v.Kind != Stacked {
			judged[v.ActivityID] = true
		}
		r.Verdicts = append(r.Verdicts, v)
	}
	for _, s := range h.s {
		if !s.Run || s.Hard || judged[s.ID] {
			continue
		}
		if d := h.hardBefore(s); d != nil {
			r.Verdicts = append(r.Verdicts, h.judge(s, d, false))
		} else if why := h.tagged(s); why != "" {
			v := h.judge(s, nil, false)
			v.Reasons = append([]string{"meant as recovery: " + why}, v.Reasons...)
			r.Verdicts = append(r.Verdicts, v)
		}
	}
	slices.SortStableFunc(r.Verdicts, func(a, b Verdict) int { return a.At.Compare(b.At) })
	for _, d := range h.hard {
		r.HardDays = append(r.HardDays, d.HardDay)
	}
	r.Weeks = h.weeks(r)
	r.Trend = trend(r.Weeks, rules)
	r.Missing = h.missing()
	return r
}

// followUp is the one verdict on what followed the hard day d, whose next
// hard day is next (nil for none): the next hard day when it came the
// next day or within the window; else the first run within the window;
// else a run meant as recovery that came within twice the window; else
// rest.
func (h *history) followUp(d, next *hardDay) Verdict {
	w := h.rules.Window
	if next != nil && (next.date.Sub(d.date) <= 24*time.Hour || next.first.Start.Sub(d.End) < w) {
		return h.stacked(d, next)
	}
	var late *Session
	for _, s := range h.s[h.after(d.End):] {
		if !s.Run || s.Hard || h.coolDown(s, d) {
			continue
		}
		if next != nil && !s.Start.Before(next.first.Start) {
			break
		}
		gap := s.Start.Sub(d.End)
		if gap <= w {
			return h.judge(s, d, true)
		}
		if gap <= 2*w && h.tagged(s) != "" {
			late = &s
		}
		break
	}
	if late != nil {
		return h.judge(*late, d, true)
	}
	if next == nil && d.End.Add(w).After(h.now) {
		return h.due(d)
	}
	return h.rested(d, next)
}

// due is the verdict on a hard day whose window is still open, with
// nothing run after it yet: recovery is still to come.
func (h *history) due(d *hardDay) Verdict {
	return Verdict{
		ActivityID: d.last.ID,
		At:         d.End,
		Kind:       Due,
		Title:      "Recovery due: a recovery run or rest",
		Reasons: []string{
			fmt.Sprintf("your %s ended %s; until %s a recovery run (or rest) is what follows it",
				d.label, when(d.End), when(d.End.Add(h.rules.Window))),
		},
		AfterHard: d.ref(d.End),
		FollowUp:  true,
	}
}

// coolDown reports whether s began so soon after the hard day d ended,
// on its day, that it belongs to the session rather than the recovery.
func (h *history) coolDown(s Session, d *hardDay) bool {
	return s.Date().Equal(d.date) && s.Start.Sub(d.End) < h.rules.DoubleGap
}

// hardBefore is the hard day whose window s started in, nil for none.
func (h *history) hardBefore(s Session) *hardDay {
	for i := len(h.hard) - 1; i >= 0; i-- {
		d := &h.hard[i]
		if d.End.After(s.Start) {
			continue
		}
		if s.Start.Sub(d.End) <= h.rules.Window && !h.coolDown(s, d) {
			return d
		}
		return nil
	}
	return nil
}

// stacked is the verdict on a hard day followed by another.
func (h *history) stacked(d, next *hardDay) Verdict {
	gap := next.first.Start.Sub(d.End)
	return Verdict{
		ActivityID: next.first.ID,
		At:         next.first.Start,
		Kind:       Stacked,
		Title:      "Two hard days back to back",
		Reasons: []string{
			fmt.Sprintf("%s on %s started %s after your %s ended (%s)", next.label, when(next.first.Start), hm(gap), d.label, when(d.End)),
			"the rule: never two hard days back to back; put a recovery run or rest between them, so each hard day works",
		},
		AfterHard: d.ref(next.first.Start),
		FollowUp:  true,
	}
}

// rested is the verdict on a hard day with no run within the window.
func (h *history) rested(d, next *hardDay) Verdict {
	v := Verdict{
		ActivityID: d.last.ID,
		At:         d.End,
		Kind:       Rested,
		Title:      "Rest after a hard day: also fine",
		Reasons: []string{fmt.Sprintf("no run within %s of the end of your %s (%s): rest recovers too",
			hm(h.rules.Window), d.label, when(d.End))},
		AfterHard: d.ref(time.Time{}),
		FollowUp:  true,
	}
	for _, s := range h.s {
		if s.Run || s.Start.Before(d.End) || s.Start.Sub(d.End) > h.rules.Window {
			continue
		}
		v.Reasons = append(v.Reasons, fmt.Sprintf("your %s of %s on %s counts as rest for running; its load of %.0f still counts",
			s.Sport, hm(secs(s.DurationS)), when(s.Start), s.Load))
	}
	return v
}

// judge is the verdict on the run s, after the hard day d (nil when it
// followed none).
func (h *history) judge(s Session, d *hardDay, followUp bool) Verdict {
	v := Verdict{ActivityID: s.ID, At: s.Start, FollowUp: followUp}
	if d != nil {
		v.AfterHard = d.ref(s.Start)
	}
	intensity, tooHard, known := h.intensity(s)
	size := h.size(d, s.Start)
	dur := secs(s.DurationS)
	lo, hi := time.Duration(size.MinMinutes)*time.Minute, time.Duration(size.MaxMinutes)*time.Minute
	length := fmt.Sprintf("%s long; a recovery run for you is %s: %s", hm(dur), size, size.Reason)
	var timing string
	if d != nil {
		gap := s.Start.Sub(d.End)
		timing = fmt.Sprintf("started %s after your %s ended (%s)", hm(gap), d.label, when(d.End))
	}
	switch {
	case !known:
		v.Kind, v.Title = Unknown, "Cannot tell whether it was easy"
	case tooHard:
		v.Kind, v.Title = TooHard, "Too hard for a recovery run"
		intensity = append(intensity, "If you're huffing and puffing, it's not a recovery run: slow down until you can talk in full sentences.")
	case d != nil && s.Start.Sub(d.End) > h.rules.Window:
		v.Kind, v.Title = TooLate, "Easy, but too late to be the recovery run"
		timing += fmt.Sprintf(", more than %s: the rule wants the recovery run within %s, while the legs still benefit; the day of rest before it was fine",
			hm(h.rules.Window), hm(h.rules.Window))
	case dur > hi+h.rules.Tolerance:
		v.Kind, v.Title = TooLong, "Easy, but too long for a recovery run"
		length += fmt.Sprintf("; more than %s is too long: shorter rather than longer", hm(hi+h.rules.Tolerance))
	case dur < lo-h.rules.Tolerance:
		v.Kind, v.Title = TooShort, "Easy, but short for a recovery run"
		length += fmt.Sprintf("; under %s is short: fine on a tired day, but a little longer does more for circulation", hm(lo-h.rules.Tolerance))
	case d != nil && s.Date().Equal(d.date):
		v.Kind, v.Title = Double, "A recovery double: a light jog later on a hard day"
		timing += fmt.Sprintf(", the same day and at least %s later: a double", hm(h.rules.DoubleGap))
	default:
		v.Kind, v.Title = TrueRecovery, "A true recovery run"
	}
	if timing != "" {
		v.Reasons = append(v.Reasons, timing)
	}
	v.Reasons = append(v.Reasons, intensity...)
	v.Reasons = append(v.Reasons, length)
	if s.Treadmill() {
		v.Reasons = append(v.Reasons, "on a treadmill: judged by heart rate and RPE; its distance is not used for pace")
	}
	if s.Manual {
		v.Reasons = append(v.Reasons, "logged without a device: it counts all the same")
	}
	return v
}

// intensity judges how easy s was: heart rate against the cap and the
// sustained limit when known, else the RPE. It reports the reasons,
// whether it was too hard, and whether it could be judged at all.
func (h *history) intensity(s Session) (reasons []string, tooHard, known bool) {
	rl := h.rules
	maxBPM := h.ath.MaxHR.V
	switch {
	case hasHR(s) && maxBPM > 0:
		above := time.Duration(s.MinutesAboveCap * float64(time.Minute))
		if above > rl.MaxAboveCap {
			tooHard = true
			reasons = append(reasons, fmt.Sprintf("%s above your cap of %s; the rule allows %s",
				hm(above), pctOf(s.CapBPM, maxBPM), hm(rl.MaxAboveCap)))
		} else if above > 0 {
			reasons = append(reasons, fmt.Sprintf("%s above your cap of %s, within the %s the rule allows",
				hm(above), pctOf(s.CapBPM, maxBPM), hm(rl.MaxAboveCap)))
		} else {
			reasons = append(reasons, fmt.Sprintf("never above your cap of %s", pctOf(s.CapBPM, maxBPM)))
		}
		level := rl.SustainedShare * maxBPM
		if hi := secondsFrom(s.Zones, level); hi > rl.MaxSustained {
			tooHard = true
			reasons = append(reasons, fmt.Sprintf("%s in the zones from %s; the rule allows %s",
				hm(hi), pctOf(level, maxBPM), hm(rl.MaxSustained)))
		}
		if s.RPE > rl.ToleratedRPE {
			tooHard = true
			reasons = append(reasons, fmt.Sprintf("RPE %d logged; a recovery run is RPE about %d (full conversation)", s.RPE, rl.MaxRPE))
		}
		if tooHard {
			reasons = append(reasons, fmt.Sprintf("peak %s", pctOf(s.MaxHR, maxBPM)))
		}
		if s.CadenceLockS > 0 {
			reasons = append(reasons, fmt.Sprintf("%s of likely cadence lock on the heart-rate trace were left out of this judgement", hm(secs(s.CadenceLockS))))
		}
		return reasons, tooHard, true
	case s.RPE > 0:
		if s.RPE > rl.MaxRPE {
			return []string{fmt.Sprintf("no heart rate; RPE %d logged: a recovery run is RPE %d, full conversation", s.RPE, rl.MaxRPE)}, true, true
		}
		return []string{fmt.Sprintf("no heart rate; RPE %d logged: easy enough, RPE %d or less is a recovery run", s.RPE, rl.MaxRPE)}, false, true
	case s.HRSeconds > 0 && maxBPM <= 0:
		return []string{"max heart rate unknown and no RPE logged, so there is no cap to judge by: set your birth year or max heart rate, or log an RPE"}, false, false
	case s.HRSeconds > 0:
		return []string{fmt.Sprintf("only %s of usable heart rate in %s and no RPE logged: log an RPE (3 = full conversation)",
			hm(secs(s.HRSeconds)), hm(secs(s.DurationS)))}, false, false
	default:
		return []string{"no heart rate and no RPE logged, and pace is ignored on purpose: log an RPE (3 = full conversation) to have it judged"}, false, false
	}
}

// hasHR reports whether s has enough heart rate to be judged by it, as
// analysis judges: five minutes, or half the run when shorter.
func hasHR(s Session) bool {
	return s.CapBPM > 0 && s.HRSeconds > 0 && s.HRSeconds >= min(5*60, s.DurationS/2)
}

// secondsFrom is the time in the zones whose low bound is at or above
// level; zone bounds are rounded to 0.1 bpm, so the level is too.
func secondsFrom(zones []analysis.ZoneTime, level float64) time.Duration {
	var n int
	for _, z := range zones {
		if z.LowBPM >= round1(level)-0.05 {
			n += z.Seconds
		}
	}
	return secs(n)
}
