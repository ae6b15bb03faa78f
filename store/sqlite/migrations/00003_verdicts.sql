-- The recovery audit's verdicts, so that the CLI, the web UI and the API
-- show the same words. The audit is made anew from the whole history, so
-- the verdicts of an athlete are replaced together. An activity can carry
-- two: a hard session stacked on the day before and then followed by rest.

-- +goose Up
CREATE TABLE verdicts (
    id          INTEGER PRIMARY KEY,
    athlete_id  INTEGER NOT NULL REFERENCES athletes (id),
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    verdict     TEXT    NOT NULL -- JSON of recovery.Verdict
);
CREATE INDEX verdicts_activity ON verdicts (activity_id);
CREATE INDEX verdicts_athlete ON verdicts (athlete_id);

-- +goose Down
DROP TABLE verdicts;
