package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

// TestMigratePostgresNames upgrades a database written at schema 13, the
// last before the tables took store/postgres's names, and reads every
// row back through the store: the file's size, the activities' starts,
// the sources, analyses, peaks and verdicts each with its athlete, and
// the tokens' expiries, never as NULL rather than 0. Migration 16 moves
// the streams to a table of their own on the way, and back on the way
// down.
func TestMigratePostgresNames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "easyrun.db")
	old, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, old, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 13); err != nil {
		t.Fatalf("migrate to 13: %v", err)
	}
	start := time.Date(2026, 3, 4, 6, 0, 0, 0, time.UTC)
	run := storetest.Run(start, 600, activity.FIT)
	packed, err := store.Pack(run)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("the original file")
	// Athlete 2's activity comes first, so that ids and athletes differ.
	for _, q := range []struct {
		query string
		args  []any
	}{
		{`INSERT INTO athletes (id, name, created_at) VALUES (2, 'two', 0)`, nil},
		{`INSERT INTO files (id, athlete_id, sha256, name, format, size, original, imported_at) VALUES (7, 1, 'abc', 'run.fit', 'fit', ?, ?, 100)`,
			[]any{len(data), store.PackOriginal(data)}},
		{`INSERT INTO files (id, athlete_id, sha256, name, format, size, original, imported_at) VALUES (8, 2, 'def', 'two.fit', 'fit', ?, ?, 100)`,
			[]any{len(data), store.PackOriginal(data)}},
		{`INSERT INTO activities (id, athlete_id, file_id, session_index, sport, sub_sport, name, start_utc, local_offset_s,
			has_local_offset, elapsed_s, moving_s, distance_m, avg_hr, max_hr, ascent_m, rpe, notes, device_maker,
			device_product, device_serial, source_format, richness, sample_count, flags, laps, streams, imported_at)
			SELECT v.column1, v.column2, v.column3, 0, 'running', '', 'Run', ?, 3600, 1, 600, 600, 2000, 140, 160, 10, 0, '',
				'', '', '', 'fit', 3, ?, ?, ?, ?, 100
			FROM (VALUES (3, 2, 8), (4, 1, 7)) v`,
			[]any{start.Unix(), run.Streams.Len(), packed.Flags, packed.Laps, packed.Streams}},
		{`INSERT INTO activity_sources (activity_id, file_id, session_index, is_primary) VALUES (3, 8, 0, 1), (4, 7, 0, 1)`, nil},
		{`INSERT INTO analyses (activity_id, version, class, hard, load, load_method, duration_s, result)
			VALUES (3, 1, 'easy', 0, 30, 'trimp', 600, '{"Class":"easy"}'), (4, 1, 'tempo', 1, 70, 'trimp', 600, '{"Class":"tempo"}')`, nil},
		{`INSERT INTO peaks (activity_id, peak, bests) VALUES (3, '{"value":171}', '[]'), (4, '{"value":181}', '[]')`, nil},
		{`INSERT INTO verdicts (id, athlete_id, activity_id, verdict) VALUES (5, 1, 4, '{"ActivityID":4,"Title":"second"}'),
			(2, 1, 4, '{"ActivityID":4,"Title":"first"}'), (9, 2, 3, '{"ActivityID":3,"Title":"theirs"}')`, nil},
		{`INSERT INTO users (athlete_id, name, role, password_hash, created_at) VALUES (1, 'ana', 'athlete', 'h', 50)`, nil},
		{`INSERT INTO tokens (athlete_id, name, hash, created_at, expires_at) VALUES (1, 'never', 'a', 100, 0), (1, 'later', 'b', 200, 5000)`, nil},
	} {
		if _, err := old.ExecContext(ctx, q.query, q.args...); err != nil {
			t.Fatalf("%s: %v", q.query, err)
		}
	}
	// Open migrates the file while this connection waits.
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open at schema 13: %v", err)
	}
	for _, tt := range []struct {
		athlete  store.AthleteID
		id, file int64
		class    string
		peak     float64
		verdicts []string
	}{
		{2, 3, 8, "easy", 171, []string{"theirs"}},
		{store.DefaultAthlete, 4, 7, "tempo", 181, []string{"first", "second"}},
	} {
		r, err := db.Activity(ctx, tt.athlete, tt.id)
		if err != nil {
			t.Fatalf("Activity(%d, %d) after migrating: %v", tt.athlete, tt.id, err)
		}
		if !r.Activity.Start.Equal(start) || r.Activity.Streams.Len() != run.Streams.Len() {
			t.Errorf("activity %d: start %v, %d samples; want %v, %d", tt.id, r.Activity.Start, r.Activity.Streams.Len(), start, run.Streams.Len())
		}
		if len(r.Sources) != 1 || r.Sources[0].FileID != tt.file || !r.Sources[0].Primary {
			t.Errorf("activity %d: sources %+v, want file %d, primary", tt.id, r.Sources, tt.file)
		}
		if r.Analysis == nil || string(r.Analysis.Class) != tt.class {
			t.Errorf("activity %d: analysis %+v, want class %s", tt.id, r.Analysis, tt.class)
		}
		var titles []string
		for _, v := range r.Verdicts {
			titles = append(titles, v.Title)
		}
		if !slices.Equal(titles, tt.verdicts) {
			t.Errorf("activity %d: verdicts %q, want %q in their order", tt.id, titles, tt.verdicts)
		}
		peaks, err := db.Peaks(ctx, tt.athlete, time.Time{}, time.Time{})
		if err != nil || len(peaks) != 1 || peaks[0].HR.V != tt.peak {
			t.Errorf("Peaks(%d) = %+v, %v; want one of %v bpm", tt.athlete, peaks, err, tt.peak)
		}
		loads, err := db.Loads(ctx, tt.athlete, start, start.Add(time.Hour))
		if err != nil || len(loads) != 1 || loads[0].ActivityID != tt.id {
			t.Errorf("Loads(%d) = %+v, %v; want activity %d", tt.athlete, loads, err, tt.id)
		}
		f, err := db.Original(ctx, tt.athlete, tt.file)
		if err != nil || string(f.Data) != string(data) {
			t.Errorf("Original(%d, %d) = %q, %v; want %q", tt.athlete, tt.file, f.Data, err, data)
		}
	}
	tokens, err := db.Tokens(ctx, store.DefaultAthlete)
	if err != nil || len(tokens) != 2 || !tokens[0].Expires.IsZero() || !tokens[1].Expires.Equal(time.Unix(5000, 0)) {
		t.Errorf("Tokens after migrating = %+v, %v; want one never expiring, one at 5000", tokens, err)
	}
	// The migrated keys refuse another athlete's activity.
	if err := db.SavePeaks(ctx, 2, []store.Peak{{ActivityID: 4}}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SavePeaks on another athlete's activity after migrating = %v, want ErrNotFound", err)
	}
	if err := db.sql.QueryRowContext(ctx, `PRAGMA foreign_key_check`).Scan(); err != sql.ErrNoRows {
		t.Errorf("foreign_key_check after migrating: %v, want no violation", err)
	}
	// The load triggers, made again on the rebuilt analyses and
	// rewritten for start_at, count each change of athlete 2's loads.
	for name, change := range map[string]func() error{
		"SaveAnalyses": func() error {
			return db.SaveAnalyses(ctx, 2, []store.Analysis{{ActivityID: 3, Result: analysis.Result{Class: analysis.Easy}}})
		},
		"SetRPE": func() error { return db.SetRPE(ctx, 2, 3, 5) },
	} {
		before, _, err := db.LoadState(ctx, 2, start)
		if err != nil {
			t.Fatal(err)
		}
		if err := change(); err != nil {
			t.Fatalf("%s after migrating: %v", name, err)
		}
		after, _, err := db.LoadState(ctx, 2, start)
		if err != nil || after.Changes <= before.Changes {
			t.Errorf("%s after migrating: changes %d then %d, %v; want a change counted", name, before.Changes, after.Changes, err)
		}
	}
	// Migrated, the schema is a new store's, triggers and all.
	fresh, err := Open(ctx, filepath.Join(t.TempDir(), "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if got, want := schema(ctx, t, db.sql), schema(ctx, t, fresh.sql); !slices.Equal(got, want) {
		t.Errorf("schema migrated from 13:\n%s\nwant a new store's:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// Down again, every row stays.
	if _, err := p.DownTo(ctx, 13); err != nil {
		t.Fatalf("migrate down to 13: %v", err)
	}
	var never int
	if err := old.QueryRowContext(ctx, `SELECT expires_at FROM tokens WHERE name = 'never'`).Scan(&never); err != nil || never != 0 {
		t.Errorf("expiry of a token that never expires after migrating down = %d, %v; want 0", never, err)
	}
	var kept int
	if err := old.QueryRowContext(ctx, `SELECT count(*) FROM activities WHERE laps = ? AND streams = ?`, packed.Laps, packed.Streams).Scan(&kept); err != nil || kept != 2 {
		t.Errorf("activities with their laps and streams after migrating down = %d, %v; want 2", kept, err)
	}
	for table, want := range map[string]int{"activity_sources": 2, "analyses": 2, "peaks": 2, "verdicts": 3, "tokens": 2} {
		var n int
		if err := old.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil || n != want {
			t.Errorf("%s after migrating down: %d rows, %v; want %d", table, n, err, want)
		}
	}
}

// schema lists what sqlite_master holds of the database, every table,
// index and trigger with its SQL, in order of name.
func schema(ctx context.Context, t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.QueryContext(ctx, `SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
