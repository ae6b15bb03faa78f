-- As store/sqlite's migration 17: the index by athlete and start holds
-- the columns the load model and the profile read of activities, so that
-- they read a year of runs by an index-only scan.

-- +goose Up
DROP INDEX activities_athlete_start;
CREATE INDEX activities_athlete_start ON activities (athlete_id, start_at)
    INCLUDE (id, sport, local_offset_s, has_local_offset, rpe);

-- +goose Down
DROP INDEX activities_athlete_start;
CREATE INDEX activities_athlete_start ON activities (athlete_id, start_at);
