package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// analyse returns the analysis of a for a runner whose max and resting
// heart rates are known, so that it has a class, zones and a load.
func analyse(a *activity.Activity) analysis.Result {
	return analysis.Analyze(a, analysis.Context{Athlete: activity.Athlete{
		MaxHR:     activity.Value{V: 190, Origin: activity.SetByRunner},
		RestingHR: activity.Value{V: 50, Origin: activity.SetByRunner},
	}})
}

// stored is r as a store gives it back: results are kept as JSON.
func stored(t *testing.T, r analysis.Result) *analysis.Result {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back analysis.Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	return &back
}

// analysed pairs an activity with its analysis.
func analysed(id int64, r analysis.Result) store.Analysis {
	return store.Analysis{ActivityID: id, Result: r}
}

// saveDays saves one activity a day from start for each sport, as FIT
// files, and returns their ids in order.
func saveDays(t *testing.T, s store.Store, athlete store.AthleteID, sports ...activity.Sport) []int64 {
	t.Helper()
	var ids []int64
	for d, sport := range sports {
		a := Run(start.AddDate(0, 0, d), 1200, activity.FIT)
		a.Sport = sport
		f := File(fmt.Sprintf("day%d.fit", d), activity.FIT, fmt.Appendf(nil, "athlete %d day %d", athlete, d))
		ids = append(ids, save(t, s, athlete, f, []store.Outcome{store.Imported}, a)...)
	}
	return ids
}

func testAnalyses(t *testing.T, s store.Store, _ store.AthleteID) {
	ctx := context.Background()
	ids := saveDays(t, s, store.DefaultAthlete, activity.Running, activity.Running)
	if r := get(t, s, store.DefaultAthlete, ids[0]); r.Analysis != nil {
		t.Fatalf("Analysis before analysing = %+v, want nil", r.Analysis)
	}
	easy := analyse(Run(start, 1200, activity.FIT))
	hard := easy
	hard.Class, hard.Hard, hard.HardReasons = analysis.Intervals, true, []string{"5 bouts above 85 % of max HR"}
	if err := s.SaveAnalyses(ctx, store.DefaultAthlete, []store.Analysis{analysed(ids[0], easy), analysed(ids[1], easy)}); err != nil {
		t.Fatalf("SaveAnalyses: %v", err)
	}
	// Saving again replaces.
	if err := s.SaveAnalyses(ctx, store.DefaultAthlete, []store.Analysis{analysed(ids[1], hard)}); err != nil {
		t.Fatalf("SaveAnalyses again: %v", err)
	}
	want := map[int64]*analysis.Result{ids[0]: stored(t, easy), ids[1]: stored(t, hard)}
	for id, w := range want {
		if r := get(t, s, store.DefaultAthlete, id); !reflect.DeepEqual(r.Analysis, w) {
			t.Errorf("Activity(%d).Analysis = %+v, want %+v", id, r.Analysis, w)
		}
	}
	recs, err := s.Activities(ctx, store.DefaultAthlete, store.Filter{})
	if err != nil || len(recs) != 2 {
		t.Fatalf("Activities = %d, %v; want 2", len(recs), err)
	}
	for _, r := range recs {
		if !reflect.DeepEqual(r.Analysis, want[r.ID]) {
			t.Errorf("Activities: %d has analysis %+v, want %+v", r.ID, r.Analysis, want[r.ID])
		}
	}
	// A brief listing has the values kept beside each analysis alone, and
	// none for a run not analysed.
	unanalysed := save(t, s, store.DefaultAthlete, File("later.fit", activity.FIT, []byte("not analysed")),
		[]store.Outcome{store.Imported}, Run(start.AddDate(0, 0, 5), 1200, activity.FIT))[0]
	recs, err = s.Activities(ctx, store.DefaultAthlete, store.Filter{Brief: true})
	if err != nil || len(recs) != 3 {
		t.Fatalf("brief Activities = %d, %v; want 3", len(recs), err)
	}
	for _, r := range recs {
		w := want[r.ID]
		if r.ID == unanalysed {
			if r.Analysis != nil {
				t.Errorf("brief Activities: %d not analysed has analysis %+v, want none", r.ID, r.Analysis)
			}
			continue
		}
		brief := &analysis.Result{Version: w.Version, Class: w.Class, Hard: w.Hard, DurationS: w.DurationS,
			Load: analysis.Load{Value: w.Load.Value, Method: w.Load.Method}}
		if !reflect.DeepEqual(r.Analysis, brief) {
			t.Errorf("brief Activities: %d has analysis %+v, want %+v", r.ID, r.Analysis, brief)
		}
	}
	if err := s.SaveAnalyses(ctx, store.DefaultAthlete, nil); err != nil {
		t.Errorf("SaveAnalyses(nothing): %v", err)
	}
}

func testAnalysesApart(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	mine := saveDays(t, s, store.DefaultAthlete, activity.Running)
	theirs := saveDays(t, s, other, activity.Running, activity.Running)
	r := analyse(Run(start, 1200, activity.FIT))
	tests := []struct {
		name string
		as   []store.Analysis
	}{
		{"only another athlete's", []store.Analysis{analysed(mine[0], r)}},
		{"one of another athlete's among theirs", []store.Analysis{analysed(theirs[0], r), analysed(mine[0], r), analysed(theirs[1], r)}},
		{"a missing id among theirs", []store.Analysis{analysed(theirs[0], r), analysed(mine[0]+theirs[1]+1000, r)}},
	}
	for _, tt := range tests {
		if err := s.SaveAnalyses(ctx, other, tt.as); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: SaveAnalyses = %v, want ErrNotFound", tt.name, err)
		}
	}
	// Nothing of any failed call was written, for either athlete.
	for athlete, ids := range map[store.AthleteID][]int64{store.DefaultAthlete: mine, other: theirs} {
		for _, id := range ids {
			if r := get(t, s, athlete, id); r.Analysis != nil {
				t.Errorf("activity %d of athlete %d analysed by a failed SaveAnalyses", id, athlete)
			}
		}
		if loads, err := s.Loads(ctx, athlete, time.Time{}, time.Time{}); err != nil || len(loads) != 0 {
			t.Errorf("Loads(%d) = %+v, %v; want none", athlete, loads, err)
		}
	}
	// An analysis of mine shows in none of their listings.
	if err := s.SaveAnalyses(ctx, store.DefaultAthlete, []store.Analysis{analysed(mine[0], r)}); err != nil {
		t.Fatalf("SaveAnalyses: %v", err)
	}
	if loads, err := s.Loads(ctx, other, time.Time{}, time.Time{}); err != nil || len(loads) != 0 {
		t.Errorf("Loads(other) = %+v, %v; want none", loads, err)
	}
	err := s.EachActivity(ctx, other, store.Filter{}, func(r *store.Record) error {
		if r.ID == mine[0] || r.Analysis != nil {
			t.Errorf("EachActivity(other) gave %d with analysis %v", r.ID, r.Analysis != nil)
		}
		return nil
	})
	if err != nil {
		t.Errorf("EachActivity(other): %v", err)
	}
}

func testEachActivity(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	sports := []activity.Sport{activity.Running, activity.Cycling, activity.Running, activity.Running}
	ids := saveDays(t, s, store.DefaultAthlete, sports...)
	others := saveDays(t, s, other, activity.Running) // never given to the default athlete
	r := analyse(Run(start, 1200, activity.FIT))
	if err := s.SaveAnalyses(ctx, store.DefaultAthlete, []store.Analysis{analysed(ids[2], r)}); err != nil {
		t.Fatalf("SaveAnalyses: %v", err)
	}
	day := func(d int) time.Time { return start.AddDate(0, 0, d) }
	tests := []struct {
		name string
		f    store.Filter
		want []int64
	}{
		{"all, oldest first", store.Filter{}, ids},
		{"range", store.Filter{From: day(1), To: day(3)}, ids[1:3]},
		{"sport and limit", store.Filter{Sport: activity.Running, Limit: 2}, []int64{ids[0], ids[2]}},
		{"nothing", store.Filter{From: day(10)}, nil},
		{"ids, oldest first", store.Filter{IDs: []int64{ids[3], ids[1], others[0]}}, []int64{ids[1], ids[3]}},
		{"ids and sport", store.Filter{IDs: []int64{ids[0], ids[1]}, Sport: activity.Running}, ids[:1]},
		{"no ids", store.Filter{IDs: []int64{}}, nil},
	}
	for _, tt := range tests {
		var got []int64
		err := s.EachActivity(ctx, store.DefaultAthlete, tt.f, func(rec *store.Record) error {
			got = append(got, rec.ID)
			d := slices.Index(ids, rec.ID)
			if d < 0 {
				return fmt.Errorf("activity %d is not the athlete's", rec.ID)
			}
			want := Run(day(d), 1200, activity.FIT)
			want.Sport = sports[d]
			if err := compareActivity(&rec.Activity, want); err != nil {
				return fmt.Errorf("activity %d: %w", rec.ID, err)
			}
			if (rec.Analysis != nil) != (rec.ID == ids[2]) {
				return fmt.Errorf("activity %d: analysis %+v", rec.ID, rec.Analysis)
			}
			return nil
		})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: EachActivity gave %v, want %v", tt.name, got, tt.want)
		}
	}
	// fn may write as it goes: re-analysing a history saves as it walks.
	err := s.EachActivity(ctx, store.DefaultAthlete, store.Filter{}, func(rec *store.Record) error {
		return s.SaveAnalyses(ctx, store.DefaultAthlete, []store.Analysis{analysed(rec.ID, analyse(&rec.Activity))})
	})
	if err != nil {
		t.Errorf("EachActivity saving analyses: %v", err)
	}
	if loads, err := s.Loads(ctx, store.DefaultAthlete, time.Time{}, time.Time{}); err != nil || len(loads) != len(ids) {
		t.Errorf("Loads after analysing in EachActivity = %d entries, %v; want %d", len(loads), err, len(ids))
	}
	// The first error of fn stops the walk and comes back.
	stop := errors.New("stop")
	calls := 0
	err = s.EachActivity(ctx, store.DefaultAthlete, store.Filter{}, func(*store.Record) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("EachActivity with a failing fn = %v after %d calls, want stop after 1", err, calls)
	}
}

func testLoads(t *testing.T, s store.Store, _ store.AthleteID) {
	ctx := context.Background()
	ids := saveDays(t, s, store.DefaultAthlete, activity.Running, activity.Running, activity.Cycling, activity.Running)
	// A Strava export has no local offset: its start stays in UTC.
	gpx := Run(start.AddDate(0, 0, 4), 1200, activity.GPX)
	ids = append(ids, save(t, s, store.DefaultAthlete, File("day4.gpx", activity.GPX, []byte("gpx")), []store.Outcome{store.Imported}, gpx)...)
	easy := analyse(Run(start, 1200, activity.FIT))
	hard := easy
	hard.Class, hard.Hard, hard.Load = analysis.Intervals, true, analysis.Load{Value: 88.5, Method: analysis.HRTSS}
	cross := easy
	cross.Class, cross.Load = analysis.CrossTraining, analysis.Load{Value: 12, Method: analysis.SessionRPE}
	// Day 3 is never analysed.
	as := []store.Analysis{analysed(ids[0], easy), analysed(ids[1], hard), analysed(ids[2], cross), analysed(ids[4], easy)}
	if err := s.SaveAnalyses(ctx, store.DefaultAthlete, as); err != nil {
		t.Fatalf("SaveAnalyses: %v", err)
	}
	entry := func(d int, sport activity.Sport, r analysis.Result, zone *time.Location) store.LoadEntry {
		return store.LoadEntry{ActivityID: ids[d], Start: start.AddDate(0, 0, d).In(zone), LocalOffset: zone != time.UTC, Sport: sport,
			Class: r.Class, Hard: r.Hard, Load: r.Load.Value, Method: r.Load.Method, DurationS: r.DurationS,
			RPE: 3} // Run logs RPE 3
	}
	local := time.FixedZone("", 2*3600) // Run's offset
	all := []store.LoadEntry{
		entry(0, activity.Running, easy, local), entry(1, activity.Running, hard, local),
		entry(2, activity.Cycling, cross, local), entry(4, activity.Running, easy, time.UTC),
	}
	day := func(d int) time.Time { return start.AddDate(0, 0, d) }
	tests := []struct {
		name     string
		from, to time.Time
		want     []store.LoadEntry
	}{
		{"unbounded", time.Time{}, time.Time{}, all},
		{"from is inclusive, to exclusive", day(1), day(2), all[1:2]},
		{"a second after a start excludes it", day(1).Add(time.Millisecond), day(4), all[2:3]},
		{"only the unanalysed", day(3), day(4), nil},
	}
	for _, tt := range tests {
		got, err := s.Loads(ctx, store.DefaultAthlete, tt.from, tt.to)
		if err != nil {
			t.Fatalf("%s: Loads: %v", tt.name, err)
		}
		if err := compareLoads(got, tt.want); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

// compareLoads reports the first difference between two lists of loads,
// starts compared as instants and by their zone's offset.
func compareLoads(got, want []store.LoadEntry) error {
	if len(got) != len(want) {
		return fmt.Errorf("Loads = %+v, want %+v", got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		_, gotOffset := g.Start.Zone()
		_, wantOffset := w.Start.Zone()
		if !g.Start.Equal(w.Start) || gotOffset != wantOffset {
			return fmt.Errorf("entry %d starts %v, want %v", i, g.Start, w.Start)
		}
		g.Start, w.Start = time.Time{}, time.Time{}
		if g != w {
			return fmt.Errorf("entry %d = %+v, want %+v", i, g, w)
		}
	}
	return nil
}
