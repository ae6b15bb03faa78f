package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// SavePeaks stores the peaks of the athlete's activities, replacing
// earlier ones, in one transaction: an id that is not the athlete's gives
// store.ErrNotFound and saves none of them. When ps holds an activity
// twice, the later peak is kept.
func (db *DB) SavePeaks(ctx context.Context, athlete store.AthleteID, ps []store.Peak) error {
	if len(ps) == 0 {
		return nil
	}
	// Encode before the transaction; the last peak of an id wins.
	last := make(map[int64]int, len(ps))
	for i := range ps {
		last[ps[i].ActivityID] = i
	}
	ids := make([]int64, 0, len(last))
	rows := make([][]any, 0, len(last))
	for i := range ps {
		id := ps[i].ActivityID
		if last[id] != i {
			continue
		}
		hr, bests, err := store.EncodePeak(&ps[i])
		if err != nil {
			return fmt.Errorf("save peaks: %w", err)
		}
		ids = append(ids, id)
		rows = append(rows, []any{athlete, id, hr, bests})
	}
	// As SaveAnalyses: delete, then copy in, where the foreign key refuses
	// another athlete's activity.
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM peaks WHERE athlete_id = $1 AND activity_id = ANY($2)`, athlete, ids); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"peaks"}, []string{"athlete_id", "activity_id", "peak", "bests"}, pgx.CopyFromRows(rows))
		return notTheirs(err)
	})
	if err != nil {
		return fmt.Errorf("save peaks: %w", err)
	}
	return nil
}

// Peaks lists the athlete's activities starting in [from, to), oldest
// first, with their peaks where saved.
func (db *DB) Peaks(ctx context.Context, athlete store.AthleteID, from, to time.Time) ([]store.Peak, error) {
	rows, err := db.pool.Query(ctx, `SELECT a.id, a.sport, p.peak, p.bests
		FROM activities a LEFT JOIN peaks p ON p.athlete_id = a.athlete_id AND p.activity_id = a.id
		WHERE a.athlete_id = $1 AND a.start_at >= $2 AND a.start_at < $3
		ORDER BY a.start_at, a.id`, athlete, bound(from, pgtype.NegativeInfinity), bound(to, pgtype.Infinity))
	if err != nil {
		return nil, fmt.Errorf("peaks: %w", err)
	}
	var (
		ps    []store.Peak
		id    int64
		sport string
		peak  []byte // nil when not measured
		bests []byte
	)
	_, err = pgx.ForEachRow(rows, []any{&id, &sport, &peak, &bests}, func() error {
		p := store.Peak{ActivityID: id, Sport: activity.Sport(sport)}
		if err := store.DecodePeak(&p, peak, bests); err != nil {
			return err
		}
		ps = append(ps, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("peaks: %w", err)
	}
	return ps, nil
}
