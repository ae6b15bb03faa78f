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
	sql  *sql.DB
	conn *conn
}

var _ store.Store = (*DB)(nil)

// pragmas configure every connection: WAL so that readers never wait for
// the writer, NORMAL sync (safe in WAL: a crash may lose the last commits
// but never corrupts), a busy timeout instead of immediate SQLITE_BUSY, and
// immediate write transactions so that two writers queue at BEGIN rather
// than deadlock when upgrading a read lock. Reads go through a memory
// map of up to 2 GiB (SQLite's own bound), which spares every page a
// read system call: a tenth of a busy server's CPU went to them.
const pragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
	"&_pragma=foreign_keys(1)&_pragma=mmap_size(2147418112)&_txlock=immediate"

// Open opens the store in the SQLite file at path, creating the file and
// its parent directory when missing, and brings the schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
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
	sqlDB, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	c := &conn{db: sqlDB, writes: new(writeQueue), stmts: map[string]*sql.Stmt{}}
	db := &DB{sql: sqlDB, conn: c, Store: sqlstore.New(sqlstore.Dialect{
		Conn: c,
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
		InTx:         c.inTx,
		ForeignKey: func(err error) bool {
			e, ok := errors.AsType[*sqlite.Error](err)
			return ok && e.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
		},
		// A JSON array of the ids, one argument whatever their number.
		AnyID: ` IN (SELECT value FROM json_each(?))`,
		IDs: func(ids []int64) any {
			b, _ := json.Marshal(ids) // cannot fail
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
	return errors.Join(db.conn.close(), db.sql.Close())
}

// conn runs sqlstore's queries, each prepared once on first use.
type conn struct {
	db     *sql.DB
	writes *writeQueue // the store's: Exec writes
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
}

func (c *conn) prepare(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.stmts[query]; ok {
		return s, nil
	}
	s, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare %q: %w", query, err)
	}
	c.stmts[query] = s
	return s, nil
}

// QueryRow runs query for at most one row.
func (c *conn) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Row {
	s, err := c.prepare(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return s.QueryRowContext(ctx, args...)
}

// Exec runs query and reports how many rows it changed.
func (c *conn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	s, err := c.prepare(ctx, query)
	if err != nil {
		return 0, err
	}
	var n int64
	err = c.writes.do(ctx, func() error {
		res, err := s.ExecContext(ctx, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// Query runs query for its rows.
func (c *conn) Query(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	s, err := c.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

func (c *conn) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for _, s := range c.stmts {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}

// inTx runs fn in a write transaction, in its turn of the write queue.
func (c *conn) inTx(ctx context.Context, fn func(tx sqlstore.Tx) error) error {
	return c.writes.do(ctx, func() error {
		tx, err := c.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		if err := fn(txConn{c, tx}); err != nil {
			return errors.Join(err, tx.Rollback())
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		return nil
	})
}

// txConn runs queries in the transaction tx, with c's prepared statements.
type txConn struct {
	c  *conn
	tx *sql.Tx
}

func (t txConn) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	s, err := t.c.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	return t.tx.StmtContext(ctx, s), nil
}

// QueryRow runs query for at most one row.
func (t txConn) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Row {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return errRow{err}
	}
	return s.QueryRowContext(ctx, args...)
}

// Exec runs query and reports how many rows it changed.
func (t txConn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return 0, err
	}
	res, err := s.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Query runs query for its rows.
func (t txConn) Query(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// CopyFrom inserts rows one at a time with one prepared statement.
func (t txConn) CopyFrom(ctx context.Context, table string, cols []string, rows [][]any) error {
	s, err := t.stmt(ctx, `INSERT INTO `+table+` (`+strings.Join(cols, ", ")+`) VALUES (?`+strings.Repeat(", ?", len(cols)-1)+`)`)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := s.ExecContext(ctx, r...); err != nil {
			return err
		}
	}
	return nil
}

// errRow is a row whose query could not be prepared.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }
