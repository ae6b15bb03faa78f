package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/store"
)

// AddUser makes a user. The first user takes store.DefaultAthlete, and so
// the data kept before there were accounts; later users get a new
// athlete. A taken name gives store.ErrExists.
func (s *Store) AddUser(ctx context.Context, name string, role store.Role, passwordHash string) (store.User, error) {
	u := store.User{Name: name, Role: role}
	now := s.d.Time(time.Now())
	err := s.d.InTx(ctx, func(tx Tx) error {
		// Users are added one at a time (LockUsers, or SQLite's one write
		// transaction), so that two never take the same new athlete id
		// or the default athlete.
		if err := s.lock(ctx, tx, LockUsers); err != nil {
			return err
		}
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE athlete_id = ?)`,
			store.DefaultAthlete).Scan(&taken); err != nil {
			return err
		}
		u.ID = store.DefaultAthlete
		if taken {
			if err := tx.QueryRow(ctx, `INSERT INTO athletes (id, created_at) SELECT max(id) + 1, ? FROM athletes RETURNING id`,
				now).Scan(&u.ID); err != nil {
				return err
			}
		}
		var created any
		err := tx.QueryRow(ctx, `INSERT INTO users (athlete_id, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (name) DO NOTHING RETURNING created_at`, u.ID, name, role, passwordHash, now).Scan(&created)
		if errors.Is(err, sql.ErrNoRows) {
			return store.ErrExists // the name was taken: nothing was inserted
		}
		if err != nil {
			return err
		}
		u.Created, err = s.d.TimeOf(created)
		return err
	})
	if err != nil {
		return store.User{}, fmt.Errorf("add user %q: %w", name, err)
	}
	return u, nil
}

// userColumns are what users reads, from users u.
const userColumns = `u.athlete_id, u.name, u.role, u.created_at`

// users runs a query of userColumns.
func (s *Store) users(ctx context.Context, query string, args ...any) ([]store.User, error) {
	return collect(ctx, s.d.Conn, func(row Row) (store.User, error) {
		var (
			u       store.User
			created any
		)
		err := row.Scan(&u.ID, &u.Name, &u.Role, &created)
		if err == nil {
			u.Created, err = s.d.TimeOf(created)
		}
		return u, err
	}, query, args...)
}

// Users lists every user by name.
func (s *Store) Users(ctx context.Context) ([]store.User, error) {
	users, err := s.users(ctx, `SELECT `+userColumns+` FROM users u ORDER BY u.name`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return users, nil
}

// User returns one user; store.ErrNotFound when there is none.
func (s *Store) User(ctx context.Context, id store.AthleteID) (store.User, error) {
	users, err := s.users(ctx, `SELECT `+userColumns+` FROM users u WHERE u.athlete_id = ?`, id)
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
func (s *Store) UserByName(ctx context.Context, name string) (store.User, string, error) {
	var (
		u       store.User
		hash    string
		created any
	)
	err := s.d.Conn.QueryRow(ctx, `SELECT athlete_id, name, role, created_at, password_hash FROM users WHERE name = ?`,
		name).Scan(&u.ID, &u.Name, &u.Role, &created, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err == nil {
		u.Created, err = s.d.TimeOf(created)
	}
	if err != nil {
		return store.User{}, "", fmt.Errorf("user %q: %w", name, err)
	}
	return u, hash, nil
}

// SetPassword replaces a user's password hash and ends all their
// sessions and revokes their API tokens with it, so that whoever learnt
// the old password keeps nothing; store.ErrNotFound when there is no
// such user.
func (s *Store) SetPassword(ctx context.Context, id store.AthleteID, passwordHash string) error {
	err := s.d.InTx(ctx, func(tx Tx) error {
		n, err := tx.Exec(ctx, `UPDATE users SET password_hash = ? WHERE athlete_id = ?`, passwordHash, id)
		if err := OneRow(n, err); err != nil {
			return err
		}
		if _, err = tx.Exec(ctx, `DELETE FROM sessions WHERE athlete_id = ?`, id); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM tokens WHERE athlete_id = ?`, id)
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
	`DELETE FROM grants WHERE ? IN (athlete_id, coach_id)`,
}

// RemoveUser removes a user with all their data; store.ErrNotFound when
// there is no such user. The row of store.DefaultAthlete stays, its
// profile cleared, so that the single-user default keeps working.
func (s *Store) RemoveUser(ctx context.Context, id store.AthleteID) error {
	err := s.d.InTx(ctx, func(tx Tx) error {
		if err := s.lock(ctx, tx, LockRemoval, id); err != nil {
			return err
		}
		for _, q := range userRows {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				return err
			}
		}
		n, err := tx.Exec(ctx, `DELETE FROM users WHERE athlete_id = ?`, id)
		if err := OneRow(n, err); err != nil {
			return err
		}
		if id == store.DefaultAthlete {
			_, err = tx.Exec(ctx, `UPDATE athletes SET name = '', profile = NULL WHERE id = ?`, id)
		} else {
			_, err = tx.Exec(ctx, `DELETE FROM athletes WHERE id = ?`, id)
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
func (s *Store) SaveSession(ctx context.Context, ss store.Session) error {
	_, err := s.d.Conn.Exec(ctx, `INSERT INTO sessions (athlete_id, hash, csrf, viewing, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`, ss.Athlete, ss.Hash, ss.CSRF, ss.Viewing, s.d.Time(ss.Created), s.d.Time(ss.Expires))
	if err != nil {
		return fmt.Errorf("save session of user %d: %w", ss.Athlete, s.notFound(err))
	}
	return nil
}

// Session returns a session by its owner and hash, expired or not;
// store.ErrNotFound when there is none.
func (s *Store) Session(ctx context.Context, athlete store.AthleteID, hash string) (store.Session, error) {
	ss := store.Session{Athlete: athlete, Hash: hash}
	var created, expires any
	err := s.d.Conn.QueryRow(ctx, `SELECT csrf, viewing, created_at, expires_at FROM sessions
		WHERE athlete_id = ? AND hash = ?`, athlete, hash).Scan(&ss.CSRF, &ss.Viewing, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err == nil {
		ss.Created, err = s.d.TimeOf(created)
	}
	if err == nil {
		ss.Expires, err = s.d.TimeOf(expires)
	}
	if err != nil {
		return store.Session{}, fmt.Errorf("session of user %d: %w", athlete, err)
	}
	return ss, nil
}

// SetViewing records the athlete a coach's session looks at;
// store.ErrNotFound when there is no such session.
func (s *Store) SetViewing(ctx context.Context, athlete store.AthleteID, hash string, viewing store.AthleteID) error {
	n, err := s.d.Conn.Exec(ctx, `UPDATE sessions SET viewing = ? WHERE athlete_id = ? AND hash = ?`, viewing, athlete, hash)
	if err := OneRow(n, err); err != nil {
		return fmt.Errorf("set viewing of a session of user %d: %w", athlete, err)
	}
	return nil
}

// DeleteSession ends one session, if it exists.
func (s *Store) DeleteSession(ctx context.Context, athlete store.AthleteID, hash string) error {
	if _, err := s.d.Conn.Exec(ctx, `DELETE FROM sessions WHERE athlete_id = ? AND hash = ?`, athlete, hash); err != nil {
		return fmt.Errorf("delete a session of user %d: %w", athlete, err)
	}
	return nil
}

// DeleteSessions ends every session of a user.
func (s *Store) DeleteSessions(ctx context.Context, athlete store.AthleteID) error {
	if _, err := s.d.Conn.Exec(ctx, `DELETE FROM sessions WHERE athlete_id = ?`, athlete); err != nil {
		return fmt.Errorf("delete the sessions of user %d: %w", athlete, err)
	}
	return nil
}

// DeleteExpiredSessions removes the sessions that expired before t.
func (s *Store) DeleteExpiredSessions(ctx context.Context, t time.Time) error {
	if s.d.WholeSeconds {
		// An expiry rounded down is before t when it is before t rounded up.
		t = time.Unix(store.CeilUnix(t), 0)
	}
	if _, err := s.d.Conn.Exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, s.d.Time(t)); err != nil {
		return fmt.Errorf("delete expired sessions: %w", err)
	}
	return nil
}

// SaveToken stores a new API token and returns it, with its ID, as
// Tokens will read it; store.ErrNotFound when its athlete is no user.
func (s *Store) SaveToken(ctx context.Context, t store.Token) (store.Token, error) {
	var expires any // NULL: never
	if !t.Expires.IsZero() {
		expires = s.d.Time(t.Expires)
	}
	saved, err := s.tokens(ctx, `INSERT INTO tokens (athlete_id, name, hash, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?) RETURNING `+tokenColumns, t.Athlete, s.d.Text(t.Name), t.Hash, s.d.Time(t.Created), expires)
	if err != nil {
		return store.Token{}, fmt.Errorf("save token %q of user %d: %w", t.Name, t.Athlete, s.notFound(err))
	}
	return saved[0], nil
}

// tokenColumns are what tokens reads.
const tokenColumns = `athlete_id, id, name, hash, created_at, expires_at`

// tokens runs a query of tokenColumns.
func (s *Store) tokens(ctx context.Context, query string, args ...any) ([]store.Token, error) {
	return collect(ctx, s.d.Conn, func(row Row) (store.Token, error) {
		var (
			t                store.Token
			created, expires any
		)
		err := row.Scan(&t.Athlete, &t.ID, &t.Name, &t.Hash, &created, &expires)
		if err == nil {
			t.Created, err = s.d.TimeOf(created)
		}
		if err == nil && expires != nil { // NULL: never
			t.Expires, err = s.d.TimeOf(expires)
		}
		return t, err
	}, query, args...)
}

// Tokens lists a user's API tokens, oldest first.
func (s *Store) Tokens(ctx context.Context, athlete store.AthleteID) ([]store.Token, error) {
	tokens, err := s.tokens(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE athlete_id = ? ORDER BY created_at, id`, athlete)
	if err != nil {
		return nil, fmt.Errorf("tokens of user %d: %w", athlete, err)
	}
	return tokens, nil
}

// TokenByHash returns a user's token by its hash; store.ErrNotFound when
// there is none.
func (s *Store) TokenByHash(ctx context.Context, athlete store.AthleteID, hash string) (store.Token, error) {
	tokens, err := s.tokens(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE athlete_id = ? AND hash = ?`, athlete, hash)
	if err == nil && len(tokens) == 0 {
		err = store.ErrNotFound
	}
	if err != nil {
		return store.Token{}, fmt.Errorf("token of user %d: %w", athlete, err)
	}
	return tokens[0], nil
}

// DeleteToken revokes one of a user's tokens; store.ErrNotFound when they
// have no such token.
func (s *Store) DeleteToken(ctx context.Context, athlete store.AthleteID, id int64) error {
	n, err := s.d.Conn.Exec(ctx, `DELETE FROM tokens WHERE athlete_id = ? AND id = ?`, athlete, id)
	if err := OneRow(n, err); err != nil {
		return fmt.Errorf("delete token %d of user %d: %w", id, athlete, err)
	}
	return nil
}

// Grant lets a coach see an athlete's data; granting twice is not an
// error. store.ErrNotFound when either is no user.
func (s *Store) Grant(ctx context.Context, athlete, coach store.AthleteID) error {
	_, err := s.d.Conn.Exec(ctx, `INSERT INTO grants (athlete_id, coach_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, athlete, coach)
	if err != nil {
		return fmt.Errorf("grant user %d access to user %d: %w", coach, athlete, s.notFound(err))
	}
	return nil
}

// Revoke takes a coach's access away, if it was granted.
func (s *Store) Revoke(ctx context.Context, athlete, coach store.AthleteID) error {
	if _, err := s.d.Conn.Exec(ctx, `DELETE FROM grants WHERE athlete_id = ? AND coach_id = ?`, athlete, coach); err != nil {
		return fmt.Errorf("revoke the access of user %d to user %d: %w", coach, athlete, err)
	}
	return nil
}

// Granted reports whether the athlete granted the coach access.
func (s *Store) Granted(ctx context.Context, athlete, coach store.AthleteID) (bool, error) {
	var granted bool
	err := s.d.Conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM grants WHERE athlete_id = ? AND coach_id = ?)`,
		athlete, coach).Scan(&granted)
	if err != nil {
		return false, fmt.Errorf("access of user %d to user %d: %w", coach, athlete, err)
	}
	return granted, nil
}

// Coaches lists the users an athlete granted access, by name.
func (s *Store) Coaches(ctx context.Context, athlete store.AthleteID) ([]store.User, error) {
	users, err := s.users(ctx, `SELECT `+userColumns+`
		FROM grants g JOIN users u ON u.athlete_id = g.coach_id WHERE g.athlete_id = ? ORDER BY u.name`, athlete)
	if err != nil {
		return nil, fmt.Errorf("coaches of user %d: %w", athlete, err)
	}
	return users, nil
}

// Athletes lists the athletes who granted a coach access, by name.
func (s *Store) Athletes(ctx context.Context, coach store.AthleteID) ([]store.User, error) {
	users, err := s.users(ctx, `SELECT `+userColumns+`
		FROM grants g JOIN users u ON u.athlete_id = g.athlete_id WHERE g.coach_id = ? ORDER BY u.name`, coach)
	if err != nil {
		return nil, fmt.Errorf("athletes of coach %d: %w", coach, err)
	}
	return users, nil
}
