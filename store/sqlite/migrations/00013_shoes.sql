-- The runner's shoes and which activity was run in which (store.Store's
-- Shoes, SaveShoe, SetShoe). A new run (sport running, or none stated) is
-- assigned the athlete's default shoe when it is stored; a replacing
-- recording keeps the activity's shoe, since it updates the row.

-- +goose Up
CREATE TABLE shoes (
    id          INTEGER PRIMARY KEY,
    athlete_id  INTEGER NOT NULL REFERENCES athletes (id),
    name        TEXT    NOT NULL,
    brand       TEXT    NOT NULL DEFAULT '',
    started     TEXT    NOT NULL, -- YYYY-MM-DD
    retire_at_m REAL    NOT NULL,
    retired     INTEGER NOT NULL DEFAULT 0, -- boolean
    is_default  INTEGER NOT NULL DEFAULT 0  -- boolean
);
CREATE UNIQUE INDEX shoes_one_default ON shoes (athlete_id) WHERE is_default;
ALTER TABLE activities ADD COLUMN shoe_id INTEGER REFERENCES shoes (id) ON DELETE SET NULL;
CREATE INDEX activities_shoe ON activities (shoe_id) WHERE shoe_id IS NOT NULL;

-- +goose StatementBegin
CREATE TRIGGER activities_default_shoe AFTER INSERT ON activities
WHEN NEW.shoe_id IS NULL AND NEW.sport IN ('running', '')
BEGIN
    UPDATE activities SET shoe_id = (SELECT id FROM shoes WHERE athlete_id = NEW.athlete_id AND is_default AND NOT retired)
    WHERE id = NEW.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER activities_default_shoe;
DROP INDEX activities_shoe;
ALTER TABLE activities DROP COLUMN shoe_id;
DROP TABLE shoes;
