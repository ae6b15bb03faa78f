package fit

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/muktihari/fit/kit/datetime"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"

	"github.com/easyrun/easyrun/activity"
)

// maxSpan bounds the per-second grid of one activity. Records further
// from the start are a device clock gone wrong, not a week-long run, and
// would otherwise make the grid arbitrarily large.
const maxSpan = 7 * 24 * time.Hour

// build turns what was collected from one recording into activities: one
// per session, or one from the records when there is no session.
func (c *collector) build() ([]*activity.Activity, error) {
	if c.hasFileID && c.fileType != typedef.FileInvalid &&
		c.fileType != typedef.FileActivity && c.fileType != typedef.FileActivitySummary {
		return nil, fmt.Errorf("%w: FIT %s file", activity.ErrNotActivity, c.fileType)
	}
	if !slices.IsSortedFunc(c.records, byTime) {
		slices.SortStableFunc(c.records, byTime)
	}
	slices.SortStableFunc(c.hrs, func(a, b hrSample) int { return cmp.Compare(a.atS, b.atS) })
	if len(c.sessions) == 0 {
		switch {
		case len(c.records) > 0:
			return []*activity.Activity{c.fromRecords()}, nil
		case c.untimed > 0:
			return nil, fmt.Errorf("none of the %d records of the FIT file has a timestamp", c.untimed)
		}
		return nil, errNoData
	}
	slices.SortStableFunc(c.sessions, func(a, b *mesgdef.Session) int { return a.StartTime.Compare(b.StartTime) })
	// Each session takes the laps and the records within its time, found
	// by searching what is sorted here once: a scan per session made a
	// file of many sessions quadratic (16,000 sessions and laps in
	// 1.4 MB took 24 s).
	slices.SortStableFunc(c.laps, func(a, b *mesgdef.Lap) int { return lapTime(a).Compare(lapTime(b)) })
	c.distBefore = c.distBefore[:0]
	if len(c.sessions) > 1 {
		c.distBefore = distancesBefore(c.distBefore, c.records)
	}
	acts := make([]*activity.Activity, 0, len(c.sessions))
	for i, s := range c.sessions {
		var next time.Time // the next session's start: where this one's records end
		if i+1 < len(c.sessions) {
			next = c.sessions[i+1].StartTime
		}
		if a := c.fromSession(s, next, i > 0); a != nil {
			acts = append(acts, a)
		}
	}
	if len(acts) == 0 {
		return nil, errors.New("no session of the FIT file says when it took place")
	}
	return acts, nil
}

func byTime(a, b record) int { return cmp.Compare(a.timestamp, b.timestamp) }

// newActivity starts an activity with what the whole file says.
func (c *collector) newActivity(sport typedef.Sport, subSport typedef.SubSport) *activity.Activity {
	return &activity.Activity{
		Sport:          sportName(sport),
		SubSport:       subSportName(subSport),
		LocalOffset:    c.localOffset,
		HasLocalOffset: c.hasLocalOffset,
		Device:         c.device,
		Source:         activity.FIT,
		Flags:          slices.Clone(c.flags),
	}
}

// fromSession builds the activity of one session from its summary and the
// records and laps that fall within its time, or returns nil when nothing
// says when the session took place. Records up to next (the next session's
// start; zero when none) may belong to it; later is true for every session
// but a file's first.
func (c *collector) fromSession(s *mesgdef.Session, next time.Time, later bool) *activity.Activity {
	a := c.newActivity(s.Sport, s.SubSport)
	a.Elapsed = duration(s.TotalElapsedTimeScaled())
	a.Moving = duration(s.TotalTimerTimeScaled())
	if d := s.TotalDistanceScaled(); !math.IsNaN(d) {
		a.DistanceM = d
	}
	if s.AvgHeartRate != basetype.Uint8Invalid {
		a.AvgHeartRate = float64(s.AvgHeartRate)
	}
	if s.MaxHeartRate != basetype.Uint8Invalid {
		a.MaxHeartRate = float64(s.MaxHeartRate)
	}
	if s.TotalAscent != basetype.Uint16Invalid {
		a.AscentM = float64(s.TotalAscent)
	}

	a.Start = s.StartTime
	switch {
	case !a.Start.IsZero():
	case !s.Timestamp.IsZero(): // the session message's time is its end
		a.Start = s.Timestamp.Add(-a.Elapsed)
	case len(c.records) > 0:
		a.Start = datetime.ToTime(c.records[0].timestamp)
	default:
		return nil
	}
	end := a.Start.Add(a.Elapsed)
	// The session's own time is its end, unless the clock jumped since
	// the start: then the records, followed across the jump, tell.
	if s.Timestamp.After(end) && s.Timestamp.Sub(end) < time.Hour {
		end = s.Timestamp
	}
	end = c.fromRecordsWhenLonger(a, end, next)
	c.fill(a, end, later)
	k := sort.Search(len(c.laps), func(k int) bool { return !lapTime(c.laps[k]).Before(a.Start) })
	for _, l := range c.laps[k:] {
		if lapTime(l).After(end) {
			break
		}
		if !emptyLap(l) {
			a.Laps = append(a.Laps, lap(l))
		}
	}
	a.Summarize()
	return a
}

// fromRecordsWhenLonger compares a session's summary with its records
// (from a.Start up to next) and returns the end of its data. When the
// records go on well after the summary's end and hold clearly more timer
// time (a Suunto summary that lacks its last lap), the records are right:
// the times and the distance come from them, and a flag says so.
func (c *collector) fromRecordsWhenLonger(a *activity.Activity, end, next time.Time) time.Time {
	lo := datetime.ToUint32(a.Start)
	i := sort.Search(len(c.records), func(i int) bool { return c.records[i].timestamp >= lo })
	j := len(c.records)
	if !next.IsZero() {
		hi := datetime.ToUint32(next)
		j = sort.Search(len(c.records), func(i int) bool { return c.records[i].timestamp >= hi })
	}
	if j-i < 2 {
		return end
	}
	recs := c.records[i:j]
	last := datetime.ToTime(recs[len(recs)-1].timestamp)
	if last.Sub(a.Start) > maxSpan {
		return end
	}
	var timer time.Duration
	for k := 1; k < len(recs); k++ {
		if !recs[k].resume {
			timer += time.Duration(recs[k].timestamp-recs[k-1].timestamp) * time.Second
		}
	}
	const slack = 60 * time.Second
	if last.Sub(end) <= slack/2 || timer-a.Moving <= max(slack, a.Moving/20) {
		return end
	}
	a.Flags.Add(activity.SummaryMismatch, fmt.Sprintf(
		"the session summary gives %v of timer time, the records %v that go on %v past its end: times and distance from the records",
		a.Moving.Round(time.Second), timer, last.Sub(end).Round(time.Second)))
	a.Moving = timer
	a.Elapsed = max(a.Elapsed, last.Sub(a.Start))
	first, lastDist := math.NaN(), math.NaN()
	for _, r := range recs {
		if !math.IsNaN(r.distanceM) {
			if math.IsNaN(first) {
				first = r.distanceM
			}
			lastDist = r.distanceM
		}
	}
	if !math.IsNaN(lastDist) && lastDist-first > a.DistanceM {
		a.DistanceM = lastDist - first
	}
	return last
}

// emptyLap reports whether l is a lap of no time and no distance: a
// device that closes a lap milliseconds before the session ends writes
// one, and it is no lap anybody ran.
func emptyLap(l *mesgdef.Lap) bool {
	d := l.TotalDistanceScaled()
	return duration(l.TotalElapsedTimeScaled()) < time.Second && (math.IsNaN(d) || d < 1)
}

// fromRecords builds an activity from records alone: the file stops
// before the session summary a device writes at the end.
func (c *collector) fromRecords() *activity.Activity {
	sport, subSport := typedef.SportInvalid, typedef.SubSportInvalid
	if c.sport != nil {
		sport, subSport = c.sport.Sport, c.sport.SubSport
	}
	for _, l := range c.laps {
		if sport != typedef.SportInvalid {
			break
		}
		sport, subSport = l.Sport, l.SubSport
	}
	a := c.newActivity(sport, subSport)
	a.Flags.Add(activity.Partial, "no session summary: the recording ends without one")
	a.Start = datetime.ToTime(c.records[0].timestamp)
	c.fill(a, datetime.ToTime(c.records[len(c.records)-1].timestamp), false)
	for _, l := range c.laps {
		if !emptyLap(l) {
			a.Laps = append(a.Laps, lap(l))
		}
	}
	a.Summarize()
	return a
}

// fill places the records and hr readings from a.Start to end on a's
// per-second grid. When later (a session after the file's first), the
// distance the records carry over from the sessions before is taken off.
func (c *collector) fill(a *activity.Activity, end time.Time, later bool) {
	// A grid longer than maxSpan is a device clock gone wrong.
	if limit := a.Start.Add(maxSpan); end.After(limit) {
		a.Flags.Add(activity.ClockJump, fmt.Sprintf("data more than %v after the start dropped", maxSpan))
		end = limit
	}
	// Reserved before the grid is made, so that a file of many sessions
	// is refused before it takes the memory.
	if c.over == nil {
		c.over = c.budget.Span(end.Sub(a.Start))
	}
	if c.over != nil {
		return
	}
	lo, hi := datetime.ToUint32(a.Start), datetime.ToUint32(end)
	i := sort.Search(len(c.records), func(i int) bool { return c.records[i].timestamp >= lo })
	j := sort.Search(len(c.records), func(i int) bool { return c.records[i].timestamp > hi })
	recs := c.records[i:max(i, j)]
	baseM := 0.0
	if later {
		// Multisport watches count distance from the start of the file.
		baseM = c.distBefore[i]
	}
	i = sort.Search(len(c.hrs), func(i int) bool { return c.hrs[i].atS >= float64(lo) })
	j = sort.Search(len(c.hrs), func(i int) bool { return c.hrs[i].atS > float64(hi) })
	hrs := c.hrs[i:max(i, j)]

	cadenceFactor := stepsPerCycle(a.Sport, recs)
	samples := slices.Grow(c.samples[:0], len(recs)+len(hrs))
	for _, r := range recs {
		samples = append(samples, activity.Sample{
			Time:      datetime.ToTime(r.timestamp),
			DistanceM: r.distanceM - baseM,
			SpeedMS:   r.speedMS,
			HeartRate: r.heartRate,
			Cadence:   r.cadenceRPM * cadenceFactor,
			AltitudeM: r.altitudeM,
			Lat:       r.lat,
			Lon:       r.lon,
			PowerW:    r.powerW,
			Resume:    r.resume,
		})
	}
	for _, h := range hrs {
		s := activity.NewSample(datetime.Epoch().Add(time.Duration(h.atS * float64(time.Second))))
		s.HeartRate = h.beatsPerMin
		samples = append(samples, s)
	}
	a.Streams = activity.Resample(a.Start, samples)
	c.samples = samples[:0]
}

// distancesBefore appends to dst, for each k from 0 to len(recs), the
// last distance recs[:k] carry, or 0.
func distancesBefore(dst []float64, recs []record) []float64 {
	last := 0.0
	dst = append(dst, last)
	for _, r := range recs {
		if !math.IsNaN(r.distanceM) {
			last = r.distanceM
		}
		dst = append(dst, last)
	}
	return dst
}

// stepsPerCycle is what a record's cadence is multiplied by to give steps
// per minute. FIT stores running cadence per leg, so it is doubled; but
// some foot pods (treadmills, older Polar and Suunto pods) write steps per
// minute into the same field. Nobody strides one leg over 120 times a
// minute, so a run whose typical cadence is above that is taken as steps.
func stepsPerCycle(sport activity.Sport, recs []record) float64 {
	switch sport {
	case activity.Running, activity.Walking, activity.Hiking:
	default:
		return 1 // revolutions per minute on a bike, strokes in water
	}
	// The median of the recorded cadences is above the threshold when at
	// most half of them are at or below it: a count, not a sort, since
	// this runs for every imported run.
	recorded, atOrBelow := 0, 0
	for _, r := range recs {
		if r.cadenceRPM > 0 {
			recorded++
			if r.cadenceRPM <= perLegCadenceAbove {
				atOrBelow++
			}
		}
	}
	if recorded > 0 && atOrBelow <= recorded/2 {
		return 1
	}
	return 2
}

// perLegCadenceAbove is the running cadence above which a value is steps
// per minute rather than strides of one leg.
const perLegCadenceAbove = 120

func lap(l *mesgdef.Lap) activity.Lap {
	out := activity.Lap{
		Start:     lapTime(l),
		Elapsed:   duration(l.TotalElapsedTimeScaled()),
		Moving:    duration(l.TotalTimerTimeScaled()),
		Intensity: enumName(l.Intensity.String(), l.Intensity != typedef.IntensityInvalid),
		Trigger:   enumName(l.LapTrigger.String(), l.LapTrigger != typedef.LapTriggerInvalid),
	}
	if d := l.TotalDistanceScaled(); !math.IsNaN(d) {
		out.DistanceM = d
	}
	if l.AvgHeartRate != basetype.Uint8Invalid {
		out.AvgHeartRate = float64(l.AvgHeartRate)
	}
	if l.MaxHeartRate != basetype.Uint8Invalid {
		out.MaxHeartRate = float64(l.MaxHeartRate)
	}
	return out
}

// lapTime is when a lap started; its timestamp (its end) when the start
// is missing.
func lapTime(l *mesgdef.Lap) time.Time {
	if l.StartTime.IsZero() {
		return l.Timestamp
	}
	return l.StartTime
}

// duration converts seconds as the library scales them (NaN when
// missing) to a duration, 0 when missing.
func duration(seconds float64) time.Duration {
	if math.IsNaN(seconds) || seconds < 0 {
		return 0
	}
	return time.Duration(math.Round(seconds*1000)) * time.Millisecond
}

func sportName(s typedef.Sport) activity.Sport {
	return activity.Sport(enumName(s.String(), s != typedef.SportInvalid))
}

// subSportName is empty for "generic": the file names no sub-sport.
func subSportName(s typedef.SubSport) string {
	return enumName(s.String(), s != typedef.SubSportInvalid && s != typedef.SubSportGeneric)
}

// device names the recording device from the file_id message; the
// creator's device_info may name it better (collector.deviceInfo).
func device(f *mesgdef.FileId) activity.Device {
	var d activity.Device
	if f.Manufacturer != typedef.ManufacturerInvalid {
		d.Maker = enumName(f.Manufacturer.String(), true)
	}
	_, p := f.GetProduct()
	d.Product = productName(f.ProductName, f.Product, p)
	if f.SerialNumber != basetype.Uint32zInvalid {
		d.Serial = strconv.FormatUint(uint64(f.SerialNumber), 10)
	}
	return d
}

// productName is a device's name: the name the file writes, else the FIT
// profile's name of its product number for its maker (value, as the
// library's GetProduct gives it: garmin_product for Garmin's), else the
// number; empty when the file gives neither.
func productName(name string, product uint16, value any) string {
	switch {
	case name != "":
		return name
	case product == basetype.Uint16Invalid:
		return ""
	}
	return enumName(fmt.Sprint(value), true)
}

// enumName is the library's name of a FIT enum value, empty when the
// value is missing. Values newer than the library's profile keep their
// number: the library names them "XxxInvalid(n)".
func enumName(name string, valid bool) string {
	if !valid {
		return ""
	}
	if i := strings.Index(name, "Invalid("); i >= 0 {
		return strings.TrimSuffix(name[i+len("Invalid("):], ")")
	}
	return name
}
