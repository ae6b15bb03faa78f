-- The runner may mark an activity as a race, as store/sqlite's
-- migration 9.
-- +goose Up
ALTER TABLE activities ADD COLUMN race boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE activities DROP COLUMN race;
