-- The runner's morning check-ins, as store/sqlite's migration 10: one per
-- local date, typed in or read from a device's file; the runner's own wins.

-- +goose Up
CREATE TABLE mornings (
    athlete_id bigint           NOT NULL REFERENCES athletes (id),
    day        text             NOT NULL, -- the runner's local date, YYYY-MM-DD
    resting_hr double precision NOT NULL, -- bpm; 0 not logged
    rmssd_ms   double precision NOT NULL, -- ms; 0 not logged
    sleep_s    integer          NOT NULL, -- seconds; 0 not logged
    legs       integer          NOT NULL, -- 1-5; 0 not logged
    source     text             NOT NULL, -- manual, or the file's format
    device     text             NOT NULL,
    note       text             NOT NULL,
    PRIMARY KEY (athlete_id, day)
);

-- +goose Down
DROP TABLE mornings;
