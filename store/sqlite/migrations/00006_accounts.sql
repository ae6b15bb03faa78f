-- The accounts of server mode (store.Accounts). A user is an athlete:
-- users.athlete_id is the athlete whose data they own, so every row of
-- a user is keyed by their athlete like the rest of their data. Times
-- are Unix seconds (UTC).

-- +goose Up
CREATE TABLE users (
    athlete_id    INTEGER PRIMARY KEY REFERENCES athletes (id),
    name          TEXT    NOT NULL UNIQUE, -- the sign-in name
    role          TEXT    NOT NULL,        -- store.Role
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);

-- Signed-in browsers, by the hash of the cookie's secret: a stolen
-- database signs no one in.
CREATE TABLE sessions (
    athlete_id INTEGER NOT NULL REFERENCES users (athlete_id),
    hash       TEXT    NOT NULL,           -- hex SHA-256 of the secret
    csrf       TEXT    NOT NULL,
    viewing    INTEGER NOT NULL DEFAULT 0, -- the athlete a coach looks at; 0 for their own data
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (athlete_id, hash)
);

-- For DeleteExpiredSessions, which sweeps every athlete's.
CREATE INDEX sessions_expires ON sessions (expires_at);

-- API tokens. SQLite numbers rows only through an INTEGER PRIMARY KEY,
-- so id alone is the key, as in files; the (athlete_id, hash) index
-- serves every lookup, which all name the athlete.
CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY,
    athlete_id INTEGER NOT NULL REFERENCES users (athlete_id),
    name       TEXT    NOT NULL,
    hash       TEXT    NOT NULL, -- hex SHA-256 of the secret
    created_at INTEGER NOT NULL,
    UNIQUE (athlete_id, hash)
);

-- The coaches each athlete lets see their data.
CREATE TABLE grants (
    athlete_id INTEGER NOT NULL REFERENCES users (athlete_id),
    coach_id   INTEGER NOT NULL REFERENCES users (athlete_id),
    PRIMARY KEY (athlete_id, coach_id)
);

-- For a coach's list of athletes.
CREATE INDEX grants_coach ON grants (coach_id);

-- +goose Down
DROP TABLE grants;
DROP TABLE tokens;
DROP TABLE sessions;
DROP TABLE users;
