-- The runner's training plan, as store/sqlite's migration 4: one at a
-- time, replaced whole, so one row per athlete holds it.

-- +goose Up
CREATE TABLE plans (
    athlete_id bigint      PRIMARY KEY REFERENCES athletes (id),
    saved_at   timestamptz NOT NULL,
    plan       jsonb       NOT NULL -- plan.Plan
);

-- +goose Down
DROP TABLE plans;
