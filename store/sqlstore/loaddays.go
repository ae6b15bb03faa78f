package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/store"
)

// dayColumns are a load_days row, in load.State's order after the day.
const dayColumns = `load, fitness, fatigue, acute, chronic, impulse1, impulse2, days`

// LoadState returns the basis of the athlete's day summaries and the
// summary of the last day before before's date, in one statement so that
// both come from one moment. With no summaries saved the basis is zero
// and not current.
func (s *Store) LoadState(ctx context.Context, athlete store.AthleteID, before time.Time) (store.LoadBasis, load.State, error) {
	var (
		b          store.LoadBasis
		st         load.State
		day        string
		last       any
		summarized int64
	)
	// The outer join on a one-row select keeps the day when there is no
	// basis, and the basis when there is no day.
	err := s.d.Conn.QueryRow(ctx, `SELECT COALESCE(b.changes, 0), COALESCE(b.summarized, -1), COALESCE(b.version, 0),
			COALESCE(b.zone, ''), COALESCE(b.rpe_factor, 0), COALESCE(b.rpe_pairs, 0), COALESCE(b.unit, ''),
			COALESCE(b.unloaded, 0), b.last_start, COALESCE(d.day, ''),
			COALESCE(d.load, 0), COALESCE(d.fitness, 0), COALESCE(d.fatigue, 0), COALESCE(d.acute, 0),
			COALESCE(d.chronic, 0), COALESCE(d.impulse1, 0), COALESCE(d.impulse2, 0), COALESCE(d.days, 0)
		FROM (SELECT CAST(? AS bigint) AS athlete_id) a
		LEFT JOIN load_basis b ON b.athlete_id = a.athlete_id
		LEFT JOIN load_days d ON d.athlete_id = a.athlete_id
			AND d.day = (SELECT MAX(day) FROM load_days WHERE athlete_id = a.athlete_id AND day < ?)`,
		int64(athlete), before.Format(time.DateOnly)).Scan(&b.Changes, &summarized, &b.Version, &b.Zone, &b.RPEFactor, &b.RPEPairs,
		&b.Unit, &b.Unloaded, &last, &day,
		&st.Load, &st.Fitness, &st.Fatigue, &st.Acute, &st.Chronic, &st.Impulse1, &st.Impulse2, &st.Days)
	if err != nil {
		return store.LoadBasis{}, load.State{}, fmt.Errorf("load state of athlete %d: %w", athlete, err)
	}
	if last == nil { // no basis
		return store.LoadBasis{Changes: b.Changes}, load.State{}, nil
	}
	if b.Last, err = s.d.TimeOf(last); err != nil {
		return store.LoadBasis{}, load.State{}, fmt.Errorf("load state of athlete %d: %w", athlete, err)
	}
	b.Current = summarized == b.Changes
	if day != "" {
		if st.Date, err = parseDay(day); err != nil {
			return store.LoadBasis{}, load.State{}, fmt.Errorf("load state of athlete %d: %w", athlete, err)
		}
	}
	return b, st, nil
}

// LoadDays lists every day summary of the athlete, oldest first.
func (s *Store) LoadDays(ctx context.Context, athlete store.AthleteID) ([]load.State, error) {
	days, err := collect(ctx, s.d.Conn, func(row Row) (load.State, error) {
		var (
			st  load.State
			day string
		)
		err := row.Scan(&day, &st.Load, &st.Fitness, &st.Fatigue, &st.Acute, &st.Chronic, &st.Impulse1, &st.Impulse2, &st.Days)
		if err == nil {
			st.Date, err = parseDay(day)
		}
		return st, err
	}, `SELECT day, `+dayColumns+` FROM load_days WHERE athlete_id = ? ORDER BY day`, athlete)
	if err != nil {
		return nil, fmt.Errorf("load days of athlete %d: %w", athlete, err)
	}
	return days, nil
}

// dayBatch is how many day summaries one INSERT writes: a year a
// statement keeps the statements few and their arguments (10 a day) well
// under either database's limit.
const dayBatch = 366

// SaveLoadDays replaces the athlete's day summaries dated from from on
// with days, and the basis with b, in one transaction. They are current
// unless the triggers counted a change since b.Changes was read. An
// athlete that does not exist gives store.ErrNotFound.
func (s *Store) SaveLoadDays(ctx context.Context, athlete store.AthleteID, b store.LoadBasis, from time.Time, days []load.State) error {
	err := s.d.InTx(ctx, func(tx Tx) error {
		// Selecting the athlete makes a missing one insert nothing.
		n, err := tx.Exec(ctx, `INSERT INTO load_basis (athlete_id, changes, summarized, version, zone, rpe_factor, rpe_pairs, unit, unloaded, last_start)
			SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM athletes WHERE id = ?
			ON CONFLICT (athlete_id) DO UPDATE SET summarized = excluded.summarized, version = excluded.version,
				zone = excluded.zone, rpe_factor = excluded.rpe_factor, rpe_pairs = excluded.rpe_pairs, unit = excluded.unit,
				unloaded = excluded.unloaded, last_start = excluded.last_start`,
			b.Changes, b.Changes, b.Version, s.d.Text(b.Zone), b.RPEFactor, b.RPEPairs, s.d.Text(b.Unit), b.Unloaded, s.d.Time(b.Last), athlete)
		if err := OneRow(n, err); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM load_days WHERE athlete_id = ? AND day >= ?`, athlete, from.Format(time.DateOnly)); err != nil {
			return err
		}
		for batch := range slices.Chunk(days, dayBatch) {
			args := make([]any, 0, 10*len(batch))
			for _, d := range batch {
				args = append(args, athlete, d.Date.Format(time.DateOnly), d.Load, d.Fitness, d.Fatigue, d.Acute, d.Chronic,
					d.Impulse1, d.Impulse2, d.Days)
			}
			values := strings.Repeat(", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", len(batch))[2:]
			if _, err := tx.Exec(ctx, `INSERT INTO load_days (athlete_id, day, `+dayColumns+`) VALUES `+values, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save load days of athlete %d: %w", athlete, err)
	}
	return nil
}

// parseDay reads a stored YYYY-MM-DD as midnight UTC.
func parseDay(day string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return time.Time{}, fmt.Errorf("day %q: %w", day, store.ErrCorrupt)
	}
	return t, nil
}
