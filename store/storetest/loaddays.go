package storetest

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/store"
)

// dayOf is t's calendar date as load.State dates it: midnight UTC.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// testLoadDays: day summaries come back to the last bit with their
// basis, the state before a date is the last day before it, saving from
// a day replaces that day and the later ones, and every change to what
// loads are made of — an analysis saved, replaced or dropped, an RPE or a
// sport set, an activity deleted — makes them no longer current until
// they are saved again.
func testLoadDays(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	me := store.DefaultAthlete
	state := func(athlete store.AthleteID, before time.Time) (store.LoadBasis, load.State) {
		t.Helper()
		b, st, err := s.LoadState(ctx, athlete, before)
		if err != nil {
			t.Fatalf("LoadState(%d, %s): %v", athlete, before.Format(time.DateOnly), err)
		}
		return b, st
	}
	list := func(want ...load.State) {
		t.Helper()
		if got, err := s.LoadDays(ctx, me); err != nil || len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("LoadDays = %+v, %v; want %+v", got, err, want)
		}
	}
	put := func(b store.LoadBasis, from time.Time, days ...load.State) {
		t.Helper()
		if err := s.SaveLoadDays(ctx, me, b, from, days); err != nil {
			t.Fatalf("SaveLoadDays(from %s): %v", from.Format(time.DateOnly), err)
		}
	}
	d0 := dayOf(start)
	day := func(i int, l float64) load.State {
		return load.State{Date: d0.AddDate(0, 0, i), Load: l, Fitness: l / 3, Fatigue: math.Pi * l, Acute: math.Nextafter(l, 0),
			Chronic: 1e-300 * l, Impulse1: math.Sqrt2 * l, Impulse2: l / 7, Days: 40 + i}
	}

	if b, st := state(me, d0); b.Current || b.Changes != 0 || st != (load.State{}) {
		t.Fatalf("LoadState before any = %+v, %+v; want no basis, no day", b, st)
	}
	list()
	basis := store.LoadBasis{Version: 2, Zone: "Europe/Paris", RPEFactor: 0.3141592653589793, RPEPairs: 5, Unit: "trimp", Unloaded: 2,
		Last: start.Add(47 * time.Hour)}
	put(basis, d0, day(0, 61.5), day(1, 0), day(2, 102.25))
	basis.Current = true
	if b, st := state(me, d0.AddDate(0, 0, 2).Add(13*time.Hour)); !reflect.DeepEqual(b, basis) || st != day(1, 0) {
		t.Errorf("LoadState before day 2 = %+v, %+v; want %+v, %+v", b, st, basis, day(1, 0))
	}
	if _, st := state(me, d0); st != (load.State{}) {
		t.Errorf("LoadState before the first day = %+v, want none", st)
	}
	if _, st := state(me, d0.AddDate(1, 0, 0)); st != day(2, 102.25) {
		t.Errorf("LoadState a year on = %+v, want the last day", st)
	}
	list(day(0, 61.5), day(1, 0), day(2, 102.25))
	put(basis, d0.AddDate(0, 0, 1), day(1, 7), day(2, 8), day(3, 9))
	list(day(0, 61.5), day(1, 7), day(2, 8), day(3, 9))
	put(basis, d0.AddDate(0, 0, 2))
	list(day(0, 61.5), day(1, 7))

	// Another athlete's are apart; an athlete that does not exist has none.
	if b, st := state(other, d0.AddDate(0, 0, 5)); b.Current || st != (load.State{}) {
		t.Errorf("LoadState of another athlete = %+v, %+v; want none", b, st)
	}
	if err := s.SaveLoadDays(ctx, 1<<40, basis, d0, []load.State{day(0, 1)}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SaveLoadDays of no athlete: err = %v, want ErrNotFound", err)
	}

	ids := saveDays(t, s, me, activity.Running, activity.Running)
	r := analyse(Run(start, 1200, activity.FIT))
	changes := []struct {
		name   string
		change func() error
	}{
		{"SaveAnalyses", func() error {
			return s.SaveAnalyses(ctx, me, []store.Analysis{analysed(ids[0], r), analysed(ids[1], r)})
		}},
		{"SaveAnalyses again", func() error { return s.SaveAnalyses(ctx, me, []store.Analysis{analysed(ids[1], r)}) }},
		{"SetRPE", func() error { return s.SetRPE(ctx, me, ids[0], 6) }},
		{"SetSport", func() error { return s.SetSport(ctx, me, ids[1], activity.Cycling) }},
		{"DeleteActivity", func() error { return s.DeleteActivity(ctx, me, ids[0]) }},
	}
	for _, c := range changes {
		b, _ := state(me, d0)
		put(b, d0, day(0, 1))
		if b, _ := state(me, d0); !b.Current {
			t.Fatalf("before %s: saved summaries not current", c.name)
		}
		if err := c.change(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if b, _ := state(me, d0); b.Current {
			t.Errorf("after %s: summaries still current", c.name)
		}
		// A save made from a count read before the change is not current.
		put(b, d0, day(0, 1))
		if b, _ := state(me, d0); b.Current {
			t.Errorf("saved from the count before %s: current", c.name)
		}
	}
	// Another athlete's changes leave mine current.
	b, _ := state(me, d0)
	put(b, d0, day(0, 1))
	theirs := saveDays(t, s, other, activity.Running)
	if err := s.SaveAnalyses(ctx, other, []store.Analysis{analysed(theirs[0], r)}); err != nil {
		t.Fatalf("SaveAnalyses of another athlete: %v", err)
	}
	if b, _ := state(me, d0); !b.Current {
		t.Errorf("another athlete's analysis made mine stale")
	}
}
