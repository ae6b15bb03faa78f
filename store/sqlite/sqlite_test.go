package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

// open opens a store in a new file under t's temporary directory, with a
// second athlete, and closes it when t ends.
func open(t testing.TB) (*DB, store.AthleteID) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "nested", "easyrun.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	const other = 2
	if _, err := db.sql.ExecContext(ctx, `INSERT INTO athletes (id, name, created_at) VALUES (?, 'coach''s athlete', 0)`, other); err != nil {
		t.Fatal(err)
	}
	return db, other
}

func TestStore(t *testing.T) {
	t.Parallel()
	storetest.Test(t, func(t *testing.T) (store.Store, store.AthleteID) { return open(t) })
}

func TestAccounts(t *testing.T) {
	t.Parallel()
	storetest.Accounts(t, func(t *testing.T) store.Store {
		db, _ := open(t) // an athlete who is no user, whose id new users skip
		return db
	})
}

func TestOpenMigratesOnceAndReopens(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a", "b", "easyrun.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open new: %v", err)
	}
	run := storetest.Run(time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC), 600, activity.FIT)
	saved, err := db.SaveFile(ctx, store.DefaultAthlete, storetest.Encode(t, storetest.File("run.fit", activity.FIT, []byte("x")), run))
	if err != nil {
		t.Fatalf("SaveFile: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	if _, err := db.Activity(ctx, store.DefaultAthlete, saved[0].ID); err != nil {
		t.Errorf("Activity after reopen: %v", err)
	}
	var journal string
	var versions int
	if err := db.sql.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&journal); err != nil || journal != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", journal, err)
	}
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM goose_db_version WHERE version_id > 0`).Scan(&versions); err != nil || versions != len(files) {
		t.Errorf("applied migrations = %d, %v; want %d, each once", versions, err, len(files))
	}
}

func TestOpenFails(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// A directory where the file should be.
	if _, err := Open(context.Background(), dir); err == nil {
		t.Error("Open(a directory): no error")
	}
}

func TestForeignKeysEnforced(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	run := storetest.Run(time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC), 600, activity.FIT)
	if _, err := db.SaveManual(context.Background(), 99, run); err == nil {
		t.Error("SaveManual for an athlete that does not exist: no error")
	}
}

func TestCorruptStreams(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := open(t)
	run := storetest.Run(time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC), 600, activity.FIT)
	id, err := db.SaveManual(ctx, store.DefaultAthlete, run)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.ExecContext(ctx, `UPDATE activity_streams SET streams = x'01ff00ff' WHERE activity_id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Activity(ctx, store.DefaultAthlete, id); !errors.Is(err, store.ErrCorrupt) {
		t.Errorf("Activity with a corrupt blob: err = %v, want ErrCorrupt", err)
	}
	// The listing does not read streams and still works.
	if recs, err := db.Activities(ctx, store.DefaultAthlete, store.Filter{}); err != nil || len(recs) != 1 {
		t.Errorf("Activities = %d, %v; want 1", len(recs), err)
	}
}

// TestEachActivityCancelled cancels the context while EachActivity reads
// ahead: it stops at once with the context's error.
func TestEachActivityCancelled(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for d := range 20 {
		if _, err := db.SaveManual(ctx, store.DefaultAthlete, storetest.Run(time.Date(2026, 1, 1+d, 6, 0, 0, 0, time.UTC), 600, activity.FIT)); err != nil {
			t.Fatal(err)
		}
	}
	calls := 0
	err := db.EachActivity(ctx, store.DefaultAthlete, store.Filter{}, func(*store.Record) error {
		calls++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Errorf("EachActivity = %v after %d calls, want context.Canceled after 1", err, calls)
	}
}

// TestReadOnceUnmapped checks that a store opened with ReadOnce reads its
// pages without the memory map a server's store reads them through.
func TestReadOnceUnmapped(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "easyrun.db")
	for _, tt := range []struct {
		opts []Option
		want int64
	}{
		{nil, 2147418112},
		{[]Option{ReadOnce()}, 0},
	} {
		db, err := Open(ctx, path, tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		var size int64
		if err := db.sql.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&size); err != nil {
			t.Fatal(err)
		}
		if size != tt.want {
			t.Errorf("Open with %d options: mmap_size %d, want %d", len(tt.opts), size, tt.want)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
