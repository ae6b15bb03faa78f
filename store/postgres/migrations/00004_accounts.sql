-- The accounts of server mode (store.Accounts), as store/sqlite's
-- migration 6. A user is an athlete: users.athlete_id is the athlete
-- whose data they own, and every table's key starts with athlete_id.
--
-- Sharded by athlete (Citus), sessions and tokens would be distributed
-- with the athlete's data. users and grants are small, one row per
-- account or grant, and read across athletes (a name at sign-in, a
-- coach's athletes): they would be reference tables, copied to every
-- node, and athletes with them, since a reference table may only refer
-- to reference tables.

-- +goose Up
CREATE TABLE users (
    athlete_id    bigint      PRIMARY KEY REFERENCES athletes (id),
    name          text        NOT NULL UNIQUE, -- the sign-in name
    role          text        NOT NULL,        -- store.Role
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Signed-in browsers, by the hash of the cookie's secret: a stolen
-- database signs no one in.
CREATE TABLE sessions (
    athlete_id bigint      NOT NULL REFERENCES users (athlete_id),
    hash       text        NOT NULL,           -- hex SHA-256 of the secret
    csrf       text        NOT NULL,
    viewing    bigint      NOT NULL DEFAULT 0, -- the athlete a coach looks at; 0 for their own data
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (athlete_id, hash)
);

-- For DeleteExpiredSessions, which sweeps every athlete's.
CREATE INDEX sessions_expires ON sessions (expires_at);

-- API tokens.
CREATE TABLE tokens (
    athlete_id bigint      NOT NULL REFERENCES users (athlete_id),
    id         bigint      GENERATED ALWAYS AS IDENTITY,
    name       text        NOT NULL,
    hash       text        NOT NULL, -- hex SHA-256 of the secret
    created_at timestamptz NOT NULL,
    PRIMARY KEY (athlete_id, id),
    UNIQUE (athlete_id, hash)
);

-- The coaches each athlete lets see their data.
CREATE TABLE grants (
    athlete_id bigint NOT NULL REFERENCES users (athlete_id),
    coach_id   bigint NOT NULL REFERENCES users (athlete_id),
    PRIMARY KEY (athlete_id, coach_id)
);

-- For a coach's list of athletes.
CREATE INDEX grants_coach ON grants (coach_id);

-- +goose Down
DROP TABLE grants;
DROP TABLE tokens;
DROP TABLE sessions;
DROP TABLE users;
