-- Calendar feeds (store.Feed), as store/sqlite's migration 10: each
-- athlete's private subscription address, at most one at a time, by the
-- hash of its secret. Sharded by athlete, it would be distributed with
-- the athlete's data: every lookup names the athlete.

-- +goose Up
CREATE TABLE feeds (
    athlete_id bigint      PRIMARY KEY REFERENCES athletes (id),
    hash       text        NOT NULL, -- hex SHA-256 of the secret
    created_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE feeds;
