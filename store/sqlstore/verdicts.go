package sqlstore

import (
	"context"
	"fmt"

	"github.com/segmentio/encoding/json"

	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/store"
)

// SaveVerdicts replaces the athlete's recovery verdicts with vs, in one
// transaction: a verdict on an activity that is not the athlete's gives
// store.ErrNotFound and saves none of them.
func (s *Store) SaveVerdicts(ctx context.Context, athlete store.AthleteID, vs []recovery.Verdict) error {
	// Encode before the transaction.
	rows := make([][]any, len(vs))
	for i := range vs {
		b, err := json.Marshal(&vs[i])
		if err != nil {
			return fmt.Errorf("save verdict on activity %d: %w", vs[i].ActivityID, err)
		}
		rows[i] = []any{athlete, vs[i].ActivityID, s.d.JSON(b)}
	}
	err := s.d.InTx(ctx, func(tx Tx) error {
		// Two audits saved at once would each delete and then both insert.
		if err := s.lock(ctx, tx, LockAthlete, athlete); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM verdicts WHERE athlete_id = ?`, athlete); err != nil {
			return err
		}
		// Rows go in in order, so the ids keep the verdicts' order; the
		// foreign key refuses another athlete's activity.
		return s.notFound(tx.CopyFrom(ctx, "verdicts", []string{"athlete_id", "activity_id", "verdict"}, rows))
	})
	if err != nil {
		return fmt.Errorf("save verdicts: %w", err)
	}
	return nil
}

// Verdicts lists the athlete's recovery verdicts in the order saved.
func (s *Store) Verdicts(ctx context.Context, athlete store.AthleteID) ([]recovery.Verdict, error) {
	return s.verdicts(ctx, `SELECT verdict FROM verdicts WHERE athlete_id = ? ORDER BY id`, athlete)
}

// verdicts reads the verdicts query selects.
func (s *Store) verdicts(ctx context.Context, query string, args ...any) ([]recovery.Verdict, error) {
	vs, err := collect(ctx, s.d.Conn, func(row Row) (recovery.Verdict, error) {
		var (
			b []byte
			v recovery.Verdict
		)
		if err := row.Scan(&b); err != nil {
			return v, err
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return v, fmt.Errorf("%v: %w", err, store.ErrCorrupt)
		}
		return v, nil
	}, query, args...)
	if err != nil {
		return nil, fmt.Errorf("verdicts: %w", err)
	}
	return vs, nil
}
