-- Each activity's peak heart rate (store.Peak), so that detecting max
-- heart rate reads one row per run rather than a year of streams. A row
-- exists once the activity was measured; an activity without clean heart
-- rate has a zero peak.

-- +goose Up
CREATE TABLE peaks (
    activity_id INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    peak        TEXT    NOT NULL -- JSON of activity.Value
);

-- +goose Down
DROP TABLE peaks;
