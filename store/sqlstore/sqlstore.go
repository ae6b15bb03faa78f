// Package sqlstore is the one implementation of store.Store and
// store.Accounts that SQLite and PostgreSQL run alike: each query is
// written once, with ? placeholders, over the same table and column
// names, and a Dialect says how a database runs it, which values its
// columns take, how it writes rows in bulk, which locks it needs and how
// it reports a foreign-key violation. store/sqlite and store/postgres
// embed a Store and keep only what differs: their drivers, connections,
// schemas and migrations.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/segmentio/encoding/json"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
)

// Conn runs queries written with ? placeholders.
type Conn interface {
	// QueryRow runs query for at most one row; Scan of no row is
	// sql.ErrNoRows, whatever the driver.
	QueryRow(ctx context.Context, query string, args ...any) Row
	// Exec runs query and reports how many rows it changed.
	Exec(ctx context.Context, query string, args ...any) (int64, error)
	// Query runs query for its rows; the caller closes them.
	Query(ctx context.Context, query string, args ...any) (Rows, error)
}

// Row is one row of a query.
type Row interface {
	Scan(dest ...any) error
}

// Rows are the rows of a query, read one at a time as database/sql's.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	// Err is the error that ended Next early, if any.
	Err() error
	Close() error
}

// Tx is a Conn inside a transaction, which also writes rows in bulk.
type Tx interface {
	Conn
	// CopyFrom inserts rows into the columns cols of table, in their
	// order: PostgreSQL copies them in (COPY), SQLite runs one prepared
	// INSERT a row, its fastest way in process.
	CopyFrom(ctx context.Context, table string, cols []string, rows [][]any) error
	// Replace writes rows, of the athlete's activities ids in their
	// order, into the columns cols of table, whose key is athlete_id and
	// activity_id, the first two; each replaces the row of its key.
	// PostgreSQL deletes those rows and copies the new ones in (COPY),
	// SQLite upserts one row at a time with one prepared statement.
	Replace(ctx context.Context, table string, athlete store.AthleteID, ids []int64, cols []string, rows [][]any) error
}

// Dialect is what differs between the databases a Store runs on.
type Dialect struct {
	Conn Conn
	// InTx runs fn in a transaction, committed when fn returns nil and
	// rolled back otherwise.
	InTx func(ctx context.Context, fn func(tx Tx) error) error
	// Locks are the statements taking each Lock in a transaction, which
	// holds it until it ends. PostgreSQL needs them under READ COMMITTED;
	// SQLite has none, its write transactions running one at a time.
	Locks map[Lock]string
	// ForeignKey reports whether err is a foreign-key violation, which
	// is how the schema refuses a row on another athlete's activity or of
	// someone who is no user.
	ForeignKey func(err error) bool
	// AnyOf follows a column in a condition that its value is one of
	// those the argument IDs(ids) or Texts(texts) holds: one argument,
	// however many values, so one statement to prepare.
	AnyOf string
	IDs   func(ids []int64) any
	Texts func(texts []string) any
	// Time is t as the database's time columns hold it, and TimeOf the
	// time a time column scanned into an any held. WholeSeconds says
	// that they hold whole seconds, t rounded down.
	Time         func(t time.Time) any
	TimeOf       func(v any) (time.Time, error)
	WholeSeconds bool
	// Text is s as its text columns take it.
	Text func(s string) any
	// JSON is b as its JSON columns take it.
	JSON func(b []byte) any
}

// Lock is what a transaction may need to hold to itself.
type Lock int

// The locks a Dialect may take.
const (
	// LockAthlete, taking the athlete, makes a transaction the athlete's
	// only writer of what needs every earlier write in sight: the
	// duplicate search before an insert, the verdicts replaced whole.
	LockAthlete Lock = iota
	// LockRemoval, taking the athlete, holds back every write of the
	// athlete's data until the transaction removing them ends.
	LockRemoval
	// LockUsers makes a transaction the only one adding users.
	LockUsers
)

// Store holds the queries written once for every dialect.
type Store struct {
	d Dialect
}

// New is a Store over d.
func New(d Dialect) *Store { return &Store{d: d} }

// Athlete returns the athlete's profile as last saved, or the zero profile
// when none was. An athlete that does not exist gives store.ErrNotFound.
func (s *Store) Athlete(ctx context.Context, athlete store.AthleteID) (activity.Athlete, error) {
	var profile []byte // nil until saved
	err := s.d.Conn.QueryRow(ctx, `SELECT profile FROM athletes WHERE id = ?`, athlete).Scan(&profile)
	if errors.Is(err, sql.ErrNoRows) {
		return activity.Athlete{}, fmt.Errorf("athlete %d: %w", athlete, store.ErrNotFound)
	}
	if err != nil {
		return activity.Athlete{}, fmt.Errorf("athlete %d: %w", athlete, err)
	}
	var a activity.Athlete
	if profile != nil {
		if err := json.Unmarshal(profile, &a); err != nil {
			return activity.Athlete{}, fmt.Errorf("athlete %d: profile: %v: %w", athlete, err, store.ErrCorrupt)
		}
	}
	return a, nil
}

// SaveAthlete replaces the athlete's profile. An athlete that does not
// exist gives store.ErrNotFound: athletes are created elsewhere.
func (s *Store) SaveAthlete(ctx context.Context, athlete store.AthleteID, a activity.Athlete) error {
	profile, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("save athlete %d: %w", athlete, err)
	}
	n, err := s.d.Conn.Exec(ctx, `UPDATE athletes SET profile = ?, name = ? WHERE id = ?`, s.d.JSON(profile), s.d.Text(a.Name), athlete)
	if err := OneRow(n, err); err != nil {
		return fmt.Errorf("save athlete %d: %w", athlete, err)
	}
	return nil
}

// SetRPE sets or, with 0, clears the session RPE of one of the athlete's
// activities. The stored analysis is left as it is: the caller analyses
// the activity again to count the new RPE. An id that is not the
// athlete's gives store.ErrNotFound.
func (s *Store) SetRPE(ctx context.Context, athlete store.AthleteID, id int64, rpe int) error {
	if err := store.CheckRPE(rpe); err != nil {
		return fmt.Errorf("set rpe of activity %d: %w", id, err)
	}
	n, err := s.d.Conn.Exec(ctx, `UPDATE activities SET rpe = ? WHERE athlete_id = ? AND id = ?`, rpe, athlete, id)
	if err := OneRow(n, err); err != nil {
		return fmt.Errorf("set rpe of activity %d: %w", id, err)
	}
	return nil
}

// SetSport sets the sport of one of the athlete's activities as the
// runner corrected it (store.CheckSport), marking it tagged so that a
// later recording of the session keeps it. The stored analysis is left as
// it is: the caller analyses the activity again. An id that is not the
// athlete's gives store.ErrNotFound.
func (s *Store) SetSport(ctx context.Context, athlete store.AthleteID, id int64, sport activity.Sport) error {
	if err := store.CheckSport(sport); err != nil {
		return fmt.Errorf("set sport of activity %d: %w", id, err)
	}
	n, err := s.d.Conn.Exec(ctx, `UPDATE activities SET sport = ?, sport_tagged = ? WHERE athlete_id = ? AND id = ?`, string(sport), true, athlete, id)
	if err := OneRow(n, err); err != nil {
		return fmt.Errorf("set sport of activity %d: %w", id, err)
	}
	return nil
}

// Plan returns the athlete's plan as last saved; store.ErrNotFound when
// there is none.
func (s *Store) Plan(ctx context.Context, athlete store.AthleteID) (*plan.Plan, error) {
	var body []byte
	err := s.d.Conn.QueryRow(ctx, `SELECT plan FROM plans WHERE athlete_id = ?`, athlete).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("plan of athlete %d: %w", athlete, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("plan of athlete %d: %w", athlete, err)
	}
	var p plan.Plan
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, fmt.Errorf("plan of athlete %d: %v: %w", athlete, err, store.ErrCorrupt)
	}
	return &p, nil
}

// SavePlan replaces the athlete's plan. An athlete that does not exist
// gives store.ErrNotFound.
func (s *Store) SavePlan(ctx context.Context, athlete store.AthleteID, p *plan.Plan) error {
	body, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("save plan of athlete %d: %w", athlete, err)
	}
	// Selecting the athlete makes a missing one insert nothing.
	n, err := s.d.Conn.Exec(ctx, `INSERT INTO plans (athlete_id, saved_at, plan) SELECT id, ?, ? FROM athletes WHERE id = ?
		ON CONFLICT (athlete_id) DO UPDATE SET saved_at = excluded.saved_at, plan = excluded.plan`,
		s.d.Time(time.Now()), s.d.JSON(body), athlete)
	if err := OneRow(n, err); err != nil {
		return fmt.Errorf("save plan of athlete %d: %w", athlete, err)
	}
	return nil
}

// lock takes l in tx, with its arguments, if the Dialect has it.
func (s *Store) lock(ctx context.Context, tx Tx, l Lock, args ...any) error {
	query, ok := s.d.Locks[l]
	if !ok {
		return nil
	}
	if _, err := tx.Exec(ctx, query, args...); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	return nil
}

// notFound turns a foreign-key violation (Dialect.ForeignKey) into
// store.ErrNotFound.
func (s *Store) notFound(err error) error {
	if err != nil && s.d.ForeignKey(err) {
		return fmt.Errorf("%v: %w", err, store.ErrNotFound)
	}
	return err
}

// collect runs query on c and reads each of its rows with scan.
func collect[T any](ctx context.Context, c Conn, scan func(Row) (T, error), query string, args ...any) ([]T, error) {
	rows, err := c.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// OneRow turns what a statement that must change one row did into an
// error: err itself, or store.ErrNotFound when it changed none.
func OneRow(n int64, err error) error {
	if err != nil {
		return err
	}
	if n == 0 {
		return store.ErrNotFound
	}
	return nil
}
