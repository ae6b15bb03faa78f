-- The runner's morning check-ins (easyrun morning): one per local date,
-- typed in or read from a device's file; the runner's own wins.
-- +goose Up
CREATE TABLE mornings (
    athlete_id INTEGER NOT NULL REFERENCES athletes (id),
    day        TEXT    NOT NULL, -- the runner's local date, YYYY-MM-DD
    resting_hr REAL    NOT NULL, -- bpm; 0 not logged
    rmssd_ms   REAL    NOT NULL, -- ms; 0 not logged
    sleep_s    INTEGER NOT NULL, -- seconds; 0 not logged
    legs       INTEGER NOT NULL, -- 1-5; 0 not logged
    source     TEXT    NOT NULL, -- manual, or the file's format
    device     TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    PRIMARY KEY (athlete_id, day)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE mornings;
