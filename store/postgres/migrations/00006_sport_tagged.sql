-- The runner may correct an activity's sport (easyrun tag), as
-- store/sqlite's migration 8: the sport column then holds theirs, and
-- sport_tagged says so, so that a later recording of the session keeps it.
-- +goose Up
ALTER TABLE activities ADD COLUMN sport_tagged boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE activities DROP COLUMN sport_tagged;
