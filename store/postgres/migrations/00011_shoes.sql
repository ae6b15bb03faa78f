-- The runner's shoes, as store/sqlite's migration 11: a new run (sport
-- running, or none stated) is assigned the athlete's default shoe when it
-- is stored.

-- +goose Up
CREATE TABLE shoes (
    athlete_id  bigint  NOT NULL REFERENCES athletes (id),
    id          bigint  GENERATED ALWAYS AS IDENTITY,
    name        text    NOT NULL,
    brand       text    NOT NULL DEFAULT '',
    started     text    NOT NULL, -- YYYY-MM-DD
    retire_at_m double precision NOT NULL,
    retired     boolean NOT NULL DEFAULT false,
    is_default  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (athlete_id, id)
);
CREATE UNIQUE INDEX shoes_one_default ON shoes (athlete_id) WHERE is_default;
-- Keyed by athlete, as every table (TestSchemaKeyedByAthlete): no run can
-- be assigned another athlete's shoe.
ALTER TABLE activities ADD COLUMN shoe_id bigint;
ALTER TABLE activities ADD FOREIGN KEY (athlete_id, shoe_id) REFERENCES shoes (athlete_id, id) ON DELETE SET NULL (shoe_id);
CREATE INDEX activities_shoe ON activities (shoe_id) WHERE shoe_id IS NOT NULL;

-- +goose StatementBegin
CREATE FUNCTION activities_default_shoe() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.shoe_id IS NULL AND NEW.sport IN ('running', '') THEN
        NEW.shoe_id := (SELECT id FROM shoes WHERE athlete_id = NEW.athlete_id AND is_default AND NOT retired);
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER activities_default_shoe BEFORE INSERT ON activities
    FOR EACH ROW EXECUTE FUNCTION activities_default_shoe();

-- +goose Down
DROP TRIGGER activities_default_shoe ON activities;
DROP FUNCTION activities_default_shoe();
DROP INDEX activities_shoe;
ALTER TABLE activities DROP COLUMN shoe_id;
DROP TABLE shoes;
