// Package tcx reads activities from Garmin Training Center (TCX) files.
//
// Every <Activity> under <Activities> becomes one activity, including the
// legs of a multisport session. Its start is the <Id>, its moving time the
// sum of the laps' TotalTimeSeconds (the timer time), its distance the sum
// of the laps' DistanceMeters; heart rate comes from the laps when every
// timed lap states it, else from the track points. Within a lap, a second
// <Track> starts after a pause (activity.Sample.Resume); Garmin writes one
// track per lap, so a new lap alone is no pause.
//
// Elements are matched by local name, since the extension prefix varies
// (ns3:, ax:, ext:): TPX Speed, RunCadence and Watts are read wherever
// they sit in a track point. Running cadence is written per leg, both as
// <Cadence> in a running activity and as RunCadence: it is doubled to
// steps per minute. Sport "Other" says nothing about the sport and is
// read as activity.Unknown, so that it can match the same session from
// another file.
package tcx

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/internal/trackxml"
)

// Decode reads every activity of a TCX file, within the default
// activity.Bounds.
func Decode(data []byte) ([]*activity.Activity, error) {
	return DecodeWithin(data, activity.Bounds{})
}

// DecodeWithin is Decode within bounds: a file with more points, or
// activities spanning more time together, fails with activity.ErrBounds.
func DecodeWithin(data []byte, bounds activity.Bounds) ([]*activity.Activity, error) {
	p := parser{s: trackxml.NewScanner(data), budget: bounds.Budget()}
	if err := p.s.Walk("TrainingCenterDatabase", p.start, p.end); err != nil {
		return nil, fmt.Errorf("tcx: %w", err)
	}
	return p.activities()
}

// parser holds the state of one scan.
type parser struct {
	s      *trackxml.Scanner
	budget *activity.Budget
	out    []*activity.Activity
	seen   map[string]bool // top-level sections met: Activities, Courses, Workouts
	cur    *reading        // the <Activity> being read; nil outside one
}

// reading is the state of one <Activity> being read.
type reading struct {
	a                 *activity.Activity
	budget            *activity.Budget // the file's
	id                time.Time        // the <Id>
	running           bool
	track             trackxml.Track
	last              time.Time // latest time the activity reaches: point or lap end
	lap               *activity.Lap
	lapTracks         int       // <Track> elements seen in the current lap
	lapFirst, lapLast time.Time // times of the lap's first and last points
	resume            bool      // the next point is the first after a pause
	pt                activity.Sample
	inPoint           bool
	runCadence        bool // the point's cadence came from RunCadence, already doubled
}

func (p *parser) start() error {
	s := p.s
	switch {
	case s.Depth() == 2:
		if p.seen == nil {
			p.seen = map[string]bool{}
		}
		p.seen[s.Name()] = true
	case s.Name() == "Activity" && s.Within("Activities"):
		if p.cur != nil {
			return errors.New("an <Activity> inside another")
		}
		a := &activity.Activity{Sport: sport(s.Attr("Sport")), Source: activity.TCX}
		p.cur = &reading{a: a, running: a.Sport == activity.Running, budget: p.budget}
	case p.cur != nil:
		p.cur.start(s)
	}
	return nil
}

func (r *reading) start(s *trackxml.Scanner) {
	switch {
	case s.At("Activity", "Lap"):
		r.lap = &activity.Lap{}
		if t, ok := s.AttrTime("StartTime"); ok {
			r.lap.Start = t
		}
		r.lapTracks, r.lapFirst, r.lapLast = 0, time.Time{}, time.Time{}
	case s.At("Lap", "Track"):
		r.lapTracks++
		r.resume = r.resume || r.lapTracks > 1
	case s.At("Track", "Trackpoint"):
		r.pt = activity.NewSample(time.Time{})
		r.inPoint, r.runCadence = true, false
	}
}

func (p *parser) end() error {
	switch {
	case p.cur == nil:
		return nil
	case p.s.Name() == "Activity" && p.s.Within("Activities"):
		a, err := p.cur.finish()
		p.cur = nil
		if a != nil {
			a.LocalOffset, a.HasLocalOffset = p.s.Offset()
			p.out = append(p.out, a)
		}
		return err
	}
	return p.cur.end(p.s)
}

func (r *reading) end(s *trackxml.Scanner) error {
	if r.inPoint {
		return r.endInPoint(s)
	}
	a := r.a
	switch {
	case s.At("Activity", "Id"):
		if t, ok := s.Time(); ok {
			r.id = t
		}
	case s.At("Activity", "Notes"):
		a.Notes = s.Text()
	case s.At("Activity", "Creator", "Name"):
		a.Device = trackxml.Device(s.Text())
	case s.At("Activity", "Creator", "UnitId"):
		a.Device.Serial = s.Text()
	case s.At("Activity", "Lap"):
		return r.endLap()
	case r.lap == nil:
	case s.At("Lap", "TotalTimeSeconds"):
		if v, ok := s.Float(); ok {
			if d, ok := trackxml.Seconds(v); ok {
				r.lap.Moving = d
			}
		}
	case s.At("Lap", "DistanceMeters"):
		setNonNegative(s, &r.lap.DistanceM)
	case s.At("Lap", "AverageHeartRateBpm", "Value"):
		setPositive(s, &r.lap.AvgHeartRate)
	case s.At("Lap", "MaximumHeartRateBpm", "Value"):
		setPositive(s, &r.lap.MaxHeartRate)
	case s.At("Lap", "Intensity"):
		r.lap.Intensity = intensity(s.Text())
	case s.At("Lap", "TriggerMethod"):
		r.lap.Trigger = trigger(s.Text())
	}
	return nil
}

// endInPoint handles the end of an element inside a <Trackpoint>.
func (r *reading) endInPoint(s *trackxml.Scanner) error {
	pt := &r.pt
	switch {
	case s.At("Trackpoint"):
		if err := r.budget.Point(); err != nil {
			return err
		}
		r.inPoint = false
		if r.running && !r.runCadence {
			pt.Cadence *= 2 // <Cadence> of a run is per leg, like RunCadence
		}
		pt.Resume = r.resume
		if r.track.Add(*pt) {
			r.resume = false
			if r.lapFirst.IsZero() {
				r.lapFirst = pt.Time
			}
			r.lapLast = pt.Time
		}
	case s.At("Trackpoint", "Time"):
		if t, ok := s.Time(); ok {
			pt.Time = t
		}
	case s.At("Position", "LatitudeDegrees"):
		if v, ok := s.Float(); ok && math.Abs(v) <= 90 {
			pt.Lat = v
		}
	case s.At("Position", "LongitudeDegrees"):
		if v, ok := s.Float(); ok && math.Abs(v) <= 180 {
			pt.Lon = v
		}
	case s.At("Trackpoint", "AltitudeMeters"):
		if v, ok := s.Float(); ok {
			pt.AltitudeM = v
		}
	case s.At("Trackpoint", "DistanceMeters"):
		setNonNegative(s, &pt.DistanceM)
	case s.At("HeartRateBpm", "Value"):
		setPositive(s, &pt.HeartRate)
	case s.At("Trackpoint", "Cadence"):
		setNonNegative(s, &pt.Cadence)
	case s.Name() == "RunCadence":
		if v, ok := s.Float(); ok && v >= 0 {
			pt.Cadence = 2 * v
			r.runCadence = true
		}
	case s.Name() == "Speed":
		setNonNegative(s, &pt.SpeedMS)
	case s.Name() == "Watts":
		setNonNegative(s, &pt.PowerW)
	}
	return nil
}

// setPositive stores the element's number in dst when it is above zero:
// a heart rate of 0 is a dropout, not a reading.
func setPositive(s *trackxml.Scanner, dst *float64) {
	if v, ok := s.Float(); ok && v > 0 {
		*dst = v
	}
}

// setNonNegative stores the element's number in dst unless it is negative,
// which no distance, speed, cadence or power can be.
func setNonNegative(s *trackxml.Scanner, dst *float64) {
	if v, ok := s.Float(); ok && v >= 0 {
		*dst = v
	}
}

func (r *reading) endLap() error {
	l := r.lap
	r.lap = nil
	if l.Start.IsZero() {
		l.Start = r.lapFirst // without StartTime, the lap is placed by its points
	}
	if l.Start.IsZero() {
		return nil // nothing places this lap in time
	}
	end := l.Start.Add(l.Moving)
	if r.lapLast.After(end) {
		end = r.lapLast
	}
	l.Elapsed = end.Sub(l.Start)
	if end.After(r.last) {
		r.last = end
	}
	a := r.a
	if a.Moving += l.Moving; a.Moving > trackxml.MaxSpan {
		return fmt.Errorf("laps add up to more than %v of timer time", trackxml.MaxSpan)
	}
	a.DistanceM += l.DistanceM
	a.Laps = append(a.Laps, *l)
	return nil
}

// finish completes the activity, or returns nil when nothing was recorded.
func (r *reading) finish() (*activity.Activity, error) {
	a, samples := r.a, r.track.Samples()
	if len(a.Laps) == 0 && len(samples) == 0 {
		return nil, nil
	}
	a.Start = r.id
	if len(a.Laps) > 0 && (a.Start.IsZero() || a.Laps[0].Start.Before(a.Start)) {
		a.Start = a.Laps[0].Start
	}
	if len(samples) > 0 {
		if last := samples[len(samples)-1].Time; last.After(r.last) {
			r.last = last
		}
	}
	a.Elapsed = max(r.last.Sub(a.Start), 0)
	lapHeartRate(a)
	if !slices.ContainsFunc(samples, func(s activity.Sample) bool { return !math.IsNaN(s.DistanceM) }) {
		// Some writers leave out per-point distances: derive them from
		// the positions, as for GPX.
		trackxml.AddDistance(samples)
	}
	if err := r.track.Finish(a, r.budget); err != nil {
		return nil, fmt.Errorf("activity starting %s: %w", a.Start.Format(time.RFC3339), err)
	}
	// Finish may have moved the start earlier; laps that overlap by a
	// fraction of a second must not make the timer outrun the clock.
	a.Elapsed = max(r.last.Sub(a.Start), a.Moving)
	a.Summarize()
	return a, nil
}

// lapHeartRate sets the activity's heart rate from its laps when every lap
// with timer time states it: the timer-weighted mean and the highest max.
func lapHeartRate(a *activity.Activity) {
	var sum, total, peak float64
	for _, l := range a.Laps {
		if l.Moving <= 0 {
			continue
		}
		if l.AvgHeartRate == 0 || l.MaxHeartRate == 0 {
			return
		}
		sum += l.AvgHeartRate * l.Moving.Seconds()
		total += l.Moving.Seconds()
		peak = max(peak, l.MaxHeartRate)
	}
	if total > 0 {
		a.AvgHeartRate, a.MaxHeartRate = sum/total, peak
	}
}

func (p *parser) activities() ([]*activity.Activity, error) {
	if len(p.out) > 0 {
		return p.out, nil
	}
	var reason string
	switch {
	case p.seen["Activities"]:
		reason = "TCX activities without laps or track points"
	case p.seen["Courses"] && p.seen["Workouts"]:
		reason = "TCX with courses and workouts only"
	case p.seen["Courses"]:
		reason = "TCX with courses only"
	case p.seen["Workouts"]:
		reason = "TCX with workouts only"
	default:
		reason = "TCX with no activity"
	}
	return nil, fmt.Errorf("tcx: %w: %s", activity.ErrNotActivity, reason)
}

// sport maps the Sport attribute: Running, Biking or Other.
func sport(s string) activity.Sport {
	switch s {
	case "Running":
		return activity.Running
	case "Biking":
		return activity.Cycling
	}
	return activity.Unknown
}

// intensity maps a lap's Intensity (Active, Resting) to FIT's words.
func intensity(s string) string {
	switch s {
	case "Active":
		return "active"
	case "Resting":
		return "rest"
	}
	return strings.ToLower(s)
}

// trigger maps a lap's TriggerMethod (Manual, Distance, Location, Time,
// HeartRate) to FIT's words.
func trigger(s string) string {
	if s == "HeartRate" {
		return "heart_rate"
	}
	return strings.ToLower(s)
}
