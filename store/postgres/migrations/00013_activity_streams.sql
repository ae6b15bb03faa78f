-- An activity's laps and streams move to a table of their own, as in
-- store/sqlite's migration 16: a listing reads the activities' rows, and a
-- run's streams are read only with the run. PostgreSQL kept the streams
-- out of line already (TOAST), but the store's queries are the same on
-- both databases.

-- +goose Up
CREATE TABLE activity_streams (
    athlete_id  bigint NOT NULL,
    activity_id bigint NOT NULL,
    laps        jsonb  NOT NULL, -- store.EncodeLaps
    streams     bytea  NOT NULL, -- store.EncodeStreams
    PRIMARY KEY (athlete_id, activity_id),
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);
INSERT INTO activity_streams (athlete_id, activity_id, laps, streams)
    SELECT athlete_id, id, laps, streams FROM activities;
ALTER TABLE activities DROP COLUMN laps, DROP COLUMN streams;

-- +goose Down
ALTER TABLE activities ADD COLUMN laps jsonb NOT NULL DEFAULT '[]', ADD COLUMN streams bytea NOT NULL DEFAULT '';
UPDATE activities a SET laps = s.laps, streams = s.streams
    FROM activity_streams s WHERE s.athlete_id = a.athlete_id AND s.activity_id = a.id;
DROP TABLE activity_streams;
