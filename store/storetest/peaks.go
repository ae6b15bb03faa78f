package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

func testPeaks(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	// The first run is a GPX recording, which a FIT one replaces below.
	gpx := Run(start.AddDate(0, 0, -1), 1200, activity.GPX)
	ids := save(t, s, store.DefaultAthlete, File("run.gpx", activity.GPX, []byte("gpx")), []store.Outcome{store.Imported}, gpx)
	ids = append(ids, saveDays(t, s, store.DefaultAthlete, activity.Cycling, activity.Running)...)
	theirs := saveDays(t, s, other, activity.Running)
	peak := func(id int64, bpm float64) store.Peak {
		return store.Peak{ActivityID: id, HR: activity.Value{V: bpm, Origin: activity.Detected,
			Detail: "detected", ActivityID: id, At: start.In(time.FixedZone("", 3600))},
			Bests: []analysis.Best{{DistanceM: 1000, Seconds: 241.5, StartS: 12.25}, {DistanceM: 5000, Seconds: bpm * 7, StartS: 0}}}
	}
	listed := func(p store.Peak, sport activity.Sport) store.Peak {
		p.Sport, p.Measured = sport, true
		return p
	}
	list := func(from, to time.Time) []store.Peak {
		t.Helper()
		ps, err := s.Peaks(ctx, store.DefaultAthlete, from, to)
		if err != nil {
			t.Fatalf("Peaks: %v", err)
		}
		return ps
	}
	unmeasured := []store.Peak{{ActivityID: ids[0], Sport: activity.Running},
		{ActivityID: ids[1], Sport: activity.Cycling}, {ActivityID: ids[2], Sport: activity.Running}}
	if got := list(time.Time{}, time.Time{}); !reflect.DeepEqual(got, unmeasured) {
		t.Fatalf("Peaks before any is saved = %+v, want every activity unmeasured, oldest first: %+v", got, unmeasured)
	}
	// A zero peak is a measurement too: the activity had no heart rate.
	saved := []store.Peak{peak(ids[0], 181), {ActivityID: ids[1]}, peak(ids[2], 176)}
	if err := s.SavePeaks(ctx, store.DefaultAthlete, saved); err != nil {
		t.Fatalf("SavePeaks: %v", err)
	}
	want := []store.Peak{listed(saved[0], activity.Running), listed(saved[1], activity.Cycling), listed(saved[2], activity.Running)}
	if got := list(time.Time{}, time.Time{}); !comparePeaks(got, want) {
		t.Errorf("Peaks = %+v, want %+v", got, want)
	}
	// [from, to) bounds the starts.
	if got := list(start, start.AddDate(0, 0, 1)); !comparePeaks(got, want[1:2]) {
		t.Errorf("Peaks of one day = %+v, want %+v", got, want[1:2])
	}
	// Saving again replaces.
	if err := s.SavePeaks(ctx, store.DefaultAthlete, []store.Peak{peak(ids[2], 185)}); err != nil {
		t.Fatalf("SavePeaks again: %v", err)
	}
	want[2] = listed(peak(ids[2], 185), activity.Running)
	if got := list(time.Time{}, time.Time{}); !comparePeaks(got, want) {
		t.Errorf("Peaks after saving again = %+v, want %+v", got, want)
	}
	// A peak of another athlete's activity saves nothing.
	if err := s.SavePeaks(ctx, other, []store.Peak{peak(theirs[0], 190), peak(ids[0], 100)}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SavePeaks with another athlete's activity = %v, want ErrNotFound", err)
	}
	if ps, err := s.Peaks(ctx, other, time.Time{}, time.Time{}); err != nil || len(ps) != 1 || ps[0].Measured {
		t.Errorf("a failed SavePeaks saved %+v (%v)", ps, err)
	}
	if got := list(time.Time{}, time.Time{}); !comparePeaks(got, want) {
		t.Errorf("another athlete's failed SavePeaks changed mine: %+v", got)
	}
	// A richer recording of the first run drops its peak.
	fit := Run(start.AddDate(0, 0, -1), 1200, activity.FIT)
	save(t, s, store.DefaultAthlete, File("watch.fit", activity.FIT, []byte("fit")), []store.Outcome{store.Replaced}, fit)
	if got := list(time.Time{}, time.Time{}); got[0].Measured || !comparePeaks(got[1:], want[1:]) {
		t.Errorf("Peaks after the first run's recording was replaced = %+v, want it unmeasured and the others kept", got)
	}
}

// comparePeaks reports whether the peaks a and b are the same, times
// compared as instants and offsets (as stored).
func comparePeaks(a, b []store.Peak) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		_, ox := x.HR.At.Zone()
		_, oy := y.HR.At.Zone()
		if !x.HR.At.Equal(y.HR.At) || ox != oy {
			return false
		}
		x.HR.At, y.HR.At = time.Time{}, time.Time{}
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}
