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

func testShoes(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	list := func(athlete store.AthleteID) []activity.Shoe {
		t.Helper()
		shoes, err := s.Shoes(ctx, athlete)
		if err != nil {
			t.Fatalf("Shoes: %v", err)
		}
		return shoes
	}
	add := func(athlete store.AthleteID, sh activity.Shoe) int64 {
		t.Helper()
		id, err := s.SaveShoe(ctx, athlete, sh)
		if err != nil || id == 0 {
			t.Fatalf("SaveShoe(%+v) = %d, %v", sh, id, err)
		}
		return id
	}
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if got := list(store.DefaultAthlete); len(got) != 0 {
		t.Fatalf("Shoes before any = %+v", got)
	}
	// A run stored before any shoe has none.
	before := saveDays(t, s, store.DefaultAthlete, activity.Running)[0]
	blue := activity.Shoe{Name: "blue", Brand: "Nike Pegasus 41", Started: day, RetireAtM: 500_000, Default: true}
	blue.ID = add(store.DefaultAthlete, blue)
	red := activity.Shoe{Name: "red", Started: day.AddDate(0, 0, 1), RetireAtM: activity.DefaultRetireAtM}
	red.ID = add(store.DefaultAthlete, red)
	theirs := add(other, activity.Shoe{Name: "theirs", Started: day, RetireAtM: activity.DefaultRetireAtM, Default: true})

	// New runs go to the default shoe; a ride does not.
	a := Run(start.AddDate(0, 0, 5), 1200, activity.FIT)
	ride := Run(start.AddDate(0, 0, 6), 1200, activity.FIT)
	ride.Sport = activity.Cycling
	ids := save(t, s, store.DefaultAthlete, File("new.fit", activity.FIT, []byte("new shoes")), []store.Outcome{store.Imported, store.Imported}, a, ride)
	if r := get(t, s, store.DefaultAthlete, ids[0]); r.Shoe != blue.ID {
		t.Errorf("a new run's shoe = %d, want the default %d", r.Shoe, blue.ID)
	}
	if r := get(t, s, store.DefaultAthlete, ids[1]); r.Shoe != 0 {
		t.Errorf("a ride's shoe = %d, want none", r.Shoe)
	}
	if r := get(t, s, store.DefaultAthlete, before); r.Shoe != 0 {
		t.Errorf("a run stored before any shoe got %d", r.Shoe)
	}
	// Assigning moves a run's distance to the shoe.
	if err := s.SetShoe(ctx, store.DefaultAthlete, before, red.ID); err != nil {
		t.Fatalf("SetShoe: %v", err)
	}
	blue.DistanceM, red.DistanceM = a.DistanceM, get(t, s, store.DefaultAthlete, before).Activity.DistanceM
	if got := list(store.DefaultAthlete); !reflect.DeepEqual(got, []activity.Shoe{blue, red}) {
		t.Errorf("Shoes = %+v, want %+v", got, []activity.Shoe{blue, red})
	}
	// Making red the default makes blue not; retiring is a save too.
	red.Default, blue.Retired, blue.Default = true, true, false
	if _, err := s.SaveShoe(ctx, store.DefaultAthlete, red); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveShoe(ctx, store.DefaultAthlete, blue); err != nil {
		t.Fatal(err)
	}
	if got := list(store.DefaultAthlete); !reflect.DeepEqual(got, []activity.Shoe{blue, red}) {
		t.Errorf("Shoes after a new default and a retirement = %+v, want %+v", got, []activity.Shoe{blue, red})
	}
	// 0 takes the shoe off.
	if err := s.SetShoe(ctx, store.DefaultAthlete, before, 0); err != nil || get(t, s, store.DefaultAthlete, before).Shoe != 0 {
		t.Errorf("SetShoe(0) = %v, shoe %d; want none", err, get(t, s, store.DefaultAthlete, before).Shoe)
	}
	// Another athlete's shoe or activity is not found, and changes nothing.
	for _, tc := range []struct {
		name    string
		id, sho int64
	}{{"their shoe", before, theirs}, {"a missing shoe", before, 1 << 40}} {
		if err := s.SetShoe(ctx, store.DefaultAthlete, tc.id, tc.sho); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("SetShoe with %s = %v, want ErrNotFound", tc.name, err)
		}
	}
	if err := s.SetShoe(ctx, other, before, theirs); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetShoe of my activity by another athlete = %v, want ErrNotFound", err)
	}
	if _, err := s.SaveShoe(ctx, other, red); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SaveShoe of my shoe by another athlete = %v, want ErrNotFound", err)
	}
	if got := list(other); len(got) != 1 || got[0].Name != "theirs" || !got[0].Default {
		t.Errorf("the other athlete's shoes = %+v, want theirs alone, still their default", got)
	}
	// A shoe the runner set wrongly is refused by its field.
	var in *activity.InputError
	if _, err := s.SaveShoe(ctx, store.DefaultAthlete, activity.Shoe{Name: "x", Started: day, RetireAtM: 50}); !errors.As(err, &in) || in.Field != "retire at" {
		t.Errorf("SaveShoe retiring at 50 m = %v, want an InputError on retire at", err)
	}
}
