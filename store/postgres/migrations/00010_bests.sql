-- Each activity's fastest segments, as store/sqlite's migration 10; the
-- peaks saved so far are dropped to be measured again, bests included.

-- +goose Up
ALTER TABLE peaks ADD COLUMN bests jsonb NOT NULL DEFAULT '[]'; -- []analysis.Best
DELETE FROM peaks;

-- +goose Down
ALTER TABLE peaks DROP COLUMN bests;
