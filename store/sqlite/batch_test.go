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
// transaction leaves the store writable.
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
	if known, err := db.HasFile(ctx, store.DefaultAthlete, es[2].File().SHA256); err != nil || known {
		t.Errorf("HasFile(c.fit) = %v, %v; want it not stored", known, err)
	}
	if _, err := db.SaveFile(ctx, store.DefaultAthlete, es[2]); err != nil {
		t.Errorf("SaveFile(c.fit) after the failed batch: %v", err)
	}
}
