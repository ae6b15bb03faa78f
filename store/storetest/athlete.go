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

// missingAthlete exists in no store under test.
const missingAthlete store.AthleteID = 987654

func testAthlete(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	if a, err := s.Athlete(ctx, store.DefaultAthlete); err != nil || !reflect.DeepEqual(a, activity.Athlete{}) {
		t.Fatalf("Athlete before saving = %+v, %v; want the zero profile", a, err)
	}
	profile := activity.Athlete{
		Name: "Anna", BirthYear: 1984, Sex: activity.Female, MassKg: 58.5,
		MaxHR: activity.Value{V: 188, Origin: activity.SetByRunner, Detail: "lab test",
			ActivityID: 42, At: time.Date(2025, 6, 1, 7, 12, 0, 0, time.UTC)},
		RestingHR:  activity.Value{V: 48, Origin: activity.SetByRunner},
		Experience: activity.Intermediate, Units: activity.Miles, Zones: activity.Reserve,
		// The runner's own rules are kept with the profile.
		Rules: map[string]float64{"max_above_cap": 5, "high_volume": 6.5},
	}
	if err := s.SaveAthlete(ctx, store.DefaultAthlete, profile); err != nil {
		t.Fatalf("SaveAthlete: %v", err)
	}
	if a, err := s.Athlete(ctx, store.DefaultAthlete); err != nil || !reflect.DeepEqual(a, profile) {
		t.Errorf("Athlete = %+v, %v; want %+v", a, err, profile)
	}
	// Saving replaces the whole profile.
	changed := activity.Athlete{Name: "Anna", MaxHR: activity.Value{V: 186, Origin: activity.SetByRunner}}
	if err := s.SaveAthlete(ctx, store.DefaultAthlete, changed); err != nil {
		t.Fatalf("SaveAthlete again: %v", err)
	}
	if a, err := s.Athlete(ctx, store.DefaultAthlete); err != nil || !reflect.DeepEqual(a, changed) {
		t.Errorf("Athlete after replacing = %+v, %v; want %+v", a, err, changed)
	}
	if a, err := s.Athlete(ctx, other); err != nil || !reflect.DeepEqual(a, activity.Athlete{}) {
		t.Errorf("Athlete(other) = %+v, %v; want their own zero profile", a, err)
	}
	if err := s.SaveAthlete(ctx, missingAthlete, profile); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SaveAthlete(missing athlete): err = %v, want ErrNotFound", err)
	}
	if _, err := s.Athlete(ctx, missingAthlete); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Athlete(missing athlete): err = %v, want ErrNotFound", err)
	}
}

func testSetRPE(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	ids := save(t, s, store.DefaultAthlete, File("run.fit", activity.FIT, []byte("run")), []store.Outcome{store.Imported}, Run(start, 1800, activity.FIT))
	id := ids[0]
	tests := []struct {
		name    string
		athlete store.AthleteID
		id      int64
		rpe     int
		wantErr error // nil: no error; errAny: some error
		want    int   // the stored RPE afterwards
	}{
		{"set", store.DefaultAthlete, id, 7, nil, 7},
		{"top of the scale", store.DefaultAthlete, id, 10, nil, 10},
		{"above the scale", store.DefaultAthlete, id, 11, errAny, 10},
		{"negative", store.DefaultAthlete, id, -1, errAny, 10},
		{"another athlete's activity", other, id, 2, store.ErrNotFound, 10},
		{"missing activity", store.DefaultAthlete, id + 1000, 2, store.ErrNotFound, 10},
		{"clear", store.DefaultAthlete, id, 0, nil, 0},
	}
	for _, tt := range tests {
		err := s.SetRPE(ctx, tt.athlete, tt.id, tt.rpe)
		switch {
		case tt.wantErr == nil && err != nil, tt.wantErr != nil && err == nil:
			t.Errorf("%s: SetRPE(%d) = %v, want error %v", tt.name, tt.rpe, err, tt.wantErr)
		case tt.wantErr != nil && tt.wantErr != errAny && !errors.Is(err, tt.wantErr):
			t.Errorf("%s: SetRPE(%d) = %v, want %v", tt.name, tt.rpe, err, tt.wantErr)
		}
		if r := get(t, s, store.DefaultAthlete, id); r.Activity.RPE != tt.want {
			t.Errorf("%s: RPE = %d, want %d", tt.name, r.Activity.RPE, tt.want)
		}
	}
}

func testSetSport(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	gpx := Run(start.Add(time.Second), 1795, activity.GPX)
	ids := save(t, s, store.DefaultAthlete, File("strava.gpx", activity.GPX, []byte("gpx")), []store.Outcome{store.Imported}, gpx)
	id := ids[0]
	tests := []struct {
		name    string
		athlete store.AthleteID
		id      int64
		sport   activity.Sport
		wantErr error // nil: no error; errAny: some error
		want    activity.Sport
	}{
		{"tag a ride", store.DefaultAthlete, id, activity.Cycling, nil, activity.Cycling},
		{"not a sport easyrun knows", store.DefaultAthlete, id, "quidditch", errAny, activity.Cycling},
		{"no sport", store.DefaultAthlete, id, "", errAny, activity.Cycling},
		{"another athlete's activity", other, id, activity.Running, store.ErrNotFound, activity.Cycling},
		{"missing activity", store.DefaultAthlete, id + 1000, activity.Running, store.ErrNotFound, activity.Cycling},
	}
	for _, tt := range tests {
		err := s.SetSport(ctx, tt.athlete, tt.id, tt.sport)
		switch {
		case tt.wantErr == nil && err != nil, tt.wantErr != nil && err == nil:
			t.Errorf("%s: SetSport(%q) = %v, want error %v", tt.name, tt.sport, err, tt.wantErr)
		case tt.wantErr != nil && tt.wantErr != errAny && !errors.Is(err, tt.wantErr):
			t.Errorf("%s: SetSport(%q) = %v, want %v", tt.name, tt.sport, err, tt.wantErr)
		}
		if r := get(t, s, store.DefaultAthlete, id); r.Activity.Sport != tt.want || !r.Activity.SportTagged {
			t.Errorf("%s: sport %q (tagged %t), want %q tagged", tt.name, r.Activity.Sport, r.Activity.SportTagged, tt.want)
		}
	}
	// The watch's file of the same session says running; the runner's tag
	// stays, and listings, loads and filters see it.
	fit := Run(start, 1800, activity.FIT)
	save(t, s, store.DefaultAthlete, File("watch.fit", activity.FIT, []byte("fit")), []store.Outcome{store.Replaced}, fit)
	recs, err := s.Activities(ctx, store.DefaultAthlete, store.Filter{Sport: activity.Cycling})
	if err != nil || len(recs) != 1 || recs[0].ID != id || !recs[0].Activity.SportTagged {
		t.Errorf("cycling after a richer recording: %d activities (%v), want activity %d tagged", len(recs), err, id)
	}
}

// errAny stands for any error in tables of wanted errors.
var errAny = errors.New("any error")

func testRunnerInputKept(t *testing.T, s store.Store, _ store.AthleteID) {
	ctx := context.Background()
	gpx := Run(start.Add(time.Second), 1795, activity.GPX)
	gpx.Name, gpx.Notes = "Parkrun with Anna", "windy on the dyke"
	ids := save(t, s, store.DefaultAthlete, File("strava.gpx", activity.GPX, []byte("gpx")), []store.Outcome{store.Imported}, gpx)
	if err := s.SetRPE(ctx, store.DefaultAthlete, ids[0], 6); err != nil {
		t.Fatalf("SetRPE: %v", err)
	}
	if err := s.SaveAnalyses(ctx, store.DefaultAthlete, []store.Analysis{analysed(ids[0], analyse(gpx))}); err != nil {
		t.Fatalf("SaveAnalyses: %v", err)
	}
	// A watch's FIT file carries no name, RPE or notes.
	fit := Run(start, 1800, activity.FIT)
	fit.Name, fit.RPE, fit.Notes = "", 0, ""
	save(t, s, store.DefaultAthlete, File("watch.fit", activity.FIT, []byte("fit")), []store.Outcome{store.Replaced}, fit)
	r := get(t, s, store.DefaultAthlete, ids[0])
	want := *fit
	want.Name, want.RPE, want.Notes = gpx.Name, 6, gpx.Notes
	if err := compareActivity(&r.Activity, &want); err != nil {
		t.Errorf("the FIT recording with the runner's name, RPE and notes: %v", err)
	}
	if r.Analysis != nil {
		t.Errorf("the analysis of the replaced recording stayed: %+v", r.Analysis)
	}
}
