-- Each activity's fastest segments (store.Peak.Bests, analysis.Bests)
-- beside its peak heart rate. The peaks saved so far are dropped, so that
-- the next refresh measures every activity again, bests included.

-- +goose Up
ALTER TABLE peaks ADD COLUMN bests TEXT NOT NULL DEFAULT '[]'; -- JSON of []analysis.Best
DELETE FROM peaks;

-- +goose Down
ALTER TABLE peaks DROP COLUMN bests;
