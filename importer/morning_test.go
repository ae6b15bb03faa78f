package importer

import (
	"bytes"
	"context"
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
	"github.com/easyrun/easyrun/store"
)

// monitoringFile is a daily monitoring file as a Garmin fenix 7 writes
// one, made with the FIT library's encoder: the resting heart rate of
// two days and the night's HRV status of the second.
func monitoringFile(t *testing.T) []byte {
	t.Helper()
	day := time.Date(2026, 3, 9, 22, 0, 0, 0, time.UTC) // midnight at UTC+2
	f := mesgdef.NewFileId(nil)
	f.Type, f.Manufacturer, f.Product, f.TimeCreated = typedef.FileMonitoringDaily, typedef.ManufacturerGarmin, uint16(typedef.GarminProductFenix7), day
	info := mesgdef.NewMonitoringInfo(nil)
	info.Timestamp, info.LocalTimestamp = day, day.Add(2*time.Hour)
	msgs := []proto.Message{f.ToMesg(nil), info.ToMesg(nil)}
	for i, bpm := range []uint8{47, 53} {
		h := mesgdef.NewMonitoringHrData(nil)
		h.Timestamp, h.CurrentDayRestingHeartRate = day.AddDate(0, 0, i), bpm
		msgs = append(msgs, h.ToMesg(nil))
	}
	hrv := mesgdef.NewHrvStatusSummary(nil)
	hrv.Timestamp = day.AddDate(0, 0, 1).Add(6 * time.Hour)
	hrv.SetLastNightAverageScaled(55)
	msgs = append(msgs, hrv.ToMesg(nil))
	var b bytes.Buffer
	if err := encoder.New(&b).Encode(&proto.FIT{Messages: msgs}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImportMornings: a monitoring file among activities gives its
// mornings rather than a skip; a morning the runner checked in stays
// theirs; importing again changes nothing.
func TestImportMornings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := openStore(t)
	mine := activity.Morning{Date: "2026-03-11", RestingHR: 50, Legs: activity.TiredLegs, Source: activity.Manual}
	if _, err := db.SaveMorning(ctx, store.DefaultAthlete, mine); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "monitoring.fit"), monitoringFile(t), 0o644); err != nil {
		t.Fatal(err)
	}
	im := &Importer{Store: db, Athlete: store.DefaultAthlete}
	for _, want := range []int{1, 1} { // the 11th is the runner's both times
		sum, err := im.Import(ctx, dir)
		if err != nil || sum.Mornings != want || len(sum.Skipped) != 0 || sum.Failed() {
			t.Fatalf("import: %+v, %v; want %d morning and no skip", sum, err, want)
		}
	}
	got, err := db.Mornings(ctx, store.DefaultAthlete, "", "")
	fenix := activity.Morning{Date: "2026-03-10", RestingHR: 47, Source: activity.FIT, Device: "garmin fenix7"}
	if err != nil || !reflect.DeepEqual(got, []activity.Morning{fenix, mine}) {
		t.Errorf("mornings %+v, %v; want %+v and the runner's own", got, err, fenix)
	}
}
