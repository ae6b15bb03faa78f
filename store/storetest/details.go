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
	if known, err := s.HasFile(ctx, store.DefaultAthlete, File("details.fit", activity.FIT, []byte("details")).SHA256); err != nil || !known {
		t.Errorf("the original after deleting: known %v, %v; want kept", known, err)
	}
}
