package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// Opener returns a new, empty store for one test, closed when the test
// ends (t.Cleanup), and an athlete other than store.DefaultAthlete that
// exists in it.
type Opener func(t *testing.T) (s store.Store, other store.AthleteID)

// Test runs the behaviour every store.Store must have against stores
// from open.
func Test(t *testing.T, open Opener) {
	tests := []struct {
		name string
		run  func(t *testing.T, s store.Store, other store.AthleteID)
	}{
		{"RoundTrip", testRoundTrip},
		{"KnownFile", testKnownFile},
		{"PoorerRecordingKept", testPoorerRecording},
		{"RicherRecordingReplaces", testRicherRecording},
		{"FileWithTwoSessions", testTwoSessions},
		{"Manual", testManual},
		{"AthletesApart", testAthletesApart},
		{"Filters", testFilters},
		{"NotFound", testNotFound},
		{"RicherRecordingKeepsRunnerInput", testRunnerInputKept},
		{"Athlete", testAthlete},
		{"SetRPE", testSetRPE},
		{"SetDetails", testSetDetails},
		{"KeptFiles", testKeptFiles},
		{"SetSport", testSetSport},
		{"Analyses", testAnalyses},
		{"AnalysesOfAnotherAthlete", testAnalysesApart},
		{"EachActivity", testEachActivity},
		{"Loads", testLoads},
		{"Verdicts", testVerdicts},
		{"Peaks", testPeaks},
		{"SaveFileWithDerived", testDerived},
		{"SaveFiles", testSaveFiles},
		{"Shoes", testShoes},
		{"Plan", testPlan},
		{"Feed", testFeed},
		{"Mornings", testMornings},
		{"LoadDays", testLoadDays},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, other := open(t)
			tt.run(t, s, other)
		})
	}
}

var start = time.Date(2026, 3, 4, 5, 45, 0, 0, time.UTC)

// File wraps data as an imported file of format named name.
func File(name string, format activity.Format, data []byte) store.File {
	sum := sha256.Sum256(data)
	return store.File{SHA256: hex.EncodeToString(sum[:]), Name: name, Format: format, Data: data}
}

// Encode encodes acts decoded from f for Store.SaveFile, failing tb on error.
func Encode(tb testing.TB, f store.File, acts ...*activity.Activity) *store.Encoded {
	tb.Helper()
	e, err := store.Encode(f, acts)
	if err != nil {
		tb.Fatalf("Encode(%s): %v", f.Name, err)
	}
	return e
}

// save saves acts decoded from f and fails t unless each had the wanted
// known reports whether s holds the athlete's file of this hash whole.
func known(s store.Store, athlete store.AthleteID, sha256 string) (bool, error) {
	got, err := s.KnownFiles(context.Background(), athlete, []string{sha256})
	return got[sha256], err
}

// outcome. It returns the stored IDs.
func save(t *testing.T, s store.Store, athlete store.AthleteID, f store.File, want []store.Outcome, acts ...*activity.Activity) []int64 {
	t.Helper()
	saved, err := s.SaveFile(context.Background(), athlete, Encode(t, f, acts...))
	if err != nil {
		t.Fatalf("SaveFile(%s): %v", f.Name, err)
	}
	if len(saved) != len(want) {
		t.Fatalf("SaveFile(%s) = %v, want outcomes %v", f.Name, saved, want)
	}
	ids := make([]int64, len(saved))
	for i, sv := range saved {
		if sv.Outcome != want[i] || sv.ID == 0 {
			t.Fatalf("SaveFile(%s)[%d] = %+v, want outcome %s and an ID", f.Name, i, sv, want[i])
		}
		ids[i] = sv.ID
	}
	return ids
}

// get loads activity id, failing t on error.
func get(t *testing.T, s store.Store, athlete store.AthleteID, id int64) *store.Record {
	t.Helper()
	r, err := s.Activity(context.Background(), athlete, id)
	if err != nil {
		t.Fatalf("Activity(%d): %v", id, err)
	}
	return r
}

// compareActivity reports the first difference between a stored activity
// and the recording it was saved from, allowing for what storage rounds:
// the start to the second, streams to their quanta.
func compareActivity(got, want *activity.Activity) error {
	g, w := *got, *want
	if err := CompareStreams(&g.Streams, &w.Streams); err != nil {
		return fmt.Errorf("streams: %w", err)
	}
	if !g.Start.Equal(w.Start.Truncate(time.Second)) {
		return fmt.Errorf("start = %v, want %v", g.Start, w.Start)
	}
	g.Streams, w.Streams = activity.Streams{}, activity.Streams{}
	g.Start, w.Start = time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		return fmt.Errorf("got  %+v\nwant %+v", g, w)
	}
	return nil
}

func testRoundTrip(t *testing.T, s store.Store, _ store.AthleteID) {
	ctx := context.Background()
	run := Run(start, 3600, activity.FIT)
	f := File("2026-03-04-05-45-00.fit", activity.FIT, []byte("a FIT file's bytes, \x00\x01\x02 and all"))
	ids := save(t, s, store.DefaultAthlete, f, []store.Outcome{store.Imported}, run)
	r := get(t, s, store.DefaultAthlete, ids[0])
	if r.ID != ids[0] || time.Since(r.Imported) > time.Hour {
		t.Errorf("record %d imported %v, want %d imported now", r.ID, r.Imported, ids[0])
	}
	if err := compareActivity(&r.Activity, run); err != nil {
		t.Error(err)
	}
	if len(r.Sources) != 1 {
		t.Fatalf("sources = %+v, want one", r.Sources)
	}
	src := r.Sources[0]
	if !src.Primary || src.Name != f.Name || src.Format != f.Format || src.SHA256 != f.SHA256 {
		t.Errorf("source = %+v, want the primary %s", src, f.Name)
	}
	orig, err := s.Original(ctx, store.DefaultAthlete, src.FileID)
	if err != nil {
		t.Fatalf("Original: %v", err)
	}
	if !reflect.DeepEqual(orig, f) {
		t.Errorf("Original = %+v, want %+v", orig, f)
	}
}

func testKnownFile(t *testing.T, s store.Store, _ store.AthleteID) {
	ctx := context.Background()
	f := File("run.fit", activity.FIT, []byte("run"))
	if ok, err := known(s, store.DefaultAthlete, f.SHA256); ok || err != nil {
		t.Fatalf("known before saving = %v, %v; want false", ok, err)
	}
	first := save(t, s, store.DefaultAthlete, f, []store.Outcome{store.Imported}, Run(start, 1800, activity.FIT))
	if ok, err := known(s, store.DefaultAthlete, f.SHA256); !ok || err != nil {
		t.Fatalf("known after saving = %v, %v; want true", ok, err)
	}
	// Several at once: the stored one alone is known.
	other := File("other.fit", activity.FIT, []byte("other"))
	got, err := s.KnownFiles(ctx, store.DefaultAthlete, []string{other.SHA256, f.SHA256, "not a hash"})
	if err != nil || len(got) != 1 || !got[f.SHA256] {
		t.Errorf("KnownFiles of three = %v, %v; want %s alone", got, err, f.SHA256)
	}
	if got, err := s.KnownFiles(ctx, store.DefaultAthlete, nil); err != nil || len(got) != 0 {
		t.Errorf("KnownFiles of none = %v, %v; want none", got, err)
	}
	again := save(t, s, store.DefaultAthlete, f, []store.Outcome{store.KnownFile}, Run(start, 1800, activity.FIT))
	if again[0] != first[0] {
		t.Errorf("known file maps to %d, want %d", again[0], first[0])
	}
	recs, err := s.Activities(ctx, store.DefaultAthlete, store.Filter{})
	if err != nil || len(recs) != 1 {
		t.Fatalf("Activities = %d records, %v; want 1", len(recs), err)
	}
	if r := get(t, s, store.DefaultAthlete, first[0]); len(r.Sources) != 1 {
		t.Errorf("sources = %+v, want one", r.Sources)
	}
}

func testPoorerRecording(t *testing.T, s store.Store, _ store.AthleteID) {
	fit := Run(start, 1800, activity.FIT)
	gpx := Run(start.Add(time.Second), 1795, activity.GPX)
	fitFile := File("watch.fit", activity.FIT, []byte("fit"))
	ids := save(t, s, store.DefaultAthlete, fitFile, []store.Outcome{store.Imported}, fit)
	dup := save(t, s, store.DefaultAthlete, File("strava.gpx", activity.GPX, []byte("gpx")), []store.Outcome{store.SameSession}, gpx)
	if dup[0] != ids[0] {
		t.Fatalf("GPX mapped to %d, want %d", dup[0], ids[0])
	}
	r := get(t, s, store.DefaultAthlete, ids[0])
	if err := compareActivity(&r.Activity, fit); err != nil {
		t.Errorf("the FIT recording should stay: %v", err)
	}
	assertSources(t, r.Sources, "watch.fit", "strava.gpx")
}

func testRicherRecording(t *testing.T, s store.Store, _ store.AthleteID) {
	gpx := Run(start.Add(time.Second), 1795, activity.GPX)
	fit := Run(start, 1800, activity.FIT)
	ids := save(t, s, store.DefaultAthlete, File("strava.gpx", activity.GPX, []byte("gpx")), []store.Outcome{store.Imported}, gpx)
	dup := save(t, s, store.DefaultAthlete, File("watch.fit", activity.FIT, []byte("fit")), []store.Outcome{store.Replaced}, fit)
	if dup[0] != ids[0] {
		t.Fatalf("FIT mapped to %d, want %d", dup[0], ids[0])
	}
	r := get(t, s, store.DefaultAthlete, ids[0])
	if err := compareActivity(&r.Activity, fit); err != nil {
		t.Errorf("the FIT recording should replace the GPX: %v", err)
	}
	assertSources(t, r.Sources, "watch.fit", "strava.gpx")
	recs, err := s.Activities(context.Background(), store.DefaultAthlete, store.Filter{})
	if err != nil || len(recs) != 1 || recs[0].Activity.Source != activity.FIT {
		t.Errorf("Activities = %+v, %v; want the one FIT activity", recs, err)
	}
}

// assertSources fails t unless srcs name the files primary and then
// others, marked as such.
func assertSources(t *testing.T, srcs []store.Source, primary string, others ...string) {
	t.Helper()
	names := []string{primary}
	names = append(names, others...)
	if len(srcs) != len(names) {
		t.Fatalf("sources = %+v, want %v", srcs, names)
	}
	for i, src := range srcs {
		if src.Name != names[i] || src.Primary != (i == 0) {
			t.Errorf("source %d = %+v, want %s (primary: %v)", i, src, names[i], i == 0)
		}
	}
}

func testTwoSessions(t *testing.T, s store.Store, _ store.AthleteID) {
	ctx := context.Background()
	run := Run(start, 1200, activity.FIT)
	ride := Run(start.Add(20*time.Minute), 1200, activity.FIT)
	ride.Sport = activity.Cycling
	f := File("brick.fit", activity.FIT, []byte("brick"))
	ids := save(t, s, store.DefaultAthlete, f, []store.Outcome{store.Imported, store.Imported}, run, ride)
	again := save(t, s, store.DefaultAthlete, f, []store.Outcome{store.KnownFile, store.KnownFile}, run, ride)
	if !reflect.DeepEqual(ids, again) {
		t.Errorf("known file maps to %v, want %v", again, ids)
	}
	a, b := get(t, s, store.DefaultAthlete, ids[0]), get(t, s, store.DefaultAthlete, ids[1])
	if a.Sources[0].FileID != b.Sources[0].FileID {
		t.Errorf("sessions of one file stored with files %d and %d", a.Sources[0].FileID, b.Sources[0].FileID)
	}
	if b.Activity.Sport != activity.Cycling {
		t.Errorf("second session sport = %q, want cycling", b.Activity.Sport)
	}
	if _, err := s.Original(ctx, store.DefaultAthlete, a.Sources[0].FileID); err != nil {
		t.Errorf("Original: %v", err)
	}
}

func testManual(t *testing.T, s store.Store, _ store.AthleteID) {
	run := &activity.Activity{
		Sport: activity.Running, Start: start, Elapsed: 35 * time.Minute, Moving: 35 * time.Minute,
		RPE: 3, Notes: "watch off, easy jog", Source: activity.Manual,
	}
	id, err := s.SaveManual(context.Background(), store.DefaultAthlete, run)
	if err != nil {
		t.Fatalf("SaveManual: %v", err)
	}
	r := get(t, s, store.DefaultAthlete, id)
	if err := compareActivity(&r.Activity, run); err != nil {
		t.Error(err)
	}
	if len(r.Sources) != 0 {
		t.Errorf("sources = %+v, want none", r.Sources)
	}
}

func testAthletesApart(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	f := File("run.fit", activity.FIT, []byte("shared file"))
	mine := save(t, s, store.DefaultAthlete, f, []store.Outcome{store.Imported}, Run(start, 1800, activity.FIT))
	if ok, err := known(s, other, f.SHA256); ok || err != nil {
		t.Errorf("known to the other athlete = %v, %v; want false", ok, err)
	}
	// The same file and session for another athlete is theirs, not a duplicate.
	theirs := save(t, s, other, f, []store.Outcome{store.Imported}, Run(start, 1800, activity.FIT))
	if theirs[0] == mine[0] {
		t.Fatalf("both athletes got activity %d", mine[0])
	}
	if _, err := s.Activity(ctx, other, mine[0]); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Activity(other, mine): err = %v, want ErrNotFound", err)
	}
	r := get(t, s, store.DefaultAthlete, mine[0])
	if _, err := s.Original(ctx, other, r.Sources[0].FileID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Original(other, my file): err = %v, want ErrNotFound", err)
	}
	for athlete, want := range map[store.AthleteID]int64{store.DefaultAthlete: mine[0], other: theirs[0]} {
		recs, err := s.Activities(ctx, athlete, store.Filter{})
		if err != nil || len(recs) != 1 || recs[0].ID != want {
			t.Errorf("Activities(%d) = %+v, %v; want only %d", athlete, recs, err, want)
		}
	}
}

func testFilters(t *testing.T, s store.Store, _ store.AthleteID) {
	day := func(d int) time.Time { return start.AddDate(0, 0, d) }
	var ids []int64 // ids[d] started on day(d)
	for d, sport := range []activity.Sport{activity.Running, activity.Cycling, activity.Running, activity.Walking, activity.Running} {
		a := Run(day(d), 1800, activity.FIT)
		a.Sport = sport
		a.HasLocalOffset = d < 3
		f := File(fmt.Sprintf("day%d.fit", d), activity.FIT, []byte{byte(d)})
		ids = append(ids, save(t, s, store.DefaultAthlete, f, []store.Outcome{store.Imported}, a)...)
	}
	tests := []struct {
		name string
		f    store.Filter
		want []int64
	}{
		{"all, newest first", store.Filter{}, []int64{ids[4], ids[3], ids[2], ids[1], ids[0]}},
		{"from is inclusive", store.Filter{From: day(3)}, []int64{ids[4], ids[3]}},
		{"to is exclusive", store.Filter{To: day(1)}, []int64{ids[0]}},
		{"a second after a start excludes it", store.Filter{From: day(3).Add(time.Millisecond)}, []int64{ids[4]}},
		{"range", store.Filter{From: day(1), To: day(3)}, []int64{ids[2], ids[1]}},
		{"sport", store.Filter{Sport: activity.Running}, []int64{ids[4], ids[2], ids[0]}},
		{"limit", store.Filter{Limit: 2}, []int64{ids[4], ids[3]}},
		{"everything", store.Filter{From: day(0), To: day(5), Sport: activity.Running, Limit: 2}, []int64{ids[4], ids[2]}},
		{"nothing", store.Filter{Sport: activity.Swimming}, nil},
		{"latest with a local offset", store.Filter{LocalOffset: true, Limit: 1}, []int64{ids[2]}},
	}
	for _, tt := range tests {
		recs, err := s.Activities(context.Background(), store.DefaultAthlete, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []int64
		for _, r := range recs {
			got = append(got, r.ID)
			if r.Activity.Streams.Len() != 0 || r.Activity.Laps != nil {
				t.Errorf("%s: listing of %d holds streams or laps", tt.name, r.ID)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Activities = %v, want %v", tt.name, got, tt.want)
		}
	}
	// The listing carries the summary, flags included.
	recs, err := s.Activities(context.Background(), store.DefaultAthlete, store.Filter{Limit: 1})
	if err != nil || len(recs) != 1 {
		t.Fatalf("Activities: %v", err)
	}
	if a := recs[0].Activity; a.DistanceM == 0 || a.AvgHeartRate == 0 || !a.Flags.Has(activity.BadChecksum) || !a.Start.Equal(day(4)) {
		t.Errorf("summary = %+v, want distance, heart rate, flags and start", a)
	}
}

func testNotFound(t *testing.T, s store.Store, _ store.AthleteID) {
	ctx := context.Background()
	if _, err := s.Activity(ctx, store.DefaultAthlete, 12345); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Activity: err = %v, want ErrNotFound", err)
	}
	if _, err := s.Original(ctx, store.DefaultAthlete, 12345); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Original: err = %v, want ErrNotFound", err)
	}
}
