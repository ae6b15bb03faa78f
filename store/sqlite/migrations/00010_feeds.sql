-- Calendar feeds (store.Feed): each athlete's private subscription
-- address, at most one at a time, by the hash of its secret: a stolen
-- database reads no one's plan. Single-user mode has them too, so they
-- belong to the athlete, not to a user.

-- +goose Up
CREATE TABLE feeds (
    athlete_id INTEGER PRIMARY KEY REFERENCES athletes (id),
    hash       TEXT    NOT NULL, -- hex SHA-256 of the secret
    created_at INTEGER NOT NULL  -- unix seconds
);

-- +goose Down
DROP TABLE feeds;
