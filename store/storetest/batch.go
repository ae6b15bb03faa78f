package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// testSaveFiles saves files in one batch as SaveFile saves them one by
// one: a session recorded by two files of the batch is stored once, a
// file twice in the batch is known the second time, and another athlete
// sees none of it.
func testSaveFiles(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	run := Run(start, 600, activity.FIT)
	poorer := Run(start.Add(5*time.Second), 600, activity.GPX) // the same session, fewer channels
	poorer.Streams.PowerW = nil
	later := Run(start.Add(24*time.Hour), 600, activity.FIT)
	fit := Encode(t, File("run.fit", activity.FIT, []byte("run")), run)
	es := []*store.Encoded{
		fit,
		Encode(t, File("run.gpx", activity.GPX, []byte("run gpx")), poorer),
		Encode(t, File("later.fit", activity.FIT, []byte("later")), later),
		fit,
	}
	saved, err := s.SaveFiles(ctx, store.DefaultAthlete, es)
	if err != nil {
		t.Fatalf("SaveFiles: %v", err)
	}
	var got []store.Outcome
	for _, file := range saved {
		for _, sv := range file {
			got = append(got, sv.Outcome)
		}
	}
	want := []store.Outcome{store.Imported, store.SameSession, store.Imported, store.KnownFile}
	if !slices.Equal(got, want) {
		t.Fatalf("SaveFiles outcomes = %v, want %v", got, want)
	}
	if saved[1][0].ID != saved[0][0].ID || saved[3][0].ID != saved[0][0].ID {
		t.Errorf("SaveFiles = %+v: the same session and the known file should name activity %d", saved, saved[0][0].ID)
	}
	recs, err := s.Activities(ctx, store.DefaultAthlete, store.Filter{})
	if err != nil || len(recs) != 2 {
		t.Fatalf("Activities = %d, %v; want the 2 sessions", len(recs), err)
	}
	if recs, err := s.Activities(ctx, other, store.Filter{}); err != nil || len(recs) != 0 {
		t.Errorf("another athlete's Activities = %d, %v; want none", len(recs), err)
	}
	if saved, err := s.SaveFiles(ctx, store.DefaultAthlete, nil); err != nil || len(saved) != 0 {
		t.Errorf("SaveFiles(nil) = %v, %v; want nothing", saved, err)
	}
}
