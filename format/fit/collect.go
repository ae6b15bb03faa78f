package fit

import (
	"fmt"
	"math"
	"time"

	"github.com/muktihari/fit/kit/semicircles"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"

	"github.com/easyrun/easyrun/activity"
)

// errNoData is returned for a FIT file that holds neither records nor
// sessions.
var errNoData = fmt.Errorf("%w: the FIT file holds no records or sessions", activity.ErrNotActivity)

// record is one record message, reduced to what easyrun keeps. Missing
// values are NaN.
type record struct {
	timestamp  uint32 // seconds since the FIT epoch
	distanceM  float64
	speedMS    float64
	heartRate  float64
	cadenceRPM float64 // as the file stores it: per leg when running
	altitudeM  float64
	lat, lon   float64
	powerW     float64
	resume     bool // first record after the timer was restarted
}

// hrSample is one beat-rate reading of an hr message: chest straps that
// store heart rate while swimming (HRM-Swim, HRM-Pro) send these instead
// of filling the records.
type hrSample struct {
	atS         float64 // seconds since the FIT epoch
	beatsPerMin float64
}

// collector receives the messages of a FIT file as the decoder streams
// them and builds its activities. A chain of FIT files may hold several
// recordings, each starting with a file_id message; a file of the chain
// without one continues the recording before it (watches append the
// heart rate a chest strap stored while swimming that way).
type collector struct {
	acts []*activity.Activity // from the recordings already complete
	err  error                // the first reason a recording gave nothing

	budget *activity.Budget // of the whole file, chain included
	over   error            // set once the budget is spent: the file fails

	// pending holds findings about the file of the chain being decoded
	// until its first message shows which recording they belong to.
	pending   activity.Flags
	inSegment bool // a message of that file was seen

	// The recording being read.
	started   bool // a message of it was seen
	hasFileID bool
	fileType  typedef.File
	device    activity.Device

	records []record
	untimed int // records without a timestamp, which cannot be placed
	hrs     []hrSample
	samples []activity.Sample // fill's buffer, reused for each activity
	// distBefore is, for each index of records, the last distance the
	// records before it carry: what fill takes off a session after the
	// first (set by build when there are several).
	distBefore []float64
	sessions   []*mesgdef.Session
	laps       []*mesgdef.Lap
	sport      *mesgdef.Sport

	localOffset    time.Duration
	hasLocalOffset bool

	flags activity.Flags

	// Timer state, to mark the first record after a pause.
	timerStopped, resumePending bool

	// Clock state, to follow the records across a jump of the device's
	// clock: the last record's timestamp as written, and how far the
	// records since the last jump are moved back onto the first clock.
	lastRawS  uint32
	clockBack int64

	// devFields maps the developer fields the file describes to the
	// native fields they stand in for.
	devFields map[devKey]devField

	// The last hr message with a timestamp: the others time their beats
	// relative to it.
	hrAnchorS, hrAnchorEventS float64
	hrAnchored                bool
}

// beginFile notes the findings about the next file of the chain, before
// it is decoded.
func (c *collector) beginFile(findings activity.Flags) { c.pending, c.inSegment = findings, false }

// flag notes a finding about the file of the chain being decoded for
// every activity of the recording it continues. A file of which nothing
// could be read adds nothing to the recordings before it.
func (c *collector) flag(code activity.FlagCode, detail string) {
	if !c.inSegment {
		return
	}
	c.applyPending()
	c.flags.Add(code, detail)
}

func (c *collector) applyPending() {
	for _, f := range c.pending {
		c.flags.Add(f.Code, f.Detail)
	}
	c.pending = nil
}

// finish builds the activities of the recording being read and returns
// those of all recordings, or the first reason why there are none.
func (c *collector) finish() ([]*activity.Activity, error) {
	c.endRecording()
	switch {
	case c.over != nil:
		return nil, c.over
	case len(c.acts) > 0:
		return c.acts, nil
	case c.err != nil:
		return nil, c.err
	}
	return nil, errNoData
}

// endRecording builds the activities of the recording being read and
// starts afresh, keeping the buffers.
func (c *collector) endRecording() {
	if !c.started {
		return
	}
	acts, err := c.build()
	c.acts = append(c.acts, acts...)
	if c.err == nil {
		c.err = err
	}
	*c = collector{acts: c.acts, err: c.err, budget: c.budget, over: c.over, pending: c.pending, records: c.records[:0], hrs: c.hrs[:0], samples: c.samples[:0]}
}

// OnMesg implements decoder.MesgListener. The message and its fields are
// only valid until OnMesg returns, so everything kept is copied out.
func (c *collector) OnMesg(mesg proto.Message) {
	if c.over != nil {
		return // the file fails anyway: keep nothing more of it
	}
	switch mesg.Num {
	case mesgnum.Record, mesgnum.Hr, mesgnum.Session, mesgnum.Lap:
		if c.over = c.budget.Point(); c.over != nil {
			return
		}
	}
	if mesg.Num == mesgnum.FileId {
		c.endRecording()
	}
	c.applyPending()
	c.started, c.inSegment = true, true
	switch mesg.Num {
	case mesgnum.FileId:
		c.fileID(mesgdef.NewFileId(&mesg))
	case mesgnum.DeviceInfo:
		c.deviceInfo(mesgdef.NewDeviceInfo(&mesg))
	case mesgnum.Record:
		c.record(&mesg)
	case mesgnum.Event:
		c.event(&mesg)
	case mesgnum.Hr:
		c.hr(&mesg)
	case mesgnum.Session:
		s := mesgdef.NewSession(&mesg)
		s.DeveloperFields = nil // aliases the decoder's reused buffer
		c.sessionDev(s, &mesg)
		c.sessions = append(c.sessions, s)
	case mesgnum.Lap:
		l := mesgdef.NewLap(&mesg)
		l.DeveloperFields = nil
		c.lapDev(l, &mesg)
		c.laps = append(c.laps, l)
	case mesgnum.Sport:
		if c.sport == nil {
			c.sport = mesgdef.NewSport(&mesg)
			c.sport.DeveloperFields = nil
		}
	case mesgnum.Activity:
		c.activity(mesgdef.NewActivity(&mesg))
	case mesgnum.FieldDescription:
		c.describe(mesgdef.NewFieldDescription(&mesg))
	}
}

func (c *collector) fileID(f *mesgdef.FileId) {
	c.hasFileID = true
	c.fileType = f.Type
	c.device = device(f)
}

// deviceInfo names the device from the creator's device_info (device
// index 0), which wins over file_id: a watch may write its platform's
// product in file_id (a fenix 3 as the Forerunner 920XT it is built on)
// and its own in device_info. The other indexes are sensors (a strap, a
// pod), never the recording device. Of another maker than file_id's, it
// only fills a gap.
func (c *collector) deviceInfo(d *mesgdef.DeviceInfo) {
	if d.DeviceIndex != typedef.DeviceIndexCreator {
		return
	}
	maker := enumName(d.Manufacturer.String(), d.Manufacturer != typedef.ManufacturerInvalid)
	if maker != c.device.Maker && c.device.Product != "" {
		return
	}
	_, p := d.GetProduct()
	if name := productName(d.ProductName, d.Product, p); name != "" {
		c.device.Product = name
	}
	if c.device.Maker == "" {
		c.device.Maker = maker
	}
}

// activity reads the runner's UTC offset: the activity message states the
// end time both in UTC and in local time.
func (c *collector) activity(a *mesgdef.Activity) {
	if a.Timestamp.IsZero() || a.LocalTimestamp.IsZero() {
		return
	}
	// Real offsets are whole quarter hours; the two clocks may be read a
	// moment apart.
	off := a.LocalTimestamp.Sub(a.Timestamp).Round(15 * time.Minute)
	if off < -14*time.Hour || off > 14*time.Hour {
		return
	}
	c.localOffset, c.hasLocalOffset = off, true
}

func (c *collector) event(mesg *proto.Message) {
	if typedef.Event(mesg.FieldValueByNum(fieldnum.EventEvent).Uint8()) != typedef.EventTimer {
		return
	}
	switch typedef.EventType(mesg.FieldValueByNum(fieldnum.EventEventType).Uint8()) {
	case typedef.EventTypeStart:
		if c.timerStopped {
			c.timerStopped, c.resumePending = false, true
		}
	case typedef.EventTypeStop, typedef.EventTypeStopAll,
		typedef.EventTypeStopDisable, typedef.EventTypeStopDisableAll:
		c.timerStopped = true
	}
}

// record reads a record's fields directly rather than through
// mesgdef.Record: records are nearly all of a file, and this is the hot path.
func (c *collector) record(mesg *proto.Message) {
	nan := math.NaN()
	r := record{timestamp: basetype.Uint32Invalid, distanceM: nan, speedMS: nan, heartRate: nan,
		cadenceRPM: nan, altitudeM: nan, lat: nan, lon: nan, powerW: nan}
	var (
		speed, altitude         = nan, nan // the enhanced fields win when both are present
		fractionalCadence       = 0.0
		latSemi, lonSemi  int32 = basetype.Sint32Invalid, basetype.Sint32Invalid
	)
	for i := range mesg.Fields {
		v := mesg.Fields[i].Value
		switch mesg.Fields[i].Num {
		case fieldnum.RecordTimestamp:
			r.timestamp = v.Uint32()
		case fieldnum.RecordPositionLat:
			latSemi = v.Int32()
		case fieldnum.RecordPositionLong:
			lonSemi = v.Int32()
		case fieldnum.RecordDistance:
			if x := v.Uint32(); x != basetype.Uint32Invalid {
				r.distanceM = float64(x) / 100
			}
		case fieldnum.RecordSpeed:
			if x := v.Uint16(); x != basetype.Uint16Invalid {
				speed = float64(x) / 1000
			}
		case fieldnum.RecordEnhancedSpeed:
			if x := v.Uint32(); x != basetype.Uint32Invalid {
				r.speedMS = float64(x) / 1000
			}
		case fieldnum.RecordAltitude:
			// 0, that is -500 m, is what devices without a barometer or a
			// fix write (TomTom): no place a run goes is that low.
			if x := v.Uint16(); x != basetype.Uint16Invalid && x != 0 {
				altitude = float64(x)/5 - 500
			}
		case fieldnum.RecordEnhancedAltitude:
			if x := v.Uint32(); x != basetype.Uint32Invalid && x != 0 {
				r.altitudeM = float64(x)/5 - 500
			}
		case fieldnum.RecordHeartRate:
			// 0 is what some straps send before they lock on.
			if x := v.Uint8(); x != basetype.Uint8Invalid && x != 0 {
				r.heartRate = float64(x)
			}
		case fieldnum.RecordCadence:
			if x := v.Uint8(); x != basetype.Uint8Invalid {
				r.cadenceRPM = float64(x)
			}
		case fieldnum.RecordFractionalCadence:
			if x := v.Uint8(); x != basetype.Uint8Invalid {
				fractionalCadence = float64(x) / 128
			}
		case fieldnum.RecordPower:
			if x := v.Uint16(); x != basetype.Uint16Invalid {
				r.powerW = float64(x)
			}
		}
	}
	if r.timestamp == basetype.Uint32Invalid {
		c.untimed++
		return
	}
	r.timestamp = c.followClock(r.timestamp)
	if math.IsNaN(r.speedMS) {
		r.speedMS = speed
	}
	if math.IsNaN(r.altitudeM) {
		r.altitudeM = altitude
	}
	r.cadenceRPM += fractionalCadence
	if len(mesg.DeveloperFields) > 0 {
		c.recordDev(&r, mesg)
	}
	if latSemi != basetype.Sint32Invalid && lonSemi != basetype.Sint32Invalid {
		lat, lon := semicircles.ToDegrees(latSemi), semicircles.ToDegrees(lonSemi)
		if math.Abs(lat) <= 90 {
			r.lat, r.lon = lat, lon
		}
	}
	r.resume, c.resumePending = c.resumePending, false
	c.records = append(c.records, r)
}

// clockJump is the least change of a device's clock between two records
// that is a jump of the clock rather than a pause: a watch left running
// through a night is still one recording, and a GPS fix that resets an
// unset clock moves it by years.
const clockJump = 24 * 60 * 60

// followClock returns a record's timestamp on the clock the recording
// started with: after a jump of the device's clock, the records follow on
// one second after the last one before it, as the session's timer shows.
func (c *collector) followClock(raw uint32) uint32 {
	if len(c.records) > 0 {
		if jump := int64(raw) - int64(c.lastRawS); jump > clockJump || jump < -clockJump {
			c.clockBack += jump - 1
			c.flags.Add(activity.ClockJump, fmt.Sprintf("the clock jumped %v mid-recording; the records after the jump were followed on", time.Duration(jump)*time.Second))
		}
	}
	c.lastRawS = raw
	t := int64(raw) - c.clockBack
	if t < 0 || t >= int64(basetype.Uint32Invalid) {
		return raw
	}
	return uint32(t)
}

// hr reads an hr message: up to eight readings, each timed by an
// event_timestamp relative to the anchor message, the way Garmin's SDK
// merges them into records.
func (c *collector) hr(mesg *proto.Message) {
	const (
		eventScale = 1024
		rollover   = 1 << 32 / eventScale // event_timestamp wraps at 2^32 / 1024 s
	)
	timestamp := basetype.Uint32Invalid
	fractionS := 0.0
	var events []uint32
	var bpms []uint8
	for i := range mesg.Fields {
		v := mesg.Fields[i].Value
		switch mesg.Fields[i].Num {
		case fieldnum.HrTimestamp:
			timestamp = v.Uint32()
		case fieldnum.HrFractionalTimestamp:
			if x := v.Uint16(); x != basetype.Uint16Invalid {
				fractionS = float64(x) / 32768
			}
		case fieldnum.HrEventTimestamp:
			if events = v.SliceUint32(); events == nil && v.Uint32() != basetype.Uint32Invalid {
				events = []uint32{v.Uint32()}
			}
		case fieldnum.HrFilteredBpm:
			if bpms = v.SliceUint8(); bpms == nil && v.Uint8() != basetype.Uint8Invalid {
				bpms = []uint8{v.Uint8()}
			}
		}
	}
	if timestamp != basetype.Uint32Invalid {
		if len(events) != 1 {
			return // an anchor times exactly one reading
		}
		c.hrAnchorS = float64(timestamp) + fractionS
		c.hrAnchorEventS = float64(events[0]) / eventScale
		c.hrAnchored = true
	}
	if !c.hrAnchored || len(events) != len(bpms) {
		return
	}
	for i, e := range events {
		eventS := float64(e) / eventScale
		if eventS < c.hrAnchorEventS {
			if c.hrAnchorEventS-eventS <= rollover/2 {
				continue // earlier than its anchor: cannot be placed
			}
			eventS += rollover
		}
		if bpms[i] == basetype.Uint8Invalid || bpms[i] == 0 {
			continue
		}
		c.hrs = append(c.hrs, hrSample{atS: c.hrAnchorS + eventS - c.hrAnchorEventS, beatsPerMin: float64(bpms[i])})
	}
}
