package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// SavePeaks stores the peaks of the athlete's activities, replacing
// earlier ones, in one transaction: an id that is not the athlete's gives
// store.ErrNotFound and saves none of them. When ps holds an activity
// twice, the later peak is kept.
func (s *Store) SavePeaks(ctx context.Context, athlete store.AthleteID, ps []store.Peak) error {
	// Encode before the transaction.
	ids, rows, err := lastOfEach(ps, func(p *store.Peak) (int64, []any, error) {
		hr, bests, err := store.EncodePeak(p)
		return p.ActivityID, s.peakRow(athlete, p.ActivityID, hr, bests), err
	})
	if err == nil {
		err = s.replace(ctx, athlete, "peaks", peakColumns, ids, rows)
	}
	if err != nil {
		return fmt.Errorf("save peaks: %w", err)
	}
	return nil
}

// peakColumns are a peaks row, in the order of peakRow.
var peakColumns = []string{"athlete_id", "activity_id", "peak", "bests"}

// peakRow is the peaks row of the athlete's activity id, its peak encoded
// as hr and bests (store.EncodePeak).
func (s *Store) peakRow(athlete store.AthleteID, id int64, hr, bests []byte) []any {
	return []any{athlete, id, s.d.JSON(hr), s.d.JSON(bests)}
}

// Peaks lists the athlete's activities starting in [from, to), oldest
// first, with their peaks where saved.
func (s *Store) Peaks(ctx context.Context, athlete store.AthleteID, from, to time.Time) ([]store.Peak, error) {
	query, args := s.startsIn(`SELECT a.id, a.sport, p.peak, p.bests
		FROM activities a LEFT JOIN peaks p ON p.athlete_id = a.athlete_id AND p.activity_id = a.id
		WHERE a.athlete_id = ?`, athlete, from, to)
	ps, err := collect(ctx, s.d.Conn, func(row Row) (store.Peak, error) {
		var (
			p     store.Peak
			sport string
			peak  []byte // nil when not measured
			bests []byte
		)
		if err := row.Scan(&p.ActivityID, &sport, &peak, &bests); err != nil {
			return p, err
		}
		p.Sport = activity.Sport(sport)
		return p, store.DecodePeak(&p, peak, bests)
	}, query+` ORDER BY a.start_at, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("peaks: %w", err)
	}
	return ps, nil
}
