-- An API token may expire (store.Token.Expires): 0 means never, as
-- every token made before this migration.
-- +goose Up
ALTER TABLE tokens ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE tokens DROP COLUMN expires_at;
