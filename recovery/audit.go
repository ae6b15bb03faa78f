package recovery

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/say"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/rules"
)

// Audit judges a runner's history: for every hard day, what followed it
// (rules.FollowsHard: later that day or the next calendar day); every
// other run in such a window; every run meant as recovery (see Session
// and rules.Set's RecoveryWords); and every week. sessions may come in
// any order. A hard day that is today or yesterday at now, with nothing
// after it yet, is Due rather than Rested.
func Audit(now time.Time, sessions []Session, a activity.Athlete, rl rules.Set) Report {
	return newHistory(now, sessions, a, rl).audit()
}

// audit is Audit of the history h.
func (h *history) audit() Report {
	var r Report
	judged := make(map[int64]bool)
	for i := range h.hard {
		var next *hardDay
		if i+1 < len(h.hard) {
			next = &h.hard[i+1]
		}
		v := h.followUp(&h.hard[i], next)
		h.hard[i].FollowUp = v.Kind
		if v.Kind != Rested && v.Kind != Stacked && v.Kind != Due {
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
	r.Trend = trend(r.Weeks, h.rl)
	r.Missing = h.missing()
	return r
}

// followUp is the one verdict on what followed the hard day d, whose next
// hard day is next (nil for none): stacked when next came the next
// calendar day; else the first run later that day or the next day; else
// due while that day has not ended; else rest.
func (h *history) followUp(d, next *hardDay) Verdict {
	if next != nil && rules.Stacked(d.date, next.date) {
		return h.stacked(d, next)
	}
	for _, s := range h.s[h.after(d.End):] {
		if !rules.FollowsHard(d.End, s.Start) {
			break
		}
		if !s.Run || s.Hard || h.coolDown(s, d) {
			continue
		}
		return h.judge(s, d, true)
	}
	if next == nil && rules.DaysBetween(d.End, h.now.In(d.End.Location())) <= 1 {
		return h.due(d)
	}
	return h.rested(d)
}

// due is the verdict on a hard day that is today or yesterday, with
// nothing run after it yet: recovery is still to come.
func (h *history) due(d *hardDay) Verdict {
	tomorrow := rules.Day(d.End).AddDate(0, 0, 1)
	return Verdict{
		ActivityID: d.last.ID,
		At:         d.End,
		Kind:       Due,
		Title:      "Recovery due: a recovery run or rest",
		Reasons: []string{
			fmt.Sprintf("your %s ended %s; a recovery run later that day or on %s, or rest, is what follows it",
				d.label, h.when(d.End), tomorrow.Format("Mon 2 Jan")),
		},
		AfterHard: d.ref(d.End),
		FollowUp:  true,
	}
}

// coolDown reports whether s began so soon after the hard day d ended,
// on its day, that it is the session's own cool-down, recorded apart.
func (h *history) coolDown(s Session, d *hardDay) bool {
	return s.Date().Equal(d.date) && s.Start.Sub(d.End) < h.rl.CoolDown
}

// hardBefore is the hard day whose window s falls in, nil for none.
func (h *history) hardBefore(s Session) *hardDay {
	for i := len(h.hard) - 1; i >= 0; i-- {
		d := &h.hard[i]
		if d.End.After(s.Start) {
			continue
		}
		if rules.FollowsHard(d.End, s.Start) && !h.coolDown(s, d) {
			return d
		}
		return nil
	}
	return nil
}

// stacked is the verdict on a hard day followed by another the next day.
func (h *history) stacked(d, next *hardDay) Verdict {
	return Verdict{
		ActivityID: next.first.ID,
		At:         next.first.Start,
		Kind:       Stacked,
		Title:      "Two hard days back to back",
		Reasons: []string{
			fmt.Sprintf("%s on %s, the day after your %s (%s)", next.label, h.when(next.first.Start), d.label, h.when(d.End)),
			"the rule: never two hard days in a row, whatever the hours between them; put a recovery run or rest on the day between, so each hard day works (the sandwich: hard, recovery, hard)",
		},
		AfterHard: d.ref(next.first.Start),
		FollowUp:  true,
	}
}

// rested is the verdict on a hard day with no run later that day or the
// next: that day was rest.
func (h *history) rested(d *hardDay) Verdict {
	day := rules.Day(d.End).AddDate(0, 0, 1) // a session can end after midnight
	v := Verdict{
		ActivityID: d.last.ID,
		At:         d.End,
		Kind:       Rested,
		Title:      "Rest after a hard day: also fine",
		Reasons: []string{fmt.Sprintf("no run later on the day of your %s (%s) nor on %s: that day was rest, and rest recovers too",
			d.label, h.when(d.End), day.Format("Mon 2 Jan"))},
		AfterHard: d.ref(time.Time{}),
		FollowUp:  true,
	}
	for _, s := range h.s[h.after(d.End):] {
		if !rules.FollowsHard(d.End, s.Start) {
			break
		}
		if s.Run || s.Hard {
			continue
		}
		v.Reasons = append(v.Reasons, fmt.Sprintf("your %s of %s on %s counts as rest for running; its load of %.0f still counts",
			activityName(s), say.Minutes(secs(s.DurationS)), h.when(s.Start), s.Load))
	}
	return v
}

// activityName names a session that is not a run: "cycling", "a recording".
func activityName(s Session) string {
	if s.Sport == activity.Running || s.Sport == activity.Unknown {
		return "recording"
	}
	return strings.ReplaceAll(string(s.Sport), "_", " ")
}

// judge is the verdict on the run s, after the hard day d (nil when it
// followed none). It names every rule the run broke.
func (h *history) judge(s Session, d *hardDay, followUp bool) Verdict {
	v := Verdict{ActivityID: s.ID, At: s.Start, FollowUp: followUp}
	double := d != nil && s.Date().Equal(d.date)
	if d != nil {
		v.AfterHard = d.ref(s.Start)
		v.Reasons = append(v.Reasons, h.timing(s, d, double))
	}
	in := h.intensity(s)
	v.Reasons = append(v.Reasons, in.reasons...)
	length := h.length(s, d, double)
	v.Reasons = append(v.Reasons, length.reason)

	switch {
	case in.tooHard:
		v.Failed = append(v.Failed, TooHard)
	case in.probably:
		v.Failed = append(v.Failed, ProbablyTooHard)
	}
	if length.kind != "" {
		v.Failed = append(v.Failed, length.kind)
	}
	switch {
	case !in.known:
		v.Kind = Unknown
	case len(v.Failed) > 0:
		v.Kind = v.Failed[0]
	case double && h.ath.Experience == activity.Experienced:
		v.Kind = Double
	default:
		v.Kind = TrueRecovery
	}
	v.Title = title(v.Kind, v.Failed, in.known, double)
	if in.tooHard || in.probably {
		v.Reasons = append(v.Reasons, "If you're huffing and puffing, it's not a recovery run: slow down until you can talk in full sentences.")
	}
	if s.Treadmill() {
		v.Reasons = append(v.Reasons, "on a treadmill: judged by heart rate and RPE; its distance is not used for pace")
	}
	if s.Manual {
		v.Reasons = append(v.Reasons, "logged without a device: it counts all the same")
	}
	return v
}

// title says a verdict in a line, naming every rule that failed.
func title(kind Kind, failed []Kind, known, double bool) string {
	words := map[Kind]string{TooHard: "too hard", ProbablyTooHard: "probably too hard", TooLong: "too long", TooShort: "short"}
	var broke []string
	for _, k := range failed {
		broke = append(broke, words[k])
	}
	what := "a recovery run"
	if double {
		what = "an evening jog after a hard day"
	}
	switch {
	case kind == Double:
		return "A recovery double: a light jog later on a hard day"
	case kind == TrueRecovery && double:
		return "A good easy jog the evening after a hard session"
	case kind == TrueRecovery:
		return "A true recovery run"
	case !known && len(broke) > 0:
		return "Intensity unknown, and " + strings.Join(broke, " and ") + " for " + what
	case !known:
		return "Intensity unknown: log an RPE to have it judged"
	case failed[0] == TooHard || failed[0] == ProbablyTooHard:
		return upper(strings.Join(broke, " and ")) + " for " + what
	default:
		return "Easy, but " + strings.Join(broke, " and ") + " for " + what
	}
}

// upper capitalises the first letter of s.
func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// timing says when s came after the hard day d, in calendar days.
func (h *history) timing(s Session, d *hardDay, double bool) string {
	if !double {
		return fmt.Sprintf("started %s, the day after your %s (%s): when the recovery run belongs, whatever the hour", h.when(s.Start), d.label, h.when(d.End))
	}
	t := fmt.Sprintf("started %s, %s after your %s ended (%s), the same day", h.when(s.Start), say.Minutes(s.Start.Sub(d.End)), d.label, h.when(d.End))
	if h.ath.Experience == activity.Experienced {
		return t + ": a double"
	}
	return t + fmt.Sprintf(": an easy jog the same evening helps anyone; for a%s runner the standard is a recovery run or rest the next day, and doubles are for experienced runners",
		experienceWords(h.ath.Experience))
}

// experienceWords is " beginner", "n intermediate" after "a".
func experienceWords(e activity.Experience) string {
	switch e {
	case activity.Beginner:
		return " beginner"
	case activity.Intermediate:
		return "n intermediate"
	}
	return " less experienced"
}

// lengthVerdict is how a run's length compares with the right length.
type lengthVerdict struct {
	kind   Kind // TooLong, TooShort, or empty when right
	reason string
}

// length judges the length of s after the hard day d (nil for none): an
// experienced runner's evening double against the double's range, any
// other run against the recovery run's.
func (h *history) length(s Session, d *hardDay, double bool) lengthVerdict {
	dur := secs(s.DurationS)
	tol := h.rl.Tolerance
	var r rules.Range
	var what, why string
	if double && h.ath.Experience == activity.Experienced {
		r, what, why = h.rl.Double, "an evening double", h.rl.Double.String()+" of very easy running for an experienced runner's double"
	} else {
		sz := h.size(d, s.Start)
		r = rules.Range{Min: time.Duration(sz.MinMinutes) * time.Minute, Max: time.Duration(sz.MaxMinutes) * time.Minute}
		what, why = "a recovery run", sz.String()+": "+sz.Reason
	}
	text := fmt.Sprintf("%s long; %s for you is %s", say.Minutes(dur), what, why)
	switch {
	case dur > r.Max+tol:
		return lengthVerdict{TooLong, text + fmt.Sprintf("; over %s is too long: shorter rather than longer", say.Minutes(r.Max+tol))}
	case dur < r.Min-tol:
		return lengthVerdict{TooShort, text + fmt.Sprintf("; under %s is short: it still helped, and a little longer does more for circulation", say.Minutes(r.Min-tol))}
	}
	return lengthVerdict{reason: text}
}

// intensityVerdict is how easy a run was, with the reasons.
type intensityVerdict struct {
	reasons  []string
	tooHard  bool // over the limits even at the top of the max HR's uncertainty
	probably bool // over them only within that uncertainty
	known    bool // heart rate or RPE could judge it
}

// intensity judges how easy s was: by heart rate against the cap and the
// sustained limit when it can be trusted and the runner did not choose
// RPE only, else by the RPE, else it cannot tell. When heart rate and
// RPE disagree, both are said and heart rate decides.
func (h *history) intensity(s Session) intensityVerdict {
	rl := h.rl
	maxBPM := h.ath.MaxHR.V
	rpeOnly := h.ath.Intensity == activity.ByRPE
	unreliable := hasHR(s) && s.CadenceLockS*2 >= s.HRSeconds
	switch {
	case hasHR(s) && maxBPM > 0 && !rpeOnly && !(unreliable && s.RPE > 0):
		return h.byHeartRate(s)
	case s.RPE > 0:
		var lead string
		switch {
		case rpeOnly:
			lead = "you chose RPE only: heart rate is not used"
		case unreliable:
			lead = fmt.Sprintf("heart rate flagged unreliable (%s of likely cadence lock): RPE decides", say.Minutes(secs(s.CadenceLockS)))
		case hasHR(s):
			lead = "max heart rate unknown, so no cap: RPE decides"
		default:
			lead = "no heart rate"
		}
		if s.RPE > rl.MaxRPE {
			return intensityVerdict{known: true, tooHard: true, reasons: []string{fmt.Sprintf("%s; RPE %d logged: a recovery run is RPE %d, full conversation", lead, s.RPE, rl.MaxRPE)}}
		}
		return intensityVerdict{known: true, reasons: []string{fmt.Sprintf("%s; RPE %d logged: easy enough, RPE %d or less is a recovery run", lead, s.RPE, rl.MaxRPE)}}
	case s.HRSeconds > 0 && maxBPM <= 0:
		return intensityVerdict{reasons: []string{"intensity unknown: max heart rate unknown and no RPE logged, so there is no cap to judge by; set your birth year or max heart rate, or log an RPE"}}
	case s.HRSeconds > 0:
		return intensityVerdict{reasons: []string{fmt.Sprintf("intensity unknown: only %s of usable heart rate in %s and no RPE logged; log an RPE (3 = full conversation)",
			say.Minutes(secs(s.HRSeconds)), say.Minutes(secs(s.DurationS)))}}
	default:
		return intensityVerdict{reasons: []string{"intensity unknown: no heart rate and no RPE logged, and pace is ignored on purpose; log an RPE (3 = full conversation) to have it judged"}}
	}
}

// byHeartRate judges s by its heart rate against the cap and the
// sustained limit, at the max HR in use and at the top of its
// uncertainty: over only the first is "probably too hard".
func (h *history) byHeartRate(s Session) intensityVerdict {
	rl := h.rl
	maxBPM := h.ath.MaxHR.V
	var in intensityVerdict
	in.known = true
	above := time.Duration(s.MinutesAboveCap * float64(time.Minute))
	aboveHigh, sustainedHigh := above, s.SustainedS
	uncertain := s.CapHighBPM > s.CapBPM
	if uncertain {
		aboveHigh = time.Duration(s.MinutesAboveCapHigh * float64(time.Minute))
		sustainedHigh = s.SustainedHighS
	}
	capText := fmt.Sprintf("%.0f bpm (%.0f %% of max %.0f, %s)", s.CapBPM, 100*s.CapBPM/maxBPM, maxBPM, physio.MaxHRSource(h.ath.MaxHR))
	switch {
	case above > rl.MaxAboveCap:
		in.reasons = append(in.reasons, fmt.Sprintf("%s above your cap of %s; the rule allows %s", say.Minutes(above), capText, say.Minutes(rl.MaxAboveCap)))
	case above > 0:
		in.reasons = append(in.reasons, fmt.Sprintf("%s above your cap of %s, within the %s the rule allows", say.Minutes(above), capText, say.Minutes(rl.MaxAboveCap)))
	default:
		in.reasons = append(in.reasons, fmt.Sprintf("never above your cap of %s", capText))
	}
	level := rl.SustainedShare * maxBPM
	sustained := secs(s.SustainedS)
	if sustained > rl.MaxSustained {
		in.reasons = append(in.reasons, fmt.Sprintf("%s on end at or above %s; the rule allows %s (huffing and puffing)",
			say.Minutes(sustained), pctOf(level, maxBPM), say.Minutes(rl.MaxSustained)))
	}
	over := above > rl.MaxAboveCap || sustained > rl.MaxSustained
	overHigh := aboveHigh > rl.MaxAboveCap || secs(sustainedHigh) > rl.MaxSustained
	in.tooHard = over && (!uncertain || overHigh)
	in.probably = over && uncertain && !overHigh
	if in.probably {
		in.reasons = append(in.reasons, fmt.Sprintf("probably too hard: your max heart rate %.0f bpm is %s; at a max %.0f bpm higher the cap is %.0f bpm and this run had %s above it, within the rule: set your max HR to be sure",
			maxBPM, h.ath.MaxHR.Origin, s.CapHighBPM/s.CapBPM*maxBPM-maxBPM, s.CapHighBPM, say.Minutes(aboveHigh)))
	}
	if in.tooHard || in.probably {
		in.reasons = append(in.reasons, fmt.Sprintf("peak %s", pctOf(s.MaxHR, maxBPM)))
	}
	if s.RPE > 0 {
		switch easyRPE := s.RPE <= rl.MaxRPE; {
		case easyRPE && over:
			in.reasons = append(in.reasons, fmt.Sprintf("you logged RPE %d, easy, but heart rate says harder; heart rate decides unless you choose RPE only (a poor optical sensor, beta-blockers)", s.RPE))
		case !easyRPE && !over && s.RPE > rl.ToleratedRPE:
			in.reasons = append(in.reasons, fmt.Sprintf("you logged RPE %d, harder than a recovery run's %d, though heart rate stayed easy; heart rate decides: were you tired?", s.RPE, rl.MaxRPE))
		default:
			in.reasons = append(in.reasons, fmt.Sprintf("RPE %d logged, as heart rate says", s.RPE))
		}
	}
	if s.CadenceLockS > 0 {
		in.reasons = append(in.reasons, fmt.Sprintf("%s of likely cadence lock on the heart-rate trace were left out of this judgement", say.Minutes(secs(s.CadenceLockS))))
	}
	return in
}

// hasHR reports whether s has enough heart rate to be judged by it, as
// analysis judges: five minutes, or half the run when shorter.
func hasHR(s Session) bool {
	return s.CapBPM > 0 && s.HRSeconds > 0 && s.HRSeconds >= min(5*60, s.DurationS/2)
}
