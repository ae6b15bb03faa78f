-- The tables and columns of store/postgres's schema, so that the queries
-- of store/sqlstore run on both: files.size is size_bytes, activities'
-- start_utc is start_at, and the rows hanging off an activity (sources,
-- analyses, peaks, verdicts) carry its athlete_id and refer to it by
-- (athlete_id, id), so that no row ties an athlete to another's activity.
-- A token that never expires has a NULL expires_at, as in PostgreSQL,
-- rather than 0.
--
-- SQLite cannot add such a key to a table: each is made anew, filled
-- from the old one with the athlete of the owning activity, and renamed.
-- Every row is kept, verdicts in their order (id). Analyses and peaks
-- stay keyed by the activity's rowid, which reads them in one lookup.
--
-- Dropping the old analyses drops migration 14's load triggers on it:
-- they are made again on the new table, reading the athlete from the
-- row as PostgreSQL's do. Renaming start_utc rewrites the trigger on
-- activities.

-- +goose Up
ALTER TABLE files RENAME COLUMN size TO size_bytes;
ALTER TABLE activities RENAME COLUMN start_utc TO start_at;
CREATE UNIQUE INDEX activities_athlete_id ON activities (athlete_id, id);

CREATE TABLE activity_sources_new (
    athlete_id    INTEGER NOT NULL,
    activity_id   INTEGER NOT NULL,
    file_id       INTEGER NOT NULL REFERENCES files (id),
    session_index INTEGER NOT NULL,
    is_primary    INTEGER NOT NULL, -- boolean
    PRIMARY KEY (athlete_id, activity_id, file_id, session_index),
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);
INSERT INTO activity_sources_new (athlete_id, activity_id, file_id, session_index, is_primary)
    SELECT a.athlete_id, s.activity_id, s.file_id, s.session_index, s.is_primary
    FROM activity_sources s JOIN activities a ON a.id = s.activity_id;
DROP TABLE activity_sources;
ALTER TABLE activity_sources_new RENAME TO activity_sources;
CREATE INDEX activity_sources_file ON activity_sources (file_id);

CREATE TABLE analyses_new (
    athlete_id  INTEGER NOT NULL,
    activity_id INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL, -- analysis.Version that wrote it
    class       TEXT    NOT NULL,
    hard        INTEGER NOT NULL, -- boolean
    load        REAL    NOT NULL,
    load_method TEXT    NOT NULL,
    duration_s  INTEGER NOT NULL, -- the duration judged
    result      TEXT    NOT NULL, -- JSON of analysis.Result
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);
INSERT INTO analyses_new (athlete_id, activity_id, version, class, hard, load, load_method, duration_s, result)
    SELECT a.athlete_id, n.activity_id, n.version, n.class, n.hard, n.load, n.load_method, n.duration_s, n.result
    FROM analyses n JOIN activities a ON a.id = n.activity_id;
DROP TABLE analyses;
ALTER TABLE analyses_new RENAME TO analyses;
-- +goose StatementBegin
CREATE TRIGGER load_analysis_saved AFTER INSERT ON analyses BEGIN
    INSERT INTO load_basis (athlete_id) VALUES (NEW.athlete_id)
        ON CONFLICT (athlete_id) DO UPDATE SET changes = changes + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER load_analysis_replaced AFTER UPDATE ON analyses BEGIN
    INSERT INTO load_basis (athlete_id) VALUES (NEW.athlete_id)
        ON CONFLICT (athlete_id) DO UPDATE SET changes = changes + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER load_analysis_dropped AFTER DELETE ON analyses BEGIN
    INSERT INTO load_basis (athlete_id) VALUES (OLD.athlete_id)
        ON CONFLICT (athlete_id) DO UPDATE SET changes = changes + 1;
END;
-- +goose StatementEnd

CREATE TABLE peaks_new (
    athlete_id  INTEGER NOT NULL,
    activity_id INTEGER PRIMARY KEY,
    peak        TEXT    NOT NULL,              -- JSON of activity.Value
    bests       TEXT    NOT NULL DEFAULT '[]', -- JSON of []analysis.Best
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);
INSERT INTO peaks_new (athlete_id, activity_id, peak, bests)
    SELECT a.athlete_id, p.activity_id, p.peak, p.bests
    FROM peaks p JOIN activities a ON a.id = p.activity_id;
DROP TABLE peaks;
ALTER TABLE peaks_new RENAME TO peaks;

CREATE TABLE verdicts_new (
    id          INTEGER PRIMARY KEY,
    athlete_id  INTEGER NOT NULL,
    activity_id INTEGER NOT NULL,
    verdict     TEXT    NOT NULL, -- JSON of recovery.Verdict
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);
INSERT INTO verdicts_new (id, athlete_id, activity_id, verdict)
    SELECT id, athlete_id, activity_id, verdict FROM verdicts;
DROP TABLE verdicts;
ALTER TABLE verdicts_new RENAME TO verdicts;
CREATE INDEX verdicts_activity ON verdicts (athlete_id, activity_id);

CREATE TABLE tokens_new (
    id         INTEGER PRIMARY KEY,
    athlete_id INTEGER NOT NULL REFERENCES users (athlete_id),
    name       TEXT    NOT NULL,
    hash       TEXT    NOT NULL, -- hex SHA-256 of the secret
    created_at INTEGER NOT NULL,
    expires_at INTEGER,          -- NULL: never
    UNIQUE (athlete_id, hash)
);
INSERT INTO tokens_new (id, athlete_id, name, hash, created_at, expires_at)
    SELECT id, athlete_id, name, hash, created_at, NULLIF(expires_at, 0) FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_new RENAME TO tokens;

-- +goose Down
CREATE TABLE tokens_old (
    id         INTEGER PRIMARY KEY,
    athlete_id INTEGER NOT NULL REFERENCES users (athlete_id),
    name       TEXT    NOT NULL,
    hash       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (athlete_id, hash)
);
INSERT INTO tokens_old SELECT id, athlete_id, name, hash, created_at, COALESCE(expires_at, 0) FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_old RENAME TO tokens;

CREATE TABLE verdicts_old (
    id          INTEGER PRIMARY KEY,
    athlete_id  INTEGER NOT NULL REFERENCES athletes (id),
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    verdict     TEXT    NOT NULL
);
INSERT INTO verdicts_old SELECT id, athlete_id, activity_id, verdict FROM verdicts;
DROP TABLE verdicts;
ALTER TABLE verdicts_old RENAME TO verdicts;
CREATE INDEX verdicts_activity ON verdicts (activity_id);
CREATE INDEX verdicts_athlete ON verdicts (athlete_id);

CREATE TABLE peaks_old (
    activity_id INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    peak        TEXT    NOT NULL,
    bests       TEXT    NOT NULL DEFAULT '[]'
);
INSERT INTO peaks_old SELECT activity_id, peak, bests FROM peaks;
DROP TABLE peaks;
ALTER TABLE peaks_old RENAME TO peaks;

CREATE TABLE analyses_old (
    activity_id INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    class       TEXT    NOT NULL,
    hard        INTEGER NOT NULL,
    load        REAL    NOT NULL,
    load_method TEXT    NOT NULL,
    duration_s  INTEGER NOT NULL,
    result      TEXT    NOT NULL
);
INSERT INTO analyses_old SELECT activity_id, version, class, hard, load, load_method, duration_s, result FROM analyses;
DROP TABLE analyses;
ALTER TABLE analyses_old RENAME TO analyses;
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

CREATE TABLE activity_sources_old (
    activity_id   INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    file_id       INTEGER NOT NULL REFERENCES files (id),
    session_index INTEGER NOT NULL,
    is_primary    INTEGER NOT NULL,
    PRIMARY KEY (activity_id, file_id, session_index)
);
INSERT INTO activity_sources_old SELECT activity_id, file_id, session_index, is_primary FROM activity_sources;
DROP TABLE activity_sources;
ALTER TABLE activity_sources_old RENAME TO activity_sources;
CREATE INDEX activity_sources_file ON activity_sources (file_id);

DROP INDEX activities_athlete_id;
ALTER TABLE activities RENAME COLUMN start_at TO start_utc;
ALTER TABLE files RENAME COLUMN size_bytes TO size;
