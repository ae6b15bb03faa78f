-- The first schema: athletes, the files they imported, and the activities
-- read from them. Times are Unix seconds (UTC); durations are seconds.

-- +goose Up
CREATE TABLE athletes (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

-- The single-user default, store.DefaultAthlete.
INSERT INTO athletes (id, name, created_at) VALUES (1, '', CAST(strftime('%s', 'now') AS INTEGER));

CREATE TABLE files (
    id          INTEGER PRIMARY KEY,
    athlete_id  INTEGER NOT NULL REFERENCES athletes (id),
    sha256      TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    size        INTEGER NOT NULL,             -- bytes of the original
    original    BLOB    NOT NULL,             -- store.PackOriginal
    imported_at INTEGER NOT NULL,
    UNIQUE (athlete_id, sha256)
);

CREATE TABLE activities (
    id               INTEGER PRIMARY KEY,
    athlete_id       INTEGER NOT NULL REFERENCES athletes (id),
    file_id          INTEGER REFERENCES files (id), -- the primary recording; NULL for manual runs
    session_index    INTEGER NOT NULL DEFAULT 0,    -- which activity of that file
    sport            TEXT    NOT NULL,
    sub_sport        TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    start_utc        INTEGER NOT NULL,
    local_offset_s   INTEGER NOT NULL,
    has_local_offset INTEGER NOT NULL,              -- boolean
    elapsed_s        REAL    NOT NULL,
    moving_s         REAL    NOT NULL,
    distance_m       REAL    NOT NULL,
    avg_hr           REAL    NOT NULL,
    max_hr           REAL    NOT NULL,
    ascent_m         REAL    NOT NULL,
    rpe              INTEGER NOT NULL,
    notes            TEXT    NOT NULL,
    device_maker     TEXT    NOT NULL,
    device_product   TEXT    NOT NULL,
    device_serial    TEXT    NOT NULL,
    source_format    TEXT    NOT NULL,
    richness         INTEGER NOT NULL,              -- activity.Richness of the primary recording
    sample_count     INTEGER NOT NULL,              -- seconds on the streams grid
    flags            TEXT    NOT NULL,              -- JSON
    laps             TEXT    NOT NULL,              -- JSON, store.EncodeLaps
    streams          BLOB    NOT NULL,              -- store.EncodeStreams
    imported_at      INTEGER NOT NULL
);

CREATE INDEX activities_athlete_start ON activities (athlete_id, start_utc);

-- Every file a session was seen in, the primary one included.
CREATE TABLE activity_sources (
    activity_id   INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    file_id       INTEGER NOT NULL REFERENCES files (id),
    session_index INTEGER NOT NULL,
    is_primary    INTEGER NOT NULL,                 -- boolean
    PRIMARY KEY (activity_id, file_id, session_index)
);

CREATE INDEX activity_sources_file ON activity_sources (file_id);

-- +goose Down
DROP TABLE activity_sources;
DROP TABLE activities;
DROP TABLE files;
DROP TABLE athletes;
