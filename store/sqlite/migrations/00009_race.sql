-- The runner may mark an activity as a race (easyrun edit --race): it is
-- one whatever its heart rate, and a later recording of the session
-- keeps the mark (store.KeepRunnerInput).
-- +goose Up
ALTER TABLE activities ADD COLUMN race INTEGER NOT NULL DEFAULT 0; -- boolean

-- +goose Down
ALTER TABLE activities DROP COLUMN race;
