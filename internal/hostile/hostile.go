// Package hostile makes the small files that once took easyrun down: a
// few kilobytes that expand to gigabytes of per-second grid, zip bombs,
// archives nested deep. Tests, fuzz seeds and the benchmark generate them
// here rather than committing them.
package hostile

import (
	"fmt"
	"strings"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// Start is when every generated recording begins.
var Start = time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)

// Week is how long each generated track claims to last: the longest span
// the decoders once accepted per activity.
const Week = 7*24*time.Hour - time.Hour

// at are the times of points evenly spread over span, at least three: two
// close together at the start, one at the end.
func at(points int, span time.Duration) []time.Duration {
	out := []time.Duration{0, 5 * time.Second}
	for i := 1; i <= max(points-2, 1); i++ {
		out = append(out, 5*time.Second+time.Duration(i)*(span-5*time.Second)/time.Duration(max(points-2, 1)))
	}
	return out
}

// GPX is a GPX of n tracks, each of points points spread over span with
// every channel set, so that each track's grid is span seconds of all
// channels.
func GPX(n, points int, span time.Duration) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="hostile" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">`)
	for i := range n {
		b.WriteString("<trk><type>running</type><trkseg>")
		for _, at := range at(points, span) {
			t := Start.Add(time.Duration(i)*span + at)
			fmt.Fprintf(&b, `<trkpt lat="52.%d" lon="4.%d"><ele>1</ele><time>%s</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr><gpxtpx:cad>85</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>`,
				i, at/time.Second, t.Format(time.RFC3339))
		}
		b.WriteString("</trkseg></trk>")
	}
	b.WriteString("</gpx>")
	return []byte(b.String())
}

// TCX is a TCX of n activities, each of points points spread over span
// with every channel set.
func TCX(n, points int, span time.Duration) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>`)
	for i := range n {
		first := Start.Add(time.Duration(i) * span)
		fmt.Fprintf(&b, `<Activity Sport="Running"><Id>%s</Id><Lap StartTime="%[1]s"><TotalTimeSeconds>%d</TotalTimeSeconds><Track>`,
			first.Format(time.RFC3339), int(span.Seconds()))
		for _, at := range at(points, span) {
			fmt.Fprintf(&b, `<Trackpoint><Time>%s</Time><Position><LatitudeDegrees>52.1</LatitudeDegrees><LongitudeDegrees>4.1</LongitudeDegrees></Position><AltitudeMeters>1</AltitudeMeters><DistanceMeters>%d</DistanceMeters><HeartRateBpm><Value>140</Value></HeartRateBpm><Cadence>85</Cadence></Trackpoint>`,
				first.Add(at).Format(time.RFC3339), at/time.Second)
		}
		b.WriteString("</Track></Lap></Activity>")
	}
	b.WriteString("</Activities></TrainingCenterDatabase>")
	return []byte(b.String())
}

// FIT is a FIT activity file of n sessions, each claiming span, over
// points records spread over it.
func FIT(n, points int, span time.Duration) []byte {
	var out buffer
	enc, err := encoder.NewStream(&out, encoder.WithWriteBufferSize(0))
	if err != nil {
		panic(err) // only options are checked, and these are valid
	}
	fid := mesgdef.NewFileId(nil)
	fid.Type = typedef.FileActivity
	fid.Manufacturer = typedef.ManufacturerDevelopment
	fid.TimeCreated = Start
	msgs := []mesg{fid}
	for i := range n {
		t := Start.Add(time.Duration(i) * span)
		for _, at := range at(points, span) {
			r := mesgdef.NewRecord(nil)
			r.Timestamp = t.Add(at)
			r.HeartRate = 140
			r.Distance = uint32(at / time.Second * 100)
			r.PositionLat, r.PositionLong = 600000000, 50000000
			r.EnhancedAltitude = 2500
			r.EnhancedSpeed = 3000
			r.Cadence = 85
			msgs = append(msgs, r)
		}
		s := mesgdef.NewSession(nil)
		s.StartTime = t
		s.Timestamp = t.Add(span)
		s.Sport = typedef.SportRunning
		s.TotalElapsedTime = uint32(span / time.Millisecond)
		s.TotalTimerTime = s.TotalElapsedTime
		msgs = append(msgs, s)
	}
	for _, m := range msgs {
		pm := m.ToMesg(nil)
		if err := enc.WriteMessage(&pm); err != nil {
			panic(err)
		}
	}
	if err := enc.SequenceCompleted(); err != nil {
		panic(err)
	}
	return out.b
}

// mesg is a typed FIT message.
type mesg interface {
	ToMesg(*mesgdef.Options) proto.Message
}

// buffer is an in-memory io.WriterAt for the stream encoder, which goes
// back to the header to write the data size.
type buffer struct{ b []byte }

func (w *buffer) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

func (w *buffer) WriteAt(p []byte, off int64) (int, error) {
	return copy(w.b[off:], p), nil
}
