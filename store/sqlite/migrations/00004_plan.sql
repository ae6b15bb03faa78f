-- The runner's training plan: one at a time, replaced whole when it is
-- made anew or adapted, so one row per athlete holds it.

-- +goose Up
CREATE TABLE plans (
    athlete_id INTEGER PRIMARY KEY REFERENCES athletes (id),
    saved_at   INTEGER NOT NULL, -- unix seconds
    plan       TEXT    NOT NULL  -- JSON of plan.Plan
);

-- +goose Down
DROP TABLE plans;
