package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// testDerived saves files with what an importer derived from their
// activities: a new activity is stored with its peak and its analysis, a
// poorer recording of it changes neither, and a richer one brings its
// own peak but leaves the analysis to be made anew.
func testDerived(t *testing.T, s store.Store, _ store.AthleteID) {
	ctx := context.Background()
	gpx := Run(start.Add(time.Second), 1795, activity.GPX)
	derive := func(bpm float64) func(a *activity.Activity) store.Derived {
		return func(a *activity.Activity) store.Derived {
			r := analyse(a)
			r.Draft = true
			return store.Derived{Analysis: &r, Peak: store.Peak{
				HR:    activity.Value{V: bpm, Origin: activity.Detected, Detail: "detected", At: a.Start}, // no ActivityID yet
				Bests: []analysis.Best{{DistanceM: 1000, Seconds: 250, StartS: 60}}}}
		}
	}
	saveDerived := func(name string, format activity.Format, a *activity.Activity, bpm float64, want store.Outcome) int64 {
		t.Helper()
		e := Encode(t, File(name, format, []byte(name)), a)
		if err := e.Derive(derive(bpm)); err != nil {
			t.Fatalf("Derive: %v", err)
		}
		saved, err := s.SaveFile(ctx, store.DefaultAthlete, e)
		if err != nil || len(saved) != 1 || saved[0].Outcome != want {
			t.Fatalf("SaveFile(%s) = %+v, %v; want %s", name, saved, err, want)
		}
		return saved[0].ID
	}
	check := func(when string, wantBPM float64, wantAnalysis *analysis.Result) {
		t.Helper()
		ps, err := s.Peaks(ctx, store.DefaultAthlete, time.Time{}, time.Time{})
		if err != nil || len(ps) != 1 || !ps[0].Measured || ps[0].HR.V != wantBPM || ps[0].HR.ActivityID != ps[0].ActivityID ||
			len(ps[0].Bests) != 1 {
			t.Errorf("%s: Peaks = %+v, %v; want one measured at %v bpm, of its activity, with its best", when, ps, err, wantBPM)
		}
		recs, err := s.Activities(ctx, store.DefaultAthlete, store.Filter{})
		if err != nil || len(recs) != 1 {
			t.Fatalf("%s: Activities = %+v, %v; want one", when, recs, err)
		}
		if got := recs[0].Analysis; !reflect.DeepEqual(got, wantAnalysis) {
			t.Errorf("%s: analysis = %+v, want %+v", when, got, wantAnalysis)
		}
	}

	id := saveDerived("strava.gpx", activity.GPX, gpx, 181, store.Imported)
	draft := derive(0)(gpx).Analysis
	check("a new activity", 181, stored(t, *draft))
	if loads, err := s.Loads(ctx, store.DefaultAthlete, time.Time{}, time.Time{}); err != nil || len(loads) != 1 ||
		loads[0].ActivityID != id || loads[0].Load != draft.Load.Value {
		t.Errorf("Loads = %+v, %v; want the new activity's load %v", loads, err, draft.Load.Value)
	}

	poorer := Run(start.Add(2*time.Second), 1790, activity.GPX)
	saveDerived("phone.gpx", activity.GPX, poorer, 150, store.SameSession)
	check("after a poorer recording", 181, stored(t, *draft))

	fit := Run(start, 1800, activity.FIT)
	saveDerived("watch.fit", activity.FIT, fit, 188, store.Replaced)
	check("after a richer recording", 188, nil)
}
