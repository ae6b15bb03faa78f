-- An API token may expire (store.Token.Expires), as store/sqlite's
-- migration 7: NULL means never, as every token made before it.
-- +goose Up
ALTER TABLE tokens ADD COLUMN expires_at timestamptz;

-- +goose Down
ALTER TABLE tokens DROP COLUMN expires_at;
