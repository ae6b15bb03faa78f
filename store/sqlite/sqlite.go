// Package sqlite is easyrun's embedded store: one SQLite file holding the
// athletes, their original files, and the activities read from them, with
// summaries in columns and each activity's streams packed in one blob.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pressly/goose/v3"
	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a store.Store in a SQLite file. It is safe for concurrent use:
// the file's write lock serialises the writing transactions, and readers
// run beside them (WAL).
type DB struct {
	// The queries written once for SQLite and PostgreSQL.
	*sqlstore.Store
	sql   *sql.DB
	stmts *statements
}

var (
	_ store.Store    = (*DB)(nil)
	_ store.Accounts = (*DB)(nil)
)

// pragmas configure every connection: WAL so that readers never wait for
// the writer, NORMAL sync (safe in WAL: a crash may lose the last commits
// but never corrupts), a busy timeout instead of immediate SQLITE_BUSY, and
// immediate write transactions so that two writers queue at BEGIN rather
// than deadlock when upgrading a read lock.
const pragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
	"&_pragma=foreign_keys(1)&_txlock=immediate"

// mapped has reads go through a memory map of up to 2 GiB (SQLite's own
// bound), which spares every page a read system call: a tenth of a busy
// server's CPU went to them.
const mapped = "&_pragma=mmap_size(2147418112)"

// Option tunes a store that Open opens.
type Option func(*options)

type options struct{ unmapped bool }

// ReadOnce tunes the store for a process that reads each page about once,
// as one command's import and analysis do: pages are read with read
// calls, not through a memory map of the file, which spares a server's
// reads of the same pages again and again a system call each, but would
// count every page the process reads in its resident memory: a first
// import of ten years, which analyses every activity from its streams,
// held 380 MB resident, of which its own memory was 56 MB.
func ReadOnce() Option { return func(o *options) { o.unmapped = true } }

// maxConns bounds the connections a DB keeps open.
const maxConns = 16

// Open opens the store in the SQLite file at path, creating the file and
// its parent directory when missing, and brings the schema up to date.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// A file: URI, escaped, so that no character of the path is taken
	// for the start of the parameters.
	dsn := "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath() + "?" + pragmas
	if !o.unmapped {
		dsn += mapped
	}
	sqlDB, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// Connections are kept rather than closed after use: a new one maps
	// the file afresh, starts with an empty page cache and prepares its
	// statements again, and with database/sql's default of two idle
	// ones a busy server spent a fifth of its CPU opening and closing
	// them (go run ./bench load). A bounded pool also bounds the memory
	// of the page caches; beyond it, queries wait for a connection,
	// where more of them would only share the same cores.
	sqlDB.SetMaxOpenConns(maxConns)
	sqlDB.SetMaxIdleConns(maxConns)
	stmts := &statements{db: sqlDB, writes: new(writeQueue), m: map[string]*sql.Stmt{}}
	db := &DB{sql: sqlDB, stmts: stmts, Store: sqlstore.New(sqlstore.Dialect{
		Conn: conn{s: stmts},
		// Times are Unix seconds, JSON is TEXT (a []byte would be a BLOB).
		Time: func(t time.Time) any { return t.Unix() },
		TimeOf: func(v any) (time.Time, error) {
			sec, ok := v.(int64)
			if !ok {
				return time.Time{}, fmt.Errorf("time column holds %T, not Unix seconds: %w", v, store.ErrCorrupt)
			}
			return time.Unix(sec, 0).UTC(), nil
		},
		WholeSeconds: true,
		Text:         func(s string) any { return s },
		JSON:         func(b []byte) any { return string(b) },
		InTx:         stmts.inTx,
		ForeignKey: func(err error) bool {
			e, ok := errors.AsType[*sqlite.Error](err)
			return ok && e.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
		},
		// A JSON array of the values, one argument whatever their number.
		AnyOf: ` IN (SELECT value FROM json_each(?))`,
		IDs: func(ids []int64) any {
			b, _ := json.Marshal(ids) // cannot fail
			return string(b)
		},
		Texts: func(texts []string) any {
			b, _ := json.Marshal(texts) // cannot fail
			return string(b)
		},
	})}
	if err := db.migrate(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("open store %s: %w", path, err), db.Close())
	}
	return db, nil
}

// migrate brings the schema up to date.
func (db *DB) migrate(ctx context.Context) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db.sql, fsys)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Close releases the statements and the database.
func (db *DB) Close() error {
	return errors.Join(db.stmts.close(), db.sql.Close())
}

// statements are the queries run so far, each prepared once on first use.
type statements struct {
	db     *sql.DB
	writes *writeQueue // every write takes its turn here
	mu     sync.Mutex
	m      map[string]*sql.Stmt
}

func (s *statements) prepare(ctx context.Context, query string) (*sql.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.m[query]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare %q: %w", query, err)
	}
	s.m[query] = st
	return st, nil
}

func (s *statements) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for _, st := range s.m {
		errs = append(errs, st.Close())
	}
	return errors.Join(errs...)
}

// inTx runs fn in a write transaction, in its turn of the write queue.
func (s *statements) inTx(ctx context.Context, fn func(tx sqlstore.Tx) error) error {
	return s.writes.do(ctx, func() error {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		if err := fn(conn{s, tx}); err != nil {
			return errors.Join(err, tx.Rollback())
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		return nil
	})
}

// conn runs sqlstore's queries with the prepared statements s, in the
// transaction tx or, when it is nil, each Exec in its turn of the write
// queue.
type conn struct {
	s  *statements
	tx *sql.Tx
}

func (c conn) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	st, err := c.s.prepare(ctx, query)
	if err != nil || c.tx == nil {
		return st, err
	}
	return c.tx.StmtContext(ctx, st), nil
}

// QueryRow runs query for at most one row.
func (c conn) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

// Exec runs query and reports how many rows it changed.
func (c conn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return 0, err
	}
	var n int64
	exec := func() error {
		res, err := st.ExecContext(ctx, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	}
	if c.tx != nil {
		err = exec()
	} else {
		err = c.s.writes.do(ctx, exec)
	}
	return n, err
}

// Query runs query for its rows.
func (c conn) Query(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// CopyFrom inserts rows one at a time with one prepared statement, in
// the transaction that sqlstore runs it in.
func (c conn) CopyFrom(ctx context.Context, table string, cols []string, rows [][]any) error {
	st, err := c.stmt(ctx, sqlstore.InsertRow(table, cols))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := st.ExecContext(ctx, r...); err != nil {
			return err
		}
	}
	return nil
}

// Replace upserts rows one at a time with one prepared statement: SQLite
// updates a row in place faster than it deletes and inserts it. The
// tables are keyed by activity_id alone, their rowid, which reads them
// in one lookup; a row of another athlete's activity that has one
// updates nothing and gives store.ErrNotFound, and one that has none
// meets the foreign key.
func (c conn) Replace(ctx context.Context, table string, _ store.AthleteID, ids []int64, cols []string, rows [][]any) error {
	set := make([]string, 0, len(cols)-2)
	for _, col := range cols[2:] {
		set = append(set, col+" = excluded."+col)
	}
	st, err := c.stmt(ctx, sqlstore.InsertRow(table, cols)+`
		ON CONFLICT (activity_id) DO UPDATE SET `+strings.Join(set, ", ")+` WHERE athlete_id = excluded.athlete_id`)
	if err != nil {
		return err
	}
	for i, r := range rows {
		res, err := st.ExecContext(ctx, r...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("activity %d: %w", ids[i], store.ErrNotFound)
		}
	}
	return nil
}

// errRow is a row whose query could not be prepared.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }
