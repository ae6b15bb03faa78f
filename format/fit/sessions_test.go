package fit

import (
	"bytes"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// manySessions is a file of n one-minute runs a minute apart, each a
// session with records every 10 s at 3 m/s, the distance counted from the
// start of the file as multisport watches count it, and one lap. The laps
// come last, newest first: each session must find its own by time.
func manySessions(tb testing.TB, n int) []byte {
	tb.Helper()
	var r recording
	r.fileID(typedef.ManufacturerGarmin, uint16(typedef.GarminProductFr935), fixtureStart)
	for i := range n {
		start := fixtureStart.Add(time.Duration(2*i) * time.Minute)
		for s := 0; s <= 60; s += 10 {
			r.add(madeRecord(start.Add(sec(s)), float64(180*i+3*s), 3).ToMesg(nil))
		}
		r.add(r.session(typedef.SportRunning, typedef.SubSportGeneric, start, time.Minute, 180).ToMesg(nil))
	}
	for i := n - 1; i >= 0; i-- {
		r.lap(fixtureStart.Add(time.Duration(2*i)*time.Minute), time.Minute, 180)
	}
	var b bytes.Buffer
	if err := encoder.New(&b, encoder.WithProtocolVersion(proto.V2)).Encode(&proto.FIT{Messages: r.msgs}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// TestManySessions checks that each of a file's many sessions gets its
// own lap and its own distance, from 0 at its start: build finds both by
// searching what it sorted once, where a scan per session made such a
// file quadratic.
func TestManySessions(t *testing.T) {
	const n = 300
	acts, err := Decode(manySessions(t, n))
	if err != nil || len(acts) != n {
		t.Fatalf("%d activities, %v; want %d", len(acts), err, n)
	}
	for i, a := range acts {
		start := fixtureStart.Add(time.Duration(2*i) * time.Minute)
		if len(a.Laps) != 1 || !a.Laps[0].Start.Equal(start) {
			t.Fatalf("session %d: laps %+v, want one at %v", i, a.Laps, start)
		}
		d := a.Streams.DistanceM
		if len(d) != 61 || d[0] != 0 || math.Abs(d[60]-180) > 1e-9 {
			t.Fatalf("session %d: %d s of distance from %v to %v m, want 61 s from 0 to 180 m", i, len(d), d[0], d[len(d)-1])
		}
	}
}

// BenchmarkManySessions decodes files of 1,000 and 4,000 sessions (within the 96 h a file may span) and
// reports the time per session, which must not grow with their number
// (it grew fourfold before build searched for each session's laps and
// distance).
func BenchmarkManySessions(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		data := manySessions(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Decode(data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/session")
		})
	}
}
