-- The load model reads every run's start, sport, offset and RPE, and the
-- profile every run's sport, over a year or the whole history; after
-- each write, when SQLite drops a connection's page cache, each page they
-- touch is read again. The index by athlete and start now holds those
-- columns, so that they read a year of runs from a few index pages rather
-- than a lookup in activities per run: Loads of a year 3.5-3.8 -> 2.1-2.2 ms of
-- CPU, Peaks 3.0-3.2 -> 1.6 ms, on the 100 athletes of bench load with a
-- write between reads.

-- +goose Up
DROP INDEX activities_athlete_start;
CREATE INDEX activities_athlete_start ON activities (athlete_id, start_at, id, sport, local_offset_s, has_local_offset, rpe);

-- +goose Down
DROP INDEX activities_athlete_start;
CREATE INDEX activities_athlete_start ON activities (athlete_id, start_at);
