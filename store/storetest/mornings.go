package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// testMornings: a morning is kept per athlete and date, entered again it
// replaces the first, a file's never replaces the runner's own, and
// listings are bounded by date, oldest first.
func testMornings(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	me := store.DefaultAthlete
	save := func(athlete store.AthleteID, m activity.Morning, want bool) {
		t.Helper()
		if saved, err := s.SaveMorning(ctx, athlete, m); err != nil || saved != want {
			t.Fatalf("SaveMorning(%+v) = %v, %v; want %v", m, saved, err, want)
		}
	}
	list := func(athlete store.AthleteID, from, to string, want ...activity.Morning) {
		t.Helper()
		got, err := s.Mornings(ctx, athlete, from, to)
		if err != nil || len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("Mornings(%d, %q, %q) = %+v, %v; want %+v", athlete, from, to, got, err, want)
		}
	}
	file := activity.Morning{Date: "2026-03-05", RestingHR: 47, Source: activity.FIT, Device: "Garmin fenix 7"}
	first := activity.Morning{Date: "2026-03-06", RestingHR: 48, RMSSDMs: 62.5, Sleep: 7*time.Hour + 30*time.Minute, Legs: activity.TiredLegs,
		Source: activity.Manual, Note: "slept badly 💤"}
	again := activity.Morning{Date: "2026-03-06", RMSSDMs: 58, Legs: activity.NormalLegs, Source: activity.Manual}
	later := activity.Morning{Date: "2026-03-07", Sleep: 6 * time.Hour, Source: activity.Manual}

	list(me, "", "")
	save(me, file, true)
	save(me, first, true)
	save(me, later, true)
	list(me, "", "", file, first, later)
	save(me, again, true) // entered again: replaces
	list(me, "2026-03-06", "2026-03-07", again, later)
	// A file's morning of the same date leaves the runner's own; of a
	// file's date it replaces the file's.
	save(me, activity.Morning{Date: "2026-03-06", RestingHR: 51, Source: activity.FIT}, false)
	newer := activity.Morning{Date: "2026-03-05", RestingHR: 46, RMSSDMs: 70, Source: activity.FIT, Device: "Garmin fenix 8"}
	save(me, newer, true)
	list(me, "", "2026-03-06", newer, again)

	// Athletes apart.
	list(other, "", "")
	theirs := activity.Morning{Date: "2026-03-06", Legs: activity.FreshLegs, Source: activity.Manual}
	save(other, theirs, true)
	list(other, "", "", theirs)
	list(me, "2026-03-06", "2026-03-06", again)
	if _, err := s.SaveMorning(ctx, 999999, first); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SaveMorning of no athlete: err %v, want ErrNotFound", err)
	}
}
