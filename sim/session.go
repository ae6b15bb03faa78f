package sim

import (
	"fmt"
	"time"
)

// Kind is the kind of session the runner sets out to do.
type Kind string

// The kinds of session, from easiest to hardest.
const (
	Recovery  Kind = "recovery"
	Easy      Kind = "easy"
	Long      Kind = "long"
	Steady    Kind = "steady"
	Threshold Kind = "threshold"
	Intervals Kind = "intervals"
	Race      Kind = "race"
)

// Hard reports whether a session of this kind is a hard day in the sense
// of science.md §10. A long run with a hard finish is hard too; that
// depends on its segments, not its kind.
func (k Kind) Hard() bool { return k == Threshold || k == Intervals || k == Race }

// Lap intensities of structured sessions, in FIT's words.
const (
	WarmUp   = "warmup"
	Active   = "active"
	Rest     = "rest"
	CoolDown = "cooldown"
)

// Segment is a stretch of a session run at one effort.
type Segment struct {
	Duration time.Duration
	// HRFraction is the effort: the fraction of MaxHR the runner's heart
	// rate settles at, before drift, when the segment lasts long enough.
	HRFraction float64
	// Intensity is the lap's role in a structured workout (WarmUp, Active,
	// Rest, CoolDown). When every segment's is empty the session is a
	// continuous run and gets automatic 1 km laps; otherwise one lap per
	// segment.
	Intensity string
}

// Session describes what to simulate. Zero fields take the kind's
// defaults (see Plan), so Session{Kind: Intervals, Start: t} is a complete
// description.
type Session struct {
	Kind  Kind
	Start time.Time // UTC

	// Duration is the whole session, warm-up and cool-down included.
	Duration time.Duration
	// HRFraction is the effort of a continuous run, or of the work bouts
	// of a structured one (threshold, intervals, race), as a fraction of
	// MaxHR.
	HRFraction float64
	// Reps, Work and Rest shape the work block of a structured session:
	// Reps bouts of Work separated by Rest jogs.
	Reps       int
	Work, Rest time.Duration
	// Segments, when set, replaces everything above but Kind and Start.
	Segments []Segment

	// DriftBPMPerHour is cardiac drift: how far heart rate creeps up at
	// constant effort, more on warm days. Zero means none.
	DriftBPMPerHour float64
	// Dropouts is how many short gaps the heart-rate trace gets.
	Dropouts int
	// CadenceLock makes the optical sensor report the step rate instead
	// of the heart rate for several minutes in the middle of the run.
	CadenceLock bool
	// NoHR records no heart rate at all (sensor off or forgotten).
	NoHR bool
	// Note is the truth about the session in words, kept as the
	// activity's notes ("meant as recovery, run too hard").
	Note string
}

// defaults is what a kind means when a Session leaves fields zero.
type defaults struct {
	duration   time.Duration
	hrFraction float64
	reps       int
	work, rest time.Duration
}

var kindDefaults = map[Kind]defaults{
	Recovery:  {duration: 35 * time.Minute, hrFraction: 0.65},
	Easy:      {duration: 50 * time.Minute, hrFraction: 0.72},
	Long:      {duration: 110 * time.Minute, hrFraction: 0.73},
	Steady:    {duration: 60 * time.Minute, hrFraction: 0.78},
	Threshold: {duration: 58 * time.Minute, hrFraction: 0.89, reps: 2, work: 15 * time.Minute, rest: 3 * time.Minute},
	Intervals: {duration: 53 * time.Minute, hrFraction: 0.93, reps: 6, work: 3 * time.Minute, rest: 2 * time.Minute},
	Race:      {duration: 60 * time.Minute, hrFraction: 0.92, reps: 1, work: 40 * time.Minute},
}

// Efforts of the easy parts of structured sessions, as fractions of MaxHR.
const (
	warmUpFraction   = 0.66
	restJogFraction  = 0.60
	coolDownFraction = 0.63
)

// minWarmUp is the shortest warm-up or cool-down of a structured session.
const minWarmUp = 5 * time.Minute

// maxSessionDuration bounds what Simulate will generate: a day of samples.
const maxSessionDuration = 24 * time.Hour

// Plan is the list of segments Simulate runs for s. A continuous kind is
// one segment of Duration at HRFraction. A structured kind is a warm-up,
// Reps bouts of Work at HRFraction with Rest jogs between, and a cool-down;
// the warm-up takes 60 % of what Duration leaves around the work block and
// the cool-down the rest, each at least 5 minutes.
func (s Session) Plan() ([]Segment, error) {
	d, ok := kindDefaults[s.Kind]
	if !ok {
		return nil, fmt.Errorf("%w: unknown session kind %q", ErrInvalid, s.Kind)
	}
	if len(s.Segments) > 0 {
		return s.Segments, checkSegments(s.Segments)
	}
	total := orDefault(s.Duration, d.duration)
	f := orDefault(s.HRFraction, d.hrFraction)
	var plan []Segment
	if d.reps == 0 {
		plan = []Segment{{Duration: total, HRFraction: f}}
		return plan, checkSegments(plan)
	}
	reps := orDefault(s.Reps, d.reps)
	work := orDefault(s.Work, d.work)
	rest := orDefault(s.Rest, d.rest)
	if reps < 1 || reps > 100 || work <= 0 || rest < 0 {
		return nil, fmt.Errorf("%w: %d × %v with %v rest", ErrInvalid, reps, work, rest)
	}
	around := total - time.Duration(reps)*work - time.Duration(reps-1)*rest
	warm := max(minWarmUp, min(around*6/10, around-minWarmUp))
	cool := max(minWarmUp, around-warm)
	plan = append(plan, Segment{Duration: warm, HRFraction: warmUpFraction, Intensity: WarmUp})
	for i := range reps {
		if i > 0 && rest > 0 {
			plan = append(plan, Segment{Duration: rest, HRFraction: restJogFraction, Intensity: Rest})
		}
		plan = append(plan, Segment{Duration: work, HRFraction: f, Intensity: Active})
	}
	plan = append(plan, Segment{Duration: cool, HRFraction: coolDownFraction, Intensity: CoolDown})
	return plan, checkSegments(plan)
}

// orDefault is v, or def when v is the zero value.
func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// checkSegments rejects plans the model cannot run: efforts outside
// 40-105 % of max, non-positive durations, or more than a day in all.
func checkSegments(plan []Segment) error {
	var total time.Duration
	for i, seg := range plan {
		if seg.Duration < time.Second || seg.Duration > maxSessionDuration {
			return fmt.Errorf("%w: segment %d lasts %v", ErrInvalid, i+1, seg.Duration)
		}
		if !(seg.HRFraction >= 0.40 && seg.HRFraction <= 1.05) {
			return fmt.Errorf("%w: segment %d effort %v of max HR is outside 0.40-1.05", ErrInvalid, i+1, seg.HRFraction)
		}
		total += seg.Duration
	}
	if total > maxSessionDuration {
		return fmt.Errorf("%w: session lasts %v, more than %v", ErrInvalid, total, maxSessionDuration)
	}
	return nil
}

// name is the activity's title: clearly synthetic, with the kind and the
// shape of the session ("Simulated intervals 6×3 min").
func (s Session) name(plan []Segment) string {
	var total time.Duration
	reps := 0
	var work time.Duration
	for _, seg := range plan {
		total += seg.Duration
		if seg.Intensity == Active {
			reps++
			work = seg.Duration
		}
	}
	switch {
	case s.Kind == Race && work > 0:
		return fmt.Sprintf("Simulated race %s", minutes(work))
	case reps > 0:
		return fmt.Sprintf("Simulated %s %d×%s", s.Kind, reps, minutes(work))
	default:
		return fmt.Sprintf("Simulated %s run %s", s.Kind, minutes(total))
	}
}

// minutes formats d as whole minutes, or seconds below a minute.
func minutes(d time.Duration) string {
	if d%time.Minute != 0 && d < 10*time.Minute {
		return fmt.Sprintf("%d s", int(d/time.Second))
	}
	return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
}
