-- Each activity's peak heart rate, as store/sqlite's migration 5: a row
-- once the activity was measured, a zero peak when it has no clean heart
-- rate.

-- +goose Up
CREATE TABLE peaks (
    athlete_id  bigint NOT NULL,
    activity_id bigint NOT NULL,
    peak        jsonb  NOT NULL, -- activity.Value
    PRIMARY KEY (athlete_id, activity_id),
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE peaks;
