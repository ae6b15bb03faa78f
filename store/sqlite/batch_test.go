package sqlite

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

// TestSaveFilesUndoesTheFailingActivityAlone saves a batch in which one
// activity of the second file fails halfway through its writes: the first file and the
// activity before the failing one are committed and reported with the
// error, the failing one and the file after it are not stored, and the
// transaction leaves the store writable. The file stored in part is read
// again by the next import, which stores the sessions it lacks.
func TestSaveFilesUndoesTheFailingActivityAlone(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	ctx := context.Background()
	// Refused after the activity's row is written: that row must go too.
	if _, err := db.sql.ExecContext(ctx, `CREATE TRIGGER refuse BEFORE INSERT ON activity_sources
		WHEN (SELECT name FROM activities WHERE id = NEW.activity_id) = 'refused'
		BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC)
	run := func(days int, name string) *activity.Activity {
		a := storetest.Run(day.AddDate(0, 0, days), 600, activity.FIT)
		a.Name = name
		return a
	}
	es := []*store.Encoded{
		storetest.Encode(t, storetest.File("a.fit", activity.FIT, []byte("a")), run(0, "a")),
		storetest.Encode(t, storetest.File("b.fit", activity.FIT, []byte("b")), run(1, "b"), run(2, "refused"), run(3, "b3")),
		storetest.Encode(t, storetest.File("c.fit", activity.FIT, []byte("c")), run(4, "c")),
	}
	saved, err := db.SaveFiles(ctx, store.DefaultAthlete, es)
	if err == nil || !strings.Contains(err.Error(), "b.fit activity 1") || !strings.Contains(err.Error(), "refused by the test") {
		t.Errorf("SaveFiles error = %v, want b.fit's activity 1 refused", err)
	}
	if len(saved) != 2 || len(saved[0]) != 1 || len(saved[1]) != 1 ||
		saved[0][0].Outcome != store.Imported || saved[1][0].Outcome != store.Imported {
		t.Fatalf("SaveFiles saved %+v, want a.fit and b.fit's first activity imported", saved)
	}
	recs, err := db.Activities(ctx, store.DefaultAthlete, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range recs {
		names = append(names, r.Activity.Name)
	}
	if strings.Join(names, ",") != "b,a" {
		t.Errorf("stored %v, want b and a", names)
	}
	if known, err := db.KnownFiles(ctx, store.DefaultAthlete, []string{es[2].File().SHA256}); err != nil || len(known) != 0 {
		t.Errorf("KnownFiles(c.fit) = %v, %v; want it not stored", known, err)
	}
	if _, err := db.SaveFile(ctx, store.DefaultAthlete, es[2]); err != nil {
		t.Errorf("SaveFile(c.fit) after the failed batch: %v", err)
	}

	// b.fit was stored in part: not known to an importer, which reads it
	// again, and saving it again stores the sessions it lacks.
	if known, err := db.KnownFiles(ctx, store.DefaultAthlete, []string{es[1].File().SHA256}); err != nil || len(known) != 0 {
		t.Errorf("KnownFiles(b.fit) stored in part = %v, %v; want none, to be read again", known, err)
	}
	if _, err := db.sql.ExecContext(ctx, `DROP TRIGGER refuse`); err != nil {
		t.Fatal(err)
	}
	again, err := db.SaveFile(ctx, store.DefaultAthlete, es[1])
	if err != nil {
		t.Fatalf("SaveFile(b.fit) again: %v", err)
	}
	if outcomes := []store.Outcome{again[0].Outcome, again[1].Outcome, again[2].Outcome}; len(again) != 3 || again[0].ID != saved[1][0].ID ||
		outcomes[0] != store.KnownFile || outcomes[1] != store.Imported || outcomes[2] != store.Imported {
		t.Errorf("SaveFile(b.fit) again = %+v, want its first session known, the other two imported", again)
	}
	if known, err := db.KnownFiles(ctx, store.DefaultAthlete, []string{es[1].File().SHA256}); err != nil || !known[es[1].File().SHA256] {
		t.Errorf("KnownFiles(b.fit) once whole = %v, %v; want it", known, err)
	}
	if third, err := db.SaveFile(ctx, store.DefaultAthlete, es[1]); err != nil || len(third) != 3 ||
		third[0].Outcome != store.KnownFile || third[1].Outcome != store.KnownFile || third[2].Outcome != store.KnownFile {
		t.Errorf("SaveFile(b.fit) a third time = %+v, %v; want every session known", third, err)
	}
	if recs, err := db.Activities(ctx, store.DefaultAthlete, store.Filter{}); err != nil || len(recs) != 5 {
		t.Errorf("stored %d activities, %v; want a, b, refused, b3 and c once each", len(recs), err)
	}
}
