-- Each athlete's load model at the end of every day from their first
-- session on (training keeps them), so that a series of recent weeks goes
-- on from the state of the day before them instead of from the whole
-- history. load_basis says what the days were made from; triggers count
-- every change to what the loads are made of (an analysis saved or
-- dropped, an activity deleted, its start, sport or RPE changed), and the
-- days hold only while that count is the one they were made at.
-- +goose Up
CREATE TABLE load_days (
    athlete_id INTEGER NOT NULL REFERENCES athletes (id),
    day        TEXT    NOT NULL, -- YYYY-MM-DD
    load       REAL    NOT NULL, -- the day's load
    fitness    REAL    NOT NULL,
    fatigue    REAL    NOT NULL,
    acute      REAL    NOT NULL,
    chronic    REAL    NOT NULL,
    impulse1   REAL    NOT NULL, -- Banister's impulses at the start of the day
    impulse2   REAL    NOT NULL,
    days       INTEGER NOT NULL, -- days since the first
    PRIMARY KEY (athlete_id, day)
) WITHOUT ROWID;

CREATE TABLE load_basis (
    athlete_id  INTEGER PRIMARY KEY REFERENCES athletes (id),
    changes     INTEGER NOT NULL DEFAULT 1,  -- counted by the triggers
    summarized  INTEGER NOT NULL DEFAULT -1, -- the count load_days were made at
    version     INTEGER NOT NULL DEFAULT 0,
    zone        TEXT    NOT NULL DEFAULT '',
    rpe_factor  REAL    NOT NULL DEFAULT 0,
    rpe_pairs   INTEGER NOT NULL DEFAULT 0,
    unit        TEXT    NOT NULL DEFAULT '',
    unloaded    INTEGER NOT NULL DEFAULT 0,
    last_start  INTEGER NOT NULL DEFAULT 0   -- Unix seconds
);

-- +goose StatementBegin
CREATE TRIGGER load_analysis_saved AFTER INSERT ON analyses BEGIN
    INSERT INTO load_basis (athlete_id) SELECT athlete_id FROM activities WHERE id = NEW.activity_id
        ON CONFLICT (athlete_id) DO UPDATE SET changes = changes + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER load_analysis_replaced AFTER UPDATE ON analyses BEGIN
    INSERT INTO load_basis (athlete_id) SELECT athlete_id FROM activities WHERE id = NEW.activity_id
        ON CONFLICT (athlete_id) DO UPDATE SET changes = changes + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER load_analysis_dropped AFTER DELETE ON analyses BEGIN
    INSERT INTO load_basis (athlete_id) SELECT athlete_id FROM activities WHERE id = OLD.activity_id
        ON CONFLICT (athlete_id) DO UPDATE SET changes = changes + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER load_activity_deleted AFTER DELETE ON activities BEGIN
    INSERT INTO load_basis (athlete_id) VALUES (OLD.athlete_id)
        ON CONFLICT (athlete_id) DO UPDATE SET changes = changes + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER load_activity_changed AFTER UPDATE OF start_utc, local_offset_s, has_local_offset, sport, rpe ON activities BEGIN
    INSERT INTO load_basis (athlete_id) VALUES (NEW.athlete_id)
        ON CONFLICT (athlete_id) DO UPDATE SET changes = changes + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER load_activity_changed;
DROP TRIGGER load_activity_deleted;
DROP TRIGGER load_analysis_dropped;
DROP TRIGGER load_analysis_replaced;
DROP TRIGGER load_analysis_saved;
DROP TABLE load_basis;
DROP TABLE load_days;
