package store_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

func TestMatch(t *testing.T) {
	t.Parallel()
	fit := storetest.Run(t0, 1800, activity.FIT)
	gpx := storetest.Run(t0.Add(2*time.Second), 1800, activity.GPX)
	candidate := func(id int64, a *activity.Activity) store.Candidate {
		return store.Candidate{ID: id, Activity: *a, Richness: activity.Richness(a)}
	}
	ride := *fit
	ride.Sport = activity.Cycling
	later := storetest.Run(t0.Add(50*time.Second), 1800, activity.GPX)
	tagged := *gpx
	tagged.Sport, tagged.SportTagged = activity.Cycling, true
	tests := []struct {
		name       string
		a          *activity.Activity
		candidates []store.Candidate
		wantID     int64
		want       store.Outcome
	}{
		{"nothing stored", fit, nil, 0, store.Imported},
		{"other sport", fit, []store.Candidate{candidate(4, &ride)}, 0, store.Imported},
		{"poorer recording", gpx, []store.Candidate{candidate(7, fit)}, 7, store.SameSession},
		{"identical richness", fit, []store.Candidate{candidate(7, fit)}, 7, store.SameSession},
		{"richer recording", fit, []store.Candidate{candidate(7, gpx)}, 7, store.Replaced},
		{"sport the runner tagged", fit, []store.Candidate{candidate(5, &tagged)}, 5, store.Replaced},
		{"closest start wins", fit, []store.Candidate{candidate(3, later), candidate(9, gpx)}, 9, store.Replaced},
	}
	for _, tt := range tests {
		id, o := store.Match(tt.a, tt.candidates)
		if id != tt.wantID || o != tt.want {
			t.Errorf("%s: Match = %d, %s; want %d, %s", tt.name, id, o, tt.wantID, tt.want)
		}
	}
}

func TestCandidateWindow(t *testing.T) {
	t.Parallel()
	start := t0.Add(500 * time.Millisecond)
	from, to := store.CandidateWindow(start)
	// Every stored (whole-second) start that SameSession could accept lies inside.
	for _, d := range []time.Duration{-activity.SameStartWithin, activity.SameStartWithin} {
		s := start.Add(d).Truncate(time.Second).Unix()
		if s < from || s > to {
			t.Errorf("start %+v: %d outside [%d, %d]", d, s, from, to)
		}
	}
	if to-from > int64(2*activity.SameStartWithin/time.Second)+3 {
		t.Errorf("window [%d, %d] wider than needed", from, to)
	}
}

func TestKeepRunnerInput(t *testing.T) {
	t.Parallel()
	stored := &activity.Activity{Name: "Parkrun with Anna", RPE: 6, Notes: "windy", Source: activity.GPX}
	tests := []struct {
		name  string
		a     activity.Activity
		wantN string
		wantR int
		wantS string
	}{
		{"watch file without any", activity.Activity{Source: activity.FIT}, "Parkrun with Anna", 6, "windy"},
		{"its own win", activity.Activity{Name: "Race", RPE: 9, Notes: "PB"}, "Race", 9, "PB"},
		{"mixed", activity.Activity{Name: "Race"}, "Race", 6, "windy"},
	}
	for _, tt := range tests {
		a := tt.a
		got := store.KeepRunnerInput(&a, stored)
		if got.Name != tt.wantN || got.RPE != tt.wantR || got.Notes != tt.wantS {
			t.Errorf("%s: KeepRunnerInput = %q, %d, %q; want %q, %d, %q", tt.name, got.Name, got.RPE, got.Notes, tt.wantN, tt.wantR, tt.wantS)
		}
		if !reflect.DeepEqual(a, tt.a) {
			t.Errorf("%s: KeepRunnerInput changed its argument to %+v", tt.name, a)
		}
		if got.Source != tt.a.Source {
			t.Errorf("%s: source = %q, want the new recording's %q", tt.name, got.Source, tt.a.Source)
		}
	}
}

func TestKeepRunnerInputSport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		stored activity.Activity
		want   activity.Sport
	}{
		{"tagged by the runner", activity.Activity{Sport: activity.Cycling, SportTagged: true}, activity.Cycling},
		{"as the old file said", activity.Activity{Sport: activity.Cycling}, activity.Running},
	}
	for _, tt := range tests {
		got := store.KeepRunnerInput(&activity.Activity{Sport: activity.Running}, &tt.stored)
		if got.Sport != tt.want || got.SportTagged != tt.stored.SportTagged {
			t.Errorf("%s: sport %q (tagged %t), want %q (tagged %t)", tt.name, got.Sport, got.SportTagged, tt.want, tt.stored.SportTagged)
		}
	}
}

func TestCheckRPE(t *testing.T) {
	t.Parallel()
	for rpe, ok := range map[int]bool{-1: false, 0: true, 1: true, 10: true, 11: false} {
		if err := store.CheckRPE(rpe); (err == nil) != ok {
			t.Errorf("CheckRPE(%d) = %v, want ok %v", rpe, err, ok)
		}
	}
}
