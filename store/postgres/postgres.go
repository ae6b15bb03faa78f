// Package postgres is easyrun's store for many athletes: a PostgreSQL
// database holding the same data as store/sqlite, with summaries in
// columns and each activity's streams packed in one blob.
//
// Every table is keyed by athlete and every query filters by athlete, so
// that stateless app servers can share one database, and a distributed
// PostgreSQL can shard it by athlete.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a store.Store in a PostgreSQL database. It is safe for concurrent
// use, by several processes too: writes that must see every earlier write
// of an athlete (finding duplicates, replacing the verdicts) queue on a
// lock of the athlete's row.
type DB struct {
	// The queries written once for SQLite and PostgreSQL.
	*sqlstore.Store
	pool *pgxpool.Pool
}

var (
	_ store.Store    = (*DB)(nil)
	_ store.Accounts = (*DB)(nil)
)

// connectTimeout bounds connecting when the URL sets no connect_timeout,
// so that an unreachable host fails in seconds rather than at the
// operating system's TCP timeout.
const connectTimeout = 10 * time.Second

// Open connects to the PostgreSQL database at url (postgres://...), which
// may set any libpq parameter, search_path included, and brings the
// schema up to date. Errors name the host, never the password.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil { // pgx leaves the password out of its message
		return nil, fmt.Errorf("open store: %w", err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	where := fmt.Sprintf("%s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store on %s: %w", where, err)
	}
	db := &DB{pool: pool, Store: sqlstore.New(sqlstore.Dialect{
		Conn: conn{pool},
		InTx: func(ctx context.Context, fn func(tx sqlstore.Tx) error) error {
			return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error { return fn(txConn{conn{tx}, tx}) })
		},
		Locks: map[sqlstore.Lock]string{
			// Under READ COMMITTED two transactions that each need every
			// earlier write of the athlete in sight would otherwise each
			// miss the other's rows. NO KEY UPDATE leaves the foreign-key
			// checks of other writes free.
			sqlstore.LockAthlete: `SELECT FROM athletes WHERE id = ? FOR NO KEY UPDATE`,
			// The writes of the athlete's data under way lock the row to
			// share (their foreign-key checks) and so finish first; a
			// write that would follow finds no athlete.
			sqlstore.LockRemoval: `SELECT FROM athletes WHERE id = ? FOR UPDATE`,
			// So that two users never take the same new athlete id or the
			// default athlete. The mode conflicts with itself and with
			// writes of users, not with reading them.
			sqlstore.LockUsers: `LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`,
		},
		ForeignKey: foreignKey,
		AnyOf:      ` = ANY(?)`,
		IDs:        func(ids []int64) any { return ids },
		Texts:      func(texts []string) any { return texts },
		Time:       func(t time.Time) any { return t },
		TimeOf: func(v any) (time.Time, error) {
			t, ok := v.(time.Time)
			if !ok {
				return time.Time{}, fmt.Errorf("time column holds %T, not a timestamptz: %w", v, store.ErrCorrupt)
			}
			return t.UTC(), nil
		},
		Text: func(s string) any { return text(s) },
		JSON: func(b []byte) any { return b },
	})}
	if err := pool.Ping(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("open store on %s: %w", where, err), db.Close())
	}
	if err := db.migrate(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("open store on %s: %w", where, err), db.Close())
	}
	return db, nil
}

// migrate applies the migrations to the current schema. App servers
// starting together take turns: goose holds an advisory lock of the
// schema while it migrates.
func (db *DB) migrate(ctx context.Context) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	var schema *string
	if err := db.pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if schema == nil {
		return errors.New("migrate: no schema: search_path names none that exists")
	}
	// One lock per schema, so that migrating one never waits for another.
	h := fnv.New64a()
	h.Write([]byte("easyrun migrations " + *schema))
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64())), lock.WithLockTimeout(1, 300))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sqlDB := stdlib.OpenDBFromPool(db.pool) // closing it leaves the pool open
	defer sqlDB.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, fsys, goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate schema %s: %w", *schema, err)
	}
	return nil
}

// Close closes the connections.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// foreignKey reports whether err is a foreign-key violation.
func foreignKey(err error) bool {
	pgErr, ok := errors.AsType[*pgconn.PgError](err)
	return ok && pgErr.Code == "23503" // foreign_key_violation
}

// text makes s storable in a text column: PostgreSQL refuses NUL bytes
// and invalid UTF-8, which SQLite keeps and which names inside old zip
// files and strings of some devices hold. Invalid bytes become U+FFFD
// and NULs are dropped; the original file keeps the exact bytes.
func text(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// conn runs sqlstore's queries, their ? placeholders numbered as
// PostgreSQL's $1, $2, ...
type conn struct{ q querier }

// QueryRow runs query for at most one row.
func (c conn) QueryRow(ctx context.Context, query string, args ...any) sqlstore.Row {
	return row{c.q.QueryRow(ctx, numbered(query), args...)}
}

// Exec runs query and reports how many rows it changed.
func (c conn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := c.q.Exec(ctx, numbered(query), args...)
	return tag.RowsAffected(), err
}

// Query runs query for its rows.
func (c conn) Query(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	r, err := c.q.Query(ctx, numbered(query), args...)
	if err != nil {
		return nil, err
	}
	return rows{r}, nil
}

// txConn is a conn in the transaction tx.
type txConn struct {
	conn
	tx pgx.Tx
}

// CopyFrom copies rows in (COPY).
func (t txConn) CopyFrom(ctx context.Context, table string, cols []string, rows [][]any) error {
	_, err := t.tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
	return err
}

// Replace deletes the rows of the athlete's activities ids, since COPY
// cannot replace them, and copies the new ones in.
func (t txConn) Replace(ctx context.Context, table string, athlete store.AthleteID, ids []int64, cols []string, rows [][]any) error {
	if _, err := t.tx.Exec(ctx, `DELETE FROM `+table+` WHERE athlete_id = $1 AND activity_id = ANY($2)`, athlete, ids); err != nil {
		return err
	}
	return t.CopyFrom(ctx, table, cols, rows)
}

// rows are pgx.Rows closed as database/sql's are, with an error.
type rows struct{ pgx.Rows }

func (r rows) Close() error {
	r.Rows.Close()
	return r.Rows.Err()
}

// row is a pgx.Row whose no row is sql.ErrNoRows, as sqlstore expects.
type row struct{ pgx.Row }

func (r row) Scan(dest ...any) error {
	if err := r.Row.Scan(dest...); !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	return sql.ErrNoRows
}

// numberedQueries caches numbered, by query.
var numberedQueries sync.Map

// numbered is query with its ? placeholders as $1, $2, ...; sqlstore's
// queries hold no ? of their own (no JSON operator, no literal).
func numbered(query string) string {
	if q, ok := numberedQueries.Load(query); ok {
		return q.(string)
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	numberedQueries.Store(query, b.String())
	return b.String()
}
