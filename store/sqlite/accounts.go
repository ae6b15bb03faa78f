package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/easyrun/easyrun/store"
)

var _ store.Accounts = (*DB)(nil)

// AddUser makes a user. The first user takes store.DefaultAthlete, and so
// the data kept before there were accounts; later users get a new
// athlete. A taken name gives store.ErrExists.
func (db *DB) AddUser(ctx context.Context, name string, role store.Role, passwordHash string) (store.User, error) {
	u := store.User{Name: name, Role: role, Created: time.Unix(time.Now().Unix(), 0).UTC()}
	// Write transactions begin immediately (_txlock), so no other can
	// claim the default athlete or a name between the reads and writes.
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE athlete_id = ?)`,
			store.DefaultAthlete).Scan(&taken); err != nil {
			return err
		}
		u.ID = store.DefaultAthlete
		if taken {
			// The rowid alias takes the highest id plus one.
			if err := tx.QueryRowContext(ctx, `INSERT INTO athletes (created_at) VALUES (?) RETURNING id`,
				u.Created.Unix()).Scan(&u.ID); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO users (athlete_id, name, role, password_hash, created_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`, u.ID, name, role, passwordHash, u.Created.Unix())
		if err = oneRow(res, err); errors.Is(err, store.ErrNotFound) {
			return store.ErrExists // the name was taken: nothing was inserted
		}
		return err
	})
	if err != nil {
		return store.User{}, fmt.Errorf("add user %q: %w", name, err)
	}
	return u, nil
}

// userColumns are what scanUsers reads, from users u.
const userColumns = `u.athlete_id, u.name, u.role, u.created_at`

// Users lists every user by name.
func (db *DB) Users(ctx context.Context) ([]store.User, error) {
	users, err := scanUsers(db.sql.QueryContext(ctx, `SELECT `+userColumns+` FROM users u ORDER BY u.name`))
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return users, nil
}

// User returns one user; store.ErrNotFound when there is none.
func (db *DB) User(ctx context.Context, id store.AthleteID) (store.User, error) {
	users, err := scanUsers(db.sql.QueryContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.athlete_id = ?`, id))
	if err == nil && len(users) == 0 {
		err = store.ErrNotFound
	}
	if err != nil {
		return store.User{}, fmt.Errorf("user %d: %w", id, err)
	}
	return users[0], nil
}

// UserByName returns a user and their password hash; store.ErrNotFound
// when there is none.
func (db *DB) UserByName(ctx context.Context, name string) (store.User, string, error) {
	var u store.User
	var hash string
	var createdUnix int64
	err := db.sql.QueryRowContext(ctx, `SELECT athlete_id, name, role, created_at, password_hash FROM users WHERE name = ?`,
		name).Scan(&u.ID, &u.Name, &u.Role, &createdUnix, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err != nil {
		return store.User{}, "", fmt.Errorf("user %q: %w", name, err)
	}
	u.Created = time.Unix(createdUnix, 0).UTC()
	return u, hash, nil
}

// scanUsers reads the users a query of userColumns gave.
func scanUsers(rows *sql.Rows, err error) ([]store.User, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var users []store.User
	for rows.Next() {
		var u store.User
		var createdUnix int64
		if err := rows.Scan(&u.ID, &u.Name, &u.Role, &createdUnix); err != nil {
			return nil, err
		}
		u.Created = time.Unix(createdUnix, 0).UTC()
		users = append(users, u)
	}
	return users, rows.Err()
}

// SetPassword replaces a user's password hash and ends all their
// sessions and revokes their API tokens with it, so that whoever learnt
// the old password keeps nothing; store.ErrNotFound when there is no
// such user.
func (db *DB) SetPassword(ctx context.Context, id store.AthleteID, passwordHash string) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE athlete_id = ?`, passwordHash, id)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE athlete_id = ?`, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM tokens WHERE athlete_id = ?`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("set password of user %d: %w", id, err)
	}
	return nil
}

// userRows deletes every row of a user, in an order the foreign keys
// allow. Deleting activities deletes their sources, analyses, verdicts
// and peaks (ON DELETE CASCADE).
var userRows = []string{
	`DELETE FROM activities WHERE athlete_id = ?`,
	// After the activities, whose deletion the load triggers count.
	`DELETE FROM load_days WHERE athlete_id = ?`,
	`DELETE FROM load_basis WHERE athlete_id = ?`,
	`DELETE FROM files WHERE athlete_id = ?`,
	`DELETE FROM plans WHERE athlete_id = ?`,
	`DELETE FROM mornings WHERE athlete_id = ?`,
	`DELETE FROM sessions WHERE athlete_id = ?`,
	`DELETE FROM tokens WHERE athlete_id = ?`,
	`DELETE FROM feeds WHERE athlete_id = ?`,
	`DELETE FROM grants WHERE athlete_id = ?1 OR coach_id = ?1`,
}

// RemoveUser removes a user with all their data; store.ErrNotFound when
// there is no such user. The row of store.DefaultAthlete stays, its
// profile cleared, so that the single-user default keeps working.
func (db *DB) RemoveUser(ctx context.Context, id store.AthleteID) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range userRows {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM users WHERE athlete_id = ?`, id)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if id == store.DefaultAthlete {
			_, err = tx.ExecContext(ctx, `UPDATE athletes SET name = '', profile = NULL WHERE id = ?`, id)
		} else {
			_, err = tx.ExecContext(ctx, `DELETE FROM athletes WHERE id = ?`, id)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("remove user %d: %w", id, err)
	}
	return nil
}

// SaveSession stores a new session; store.ErrNotFound when its athlete
// is no user.
func (db *DB) SaveSession(ctx context.Context, s store.Session) error {
	_, err := db.sql.ExecContext(ctx, `INSERT INTO sessions (athlete_id, hash, csrf, viewing, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`, s.Athlete, s.Hash, s.CSRF, s.Viewing, s.Created.Unix(), s.Expires.Unix())
	if err != nil {
		return fmt.Errorf("save session of user %d: %w", s.Athlete, noUser(err))
	}
	return nil
}

// Session returns a session by its owner and hash, expired or not;
// store.ErrNotFound when there is none.
func (db *DB) Session(ctx context.Context, athlete store.AthleteID, hash string) (store.Session, error) {
	s := store.Session{Athlete: athlete, Hash: hash}
	var createdUnix, expiresUnix int64
	err := db.sql.QueryRowContext(ctx, `SELECT csrf, viewing, created_at, expires_at FROM sessions
		WHERE athlete_id = ? AND hash = ?`, athlete, hash).Scan(&s.CSRF, &s.Viewing, &createdUnix, &expiresUnix)
	if errors.Is(err, sql.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err != nil {
		return store.Session{}, fmt.Errorf("session of user %d: %w", athlete, err)
	}
	s.Created, s.Expires = time.Unix(createdUnix, 0).UTC(), time.Unix(expiresUnix, 0).UTC()
	return s, nil
}

// SetViewing records the athlete a coach's session looks at;
// store.ErrNotFound when there is no such session.
func (db *DB) SetViewing(ctx context.Context, athlete store.AthleteID, hash string, viewing store.AthleteID) error {
	res, err := db.sql.ExecContext(ctx, `UPDATE sessions SET viewing = ? WHERE athlete_id = ? AND hash = ?`, viewing, athlete, hash)
	if err := oneRow(res, err); err != nil {
		return fmt.Errorf("set viewing of a session of user %d: %w", athlete, err)
	}
	return nil
}

// DeleteSession ends one session, if it exists.
func (db *DB) DeleteSession(ctx context.Context, athlete store.AthleteID, hash string) error {
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM sessions WHERE athlete_id = ? AND hash = ?`, athlete, hash); err != nil {
		return fmt.Errorf("delete a session of user %d: %w", athlete, err)
	}
	return nil
}

// DeleteSessions ends every session of a user.
func (db *DB) DeleteSessions(ctx context.Context, athlete store.AthleteID) error {
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM sessions WHERE athlete_id = ?`, athlete); err != nil {
		return fmt.Errorf("delete the sessions of user %d: %w", athlete, err)
	}
	return nil
}

// DeleteExpiredSessions removes the sessions that expired before t.
func (db *DB) DeleteExpiredSessions(ctx context.Context, t time.Time) error {
	// Expiries are whole seconds, so one before t is one before CeilUnix(t).
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < ?`, store.CeilUnix(t)); err != nil {
		return fmt.Errorf("delete expired sessions: %w", err)
	}
	return nil
}

// SaveToken stores a new API token and returns it with its ID;
// store.ErrNotFound when its athlete is no user.
func (db *DB) SaveToken(ctx context.Context, t store.Token) (store.Token, error) {
	err := db.sql.QueryRowContext(ctx, `INSERT INTO tokens (athlete_id, name, hash, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, t.Athlete, t.Name, t.Hash, t.Created.Unix(), unixOrZero(t.Expires)).Scan(&t.ID)
	if err != nil {
		return store.Token{}, fmt.Errorf("save token %q of user %d: %w", t.Name, t.Athlete, noUser(err))
	}
	t.Created = time.Unix(t.Created.Unix(), 0).UTC() // as Tokens will read it
	t.Expires = timeOrZero(unixOrZero(t.Expires))
	return t, nil
}

// unixOrZero is t in Unix seconds, 0 for the zero time ("never").
func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// timeOrZero reads what unixOrZero wrote.
func timeOrZero(unix int64) time.Time {
	if unix == 0 {
		return time.Time{}
	}
	return time.Unix(unix, 0).UTC()
}

// tokenColumns are what scanTokens reads.
const tokenColumns = `athlete_id, id, name, hash, created_at, expires_at`

// Tokens lists a user's API tokens, oldest first.
func (db *DB) Tokens(ctx context.Context, athlete store.AthleteID) ([]store.Token, error) {
	tokens, err := scanTokens(db.sql.QueryContext(ctx, `SELECT `+tokenColumns+` FROM tokens
		WHERE athlete_id = ? ORDER BY created_at, id`, athlete))
	if err != nil {
		return nil, fmt.Errorf("tokens of user %d: %w", athlete, err)
	}
	return tokens, nil
}

// TokenByHash returns a user's token by its hash; store.ErrNotFound when
// there is none.
func (db *DB) TokenByHash(ctx context.Context, athlete store.AthleteID, hash string) (store.Token, error) {
	tokens, err := scanTokens(db.sql.QueryContext(ctx, `SELECT `+tokenColumns+` FROM tokens
		WHERE athlete_id = ? AND hash = ?`, athlete, hash))
	if err == nil && len(tokens) == 0 {
		err = store.ErrNotFound
	}
	if err != nil {
		return store.Token{}, fmt.Errorf("token of user %d: %w", athlete, err)
	}
	return tokens[0], nil
}

// scanTokens reads the tokens a query of tokenColumns gave.
func scanTokens(rows *sql.Rows, err error) ([]store.Token, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tokens []store.Token
	for rows.Next() {
		var t store.Token
		var createdUnix, expiresUnix int64
		if err := rows.Scan(&t.Athlete, &t.ID, &t.Name, &t.Hash, &createdUnix, &expiresUnix); err != nil {
			return nil, err
		}
		t.Created, t.Expires = time.Unix(createdUnix, 0).UTC(), timeOrZero(expiresUnix)
		tokens = append(tokens, t)
	}
	return tokens, rows.Err()
}

// DeleteToken revokes one of a user's tokens; store.ErrNotFound when they
// have no such token.
func (db *DB) DeleteToken(ctx context.Context, athlete store.AthleteID, id int64) error {
	res, err := db.sql.ExecContext(ctx, `DELETE FROM tokens WHERE athlete_id = ? AND id = ?`, athlete, id)
	if err := oneRow(res, err); err != nil {
		return fmt.Errorf("delete token %d of user %d: %w", id, athlete, err)
	}
	return nil
}

// Grant lets a coach see an athlete's data; granting twice is not an
// error. store.ErrNotFound when either is no user.
func (db *DB) Grant(ctx context.Context, athlete, coach store.AthleteID) error {
	_, err := db.sql.ExecContext(ctx, `INSERT INTO grants (athlete_id, coach_id) VALUES (?, ?)
		ON CONFLICT DO NOTHING`, athlete, coach)
	if err != nil {
		return fmt.Errorf("grant user %d access to user %d: %w", coach, athlete, noUser(err))
	}
	return nil
}

// Revoke takes a coach's access away, if it was granted.
func (db *DB) Revoke(ctx context.Context, athlete, coach store.AthleteID) error {
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM grants WHERE athlete_id = ? AND coach_id = ?`, athlete, coach); err != nil {
		return fmt.Errorf("revoke the access of user %d to user %d: %w", coach, athlete, err)
	}
	return nil
}

// Granted reports whether the athlete granted the coach access.
func (db *DB) Granted(ctx context.Context, athlete, coach store.AthleteID) (bool, error) {
	var granted bool
	err := db.sql.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM grants WHERE athlete_id = ? AND coach_id = ?)`,
		athlete, coach).Scan(&granted)
	if err != nil {
		return false, fmt.Errorf("access of user %d to user %d: %w", coach, athlete, err)
	}
	return granted, nil
}

// Coaches lists the users an athlete granted access, by name.
func (db *DB) Coaches(ctx context.Context, athlete store.AthleteID) ([]store.User, error) {
	users, err := scanUsers(db.sql.QueryContext(ctx, `SELECT `+userColumns+`
		FROM grants g JOIN users u ON u.athlete_id = g.coach_id WHERE g.athlete_id = ? ORDER BY u.name`, athlete))
	if err != nil {
		return nil, fmt.Errorf("coaches of user %d: %w", athlete, err)
	}
	return users, nil
}

// Athletes lists the athletes who granted a coach access, by name.
func (db *DB) Athletes(ctx context.Context, coach store.AthleteID) ([]store.User, error) {
	users, err := scanUsers(db.sql.QueryContext(ctx, `SELECT `+userColumns+`
		FROM grants g JOIN users u ON u.athlete_id = g.athlete_id WHERE g.coach_id = ? ORDER BY u.name`, coach))
	if err != nil {
		return nil, fmt.Errorf("athletes of coach %d: %w", coach, err)
	}
	return users, nil
}

// noUser turns a foreign-key violation, which is how the schema refuses
// a row of someone who is no user, into store.ErrNotFound.
func noUser(err error) error {
	if e, ok := errors.AsType[*sqlite.Error](err); ok && e.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY {
		return fmt.Errorf("%v: %w", err, store.ErrNotFound)
	}
	return err
}
