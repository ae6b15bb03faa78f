-- Each athlete's load model at the end of every day, as store/sqlite's
-- migration 14: training keeps them so that a series of recent weeks goes
-- on from the day before them; a trigger counts every change to what the
-- loads are made of, and the days hold only while that count is the one
-- they were made at.

-- +goose Up
CREATE TABLE load_days (
    athlete_id bigint           NOT NULL REFERENCES athletes (id),
    day        text             NOT NULL, -- YYYY-MM-DD
    load       double precision NOT NULL, -- the day's load
    fitness    double precision NOT NULL,
    fatigue    double precision NOT NULL,
    acute      double precision NOT NULL,
    chronic    double precision NOT NULL,
    impulse1   double precision NOT NULL, -- Banister's impulses at the start of the day
    impulse2   double precision NOT NULL,
    days       integer          NOT NULL, -- days since the first
    PRIMARY KEY (athlete_id, day)
);

CREATE TABLE load_basis (
    athlete_id bigint           PRIMARY KEY REFERENCES athletes (id),
    changes    bigint           NOT NULL DEFAULT 1,  -- counted by the trigger
    summarized bigint           NOT NULL DEFAULT -1, -- the count load_days were made at
    version    integer          NOT NULL DEFAULT 0,
    zone       text             NOT NULL DEFAULT '',
    rpe_factor double precision NOT NULL DEFAULT 0,
    rpe_pairs  integer          NOT NULL DEFAULT 0,
    unit       text             NOT NULL DEFAULT '',
    unloaded   integer          NOT NULL DEFAULT 0,
    last_start timestamptz      NOT NULL DEFAULT 'epoch'
);

-- +goose StatementBegin
CREATE FUNCTION load_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO load_basis (athlete_id)
        VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.athlete_id ELSE NEW.athlete_id END)
        ON CONFLICT (athlete_id) DO UPDATE SET changes = load_basis.changes + 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER load_analysis_changed AFTER INSERT OR UPDATE OR DELETE ON analyses
    FOR EACH ROW EXECUTE FUNCTION load_changed();
CREATE TRIGGER load_activity_changed AFTER DELETE OR UPDATE OF start_at, local_offset_s, has_local_offset, sport, rpe ON activities
    FOR EACH ROW EXECUTE FUNCTION load_changed();

-- +goose Down
DROP TRIGGER load_activity_changed ON activities;
DROP TRIGGER load_analysis_changed ON analyses;
DROP FUNCTION load_changed();
DROP TABLE load_basis;
DROP TABLE load_days;
