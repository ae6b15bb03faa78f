-- As store/sqlite's migration 18: a file some of whose sessions could not
-- be stored is remembered as incomplete, so that importing it again
-- stores the sessions it lacks.

-- +goose Up
ALTER TABLE files ADD COLUMN complete boolean NOT NULL DEFAULT true;

-- +goose Down
ALTER TABLE files DROP COLUMN complete;
