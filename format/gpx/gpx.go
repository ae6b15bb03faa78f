// Package gpx reads activities from GPX 1.0 and 1.1 files.
//
// Each track (<trk>) becomes one activity: GPS units and services write one
// track per recording, and the files that hold several (a day's log from a
// handheld unit, a team's tracks of one race) hold separate recordings,
// often overlapping in time, which merging would corrupt. A segment
// (<trkseg>) after the first is a pause when the runner stood still since
// the last point (their first point starts a new stretch of timer time,
// activity.Sample.Resume); writers also start one after a lost signal,
// and then the runner went on.
//
// A track can only be placed in time when its points carry timestamps:
// tracks whose points mostly carry none (routes, sometimes with a few stray
// times) or all share one instant are left out, and a file left with no
// track is not an activity (activity.ErrNotActivity).
//
// Heart rate, cadence, speed and power come from the extensions that
// writers use, matched by local name in any case whatever the namespace
// prefix: Garmin TrackPointExtension v1 and v2 (hr, cad, speed; Strava,
// Suunto and most services write these), Cluetrust gpxdata (hr, cadence),
// TCX-style HeartRateBpm/Value (Polar), plain elements (heartrate, hr,
// cadence, power) and, outside the points, timed readings in the file's
// or track's extensions (SpoQ). Distance is the cumulative great-circle
// distance between positions, not counting the distance covered during a
// pause. Where a point states no speed, it is the distance from the
// previous point over the time between them. GPX has no timer: moving time
// is the time between points where the runner moved, however far apart.
//
// Garmin writes running cadence per leg (strides per minute): in a running
// activity a cadence below 120 is taken as per leg and doubled to steps
// per minute. Other sports keep the value as written (revolutions per
// minute on a bike).
package gpx

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/internal/trackxml"
)

// perLegCadenceBelow is the running cadence under which a value is taken
// as strides per minute of one leg: nobody runs at under 120 steps per
// minute, and nobody strides one leg 120 times a minute.
const perLegCadenceBelow = 120

// Decode reads every timed track of a GPX file as an activity, within the
// default activity.Bounds.
func Decode(data []byte) ([]*activity.Activity, error) {
	return DecodeWithin(data, activity.Bounds{})
}

// DecodeWithin is Decode within bounds: a file with more points, or
// tracks spanning more time together, fails with activity.ErrBounds.
func DecodeWithin(data []byte, bounds activity.Bounds) ([]*activity.Activity, error) {
	p := parser{s: trackxml.NewScanner(data), budget: bounds.Budget(), ext: activity.NewSample(time.Time{})}
	start := func() error {
		if p.s.Depth() == 1 {
			p.device = trackxml.Device(p.s.Attr("creator"))
		}
		p.start()
		return nil
	}
	if err := p.s.Walk("gpx", start, p.end); err != nil {
		return nil, fmt.Errorf("gpx: %w", err)
	}
	return p.activities()
}

// parser holds the state of one scan.
type parser struct {
	s        *trackxml.Scanner
	budget   *activity.Budget
	device   activity.Device
	fileName string // metadata name (1.1) or top-level name (1.0)
	tracks   []*track
	trk      *track
	pt       activity.Sample
	inPoint  bool

	// Heart-rate readings kept outside the points, and the one being read.
	fileHR []activity.Sample
	ext    activity.Sample
}

// track is one <trk> as read, before it becomes an activity.
type track struct {
	name, typ string
	points    []activity.Sample // in file order, cadence as written
}

func (p *parser) start() {
	s := p.s
	switch {
	case s.At("gpx", "trk"):
		p.trk = &track{}
		p.tracks = append(p.tracks, p.trk)
	case p.trk == nil:
	case s.At("trkseg"):
		// The first point of every segment but the first resumes after a pause.
		p.pt.Resume = len(p.trk.points) > 0
	case s.At("trkpt"):
		resume := p.pt.Resume
		p.pt = activity.NewSample(time.Time{})
		p.pt.Resume = resume
		p.inPoint = true
		lat, okLat := trackxml.ParseFloat(s.Attr("lat"))
		lon, okLon := trackxml.ParseFloat(s.Attr("lon"))
		if okLat && okLon && math.Abs(lat) <= 90 && math.Abs(lon) <= 180 {
			p.pt.Lat, p.pt.Lon = lat, lon
		}
	}
}

func (p *parser) end() error {
	s := p.s
	if !p.inPoint && s.Within("extensions") {
		p.fileExtension()
		return nil
	}
	switch {
	case s.At("gpx", "name"), s.At("gpx", "metadata", "name"):
		p.fileName = s.Text()
	case p.trk == nil:
	case s.At("trk", "name"):
		p.trk.name = s.Text()
	case s.At("trk", "type"):
		p.trk.typ = s.Text()
	case s.At("gpx", "trk"):
		p.trk = nil
	case !p.inPoint:
	case s.At("trkpt"):
		if err := p.budget.Point(); err != nil {
			return err
		}
		p.trk.points = append(p.trk.points, p.pt)
		p.pt = activity.Sample{}
		p.inPoint = false
	case s.At("trkpt", "time"):
		if t, ok := s.Time(); ok {
			p.pt.Time = t
		}
	case s.At("trkpt", "ele"):
		if v, ok := s.Float(); ok {
			p.pt.AltitudeM = v // below sea level is fine
		}
	default:
		p.extension()
	}
	return nil
}

// extension reads an element inside a point that is not GPX's own: the
// extensions, and GPX 1.0's <speed>, at any depth. Writers disagree on
// names and case (Garmin's hr and cad, Cluetrust's cadence, plain
// heartrate, TCX-style HeartRateBpm/Value, Watts), so names are compared
// lower-cased.
func (p *parser) extension() {
	s := p.s
	switch strings.ToLower(s.Name()) {
	case "hr", "heartrate", "heart_rate", "heartratebpm":
		setPositive(s, &p.pt.HeartRate)
	case "value":
		if s.At("HeartRateBpm", "Value") {
			setPositive(s, &p.pt.HeartRate)
		}
	case "cad", "cadence", "runcadence":
		setFloat(s, &p.pt.Cadence)
	case "speed":
		setFloat(s, &p.pt.SpeedMS)
	case "power", "powerinwatts", "watts":
		setFloat(s, &p.pt.PowerW)
	}
}

// fileExtension reads the heart rate some writers (SpoQ) keep outside the
// track, in extensions of the file or the track: readings each timed by a
// time attribute or a sibling <time> element.
func (p *parser) fileExtension() {
	s := p.s
	switch strings.ToLower(s.Name()) {
	case "time":
		if t, ok := s.Time(); ok {
			p.ext.Time = t
		}
	case "hr", "heartrate", "heart_rate", "bpm":
		if v, ok := s.Float(); ok && v > 0 {
			p.ext.HeartRate = v
		}
		if t, ok := s.AttrTime("time"); ok {
			p.ext.Time = t
		}
	}
	if !p.ext.Time.IsZero() && !math.IsNaN(p.ext.HeartRate) {
		p.fileHR = append(p.fileHR, p.ext)
		p.ext = activity.NewSample(time.Time{})
	}
}

// setPositive stores the element's text in dst when it is a number above
// zero: a heart rate of 0 is a dropout, not a reading.
func setPositive(s *trackxml.Scanner, dst *float64) {
	if v, ok := s.Float(); ok && v > 0 {
		*dst = v
	}
}

// setFloat stores the element's text in dst when it is a number that is
// not negative (no channel read here can be).
func setFloat(s *trackxml.Scanner, dst *float64) {
	if v, ok := s.Float(); ok && v >= 0 {
		*dst = v
	}
}

// activities turns the tracks read into activities, leaving out those that
// cannot be placed in time. A file fails only when no track is left.
func (p *parser) activities() ([]*activity.Activity, error) {
	if len(p.tracks) == 0 {
		return nil, fmt.Errorf("gpx: %w: GPX with no track", activity.ErrNotActivity)
	}
	var (
		out      []*activity.Activity
		instant  bool
		firstErr error // of a track with a broken clock; the others still count
	)
	for _, t := range p.tracks {
		a, tr := p.activity(t)
		if len(tr.Samples()) == 0 || 2*tr.Untimed() > len(t.points) {
			// A route, perhaps with a few stray times that place no run.
			continue
		}
		if tr.Span() <= 0 {
			instant = true
			continue
		}
		if err := tr.Finish(a, p.budget); err != nil {
			if errors.Is(err, activity.ErrBounds) {
				return nil, fmt.Errorf("gpx: %w", err) // the file as a whole is too much
			}
			if firstErr == nil {
				firstErr = fmt.Errorf("gpx: track %q: %w", a.Name, err)
			}
			continue
		}
		// From the exact times, not the grid's whole seconds, so that the
		// moving time, summed from the same times, never exceeds it.
		a.Elapsed = tr.Samples()[len(tr.Samples())-1].Time.Sub(a.Start)
		a.Moving = movingTime(tr.Samples())
		a.LocalOffset, a.HasLocalOffset = p.s.Offset()
		a.Summarize()
		out = append(out, a)
	}
	switch {
	case len(out) > 0:
		return out, nil
	case firstErr != nil:
		return nil, firstErr
	case instant:
		return nil, fmt.Errorf("gpx: %w: GPX track without duration: its points share one instant", activity.ErrNotActivity)
	default:
		return nil, fmt.Errorf("gpx: %w: GPX route without timestamps", activity.ErrNotActivity)
	}
}

// activity builds the activity of track t and its timed samples.
func (p *parser) activity(t *track) (*activity.Activity, *trackxml.Track) {
	a := &activity.Activity{
		Sport:  sport(t.typ),
		Name:   t.name,
		Device: p.device,
		Source: activity.GPX,
	}
	if a.Name == "" {
		a.Name = p.fileName
	}
	var tr trackxml.Track
	resume := false
	for _, pt := range t.points {
		// A pause stays a pause when the point that resumed is left out.
		pt.Resume = pt.Resume || resume
		if a.Sport == activity.Running && pt.Cadence < perLegCadenceBelow {
			pt.Cadence *= 2
		}
		resume = !tr.Add(pt) && pt.Resume
	}
	samples := tr.Samples()
	joinMovingSegments(samples)
	addFileHeartRate(samples, p.fileHR)
	trackxml.AddDistance(samples)
	return a, &tr
}

// joinMovingSegments clears the pause between two track segments when the
// runner moved between them (at least activity.MovingSpeedMS): writers
// start a new segment after a lost signal as well as after a pause, and
// only a pause leaves the runner where they stopped.
func joinMovingSegments(samples []activity.Sample) {
	var prev *activity.Sample // the last point with a position
	for i := range samples {
		s := &samples[i]
		if math.IsNaN(s.Lat) || math.IsNaN(s.Lon) {
			continue
		}
		if s.Resume && prev != nil {
			dt := s.Time.Sub(prev.Time).Seconds()
			if dt > 0 && activity.DistanceBetween(prev.Lat, prev.Lon, s.Lat, s.Lon)/dt >= activity.MovingSpeedMS {
				s.Resume = false
			}
		}
		prev = s
	}
}

// addFileHeartRate gives each point without heart rate the reading kept
// outside the track that is nearest in time, within a second.
func addFileHeartRate(samples []activity.Sample, readings []activity.Sample) {
	if len(readings) == 0 {
		return
	}
	slices.SortFunc(readings, func(a, b activity.Sample) int { return a.Time.Compare(b.Time) })
	for i := range samples {
		s := &samples[i]
		if !math.IsNaN(s.HeartRate) {
			continue
		}
		k, _ := slices.BinarySearchFunc(readings, s.Time, func(r activity.Sample, t time.Time) int { return r.Time.Compare(t) })
		for _, j := range []int{k - 1, k} {
			if j >= 0 && j < len(readings) && readings[j].Time.Sub(s.Time).Abs() <= time.Second {
				s.HeartRate = readings[j].HeartRate
			}
		}
	}
}

// movingTime is GPX's stand-in for timer time: the time between
// consecutive points of one stretch where the runner moved at least
// activity.MovingSpeedMS, however far apart the points are (some writers
// keep a point every 20 s). A pause is standing still, not a gap. Points
// with no speed to tell (no positions, as on a treadmill) count as moving
// when at most activity.MaxInterpolationGap apart.
func movingTime(samples []activity.Sample) time.Duration {
	var moving time.Duration
	for i := 1; i < len(samples); i++ {
		s := &samples[i]
		dt := s.Time.Sub(samples[i-1].Time)
		switch {
		case s.Resume:
		case math.IsNaN(s.SpeedMS):
			if dt <= activity.MaxInterpolationGap {
				moving += dt
			}
		case s.SpeedMS >= activity.MovingSpeedMS:
			moving += dt
		}
	}
	return moving
}

// sport maps a track's <type> to a sport. Strava writes "running" or, in
// older exports, its activity type number (1 ride, 9 run); Garmin Connect
// writes FIT's names. Other words are kept, lower-cased; other numbers
// mean nothing outside the program that wrote them.
func sport(typ string) activity.Sport {
	t := strings.ToLower(strings.TrimSpace(typ))
	switch t {
	case "running", "run", "9", "trail_running", "treadmill_running", "street_running", "track_running", "virtualrun":
		return activity.Running
	case "cycling", "biking", "ride", "1", "road_biking", "mountain_biking", "gravel_cycling", "virtualride":
		return activity.Cycling
	case "walking", "walk":
		return activity.Walking
	case "hiking", "hike":
		return activity.Hiking
	case "swimming", "swim", "open_water_swimming":
		return activity.Swimming
	}
	if _, err := strconv.Atoi(t); err == nil {
		return activity.Unknown
	}
	return activity.Sport(t)
}
