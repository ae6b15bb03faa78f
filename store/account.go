package store

import (
	"context"
	"errors"
	"time"
)

// ErrExists is returned when a user name is already taken.
var ErrExists = errors.New("already exists")

// Role is what a user may do beyond keeping their own training.
type Role string

// Roles of a user. Every user is also an athlete with their own data.
const (
	// RoleAthlete sees only their own data.
	RoleAthlete Role = "athlete"
	// RoleCoach also sees the athletes who granted them access.
	RoleCoach Role = "coach"
	// RoleAdmin also manages the users.
	RoleAdmin Role = "admin"
)

// User is an account of server mode. Each user is an athlete: ID is the
// athlete whose data they own, so every per-user row is keyed by athlete.
type User struct {
	ID      AthleteID
	Name    string // the sign-in name, unique
	Role    Role
	Created time.Time
}

// Session is a signed-in browser. The cookie carries the athlete and a
// secret; the store keeps only the secret's hash, so a stolen database
// does not sign anyone in.
type Session struct {
	Athlete AthleteID // whose session: the key starts with it
	Hash    string    // hex SHA-256 of the cookie's secret
	CSRF    string    // the token every form of this session carries
	// Viewing is the athlete a coach has chosen to look at; zero for
	// their own data.
	Viewing AthleteID
	Created time.Time
	Expires time.Time
}

// Token is an API token for scripts. The secret is shown once when it is
// made; the store keeps its hash.
type Token struct {
	Athlete AthleteID // whose token: the key starts with it
	ID      int64     // set by SaveToken
	Name    string    // what the user called it, to recognise it later
	Hash    string    // hex SHA-256 of the secret
	Created time.Time
	Expires time.Time // zero: never
}

// Expired reports whether the token no longer signs anyone in at now.
func (t Token) Expired(now time.Time) bool { return !t.Expires.IsZero() && !now.Before(t.Expires) }

// Accounts keeps the users of server mode, their sessions, API tokens and
// the access athletes grant to coaches. The single-user default uses none
// of it: with no users, every request acts for DefaultAthlete.
type Accounts interface {
	// AddUser makes a user with a password hash (auth.HashPassword). The
	// first user takes DefaultAthlete and so the data kept before
	// accounts existed; later users get a new athlete. A taken name gives
	// ErrExists.
	AddUser(ctx context.Context, name string, role Role, passwordHash string) (User, error)

	// Users lists every user by name.
	Users(ctx context.Context) ([]User, error)

	// User returns one user; ErrNotFound when there is none.
	User(ctx context.Context, id AthleteID) (User, error)

	// UserByName returns a user and their password hash, for signing in;
	// ErrNotFound when there is none.
	UserByName(ctx context.Context, name string) (User, string, error)

	// SetPassword replaces a user's password hash, ends all their
	// sessions and revokes their API tokens in the same transaction: a
	// new password signs out everywhere, scripts included.
	SetPassword(ctx context.Context, id AthleteID, passwordHash string) error

	// RemoveUser removes a user with all their data: activities, files,
	// analyses, plan, profile, sessions, tokens and the grants they gave
	// or received.
	RemoveUser(ctx context.Context, id AthleteID) error

	// SaveSession stores a new session.
	SaveSession(ctx context.Context, s Session) error

	// Session returns a session by its owner and hash, expired or not;
	// ErrNotFound when there is none.
	Session(ctx context.Context, athlete AthleteID, hash string) (Session, error)

	// SetViewing records the athlete a coach's session looks at.
	SetViewing(ctx context.Context, athlete AthleteID, hash string, viewing AthleteID) error

	// DeleteSession ends one session; ending one that does not exist is
	// not an error.
	DeleteSession(ctx context.Context, athlete AthleteID, hash string) error

	// DeleteSessions ends every session of a user: sign out everywhere.
	DeleteSessions(ctx context.Context, athlete AthleteID) error

	// DeleteExpiredSessions removes the sessions that expired before t.
	DeleteExpiredSessions(ctx context.Context, t time.Time) error

	// SaveToken stores a new API token and returns it with its ID.
	SaveToken(ctx context.Context, t Token) (Token, error)

	// Tokens lists a user's API tokens, oldest first.
	Tokens(ctx context.Context, athlete AthleteID) ([]Token, error)

	// TokenByHash returns a user's token by its hash; ErrNotFound when
	// there is none.
	TokenByHash(ctx context.Context, athlete AthleteID, hash string) (Token, error)

	// DeleteToken revokes one of a user's tokens; ErrNotFound when they
	// have no such token.
	DeleteToken(ctx context.Context, athlete AthleteID, id int64) error

	// Grant lets a coach see an athlete's data. Granting twice is not an
	// error. The caller checks that coach is a RoleCoach user.
	Grant(ctx context.Context, athlete, coach AthleteID) error

	// Revoke takes a coach's access away; revoking what was not granted
	// is not an error.
	Revoke(ctx context.Context, athlete, coach AthleteID) error

	// Granted reports whether the athlete granted the coach access.
	Granted(ctx context.Context, athlete, coach AthleteID) (bool, error)

	// Coaches lists the users an athlete granted access, by name.
	Coaches(ctx context.Context, athlete AthleteID) ([]User, error)

	// Athletes lists the athletes who granted a coach access, by name.
	Athletes(ctx context.Context, coach AthleteID) ([]User, error)
}
