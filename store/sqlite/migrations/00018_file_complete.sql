-- A file some of whose sessions could not be stored (one failed) is
-- remembered as incomplete, so that importing it again stores the
-- sessions it lacks rather than taking the whole file for known. Files
-- stored before are taken for complete.

-- +goose Up
ALTER TABLE files ADD COLUMN complete INTEGER NOT NULL DEFAULT 1; -- boolean

-- +goose Down
ALTER TABLE files DROP COLUMN complete;
