package postgres

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

// serverURL is the test server's URL; without one the test is skipped.
func serverURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("EASYRUN_TEST_POSTGRES")
	if u == "" {
		t.Skip("PostgreSQL tests skipped: set EASYRUN_TEST_POSTGRES=postgres://... to run them")
	}
	return u
}

var schemas atomic.Int64

// freshSchema creates a schema for t alone, dropped when t ends, and
// returns the test server's URL with search_path set to it.
func freshSchema(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	server := serverURL(t)
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("EASYRUN_TEST_POSTGRES is not a postgres:// URL (%v)", err)
	}
	name := fmt.Sprintf("easyrun_test_%d_%d", os.Getpid(), schemas.Add(1))
	exec := func(sql string) error {
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := exec("CREATE SCHEMA " + name); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if err := exec("DROP SCHEMA " + name + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// openURL opens the store at u, closed when t ends.
func openURL(t testing.TB, u string) *DB {
	t.Helper()
	db, err := Open(context.Background(), u)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

// open opens a store in a schema of its own, with a second athlete.
func open(t testing.TB) (*DB, store.AthleteID) {
	t.Helper()
	db := openURL(t, freshSchema(t))
	const other = 2
	if _, err := db.pool.Exec(context.Background(), `INSERT INTO athletes (id, name) VALUES ($1, 'coach''s athlete')`, other); err != nil {
		t.Fatal(err)
	}
	return db, other
}

func TestStore(t *testing.T) {
	t.Parallel()
	serverURL(t)
	storetest.Test(t, func(t *testing.T) (store.Store, store.AthleteID) { return open(t) })
}

func TestAccounts(t *testing.T) {
	t.Parallel()
	serverURL(t)
	storetest.Accounts(t, func(t *testing.T) store.Store {
		db, _ := open(t) // an athlete who is no user, whose id new users skip
		return db
	})
}

// count is the number of rows of table in db's schema.
func count(t *testing.T, db *DB, table string) int {
	t.Helper()
	var n int
	if err := db.pool.QueryRow(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMigrations opens one schema from two app servers starting at once,
// then again: the migrations apply once, and the data stays.
func TestMigrations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	u := freshSchema(t)
	dbs := make([]*DB, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range dbs {
		wg.Go(func() { dbs[i], errs[i] = Open(ctx, u) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Open %d at once: %v", i, err)
		}
		defer dbs[i].Close()
	}
	run := storetest.Run(time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC), 600, activity.FIT)
	saved, err := dbs[0].SaveFile(ctx, store.DefaultAthlete, storetest.Encode(t, storetest.File("run.fit", activity.FIT, []byte("x")), run))
	if err != nil {
		t.Fatalf("SaveFile: %v", err)
	}
	again := openURL(t, u)
	if _, err := again.Activity(ctx, store.DefaultAthlete, saved[0].ID); err != nil {
		t.Errorf("Activity after reopening: %v", err)
	}
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, again, `goose_db_version WHERE version_id > 0`); n != len(files) {
		t.Errorf("applied migrations = %d, want %d, each once", n, len(files))
	}
	if n := count(t, again, "athletes"); n != 1 {
		t.Errorf("athletes = %d, want the default one", n)
	}
}

// TestSchemaKeyedByAthlete checks what lets a distributed PostgreSQL
// shard by athlete: every table's primary key starts with the athlete,
// and every foreign key between tables of athletes' data includes it.
// Foreign keys to athletes and users, which would be reference tables
// copied to every node, need not.
func TestSchemaKeyedByAthlete(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	rows, err := db.pool.Query(context.Background(), `
		SELECT c.conrelid::regclass::text, c.contype::text, a.attname
		FROM pg_constraint c
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
		WHERE c.connamespace = current_schema()::regnamespace AND c.contype IN ('p', 'f')
			AND c.conrelid::regclass::text NOT IN ('athletes', 'goose_db_version')
			AND c.confrelid::regclass::text IS DISTINCT FROM 'athletes'
			AND c.confrelid::regclass::text IS DISTINCT FROM 'users'`)
	if err != nil {
		t.Fatal(err)
	}
	var table, kind, first string
	n := 0
	_, err = pgx.ForEachRow(rows, []any{&table, &kind, &first}, func() error {
		n++
		if first != "athlete_id" {
			t.Errorf("%s: a key (%s) starts with %s, not athlete_id", table, kind, first)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Errorf("checked %d keys, want every primary and foreign key of the schema", n)
	}
}

// TestSaveConcurrently saves from two goroutines at once: the same file
// is stored once, and two recordings of one session are one activity.
func TestSaveConcurrently(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC)
	fit := storetest.Encode(t, storetest.File("watch.fit", activity.FIT, []byte("fit")), storetest.Run(start, 600, activity.FIT))
	gpx := storetest.Encode(t, storetest.File("strava.gpx", activity.GPX, []byte("gpx")), storetest.Run(start.Add(time.Second), 598, activity.GPX))
	tests := []struct {
		name  string
		files [2]*store.Encoded
		want  [][2]store.Outcome // either order
		saved int                // files stored
	}{
		{"same file", [2]*store.Encoded{fit, fit}, [][2]store.Outcome{{store.Imported, store.KnownFile}}, 1},
		{"same session", [2]*store.Encoded{fit, gpx}, [][2]store.Outcome{{store.Imported, store.SameSession}, {store.Imported, store.Replaced}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			db, _ := open(t)
			var outcomes [2]store.Outcome
			var wg sync.WaitGroup
			for i, e := range tt.files {
				wg.Go(func() {
					saved, err := db.SaveFile(context.Background(), store.DefaultAthlete, e)
					if err != nil || len(saved) != 1 {
						t.Errorf("SaveFile(%s) = %v, %v", e.File().Name, saved, err)
						return
					}
					outcomes[i] = saved[0].Outcome
				})
			}
			wg.Wait()
			ok := false
			for _, w := range tt.want {
				ok = ok || outcomes == w || outcomes == [2]store.Outcome{w[1], w[0]}
			}
			if !ok {
				t.Errorf("outcomes = %v, want one of %v in either order", outcomes, tt.want)
			}
			if n := count(t, db, "activities"); n != 1 {
				t.Errorf("activities = %d, want 1", n)
			}
			if n := count(t, db, "files"); n != tt.saved {
				t.Errorf("files = %d, want %d", n, tt.saved)
			}
		})
	}
}

func TestOpenFails(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, url string
		want      string // in the error
	}{
		{"unknown host", "postgres://runner:s3cret@nohost.invalid:5432/easyrun?connect_timeout=5", "nohost.invalid"},
		{"nothing listening", "postgres://runner:s3cret@127.0.0.1:1/easyrun?connect_timeout=5", "127.0.0.1:1"},
		{"bad port", "postgres://runner:s3cret@db.example:port/easyrun", "db.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			db, err := Open(context.Background(), tt.url)
			if err == nil {
				db.Close()
				t.Fatal("no error")
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, "s3cret") {
				t.Errorf("error %q should name %s and not the password", msg, tt.want)
			}
		})
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

// TestTextPostgresRefuses stores names PostgreSQL's text refuses and
// SQLite keeps: invalid UTF-8 (an old zip's member name) and NUL bytes.
func TestTextPostgresRefuses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := open(t)
	run := storetest.Run(time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC), 600, activity.FIT)
	run.Name, run.Device.Serial = "Lauf am M\xfcggelsee", "34\x0012"
	f := storetest.File("export.zip/L\xe4ufe/run.fit", activity.FIT, []byte("run"))
	saved, err := db.SaveFile(ctx, store.DefaultAthlete, storetest.Encode(t, f, run))
	if err != nil {
		t.Fatalf("SaveFile: %v", err)
	}
	r, err := db.Activity(ctx, store.DefaultAthlete, saved[0].ID)
	if err != nil {
		t.Fatalf("Activity: %v", err)
	}
	if got := []string{r.Activity.Name, r.Activity.Device.Serial, r.Sources[0].Name}; got[0] != "Lauf am M\uFFFDggelsee" ||
		got[1] != "3412" || got[2] != "export.zip/L\uFFFDufe/run.fit" {
		t.Errorf("stored %q", got)
	}
	if orig, err := db.Original(ctx, store.DefaultAthlete, r.Sources[0].FileID); err != nil || string(orig.Data) != "run" {
		t.Errorf("Original = %q, %v; want the exact bytes", orig.Data, err)
	}
}

func TestCorruptStreams(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := open(t)
	id, err := db.SaveManual(ctx, store.DefaultAthlete, storetest.Run(time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC), 600, activity.FIT))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.pool.Exec(ctx, `UPDATE activity_streams SET streams = '\x01ff00ff' WHERE activity_id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Activity(ctx, store.DefaultAthlete, id); !errors.Is(err, store.ErrCorrupt) {
		t.Errorf("Activity with a corrupt blob: err = %v, want ErrCorrupt", err)
	}
	if recs, err := db.Activities(ctx, store.DefaultAthlete, store.Filter{}); err != nil || len(recs) != 1 {
		t.Errorf("Activities = %d, %v; want 1", len(recs), err)
	}
}

func TestNumbered(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{`SELECT profile FROM athletes WHERE id = ?`, `SELECT profile FROM athletes WHERE id = $1`},
		{`UPDATE t SET a = ?, b = ? WHERE id = ?`, `UPDATE t SET a = $1, b = $2 WHERE id = $3`},
		{`SELECT 1`, `SELECT 1`},
	} {
		if got := numbered(tt.in); got != tt.want {
			t.Errorf("numbered(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
