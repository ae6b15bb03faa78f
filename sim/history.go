package sim

import (
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// MaxHistoryWeeks bounds History: a hundred years of training.
const MaxHistoryWeeks = 5200

// historyStream separates the random stream of History from those of
// Simulate, which are keyed by session start times.
const historyStream = 1 << 63

// How often the runner strays from the plan, per chance.
const (
	tooHardChance    = 0.15 // a recovery run run at 75-80 % of max
	missedChance     = 0.08 // the recovery day after intervals skipped or turned hard
	doubleChance     = 0.25 // an evening jog after a morning interval session
	hardFinishChance = 0.25 // a long run ending at threshold effort
	raceChance       = 0.25 // in the third week of a block, a race instead of the long run
	dropoutChance    = 0.10
	noHRChance       = 0.01
	cadenceLockRate  = 0.04 // of easy and recovery runs with heart rate
)

// History lays out weeks of a runner's training from the first Monday on
// or after from (in the runner's local time), as sessions in time order.
//
// A normal week is: Monday rest; Tuesday intervals, sometimes with an
// evening recovery jog after a morning session (a double); Wednesday a
// recovery run; Thursday threshold; Friday rest or a recovery run;
// Saturday an easy run; Sunday a long run, sometimes with a hard finish,
// or a race. After a hard Sunday, Monday is a recovery run. The runner
// is not perfect: about 15 % of recovery runs are run too hard (75-80 % of
// max), and about 8 % of Wednesdays are missed recovery days, either
// skipped or turned into the threshold session (hard days stacked; the
// recovery run then follows on Thursday). Every fourth week is a rest
// week of easy running only, at about half the volume. The long run
// grows over each 24-week block. Drift follows the season, and a few
// sessions carry heart-rate dropouts, a missing sensor or cadence lock.
// Notes say where a session departs from the plan.
//
// History is deterministic for the runner's Seed and from.
func (r Runner) History(from time.Time, weeks int) []Session {
	weeks = min(weeks, MaxHistoryWeeks)
	if weeks <= 0 {
		return nil
	}
	loc := time.FixedZone("", int(r.UTCOffset/time.Second))
	local := from.In(loc)
	monday := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	if monday.Before(local) {
		monday = monday.AddDate(0, 0, 1)
	}
	for monday.Weekday() != time.Monday {
		monday = monday.AddDate(0, 0, 1)
	}
	h := &history{
		rng: rand.New(rand.NewPCG(r.Seed, uint64(monday.Unix())+historyStream)),
		out: make([]Session, 0, 7*weeks),
	}
	for w := range weeks {
		h.monday = monday.AddDate(0, 0, 7*w)
		if w%4 == 3 {
			h.restWeek()
		} else {
			h.normalWeek(w%4 == 2, float64(w/4%6)/5, w < weeks-1)
		}
	}
	return h.out
}

// history builds one runner's sessions week by week.
type history struct {
	rng    *rand.Rand
	monday time.Time // in the runner's zone
	out    []Session
}

// Times of day, in the runner's local time: early morning before work,
// evening after it, and a later morning at weekends.
type timeOfDay int

const (
	morning timeOfDay = iota
	evening
	weekend
)

// at is day days after Monday at a random time of the given kind, in UTC.
func (h *history) at(day int, when timeOfDay) time.Time {
	first, spanMin := 6*60, 90 // 06:00-07:30
	switch when {
	case evening:
		first, spanMin = 17*60+45, 105 // 17:45-19:30
	case weekend:
		first, spanMin = 8*60, 120 // 08:00-10:00
	}
	minute := first + 5*h.rng.IntN(spanMin/5+1)
	return h.monday.AddDate(0, 0, day).Add(time.Duration(minute) * time.Minute).UTC()
}

// add appends s after drawing its sensor quirks and seasonal drift.
func (h *history) add(s Session) {
	doy := s.Start.YearDay()
	summer := (1 - math.Cos(2*math.Pi*float64(doy-20)/365.25)) / 2 // 0 in late January, 1 in late July
	s.DriftBPMPerHour = math.Round((2+4*summer+h.rng.Float64())*10) / 10
	if h.rng.Float64() < dropoutChance {
		s.Dropouts = 1 + h.rng.IntN(2)
	}
	if !s.Kind.Hard() && h.rng.Float64() < noHRChance {
		s.NoHR = true
	}
	if (s.Kind == Easy || s.Kind == Recovery) && !s.NoHR && h.rng.Float64() < cadenceLockRate {
		s.CadenceLock = true
	}
	h.out = append(h.out, s)
}

// uniform is a random value in [lo, hi].
func (h *history) uniform(lo, hi float64) float64 { return lo + (hi-lo)*h.rng.Float64() }

// minutesBetween is a random whole number of minutes in [lo, hi] in steps of 5.
func (h *history) minutesBetween(lo, hi int) time.Duration {
	return time.Duration(lo+5*h.rng.IntN((hi-lo)/5+1)) * time.Minute
}

// recovery appends a recovery run on day, too hard by chance.
func (h *history) recovery(day int, when timeOfDay, lo, hi int, note string) {
	s := Session{Kind: Recovery, Start: h.at(day, when), Duration: h.minutesBetween(lo, hi),
		HRFraction: h.uniform(0.62, 0.68), Note: note}
	if h.rng.Float64() < tooHardChance {
		s.HRFraction = h.uniform(0.75, 0.80)
		s.Note = strings.TrimPrefix(note+"; meant as recovery, run too hard", "; ")
	}
	h.add(s)
}

// Workout shapes the runner picks from.
var (
	// Shorter bouts are run harder: the effort is the heart rate they would
	// settle at, which a one-minute bout never reaches.
	intervalShapes = []struct {
		reps       int
		work, rest time.Duration
		effort     float64
	}{
		{6, 3 * time.Minute, 2 * time.Minute, 0.93},
		{5, 4 * time.Minute, 150 * time.Second, 0.92},
		{8, 2 * time.Minute, 90 * time.Second, 0.95},
		{10, time.Minute, time.Minute, 0.99},
	}
	thresholdShapes = []struct {
		reps       int
		work, rest time.Duration
	}{
		{2, 15 * time.Minute, 3 * time.Minute},
		{3, 10 * time.Minute, 2 * time.Minute},
		{1, 25 * time.Minute, 0},
		{1, 30 * time.Minute, 0},
	}
)

// structuredSession is a hard session of one of the shapes with a 15-25
// minute warm-up and cool-down around it.
func (h *history) structuredSession(kind Kind, start time.Time, reps int, work, rest time.Duration, f float64) Session {
	block := time.Duration(reps)*work + time.Duration(reps-1)*rest
	return Session{Kind: kind, Start: start, Duration: block + h.minutesBetween(15, 25) + 10*time.Minute,
		HRFraction: f, Reps: reps, Work: work, Rest: rest}
}

func (h *history) threshold(day int) Session {
	when := morning
	if h.rng.Float64() < 0.6 {
		when = evening
	}
	t := thresholdShapes[h.rng.IntN(len(thresholdShapes))]
	return h.structuredSession(Threshold, h.at(day, when), t.reps, t.work, t.rest, h.uniform(0.88, 0.90))
}

// normalWeek is a training week. raceWeek allows a Sunday race; progress
// (0-1) lengthens the long run; nextMonday allows a recovery run on the
// Monday after a hard Sunday.
func (h *history) normalWeek(raceWeek bool, progress float64, nextMonday bool) {
	iv := intervalShapes[h.rng.IntN(len(intervalShapes))]
	morningIntervals := h.rng.Float64() < 0.5
	when := evening
	if morningIntervals {
		when = morning
	}
	h.add(h.structuredSession(Intervals, h.at(1, when), iv.reps, iv.work, iv.rest, h.uniform(iv.effort-0.01, iv.effort+0.01)))
	if morningIntervals && h.rng.Float64() < doubleChance {
		h.recovery(1, evening, 20, 30, "evening double after a hard morning")
	}

	stacked := false
	switch p := h.rng.Float64(); {
	case p < missedChance/2:
		// Recovery day skipped: nothing on Wednesday.
	case p < missedChance:
		s := h.threshold(2)
		s.Note = "threshold the day after intervals: hard days stacked"
		h.add(s)
		stacked = true
	default:
		h.recovery(2, h.mostlyEvening(), 30, 45, "")
	}
	if stacked {
		h.recovery(3, evening, 30, 40, "")
	} else {
		h.add(h.threshold(3))
	}
	if h.rng.Float64() < 0.5 {
		h.recovery(4, h.mostlyEvening(), 30, 40, "")
	}
	h.add(Session{Kind: Easy, Start: h.at(5, weekend), Duration: h.minutesBetween(40, 60), HRFraction: h.uniform(0.70, 0.74)})

	hardSunday := true
	switch {
	case raceWeek && h.rng.Float64() < raceChance:
		work := h.minutesBetween(35, 45)
		h.add(Session{Kind: Race, Start: h.at(6, weekend), Duration: work + 25*time.Minute,
			HRFraction: h.uniform(0.92, 0.94), Reps: 1, Work: work, Note: "10 km race"})
	case h.rng.Float64() < hardFinishChance:
		long := 90*time.Minute + time.Duration(progress*50)*time.Minute
		finish := h.minutesBetween(15, 25)
		h.add(Session{Kind: Long, Start: h.at(6, weekend), Note: "long run with a hard finish",
			Segments: []Segment{
				{Duration: long - finish, HRFraction: h.uniform(0.71, 0.74)},
				{Duration: finish, HRFraction: h.uniform(0.85, 0.87)},
			}})
	default:
		hardSunday = false
		long := 90*time.Minute + time.Duration(progress*50)*time.Minute + h.minutesBetween(0, 10)
		h.add(Session{Kind: Long, Start: h.at(6, weekend), Duration: long, HRFraction: h.uniform(0.70, 0.74)})
	}
	if hardSunday && nextMonday {
		h.recovery(7, evening, 25, 35, "")
	}
}

// mostlyEvening is evening seven times in ten: recovery runs fit there.
func (h *history) mostlyEvening() timeOfDay {
	if h.rng.Float64() < 0.7 {
		return evening
	}
	return morning
}

// restWeek is the lighter fourth week: three easy runs, about half the
// volume of a training week.
func (h *history) restWeek() {
	h.add(Session{Kind: Easy, Start: h.at(1, h.mostlyEvening()), Duration: h.minutesBetween(30, 40), HRFraction: h.uniform(0.68, 0.72)})
	h.add(Session{Kind: Easy, Start: h.at(3, h.mostlyEvening()), Duration: h.minutesBetween(30, 40), HRFraction: h.uniform(0.68, 0.72)})
	h.add(Session{Kind: Long, Start: h.at(6, weekend), Duration: h.minutesBetween(60, 75), HRFraction: h.uniform(0.70, 0.73)})
}
