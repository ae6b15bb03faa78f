package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// testSetDetails: a name and notes are replaced for the athlete's own
// activity only, within their bounds.
func testSetDetails(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	ids := save(t, s, store.DefaultAthlete, File("details.fit", activity.FIT, []byte("details")), []store.Outcome{store.Imported}, Run(start, 1800, activity.FIT))
	id := ids[0]
	if err := s.SetDetails(ctx, store.DefaultAthlete, id, store.Details{Name: "Shake-out, Ålesund", Notes: "legs heavy\nafter Tuesday", Race: true}); err != nil {
		t.Fatalf("SetDetails: %v", err)
	}
	r, err := s.Activity(ctx, store.DefaultAthlete, id)
	if err != nil || r.Activity.Name != "Shake-out, Ålesund" || r.Activity.Notes != "legs heavy\nafter Tuesday" || !r.Activity.Race {
		t.Fatalf("after SetDetails: %v, %+v", err, r)
	}
	if err := s.SetDetails(ctx, other, id, store.Details{Name: "x"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another athlete's activity: %v, want ErrNotFound", err)
	}
	if err := s.SetDetails(ctx, store.DefaultAthlete, id, store.Details{Name: strings.Repeat("n", store.MaxNameBytes+1)}); err == nil {
		t.Error("a name beyond the bound was stored")
	}
	if err := s.SetDetails(ctx, store.DefaultAthlete, id, store.Details{}); err != nil {
		t.Errorf("clearing: %v", err)
	}
	// A later recording of the session keeps the runner's race mark.
	if err := s.SetDetails(ctx, store.DefaultAthlete, id, store.Details{Race: true}); err != nil {
		t.Fatal(err)
	}
	if kept := store.KeepRunnerInput(Run(start, 1800, activity.FIT), &get(t, s, store.DefaultAthlete, id).Activity); !kept.Race {
		t.Error("KeepRunnerInput dropped the race mark")
	}
	// Deleting takes the activity and what was derived from it; the
	// original file stays, and is still known.
	if err := s.DeleteActivity(ctx, other, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting another athlete's activity: %v, want ErrNotFound", err)
	}
	if err := s.SaveAnalyses(ctx, store.DefaultAthlete, []store.Analysis{analysed(id, analyse(Run(start, 1800, activity.FIT)))}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteActivity(ctx, store.DefaultAthlete, id); err != nil {
		t.Fatalf("DeleteActivity: %v", err)
	}
	if _, err := s.Activity(ctx, store.DefaultAthlete, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Activity after deleting: %v, want ErrNotFound", err)
	}
	if err := s.DeleteActivity(ctx, store.DefaultAthlete, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting twice: %v, want ErrNotFound", err)
	}
	if ok, err := known(s, store.DefaultAthlete, File("details.fit", activity.FIT, []byte("details")).SHA256); err != nil || !ok {
		t.Errorf("the original after deleting: known %v, %v; want kept", ok, err)
	}
}

// testKeptFiles: the originals of deleted activities are listed and
// purged for their athlete alone; a file an activity still comes from is
// neither, and a purged file is new to the next import.
func testKeptFiles(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	keptFile := func(name string) store.File { return File(name, activity.FIT, []byte("kept "+name)) }
	var ids []int64
	for i, name := range []string{"a.fit", "b.fit", "c.fit", "d.fit"} {
		ids = append(ids, save(t, s, store.DefaultAthlete, keptFile(name), []store.Outcome{store.Imported},
			Run(start.AddDate(0, 0, i), 1800, activity.FIT))[0])
	}
	theirs := save(t, s, other, keptFile("a.fit"), []store.Outcome{store.Imported}, Run(start, 1800, activity.FIT))[0]
	for _, id := range ids[:3] {
		if err := s.DeleteActivity(ctx, store.DefaultAthlete, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DeleteActivity(ctx, other, theirs); err != nil {
		t.Fatal(err)
	}
	names := func(a store.AthleteID) []string {
		t.Helper()
		files, err := s.KeptFiles(ctx, a)
		if err != nil {
			t.Fatalf("KeptFiles: %v", err)
		}
		var out []string
		for _, f := range files {
			if f.Format != activity.FIT || f.Stored <= 0 || f.Imported.IsZero() {
				t.Errorf("kept file %+v: want its format, stored size and import time", f)
			}
			out = append(out, f.Name)
		}
		return out
	}
	if got := strings.Join(names(store.DefaultAthlete), " "); got != "a.fit b.fit c.fit" {
		t.Fatalf("kept files: %q, want the three deleted activities' originals", got)
	}
	files, _ := s.KeptFiles(ctx, store.DefaultAthlete)
	their, _ := s.KeptFiles(ctx, other)
	// An id of another athlete's kept file, or of a file in use, is left.
	if n, err := s.PurgeFiles(ctx, store.DefaultAthlete, []int64{files[1].ID, their[0].ID}); err != nil || n != 1 {
		t.Errorf("PurgeFiles of one kept file and another athlete's: %d, %v; want 1", n, err)
	}
	if got := strings.Join(names(store.DefaultAthlete), " "); got != "a.fit c.fit" {
		t.Errorf("after purging b.fit: %q", got)
	}
	if n, err := s.PurgeFiles(ctx, store.DefaultAthlete, []int64{}); err != nil || n != 0 {
		t.Errorf("PurgeFiles of no ids: %d, %v; want nothing purged", n, err)
	}
	if n, err := s.PurgeFiles(ctx, store.DefaultAthlete, nil); err != nil || n != 2 {
		t.Errorf("PurgeFiles of all: %d, %v; want 2", n, err)
	}
	if got := names(store.DefaultAthlete); len(got) != 0 {
		t.Errorf("after purging all: %q", got)
	}
	if got := names(other); len(got) != 1 {
		t.Errorf("the other athlete's kept files after a purge of ours: %q, want theirs kept", got)
	}
	if _, err := s.Activity(ctx, store.DefaultAthlete, ids[3]); err != nil {
		t.Errorf("the activity still stored after purges: %v", err)
	}
	if ok, err := known(s, store.DefaultAthlete, keptFile("a.fit").SHA256); err != nil || ok {
		t.Errorf("a purged file: known %v, %v; want new to the next import", ok, err)
	}
}
