package fit

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/physio"
)

// encode writes msgs as one FIT file with the library's encoder.
func encode(t testing.TB, msgs ...proto.Message) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := encoder.New(&b, encoder.WithProtocolVersion(proto.V2)).Encode(&proto.FIT{Messages: msgs}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func garminFile(kind typedef.File, at time.Time) proto.Message {
	f := mesgdef.NewFileId(nil)
	f.Type, f.Manufacturer, f.Product, f.TimeCreated = kind, typedef.ManufacturerGarmin, uint16(typedef.GarminProductFenix7), at
	return f.ToMesg(nil)
}

func restingHR(at time.Time, today uint8) proto.Message {
	h := mesgdef.NewMonitoringHrData(nil)
	h.Timestamp, h.RestingHeartRate, h.CurrentDayRestingHeartRate = at, 52, today
	return h.ToMesg(nil)
}

func hrvStatus(at time.Time, lastNightMs float64) proto.Message {
	h := mesgdef.NewHrvStatusSummary(nil)
	h.Timestamp = at
	h.SetLastNightAverageScaled(lastNightMs)
	h.SetWeeklyAverageScaled(60)
	return h.ToMesg(nil)
}

func rr(ms ...uint16) proto.Message {
	h := mesgdef.NewHrv(nil)
	h.Time = ms
	return h.ToMesg(nil)
}

// restRR is n RR intervals alternating 1000 and 1040 ms: an rMSSD of 40 ms.
func restRR(n int) []uint16 {
	out := make([]uint16, n)
	for i := range out {
		out[i] = uint16(1000 + 40*(i%2))
	}
	return out
}

// TestMornings reads files made with the FIT library's encoder in the
// shape of Garmin's (no file of the corpus holds a resting heart rate, an
// HRV status or a recording at rest): a daily monitoring file, an HRV
// status file, a recording of RR intervals at rest, and a run with RR
// intervals, which gives no morning.
func TestMornings(t *testing.T) {
	t.Parallel()
	utc := time.Date(2026, 3, 9, 22, 30, 0, 0, time.UTC) // 00:30 on the 10th at UTC+2
	info := mesgdef.NewMonitoringInfo(nil)
	info.Timestamp, info.LocalTimestamp = utc, utc.Add(2*time.Hour)
	session := mesgdef.NewSession(nil)
	session.StartTime, session.Sport, session.TotalElapsedTime = utc, typedef.SportRunning, 1800*1000
	fenix := func(m activity.Morning) activity.Morning {
		m.Source, m.Device = activity.FIT, "garmin fenix7"
		return m
	}
	for _, tc := range []struct {
		name string
		msgs []proto.Message
		want []activity.Morning
	}{
		{"monitoring, local dates", []proto.Message{garminFile(typedef.FileMonitoringDaily, utc), info.ToMesg(nil),
			restingHR(utc, 48), restingHR(utc.Add(24*time.Hour), 49), restingHR(utc.Add(48*time.Hour), 0xFF)},
			[]activity.Morning{fenix(activity.Morning{Date: "2026-03-10", RestingHR: 48}), fenix(activity.Morning{Date: "2026-03-11", RestingHR: 49})}},
		{"HRV status beside resting HR, UTC dates", []proto.Message{garminFile(typedef.FileMonitoringDaily, utc),
			restingHR(utc, 48), hrvStatus(utc.Add(time.Hour), 62.5)},
			[]activity.Morning{fenix(activity.Morning{Date: "2026-03-09", RestingHR: 48, RMSSDMs: 62.5})}},
		{"a resting HR out of range", []proto.Message{garminFile(typedef.FileMonitoringDaily, utc), restingHR(utc, 12)}, nil},
		{"RR at rest", []proto.Message{garminFile(typedef.FileActivity, utc), rr(restRR(30)...), rr(restRR(40)...)},
			[]activity.Morning{fenix(activity.Morning{Date: "2026-03-09", RMSSDMs: 40})}},
		{"RR too short at rest", []proto.Message{garminFile(typedef.FileActivity, utc), rr(restRR(50)...)}, nil},
		{"RR of a run", []proto.Message{garminFile(typedef.FileActivity, utc), session.ToMesg(nil), rr(restRR(100)...), rr(restRR(100)...)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Mornings(encode(t, tc.msgs...), physio.RMSSD)
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Mornings = %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

// TestMorningsCorpus reads the corpus's Garmin monitoring file, which
// logs steps and activity but no resting heart rate, and its activities,
// whose RR intervals are of runs: no mornings, and no error.
func TestMorningsCorpus(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"fit/dtcooper__MonitoringFile.fit", "fit/garmin__HrmPluginTestActivity.fit", "fit/dtcooper__activity-small-fenix2-run.fit"} {
		data, err := os.ReadFile(corpus.File(t, name))
		if err != nil {
			t.Fatal(err)
		}
		if ms, err := Mornings(data, physio.RMSSD); err != nil || len(ms) != 0 {
			t.Errorf("%s: Mornings = %+v, %v; want none", filepath.Base(name), ms, err)
		}
	}
}

// FuzzMornings: no input makes Mornings panic or give a morning outside
// the ranges of activity.Morning.
func FuzzMornings(f *testing.F) {
	utc := time.Date(2026, 3, 9, 22, 30, 0, 0, time.UTC)
	f.Add(encode(f, garminFile(typedef.FileMonitoringDaily, utc), restingHR(utc, 48), hrvStatus(utc, 62)))
	f.Add(encode(f, garminFile(typedef.FileActivity, utc), rr(restRR(80)...)))
	f.Fuzz(func(t *testing.T, data []byte) {
		ms, err := Mornings(data, physio.RMSSD)
		if err != nil && len(ms) > 0 {
			t.Fatalf("mornings %+v with error %v", ms, err)
		}
		for _, m := range ms {
			d, _ := m.Day()
			if err := m.Validate(d); err != nil {
				t.Fatalf("morning %+v: %v", m, err)
			}
		}
	})
}
