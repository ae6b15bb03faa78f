package plan

import (
	"fmt"
	"math"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/say"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/rules"
)

// raceSpeedup is how much faster than easy pace a race is run, for the
// estimate of its duration: an estimate, and the session says so.
const raceSpeedup = 1.15

// shortRep is the shortest repetition that gets a heart-rate target:
// heart rate takes a minute or two to catch up with the effort, so a
// shorter rep is run by effort (coaching.md: a watch cannot hold a bpm
// band in a 3-minute rep).
const shortRep = 6 * time.Minute

// builder makes the sessions of one runner's plan.
type builder struct {
	p   Profile
	exp activity.Experience
	lv  level
	// speedMS converts durations to distances: the runner's easy speed,
	// else the rules' typical one (approx).
	speedMS float64
	approx  bool
	// doubles: this runner gets evening doubles; doublesRefused: asked
	// for them without the experience.
	doubles, doublesRefused bool
}

func newBuilder(req Request, p Profile) *builder {
	b := &builder{p: p, exp: req.Experience, lv: levelOf(req.Experience), speedMS: p.EasySpeedMS}
	if !(b.speedMS > 0) {
		b.speedMS, b.approx = p.Rules.ApproxSpeedMS, true
	}
	if !(b.speedMS > 0) { // rules without a typical pace: the default's
		b.speedMS = rules.Default().ApproxSpeedMS
	}
	b.doubles = req.Doubles && b.lv.doublesAllowed
	b.doublesRefused = req.Doubles && !b.lv.doublesAllowed
	return b
}

// unitM is the length of the runner's distance unit in metres.
func (b *builder) unitM() float64 {
	if b.p.Units == activity.Miles {
		return metresPerMile
	}
	return 1000
}

// recoveryLength is the length of a recovery run in a week of weekly
// running, by the rule recovery.Today uses, and why.
func (b *builder) recoveryLength(weekly time.Duration) (rules.Range, string) {
	return b.p.Rules.RecoveryLength(b.exp, weekly, "in this plan")
}

// session is a session of kind on date lasting dur (a race covers
// raceM), with its heart-rate target, RPE, purpose and
// workout. The caller adds When and Why.
func (b *builder) session(date Date, kind Kind, dur time.Duration, raceM float64) Session {
	s := Session{Date: date, Kind: kind, Hard: kind.Hard(), Slot: Any, Duration: dur, Unit: b.p.Units, Approximate: b.approx}
	s.DistanceM = math.Round(b.speedMS * dur.Seconds())
	if kind == Race {
		s.DistanceM, s.Approximate = raceM, true
	}
	s.Distance = math.Round(s.DistanceM/b.unitM()*10) / 10
	s.Workout = activity.Workout{Sport: activity.Running}
	switch kind {
	case Rest:
		s.DistanceM, s.Distance, s.Approximate = 0, 0, false
		s.Workout.Sport = activity.Unknown
		s.Workout.Name = "Rest"
		s.Purpose = "rest: the body adapts to training while it rests"
	case Recovery:
		s.HR, s.RPE = b.ceiling(b.p.Cap.BPM, "recovery cap: "+b.p.Cap.Reason, b.p.Rules.MaxRPE), b.p.Rules.MaxRPE
		s.Purpose = "recovery: blood flow and mileage at low intensity, a point of form, mental downtime"
		s.Workout.Steps = []activity.Step{b.steady("Recovery run", dur, s.HR, "full conversation: heart rate and RPE decide, never pace")}
	case Easy, Long:
		s.HR = b.easyCeiling()
		s.RPE = b.p.Rules.ToleratedRPE
		s.Purpose = "easy aerobic mileage at low intensity: most of the week's running"
		if kind == Long {
			s.Purpose = "endurance: time on your feet at an easy effort, hard by its length alone"
		}
		s.Workout.Steps = []activity.Step{b.steady(capitalKind(kind)+" run", dur, s.HR, "comfortable and conversational: ignore pace")}
	case Threshold:
		s.HR, s.RPE = b.zoneRange("Z4"), 7
		s.Purpose = fmt.Sprintf("threshold: %s continuously in zone 4, comfortably hard, to raise the pace you can hold", say.Minutes(b.lv.thresholdMain))
		s.Workout.Steps = b.structured(activity.Step{Name: "Threshold", Intensity: activity.Active,
			Duration: b.lv.thresholdMain, HRLowBPM: s.HR.LowBPM, HRHighBPM: s.HR.HighBPM, Notes: "comfortably hard: short sentences only"})
	case Intervals:
		s.HR, s.RPE = b.zoneRange("Z5", "Z5b"), 8
		between := fmt.Sprintf("with %s of easy jogging between", say.Minutes(b.lv.workRecovery))
		jog := activity.Step{Name: "Jog", Intensity: activity.Recover, Duration: b.lv.workRecovery, Notes: "easy jog until the next repetition"}
		var settle []activity.Step
		if c := b.easyCeiling(); c.HighBPM > 0 {
			// The watch ends the jog, and the warm-up's last part, on
			// heart rate: every rep starts from the same heart rate.
			between = fmt.Sprintf("jogging easily between until heart rate is below %d bpm (about %s)", c.HighBPM, say.Minutes(b.lv.workRecovery))
			jog = b.untilBelow("Jog", activity.Recover, c.HighBPM, "then the next repetition", "cool down if it happens twice")
			settle = []activity.Step{b.untilBelow("Settle", activity.WarmUp, c.HighBPM, "so the first repetition starts like the others", "")}
		}
		if b.lv.work < shortRep {
			// Heart rate lags a short rep by a minute or more: a bpm band
			// would warn through most of it.
			s.HR = HR{Reason: fmt.Sprintf("no heart-rate target in the %s repetitions: heart rate lags behind a rep this short, so run them by effort, RPE 8, about the pace you could race 3–5 km at", say.Minutes(b.lv.work))}
			if jog.UntilHRBelowBPM > 0 {
				s.HR.Reason += fmt.Sprintf("; between them, jog until heart rate is below %d bpm (the top of your easy running)", jog.UntilHRBelowBPM)
			}
		}
		s.Purpose = fmt.Sprintf("intervals: %d × %s hard (zone 5 effort), %s, for speed and VO2max",
			b.lv.reps, say.Minutes(b.lv.work), between)
		s.Workout.Steps = b.structured(append(settle, activity.Step{Repeat: b.lv.reps, Steps: []activity.Step{
			{Name: "Hard", Intensity: activity.Active, Duration: b.lv.work, HRLowBPM: s.HR.LowBPM, HRHighBPM: s.HR.HighBPM, Notes: "hard: a few words at a time"},
			jog,
		}})...)
	case Race:
		s.HR, s.RPE = HR{Reason: "no target: race by the effort you planned for it"}, 9
		s.Purpose = "race day: what the weeks before built towards"
		s.Workout.Steps = []activity.Step{{Name: "Race", Intensity: activity.Active, DistanceM: raceM}}
	}
	if kind != Rest {
		s.Workout.Name = s.Title()
		s.Workout.Notes = s.Purpose
	}
	return s
}

// hardLength is the length of a hard session of kind in the week sh: the
// structured sessions by experience, the long run by the week's volume
// (its share and cap in a race block, else 30 % and the runner's
// longest), the race by its distance; and for a race its distance.
func (b *builder) hardLength(sh shape, kind Kind, weekly time.Duration) (time.Duration, float64) {
	switch kind {
	case Threshold:
		return b.lv.warmUp + b.lv.thresholdMain + b.lv.coolDown, 0
	case Intervals:
		return b.lv.warmUp + time.Duration(b.lv.reps)*(b.lv.work+b.lv.workRecovery) + b.lv.coolDown, 0
	case Long:
		return b.longFor(sh, weekly), 0
	case Race:
		m := 10000.0 // a tune-up race in a normal week
		if sh.race != nil {
			m = sh.race.DistanceM
		}
		return (time.Duration(m/(b.speedMS*raceSpeedup)) * time.Second).Round(time.Minute), m
	}
	return 0, 0
}

// longFor is the long run of the week sh of weekly running: the block's
// when it sets one, else 30 % of the week up to the runner's longest.
func (b *builder) longFor(sh shape, weekly time.Duration) time.Duration {
	if sh.long > 0 {
		return min(sh.long, floor5(weekly/2))
	}
	return floor5(min(time.Duration(longShare*float64(weekly)), b.lv.longMax))
}

// steady is a one-step run under the heart-rate ceiling hr.
func (b *builder) steady(name string, dur time.Duration, hr HR, notes string) activity.Step {
	return activity.Step{Name: name, Intensity: activity.Active, Duration: dur, HRHighBPM: hr.HighBPM, Notes: notes}
}

// structured is main between an easy warm-up and cool-down.
func (b *builder) structured(main ...activity.Step) []activity.Step {
	hr := b.easyCeiling()
	steps := []activity.Step{{Name: "Warm up", Intensity: activity.WarmUp, Duration: b.lv.warmUp, HRHighBPM: hr.HighBPM, Notes: "easy, building up"}}
	steps = append(steps, main...)
	return append(steps, activity.Step{Name: "Cool down", Intensity: activity.CoolDown, Duration: b.lv.coolDown, HRHighBPM: hr.HighBPM, Notes: "easy"})
}

// untilBelow is a step the watch ends once heart rate falls below bpm,
// then doing what next says. A FIT step ends on one thing, so no time
// caps it: if heart rate never falls (a hot day, a tired runner, a strap
// that lost contact) the watch waits, showing heart rate, until the lap
// button moves on. Its notes say when to press it: after twice the
// planned recovery, which a coach reads as "enough for today" when it
// happens again (ifTwice).
func (b *builder) untilBelow(name string, in activity.StepIntensity, bpm int, next, ifTwice string) activity.Step {
	notes := fmt.Sprintf("easy jog until heart rate is below %d bpm, %s; not there after %s? press lap", bpm, next, say.Minutes(2*b.lv.workRecovery))
	if ifTwice != "" {
		notes += ", and " + ifTwice
	}
	return activity.Step{Name: name, Intensity: in, UntilHRBelowBPM: bpm, Notes: notes}
}

// ceiling is a heart-rate ceiling of bpm for the reason why; without one
// (max HR unknown) the runner keeps to rpe.
func (b *builder) ceiling(bpm float64, why string, rpe int) HR {
	if !(bpm > 0) {
		return HR{Reason: fmt.Sprintf("no heart-rate ceiling: max HR unknown; keep to RPE %d, full conversation", rpe)}
	}
	c := int(math.Round(bpm))
	return HR{HighBPM: c, Reason: fmt.Sprintf("≤ %d bpm: %s", c, why)}
}

// easyCeiling is the ceiling of easy and long runs: the top of zone 2,
// or the recovery cap when a coach's preset puts it higher.
func (b *builder) easyCeiling() HR {
	z, ok := b.zone("Z2")
	if !ok || b.p.Cap.BPM >= z.HighBPM {
		return b.ceiling(b.p.Cap.BPM, "the recovery cap, "+b.p.Cap.Reason+": easy running stays below it too", b.p.Rules.ToleratedRPE)
	}
	return b.ceiling(z.HighBPM, "the top of zone 2, "+z.Reason+": easy running stays aerobic", b.p.Rules.ToleratedRPE)
}

// zoneRange is the heart-rate range of the first of labels the runner's
// zones have.
func (b *builder) zoneRange(labels ...string) HR {
	for _, l := range labels {
		if z, ok := b.zone(l); ok {
			lo, hi := int(math.Round(z.LowBPM)), int(math.Round(z.HighBPM))
			return HR{LowBPM: lo, HighBPM: hi, Reason: fmt.Sprintf("%d–%d bpm: zone %s (%s), %s", lo, hi, z.Label, z.Name, z.Reason)}
		}
	}
	return HR{Reason: "no heart-rate range: zones unknown; keep to the RPE"}
}

// zone is the runner's zone labelled label.
func (b *builder) zone(label string) (physio.Zone, bool) {
	for _, z := range b.p.Zones {
		if z.Label == label {
			return z, true
		}
	}
	return physio.Zone{}, false
}

// capitalKind is the kind as a title: "Recovery".
func capitalKind(k Kind) string {
	if k == "" {
		return ""
	}
	return string(k[0]-'a'+'A') + string(k[1:])
}

// floor5 rounds d down to whole 5 minutes.
func floor5(d time.Duration) time.Duration { return d.Truncate(5 * time.Minute) }

// ceil5 rounds d up to whole 5 minutes.
func ceil5(d time.Duration) time.Duration { return floor5(d + 5*time.Minute - 1) }

// round5 rounds d to the nearest 5 minutes.
func round5(d time.Duration) time.Duration { return d.Round(5 * time.Minute) }
