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
	acts := make([]*activity.Activity, 0, len(c.sessions))
	for _, s := range c.sessions {
		if a := c.fromSession(s); a != nil {
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
// says when the session took place.
func (c *collector) fromSession(s *mesgdef.Session) *activity.Activity {
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
	if s.Timestamp.After(end) {
		end = s.Timestamp
	}
	c.fill(a, end)
	for _, l := range c.laps {
		if t := lapTime(l); !t.Before(a.Start) && !t.After(end) {
			a.Laps = append(a.Laps, lap(l))
		}
	}
	a.Summarize()
	return a
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
	c.fill(a, datetime.ToTime(c.records[len(c.records)-1].timestamp))
	for _, l := range c.laps {
		a.Laps = append(a.Laps, lap(l))
	}
	a.Summarize()
	return a
}

// fill places the records and hr readings from a.Start to end on a's
// per-second grid.
func (c *collector) fill(a *activity.Activity, end time.Time) {
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
	i = sort.Search(len(c.hrs), func(i int) bool { return c.hrs[i].atS >= float64(lo) })
	j = sort.Search(len(c.hrs), func(i int) bool { return c.hrs[i].atS > float64(hi) })
	hrs := c.hrs[i:max(i, j)]

	// FIT stores running cadence per leg; easyrun counts both feet.
	cadenceFactor := 1.0
	switch a.Sport {
	case activity.Running, activity.Walking, activity.Hiking:
		cadenceFactor = 2
	}
	samples := make([]activity.Sample, 0, len(recs)+len(hrs))
	for _, r := range recs {
		samples = append(samples, activity.Sample{
			Time:      datetime.ToTime(r.timestamp),
			DistanceM: r.distanceM,
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
}

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

// device names the recording device from the file_id message.
func device(f *mesgdef.FileId) activity.Device {
	var d activity.Device
	if f.Manufacturer != typedef.ManufacturerInvalid {
		d.Maker = enumName(f.Manufacturer.String(), true)
	}
	switch _, p := f.GetProduct(); {
	case f.ProductName != "":
		d.Product = f.ProductName
	case f.Product == basetype.Uint16Invalid:
	default:
		d.Product = enumName(fmt.Sprint(p), true)
	}
	if f.SerialNumber != basetype.Uint32zInvalid {
		d.Serial = strconv.FormatUint(uint64(f.SerialNumber), 10)
	}
	return d
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
