package fit

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"

	"github.com/easyrun/easyrun/activity"
)

const (
	// maxRR bounds the RR intervals Mornings reads of one file: a day of
	// heartbeats, so that a hostile file cannot grow memory without bound.
	maxRR = 200_000
	// minRestBeats is the fewest clean intervals a recording at rest needs
	// for its rMSSD: about a minute, the shortest recording validated
	// against five minutes (Esco & Flatt 2014).
	minRestBeats = 60
)

// Mornings reads what a FIT file that holds no activity records of its
// wearer at rest, one activity.Morning per local date, Source FIT and
// Device the file's maker and product:
//   - the day's resting heart rate of a monitoring file
//     (monitoring_hr_data's current_day_resting_heart_rate; its 7-day
//     resting_heart_rate is an average, not the day's, and left out);
//   - the night's HRV of Garmin's HRV status (hrv_status_summary's
//     last_night_average: the rMSSD averaged over sleep, in ms);
//   - the rMSSD, by rmssd (physio.RMSSD, which format packages do not
//     import), of the RR intervals of hrv messages: in a file without an
//     activity they are a recording at rest, dated by its time_created.
//
// The RR intervals of an activity are never read: during a run they are
// no morning's HRV. A date is local when the file gives its local time
// (monitoring_info's local_timestamp), else UTC's. A morning with a value
// outside the ranges of activity.Morning is left out. A file with none of these gives
// no mornings and no error; a file the decoder cannot read gives an error.
func Mornings(data []byte, rmssd func(rrMs []float64) (ms float64, kept int)) (ms []activity.Morning, err error) {
	defer func() { // as DecodeWithin: a panic of the library is an error
		if r := recover(); r != nil {
			ms, err = nil, fmt.Errorf("FIT decoder failed: %v", r)
		}
	}()
	var r morningReader
	dec := decoder.New(bytes.NewReader(data), decoder.WithIgnoreChecksum())
	for dec.Next() {
		f, err := dec.Decode()
		if err != nil {
			return nil, fmt.Errorf("read mornings: %w", err)
		}
		for i := range f.Messages {
			r.read(&f.Messages[i])
		}
	}
	return r.mornings(rmssd), nil
}

// morningReader gathers what Mornings reads, message by message.
type morningReader struct {
	device  string
	offset  time.Duration // local time − UTC, when the file gives it
	created time.Time     // file_id's time_created
	rhr     []stamped     // the day's resting heart rate, bpm
	hrv     []stamped     // the night's rMSSD, ms
	rr      []float64     // RR intervals, ms
	active  bool          // the file holds an activity: its RR are not at rest
}

// stamped is a value at a time.
type stamped struct {
	at time.Time
	v  float64
}

func (r *morningReader) read(m *proto.Message) {
	switch m.Num {
	case mesgnum.FileId:
		f := mesgdef.NewFileId(m)
		d := device(f)
		r.device = strings.TrimSpace(d.Maker + " " + d.Product)
		r.created = f.TimeCreated
	case mesgnum.MonitoringInfo:
		mi := mesgdef.NewMonitoringInfo(m)
		if !mi.Timestamp.IsZero() && !mi.LocalTimestamp.IsZero() {
			r.offset = mi.LocalTimestamp.Sub(mi.Timestamp)
		}
	case mesgnum.MonitoringHrData:
		h := mesgdef.NewMonitoringHrData(m)
		if h.CurrentDayRestingHeartRate != basetype.Uint8Invalid && !h.Timestamp.IsZero() {
			r.rhr = append(r.rhr, stamped{h.Timestamp, float64(h.CurrentDayRestingHeartRate)})
		}
	case mesgnum.HrvStatusSummary:
		h := mesgdef.NewHrvStatusSummary(m)
		if h.LastNightAverage != basetype.Uint16Invalid && !h.Timestamp.IsZero() {
			r.hrv = append(r.hrv, stamped{h.Timestamp, float64(h.LastNightAverage) / 128})
		}
	case mesgnum.Session, mesgnum.Record, mesgnum.Lap:
		r.active = true
	case mesgnum.Hrv:
		for _, t := range mesgdef.NewHrv(m).Time {
			if len(r.rr) < maxRR && t != basetype.Uint16Invalid {
				r.rr = append(r.rr, float64(t)) // 1/1000 s: ms
			}
		}
	}
}

// mornings merges what was read into one morning per local date, oldest
// first.
func (r *morningReader) mornings(rmssd func([]float64) (float64, int)) []activity.Morning {
	byDate := map[string]*activity.Morning{}
	day := func(at time.Time) *activity.Morning {
		date := at.UTC().Add(r.offset).Format(time.DateOnly)
		m := byDate[date]
		if m == nil {
			m = &activity.Morning{Date: date, Source: activity.FIT, Device: r.device}
			byDate[date] = m
		}
		return m
	}
	// Each list is in the file's order: the last of a date wins.
	for _, s := range r.rhr {
		day(s.at).RestingHR = s.v
	}
	for _, s := range r.hrv {
		day(s.at).RMSSDMs = s.v
	}
	if len(r.rr) > 0 && !r.active && !r.created.IsZero() {
		if v, kept := rmssd(r.rr); kept >= minRestBeats {
			day(r.created).RMSSDMs = v
		}
	}
	var out []activity.Morning
	for _, date := range slices.Sorted(maps.Keys(byDate)) {
		m := *byDate[date]
		d, _ := m.Day()
		if m.Validate(d) == nil {
			out = append(out, m)
		}
	}
	return out
}
