package recovery

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/easyrun/easyrun/internal/stats"
	"github.com/easyrun/easyrun/rules"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
)

// historyDays is how far back the runner's usual load and easy pace are
// measured, as analysis measures the usual load.
const historyDays = analysis.HistoryDays

// history is a runner's sessions in order of start, with what the rules
// need to know about the runner from them.
type history struct {
	s   []Session
	ath activity.Athlete
	rl  rules.Set
	now time.Time // windows that end after now are still open
	// horizon is where the sessions were read from (horizon.go); zero
	// when they are the whole history.
	horizon time.Time
	// easySpeedMS is the median speed of recent outdoor easy and recovery
	// runs; 0 when there are none.
	easySpeedMS float64
	days        []dayLoad
	hard        []hardDay
}

// dayLoad is the load of one local calendar day with any, and how many
// sessions it adds up.
type dayLoad struct {
	date     time.Time
	load     float64
	sessions int
}

// hardDay is a HardDay with what the audit needs to find what followed.
type hardDay struct {
	HardDay
	date     time.Time // rules.Day
	first    Session   // the first hard session
	last     Session   // the hard session that ended last
	label    string    // "intervals", "tempo and intervals", "long run"
	veryHard string    // why it was very hard; empty when not
	race     bool      // one of its sessions was a race
	intense  bool      // one of its sessions was hard by intensity
	raceM    float64   // the distance raced, when race
}

func newHistory(now time.Time, sessions []Session, ath activity.Athlete, rl rules.Set) *history {
	h := &history{s: slices.Clone(sessions), ath: ath, rl: rl, now: now}
	slices.SortStableFunc(h.s, func(a, b Session) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return int(min(max(a.ID-b.ID, -1), 1))
	})
	h.easySpeedMS = EasySpeed(h.s)
	h.days = h.dailyLoads()
	h.hard = h.hardDays()
	return h
}

// EasySpeed is the runner's own easy pace as a speed in m/s: the median
// speed of the outdoor recovery and easy runs in the historyDays up to
// the last of sessions (oldest first); 0 when there are none. Treadmill
// distances come from a foot pod and are left out.
func EasySpeed(sessions []Session) float64 {
	if len(sessions) == 0 {
		return 0
	}
	from := sessions[len(sessions)-1].Start.AddDate(0, 0, -historyDays)
	var speeds []float64
	for _, s := range sessions {
		if s.Run && !s.Treadmill() && s.DistanceM > 0 && s.DurationS > 0 && !s.Start.Before(from) &&
			(s.Class == analysis.Recovery || s.Class == analysis.Easy) {
			speeds = append(speeds, s.DistanceM/float64(s.DurationS))
		}
	}
	return stats.Median(speeds)
}

// dailyLoads adds up the loads of each local calendar day, in date order.
func (h *history) dailyLoads() []dayLoad {
	var days []dayLoad
	for _, s := range h.s {
		if s.Load <= 0 {
			continue
		}
		d := s.Date()
		if i, ok := slices.BinarySearchFunc(days, d, func(x dayLoad, t time.Time) int { return x.date.Compare(t) }); ok {
			days[i].load += s.Load
			days[i].sessions++
		} else {
			days = slices.Insert(days, i, dayLoad{d, s.Load, 1})
		}
	}
	return days
}

// dayIndex is the index in h.days of date, or of the first day after it.
func (h *history) dayIndex(date time.Time) (int, bool) {
	return slices.BinarySearchFunc(h.days, date, func(x dayLoad, t time.Time) int { return x.date.Compare(t) })
}

// medianLoad is the median daily load of the historyDays before date.
func (h *history) medianLoad(date time.Time) float64 {
	from, _ := h.dayIndex(date.AddDate(0, 0, -historyDays))
	to, _ := h.dayIndex(date)
	loads := make([]float64, 0, to-from)
	for _, d := range h.days[from:to] {
		loads = append(loads, d.load)
	}
	return stats.Median(loads)
}

// after is the index in h.s of the first session starting at or after t.
func (h *history) after(t time.Time) int {
	i, _ := slices.BinarySearchFunc(h.s, t, func(s Session, t time.Time) int { return s.Start.Compare(t) })
	return i
}

// weeklyRunning is the mean running time a week over the four weeks
// before t, or over the weeks of history there are when fewer
// (coaching.md, "Little history").
func (h *history) weeklyRunning(t time.Time) time.Duration {
	weeks := 4
	if len(h.s) > 0 {
		weeks = min(weeks, max(1, (rules.DaysBetween(h.s[0].Start, t)+6)/7))
	}
	var total time.Duration
	for _, s := range h.s[h.after(t.AddDate(0, 0, -7*weeks)):h.after(t)] {
		if s.Run {
			total += secs(s.DurationS)
		}
	}
	return total / time.Duration(weeks)
}

// hardDays groups the hard sessions by local calendar day.
func (h *history) hardDays() []hardDay {
	var days []hardDay
	for _, s := range h.s {
		if !s.Hard {
			continue
		}
		if n := len(days); n > 0 && days[n-1].date.Equal(s.Date()) {
			d := &days[n-1]
			d.SessionIDs = append(d.SessionIDs, s.ID)
			d.Reasons = append(d.Reasons, s.HardReasons...)
			if !s.End.Before(d.End) {
				d.End, d.last = s.End, s
			}
			if l := label(s); !strings.Contains(d.label, l) {
				d.label += " and " + l
			}
			d.race = d.race || s.Class == analysis.Race
			d.intense = d.intense || s.Intense
			if s.Class == analysis.Race {
				d.raceM = max(d.raceM, s.DistanceM)
			}
			continue
		}
		d := hardDay{
			HardDay: HardDay{
				Date:       s.Date().Format(dateLayout),
				SessionIDs: []int64{s.ID},
				End:        s.End,
				Reasons:    slices.Clone(s.HardReasons),
			},
			date: s.Date(), first: s, last: s, label: label(s), race: s.Class == analysis.Race, intense: s.Intense,
		}
		if d.race {
			d.raceM = s.DistanceM
		}
		days = append(days, d)
	}
	for i := range days {
		d := &days[i]
		d.veryHard = h.veryHard(d)
		d.VeryHard = d.veryHard != ""
	}
	return days
}

// label names a hard session for a sentence: its class, "long run".
func label(s Session) string {
	switch s.Class {
	case analysis.Long:
		return "long run"
	case analysis.CrossTraining:
		return "hard " + activityName(s)
	case analysis.Recovery, analysis.Easy, analysis.Steady:
		return string(s.Class) + " run"
	}
	return string(s.Class)
}

// veryHard says why a hard day was very hard: a race, or a hard session
// with a day's load far above the runner's median; empty when it was
// not. A long run that was easy throughout is hard for placement only:
// long, never very hard (coaching.md).
func (h *history) veryHard(d *hardDay) string {
	if d.race {
		return "a race"
	}
	if !d.intense {
		return ""
	}
	var day dayLoad
	if i, ok := h.dayIndex(d.date); ok {
		day = h.days[i]
	}
	med := h.medianLoad(d.date)
	if med > 0 && day.load > h.rl.VeryHardLoadRatio*med {
		what := "a load of"
		if day.sessions > 1 {
			what = fmt.Sprintf("with its double, a day's load (all %d sessions) of", day.sessions)
		}
		return fmt.Sprintf("%s %.0f, %.1f × your median daily load of %.0f (over %g ×)",
			what, day.load, day.load/med, med, h.rl.VeryHardLoadRatio)
	}
	return ""
}

// ref is the HardRef of d seen from a run starting at start.
func (d *hardDay) ref(start time.Time) *HardRef {
	r := &HardRef{ActivityID: d.last.ID, Date: d.Date, End: d.End}
	if !start.IsZero() {
		r.Gap = start.Sub(d.End)
	}
	return r
}

// size is the recovery run this runner should do at t, after the hard
// day d (nil for none), with the reason.
func (h *history) size(d *hardDay, t time.Time) Size {
	return h.sized(h.durationRange(d, t))
}

// sized is the Size of a run of r minutes, with the distance at the
// runner's easy pace, and why.
func (h *history) sized(r rules.Range, why string) Size {
	per, unit := unitM(h.ath.Units)
	speed, approx := h.easySpeedMS, h.easySpeedMS <= 0
	if approx {
		speed = h.rl.ApproxSpeedMS
	}
	at := func(d time.Duration) float64 { return round1(speed * d.Seconds() / per) }
	sz := Size{
		MinMinutes: int(r.Min / time.Minute), MaxMinutes: int(r.Max / time.Minute),
		MinDistance: at(r.Min), MaxDistance: at(r.Max), Unit: unit, Approximate: approx,
	}
	if approx {
		why += fmt.Sprintf("; distance approximate, at a typical %s: your own easy pace is not known yet", pace(speed, unit))
	} else {
		why += fmt.Sprintf("; distance at your easy pace of %s", pace(speed, unit))
	}
	sz.Reason = why
	return sz
}

// durationRange is the length of a recovery run at t after d, and why.
func (h *history) durationRange(d *hardDay, t time.Time) (rules.Range, string) {
	rl := h.rl
	if d != nil && d.veryHard != "" {
		return rl.AfterVeryHard, fmt.Sprintf("%s after a very hard session (%s)", rl.AfterVeryHard.String(), d.veryHard)
	}
	var week time.Duration
	if h.ath.Experience == activity.Experienced {
		week = h.weeklyRunning(t)
	}
	return rl.RecoveryLength(h.ath.Experience, week, "over the last 4 weeks")
}

// String formats a Size: "30–40 min (5.0–6.7 km)", "about" when approximate.
func (s Size) String() string {
	about := ""
	if s.Approximate {
		about = "about "
	}
	return fmt.Sprintf("%d–%d min (%s%.1f–%.1f %s)", s.MinMinutes, s.MaxMinutes, about, s.MinDistance, s.MaxDistance, s.Unit)
}

// tagged reports why s counts as meant for recovery, or "" when not:
// its name or notes say so, the analysis classed it recovery, or the
// runner logged an RPE of at most MaxRPE.
func (h *history) tagged(s Session) string {
	for _, w := range words(s.Name + " " + s.Notes) {
		if slices.ContainsFunc(h.rl.RecoveryWords, func(r string) bool { return strings.EqualFold(r, w) }) {
			return fmt.Sprintf("its name or notes say %q", w)
		}
	}
	switch {
	case s.Class == analysis.Recovery:
		return "classed as a recovery run"
	case s.RPE >= 1 && s.RPE <= h.rl.MaxRPE:
		return fmt.Sprintf("logged with RPE %d", s.RPE)
	}
	return ""
}
