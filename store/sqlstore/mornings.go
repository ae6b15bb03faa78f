package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// SaveMorning stores the athlete's morning of m.Date, replacing the one
// there unless that is the runner's own and m a file's: then it reports
// false and changes nothing. An athlete that does not exist gives
// store.ErrNotFound.
func (s *Store) SaveMorning(ctx context.Context, athlete store.AthleteID, m activity.Morning) (bool, error) {
	// Selecting the athlete makes a missing one insert nothing.
	n, err := s.d.Conn.Exec(ctx, `INSERT INTO mornings (athlete_id, day, resting_hr, rmssd_ms, sleep_s, legs, source, device, note)
		SELECT id, ?, ?, ?, ?, ?, ?, ?, ? FROM athletes WHERE id = ?
		ON CONFLICT (athlete_id, day) DO UPDATE SET resting_hr = excluded.resting_hr, rmssd_ms = excluded.rmssd_ms,
			sleep_s = excluded.sleep_s, legs = excluded.legs, source = excluded.source, device = excluded.device, note = excluded.note
		WHERE mornings.source <> ? OR excluded.source = ?`,
		m.Date, m.RestingHR, m.RMSSDMs, int64(m.Sleep/time.Second), int(m.Legs), string(m.Source), s.d.Text(m.Device), s.d.Text(m.Note),
		athlete, string(activity.Manual), string(activity.Manual))
	if err != nil {
		return false, fmt.Errorf("save morning %s of athlete %d: %w", m.Date, athlete, err)
	}
	if n > 0 {
		return true, nil
	}
	// Nothing changed: the runner's own morning stays, or there is no
	// such athlete.
	var source string
	err = s.d.Conn.QueryRow(ctx, `SELECT source FROM mornings WHERE athlete_id = ? AND day = ?`, athlete, m.Date).Scan(&source)
	if errors.Is(err, sql.ErrNoRows) {
		err = store.ErrNotFound
	}
	if err != nil {
		return false, fmt.Errorf("save morning %s of athlete %d: %w", m.Date, athlete, err)
	}
	return false, nil
}

// Mornings lists the athlete's mornings dated from from to to, both
// included and either empty for no bound, oldest first.
func (s *Store) Mornings(ctx context.Context, athlete store.AthleteID, from, to string) ([]activity.Morning, error) {
	if to == "" {
		to = "9999-12-31"
	}
	ms, err := collect(ctx, s.d.Conn, func(row Row) (activity.Morning, error) {
		var (
			m      activity.Morning
			sleepS int64
			legs   int
			source string
		)
		err := row.Scan(&m.Date, &m.RestingHR, &m.RMSSDMs, &sleepS, &legs, &source, &m.Device, &m.Note)
		m.Sleep, m.Legs, m.Source = time.Duration(sleepS)*time.Second, activity.Legs(legs), activity.Format(source)
		return m, err
	}, `SELECT day, resting_hr, rmssd_ms, sleep_s, legs, source, device, note FROM mornings
		WHERE athlete_id = ? AND day >= ? AND day <= ? ORDER BY day`, athlete, from, to)
	if err != nil {
		return nil, fmt.Errorf("mornings of athlete %d: %w", athlete, err)
	}
	return ms, nil
}
