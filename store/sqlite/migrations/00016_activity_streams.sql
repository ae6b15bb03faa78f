-- An activity's laps and streams move to a table of their own. Stored in
-- the activity's row, the streams (20 KB a run) left a leaf page room for
-- one or two rows and put every column added since (sport_tagged, race,
-- shoe_id) and imported_at behind their overflow chain: listing a year of
-- runs read some 1,500 pages, and following the chains was half of a
-- server's CPU. The rows of activities are now a few hundred bytes, and a
-- run's streams are read only with the run.
--
-- Every row is kept. Dropping the columns rewrites the table.

-- +goose Up
CREATE TABLE activity_streams (
    athlete_id  INTEGER NOT NULL,
    activity_id INTEGER PRIMARY KEY,
    laps        TEXT    NOT NULL, -- JSON, store.EncodeLaps
    streams     BLOB    NOT NULL, -- store.EncodeStreams
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);
INSERT INTO activity_streams (athlete_id, activity_id, laps, streams)
    SELECT athlete_id, id, laps, streams FROM activities;
ALTER TABLE activities DROP COLUMN laps;
ALTER TABLE activities DROP COLUMN streams;

-- +goose Down
ALTER TABLE activities ADD COLUMN laps TEXT NOT NULL DEFAULT '[]';
ALTER TABLE activities ADD COLUMN streams BLOB NOT NULL DEFAULT x'';
UPDATE activities SET (laps, streams) = (SELECT laps, streams FROM activity_streams s WHERE s.activity_id = activities.id);
DROP TABLE activity_streams;
