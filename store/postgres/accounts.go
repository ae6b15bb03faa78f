package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/easyrun/easyrun/store"
)

var _ store.Accounts = (*DB)(nil)

// AddUser makes a user. The first user takes store.DefaultAthlete, and so
// the data kept before there were accounts; later users get a new
// athlete. A taken name gives store.ErrExists.
func (db *DB) AddUser(ctx context.Context, name string, role store.Role, passwordHash string) (store.User, error) {
	u := store.User{Name: name, Role: role}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// Users are added one at a time, so that two never take the same
		// new athlete id or the default athlete. The mode conflicts with
		// itself and with writes of users, not with reading them.
		if _, err := tx.Exec(ctx, `LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return err
		}
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT FROM users WHERE athlete_id = $1)`,
			store.DefaultAthlete).Scan(&taken); err != nil {
			return err
		}
		u.ID = store.DefaultAthlete
		if taken {
			if err := tx.QueryRow(ctx, `INSERT INTO athletes (id) SELECT max(id) + 1 FROM athletes RETURNING id`).Scan(&u.ID); err != nil {
				return err
			}
		}
		err := tx.QueryRow(ctx, `INSERT INTO users (athlete_id, name, role, password_hash) VALUES ($1, $2, $3, $4)
			ON CONFLICT (name) DO NOTHING RETURNING created_at`, u.ID, name, role, passwordHash).Scan(&u.Created)
		if errors.Is(err, pgx.ErrNoRows) {
			return store.ErrExists
		}
		return err
	})
	if err != nil {
		return store.User{}, fmt.Errorf("add user %q: %w", name, err)
	}
	u.Created = u.Created.UTC()
	return u, nil
}

// userColumns are what scanUser reads, from users u.
const userColumns = `u.athlete_id, u.name, u.role, u.created_at`

// scanUser reads a user from a row of userColumns.
func scanUser(row pgx.CollectableRow) (store.User, error) {
	var u store.User
	err := row.Scan(&u.ID, &u.Name, &u.Role, &u.Created)
	u.Created = u.Created.UTC()
	return u, err
}

// users runs a query of userColumns.
func (db *DB) users(ctx context.Context, query string, args ...any) ([]store.User, error) {
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	users, err := pgx.CollectRows(rows, scanUser)
	if err != nil || len(users) == 0 {
		return nil, err
	}
	return users, nil
}

// Users lists every user by name.
func (db *DB) Users(ctx context.Context) ([]store.User, error) {
	users, err := db.users(ctx, `SELECT `+userColumns+` FROM users u ORDER BY u.name`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return users, nil
}

// User returns one user; store.ErrNotFound when there is none.
func (db *DB) User(ctx context.Context, id store.AthleteID) (store.User, error) {
	users, err := db.users(ctx, `SELECT `+userColumns+` FROM users u WHERE u.athlete_id = $1`, id)
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
	err := db.pool.QueryRow(ctx, `SELECT athlete_id, name, role, created_at, password_hash FROM users WHERE name = $1`,
		name).Scan(&u.ID, &u.Name, &u.Role, &u.Created, &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err != nil {
		return store.User{}, "", fmt.Errorf("user %q: %w", name, err)
	}
	u.Created = u.Created.UTC()
	return u, hash, nil
}

// SetPassword replaces a user's password hash and ends all their
// sessions with it; store.ErrNotFound when there is no such user.
func (db *DB) SetPassword(ctx context.Context, id store.AthleteID, passwordHash string) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET password_hash = $1 WHERE athlete_id = $2`, passwordHash, id)
		if err := oneRow(tag, err); err != nil {
			return err
		}
		if _, err = tx.Exec(ctx, `DELETE FROM sessions WHERE athlete_id = $1`, id); err != nil {
			return err
		}
		// Tokens go with the password: whoever learnt the old one keeps nothing.
		_, err = tx.Exec(ctx, `DELETE FROM tokens WHERE athlete_id = $1`, id)
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
	`DELETE FROM activities WHERE athlete_id = $1`,
	// After the activities, whose deletion the load triggers count.
	`DELETE FROM load_days WHERE athlete_id = $1`,
	`DELETE FROM load_basis WHERE athlete_id = $1`,
	`DELETE FROM files WHERE athlete_id = $1`,
	`DELETE FROM plans WHERE athlete_id = $1`,
	`DELETE FROM mornings WHERE athlete_id = $1`,
	`DELETE FROM sessions WHERE athlete_id = $1`,
	`DELETE FROM tokens WHERE athlete_id = $1`,
	`DELETE FROM feeds WHERE athlete_id = $1`,
	`DELETE FROM grants WHERE athlete_id = $1 OR coach_id = $1`,
}

// RemoveUser removes a user with all their data; store.ErrNotFound when
// there is no such user. The row of store.DefaultAthlete stays, its
// profile cleared, so that the single-user default keeps working.
func (db *DB) RemoveUser(ctx context.Context, id store.AthleteID) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// Locking the athlete's row holds back the writes of their data
		// under way (their foreign-key checks lock it to share) until the
		// user is gone; a write that would follow finds no athlete.
		if _, err := tx.Exec(ctx, `SELECT FROM athletes WHERE id = $1 FOR UPDATE`, id); err != nil {
			return err
		}
		for _, q := range userRows {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				return err
			}
		}
		tag, err := tx.Exec(ctx, `DELETE FROM users WHERE athlete_id = $1`, id)
		if err := oneRow(tag, err); err != nil {
			return err
		}
		if id == store.DefaultAthlete {
			_, err = tx.Exec(ctx, `UPDATE athletes SET name = '', profile = NULL WHERE id = $1`, id)
		} else {
			_, err = tx.Exec(ctx, `DELETE FROM athletes WHERE id = $1`, id)
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
	_, err := db.pool.Exec(ctx, `INSERT INTO sessions (athlete_id, hash, csrf, viewing, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, s.Athlete, s.Hash, s.CSRF, s.Viewing, s.Created, s.Expires)
	if err != nil {
		return fmt.Errorf("save session of user %d: %w", s.Athlete, notTheirs(err))
	}
	return nil
}

// Session returns a session by its owner and hash, expired or not;
// store.ErrNotFound when there is none.
func (db *DB) Session(ctx context.Context, athlete store.AthleteID, hash string) (store.Session, error) {
	s := store.Session{Athlete: athlete, Hash: hash}
	err := db.pool.QueryRow(ctx, `SELECT csrf, viewing, created_at, expires_at FROM sessions
		WHERE athlete_id = $1 AND hash = $2`, athlete, hash).Scan(&s.CSRF, &s.Viewing, &s.Created, &s.Expires)
	if errors.Is(err, pgx.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err != nil {
		return store.Session{}, fmt.Errorf("session of user %d: %w", athlete, err)
	}
	s.Created, s.Expires = s.Created.UTC(), s.Expires.UTC()
	return s, nil
}

// SetViewing records the athlete a coach's session looks at;
// store.ErrNotFound when there is no such session.
func (db *DB) SetViewing(ctx context.Context, athlete store.AthleteID, hash string, viewing store.AthleteID) error {
	tag, err := db.pool.Exec(ctx, `UPDATE sessions SET viewing = $1 WHERE athlete_id = $2 AND hash = $3`, viewing, athlete, hash)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("set viewing of a session of user %d: %w", athlete, err)
	}
	return nil
}

// DeleteSession ends one session, if it exists.
func (db *DB) DeleteSession(ctx context.Context, athlete store.AthleteID, hash string) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE athlete_id = $1 AND hash = $2`, athlete, hash); err != nil {
		return fmt.Errorf("delete a session of user %d: %w", athlete, err)
	}
	return nil
}

// DeleteSessions ends every session of a user.
func (db *DB) DeleteSessions(ctx context.Context, athlete store.AthleteID) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE athlete_id = $1`, athlete); err != nil {
		return fmt.Errorf("delete the sessions of user %d: %w", athlete, err)
	}
	return nil
}

// DeleteExpiredSessions removes the sessions that expired before t.
func (db *DB) DeleteExpiredSessions(ctx context.Context, t time.Time) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE expires_at < $1`, t); err != nil {
		return fmt.Errorf("delete expired sessions: %w", err)
	}
	return nil
}

// SaveToken stores a new API token and returns it with its ID;
// store.ErrNotFound when its athlete is no user.
func (db *DB) SaveToken(ctx context.Context, t store.Token) (store.Token, error) {
	err := db.pool.QueryRow(ctx, `INSERT INTO tokens (athlete_id, name, hash, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id, name, created_at`, t.Athlete, text(t.Name), t.Hash, t.Created, nullTime(t.Expires)).Scan(&t.ID, &t.Name, &t.Created)
	if err != nil {
		return store.Token{}, fmt.Errorf("save token %q of user %d: %w", t.Name, t.Athlete, notTheirs(err))
	}
	t.Created = t.Created.UTC()
	return t, nil
}

// tokenColumns are what scanToken reads.
const tokenColumns = `athlete_id, id, name, hash, created_at, expires_at`

// scanToken reads a token from a row of tokenColumns.
func scanToken(row pgx.CollectableRow) (store.Token, error) {
	var (
		t       store.Token
		expires *time.Time
	)
	err := row.Scan(&t.Athlete, &t.ID, &t.Name, &t.Hash, &t.Created, &expires)
	t.Created = t.Created.UTC()
	if expires != nil {
		t.Expires = expires.UTC()
	}
	return t, err
}

// Tokens lists a user's API tokens, oldest first.
func (db *DB) Tokens(ctx context.Context, athlete store.AthleteID) ([]store.Token, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE athlete_id = $1 ORDER BY created_at, id`, athlete)
	if err != nil {
		return nil, fmt.Errorf("tokens of user %d: %w", athlete, err)
	}
	tokens, err := pgx.CollectRows(rows, scanToken)
	if err != nil {
		return nil, fmt.Errorf("tokens of user %d: %w", athlete, err)
	}
	if len(tokens) == 0 {
		return nil, nil
	}
	return tokens, nil
}

// TokenByHash returns a user's token by its hash; store.ErrNotFound when
// there is none.
func (db *DB) TokenByHash(ctx context.Context, athlete store.AthleteID, hash string) (store.Token, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE athlete_id = $1 AND hash = $2`, athlete, hash)
	if err != nil {
		return store.Token{}, fmt.Errorf("token of user %d: %w", athlete, err)
	}
	t, err := pgx.CollectExactlyOneRow(rows, scanToken)
	if errors.Is(err, pgx.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err != nil {
		return store.Token{}, fmt.Errorf("token of user %d: %w", athlete, err)
	}
	return t, nil
}

// DeleteToken revokes one of a user's tokens; store.ErrNotFound when they
// have no such token.
func (db *DB) DeleteToken(ctx context.Context, athlete store.AthleteID, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM tokens WHERE athlete_id = $1 AND id = $2`, athlete, id)
	if err := oneRow(tag, err); err != nil {
		return fmt.Errorf("delete token %d of user %d: %w", id, athlete, err)
	}
	return nil
}

// Grant lets a coach see an athlete's data; granting twice is not an
// error. store.ErrNotFound when either is no user.
func (db *DB) Grant(ctx context.Context, athlete, coach store.AthleteID) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO grants (athlete_id, coach_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, athlete, coach)
	if err != nil {
		return fmt.Errorf("grant user %d access to user %d: %w", coach, athlete, notTheirs(err))
	}
	return nil
}

// Revoke takes a coach's access away, if it was granted.
func (db *DB) Revoke(ctx context.Context, athlete, coach store.AthleteID) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM grants WHERE athlete_id = $1 AND coach_id = $2`, athlete, coach); err != nil {
		return fmt.Errorf("revoke the access of user %d to user %d: %w", coach, athlete, err)
	}
	return nil
}

// Granted reports whether the athlete granted the coach access.
func (db *DB) Granted(ctx context.Context, athlete, coach store.AthleteID) (bool, error) {
	var granted bool
	err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT FROM grants WHERE athlete_id = $1 AND coach_id = $2)`,
		athlete, coach).Scan(&granted)
	if err != nil {
		return false, fmt.Errorf("access of user %d to user %d: %w", coach, athlete, err)
	}
	return granted, nil
}

// Coaches lists the users an athlete granted access, by name.
func (db *DB) Coaches(ctx context.Context, athlete store.AthleteID) ([]store.User, error) {
	users, err := db.users(ctx, `SELECT `+userColumns+`
		FROM grants g JOIN users u ON u.athlete_id = g.coach_id WHERE g.athlete_id = $1 ORDER BY u.name`, athlete)
	if err != nil {
		return nil, fmt.Errorf("coaches of user %d: %w", athlete, err)
	}
	return users, nil
}

// Athletes lists the athletes who granted a coach access, by name.
func (db *DB) Athletes(ctx context.Context, coach store.AthleteID) ([]store.User, error) {
	users, err := db.users(ctx, `SELECT `+userColumns+`
		FROM grants g JOIN users u ON u.athlete_id = g.athlete_id WHERE g.coach_id = $1 ORDER BY u.name`, coach)
	if err != nil {
		return nil, fmt.Errorf("athletes of coach %d: %w", coach, err)
	}
	return users, nil
}
