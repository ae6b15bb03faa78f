-- The runner may correct an activity's sport (easyrun tag): the sport
-- column then holds theirs, and sport_tagged says so, so that a later
-- recording of the session keeps it (store.KeepRunnerInput).
-- +goose Up
ALTER TABLE activities ADD COLUMN sport_tagged INTEGER NOT NULL DEFAULT 0; -- boolean

-- +goose Down
ALTER TABLE activities DROP COLUMN sport_tagged;
