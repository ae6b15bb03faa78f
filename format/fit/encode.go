package fit

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/kit/datetime"
	"github.com/muktihari/fit/kit/semicircles"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"

	"github.com/easyrun/easyrun/activity"
)

// DefaultProduct names the device of activities that name none.
const DefaultProduct = "easyrun simulator"

// EncodeActivity writes a as a FIT activity file: file_id, timer events
// (a stop and a start around every stretch of the grid without data), one
// record per second that holds data, laps, the session and the activity
// message, as a watch writes them. Decode reads back the same start,
// sport, times, distance and per-second values, within FIT's resolution.
// Running cadence is written per leg, as FIT stores it.
func EncodeActivity(a *activity.Activity) ([]byte, error) {
	if a.Start.Before(datetime.Epoch()) {
		return nil, fmt.Errorf("encode FIT: start %v is before the FIT epoch", a.Start)
	}
	start := a.Start.UTC().Truncate(time.Second)
	n := a.Streams.Len()
	elapsed, moving := a.Elapsed, a.Moving
	if elapsed == 0 && n > 0 {
		elapsed = time.Duration(n-1) * time.Second
	}
	end := start.Add(elapsed)

	// About 40 bytes per record, plus the summary messages.
	out := &buffer{b: make([]byte, 0, 40*n+1024)}
	enc, err := encoder.NewStream(out,
		encoder.WithWriteBufferSize(0), // out is memory already
		encoder.WithHeaderOption(encoder.HeaderOptionNormal, 15),
	)
	if err != nil {
		return nil, fmt.Errorf("encode FIT: %w", err)
	}
	w := &writer{enc: enc}

	w.write(fileID(a, start).ToMesg(nil))
	w.write(timerEvent(start, typedef.EventTypeStart))
	rw := newRecordWriter(a)
	paused := false
	dataSeconds := 0
	for i := range n {
		if !rw.hasData(i) {
			paused = dataSeconds > 0
			continue
		}
		t := start.Add(time.Duration(i) * time.Second)
		if paused {
			w.write(timerEvent(rw.last, typedef.EventTypeStopAll))
			w.write(timerEvent(t, typedef.EventTypeStart))
			paused = false
		}
		w.write(rw.message(i, t))
		dataSeconds++
	}
	if moving == 0 {
		moving = time.Duration(dataSeconds) * time.Second
	}
	w.write(timerEvent(end, typedef.EventTypeStopAll))

	laps := a.Laps
	if len(laps) == 0 {
		laps = []activity.Lap{{Start: start, Elapsed: elapsed, Moving: moving, DistanceM: a.DistanceM,
			AvgHeartRate: a.AvgHeartRate, MaxHeartRate: a.MaxHeartRate, Trigger: typedef.LapTriggerSessionEnd.String()}}
	}
	for i, l := range laps {
		w.write(lapMesg(i, l).ToMesg(nil))
	}
	w.write(session(a, start, elapsed, moving, len(laps)).ToMesg(nil))
	act := mesgdef.NewActivity(nil)
	act.Timestamp = end
	act.TotalTimerTime = scaled(moving.Seconds(), 1000, math.MaxUint32-1)
	act.NumSessions = 1
	act.Type = typedef.ActivityManual
	act.Event = typedef.EventActivity
	act.EventType = typedef.EventTypeStop
	if a.HasLocalOffset {
		act.LocalTimestamp = end.Add(a.LocalOffset)
	}
	w.write(act.ToMesg(nil))

	if w.err != nil {
		return nil, fmt.Errorf("encode FIT: %w", w.err)
	}
	if err := enc.SequenceCompleted(); err != nil {
		return nil, fmt.Errorf("encode FIT: %w", err)
	}
	return out.b, nil
}

// writer writes messages until the first error, which it keeps.
type writer struct {
	enc *encoder.StreamEncoder
	err error
}

func (w *writer) write(m proto.Message) {
	if w.err == nil {
		w.err = w.enc.WriteMessage(&m)
	}
}

// buffer is an in-memory io.WriterAt: the stream encoder goes back to
// the header to write the data size once it is known.
type buffer struct{ b []byte }

func (w *buffer) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

func (w *buffer) WriteAt(p []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(p)) > int64(len(w.b)) {
		return 0, errors.New("write outside the buffer")
	}
	return copy(w.b[off:], p), nil
}

func fileID(a *activity.Activity, start time.Time) *mesgdef.FileId {
	f := mesgdef.NewFileId(nil)
	f.Type = typedef.FileActivity
	f.TimeCreated = start
	f.Manufacturer = typedef.ManufacturerDevelopment
	if m := enumValue(a.Device.Maker, typedef.ManufacturerFromString); m != typedef.ManufacturerInvalid {
		f.Manufacturer = m
	}
	switch product := a.Device.Product; {
	case product == "":
		f.ProductName = DefaultProduct
	case isNumber(product):
		f.Product = uint16(parseUint(product, math.MaxUint16-1))
	default:
		f.ProductName = product
	}
	if isNumber(a.Device.Serial) {
		f.SerialNumber = uint32(parseUint(a.Device.Serial, math.MaxUint32))
	}
	return f
}

func timerEvent(t time.Time, typ typedef.EventType) proto.Message {
	e := mesgdef.NewEvent(nil)
	e.Timestamp = t
	e.Event = typedef.EventTimer
	e.EventType = typ
	e.Data = 0 // timer_trigger manual
	return e.ToMesg(nil)
}

func lapMesg(i int, l activity.Lap) *mesgdef.Lap {
	m := mesgdef.NewLap(nil)
	m.MessageIndex = typedef.MessageIndex(i)
	m.StartTime = l.Start
	m.Timestamp = l.Start.Add(l.Elapsed)
	m.Event = typedef.EventLap
	m.EventType = typedef.EventTypeStop
	m.TotalElapsedTime = scaled(l.Elapsed.Seconds(), 1000, math.MaxUint32-1)
	m.TotalTimerTime = scaled(l.Moving.Seconds(), 1000, math.MaxUint32-1)
	m.TotalDistance = scaled(l.DistanceM, 100, math.MaxUint32-1)
	m.AvgHeartRate = heartRate(l.AvgHeartRate)
	m.MaxHeartRate = heartRate(l.MaxHeartRate)
	m.Intensity = enumValue(l.Intensity, typedef.IntensityFromString)
	m.LapTrigger = enumValue(l.Trigger, typedef.LapTriggerFromString)
	return m
}

func session(a *activity.Activity, start time.Time, elapsed, moving time.Duration, laps int) *mesgdef.Session {
	s := mesgdef.NewSession(nil)
	s.StartTime = start
	s.Timestamp = start.Add(elapsed)
	s.Event = typedef.EventSession
	s.EventType = typedef.EventTypeStop
	s.Sport = enumValue(string(a.Sport), typedef.SportFromString)
	if s.Sport == typedef.SportInvalid {
		s.Sport = typedef.SportGeneric
	}
	s.SubSport = enumValue(a.SubSport, typedef.SubSportFromString)
	if s.SubSport == typedef.SubSportInvalid {
		s.SubSport = typedef.SubSportGeneric
	}
	s.TotalElapsedTime = scaled(elapsed.Seconds(), 1000, math.MaxUint32-1)
	s.TotalTimerTime = scaled(moving.Seconds(), 1000, math.MaxUint32-1)
	s.TotalDistance = scaled(a.DistanceM, 100, math.MaxUint32-1)
	s.AvgHeartRate = heartRate(a.AvgHeartRate)
	s.MaxHeartRate = heartRate(a.MaxHeartRate)
	s.TotalAscent = uint16(scaled(a.AscentM, 1, math.MaxUint16-1))
	s.NumLaps = uint16(min(laps, math.MaxUint16-1))
	return s
}

// recordWriter builds record messages from the streams, reusing one
// field slice: records are nearly all of a file.
type recordWriter struct {
	s         *activity.Streams
	perLeg    bool // running cadence: FIT stores it per leg
	fields    []proto.Field
	templates [8]proto.Field
	last      time.Time // of the last record written
}

// Field templates, in the order of recordWriter.templates.
var recordFieldNums = [...]byte{
	fieldnum.RecordTimestamp, fieldnum.RecordDistance, fieldnum.RecordEnhancedSpeed,
	fieldnum.RecordHeartRate, fieldnum.RecordCadence, fieldnum.RecordFractionalCadence,
	fieldnum.RecordEnhancedAltitude, fieldnum.RecordPower,
}

func newRecordWriter(a *activity.Activity) *recordWriter {
	rw := &recordWriter{s: &a.Streams, fields: make([]proto.Field, 0, 12)}
	switch a.Sport {
	case activity.Running, activity.Walking, activity.Hiking:
		rw.perLeg = true
	}
	for i, num := range recordFieldNums {
		rw.templates[i] = factory.CreateField(mesgnum.Record, num)
	}
	return rw
}

// hasData reports whether second i holds a value in any channel.
func (rw *recordWriter) hasData(i int) bool {
	for _, c := range rw.s.Channels() {
		if v := *c.Values; i < len(v) && !math.IsNaN(v[i]) {
			return true
		}
	}
	return false
}

func (rw *recordWriter) add(tmpl int, v proto.Value) {
	f := rw.templates[tmpl]
	f.Value = v
	rw.fields = append(rw.fields, f)
}

// message is the record of second i at t. The returned message shares
// its fields with the next call.
func (rw *recordWriter) message(i int, t time.Time) proto.Message {
	s := rw.s
	rw.fields = rw.fields[:0]
	rw.last = t
	rw.add(0, proto.Uint32(datetime.ToUint32(t)))
	if v, ok := at(s.DistanceM, i); ok {
		rw.add(1, proto.Uint32(scaled(v, 100, math.MaxUint32-1)))
	}
	if v, ok := at(s.SpeedMS, i); ok {
		rw.add(2, proto.Uint32(scaled(v, 1000, math.MaxUint32-1)))
	}
	if v, ok := at(s.HeartRate, i); ok && heartRate(v) != basetype.Uint8Invalid {
		rw.add(3, proto.Uint8(heartRate(v)))
	}
	if v, ok := at(s.Cadence, i); ok {
		if rw.perLeg {
			v /= 2
		}
		whole, frac := math.Floor(v), math.Round((v-math.Floor(v))*128)
		if frac == 128 {
			whole, frac = whole+1, 0
		}
		rw.add(4, proto.Uint8(uint8(scaled(whole, 1, math.MaxUint8-1))))
		if frac > 0 {
			rw.add(5, proto.Uint8(uint8(frac)))
		}
	}
	if v, ok := at(s.AltitudeM, i); ok {
		rw.add(6, proto.Uint32(scaled(v+500, 5, math.MaxUint32-1)))
	}
	if v, ok := at(s.PowerW, i); ok {
		rw.add(7, proto.Uint16(uint16(scaled(v, 1, math.MaxUint16-1))))
	}
	lat, okLat := at(s.Lat, i)
	lon, okLon := at(s.Lon, i)
	if okLat && okLon {
		rw.fields = append(rw.fields,
			field(fieldnum.RecordPositionLat, proto.Int32(semicircles.ToSemicircles(lat))),
			field(fieldnum.RecordPositionLong, proto.Int32(semicircles.ToSemicircles(lon))))
	}
	return proto.Message{Num: mesgnum.Record, Fields: rw.fields}
}

func field(num byte, v proto.Value) proto.Field {
	f := factory.CreateField(mesgnum.Record, num)
	f.Value = v
	return f
}

// at is v[i] when it holds a value.
func at(v []float64, i int) (float64, bool) {
	if i >= len(v) || math.IsNaN(v[i]) || math.IsInf(v[i], 0) {
		return 0, false
	}
	return v[i], true
}

// scaled is x × scale rounded and clamped to [0, limit]: FIT stores
// fixed-point unsigned values, and limit keeps clear of the "invalid"
// value at the top of each type's range.
func scaled(x, scale float64, limit uint32) uint32 {
	v := math.Round(x * scale)
	switch {
	case math.IsNaN(v) || v <= 0:
		return 0
	case v >= float64(limit):
		return limit
	}
	return uint32(v)
}

// heartRate is bpm as FIT stores it, invalid when unknown (0 or less).
func heartRate(bpm float64) uint8 {
	if v := scaled(bpm, 1, math.MaxUint8-1); v > 0 {
		return uint8(v)
	}
	return basetype.Uint8Invalid
}

// enumValue parses a FIT enum from the name Decode gives it, or from the
// number Decode keeps for values newer than the library's profile.
func enumValue[E ~uint8 | ~uint16](name string, fromString func(string) E) E {
	if isNumber(name) {
		return E(parseUint(name, uint64(^E(0))))
	}
	return fromString(name)
}

func isNumber(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// parseUint parses a decimal, clamped to limit.
func parseUint(s string, limit uint64) uint64 {
	v, _ := strconv.ParseUint(s, 10, 64)
	return min(v, limit)
}
