package sqlstore

import (
	"context"
	"fmt"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// kept selects the athlete's files that no activity comes from.
const kept = `FROM files f WHERE f.athlete_id = ? AND NOT EXISTS (SELECT 1 FROM activity_sources s WHERE s.file_id = f.id)`

// KeptFiles lists the athlete's original files that no stored activity
// comes from, oldest first.
func (s *Store) KeptFiles(ctx context.Context, athlete store.AthleteID) ([]store.KeptFile, error) {
	files, err := collect(ctx, s.d.Conn, func(row Row) (store.KeptFile, error) {
		var (
			f        store.KeptFile
			format   string
			imported any
		)
		err := row.Scan(&f.ID, &f.Name, &format, &f.Stored, &imported)
		if err == nil {
			f.Imported, err = s.d.TimeOf(imported)
		}
		f.Format = activity.Format(format)
		return f, err
	}, `SELECT f.id, f.name, f.format, length(f.original), f.imported_at `+kept+` ORDER BY f.imported_at, f.id`, athlete)
	if err != nil {
		return nil, fmt.Errorf("kept files of athlete %d: %w", athlete, err)
	}
	return files, nil
}

// PurgeFiles deletes the athlete's kept files among ids, all of them when
// ids is nil, and reports how many it deleted.
func (s *Store) PurgeFiles(ctx context.Context, athlete store.AthleteID, ids []int64) (int, error) {
	query, args := `DELETE FROM files WHERE id IN (SELECT f.id `+kept+`)`, []any{athlete}
	if ids != nil {
		if len(ids) == 0 {
			return 0, nil
		}
		// One argument, however many ids: one statement to prepare, and
		// SQLite bounds the number of arguments.
		query += ` AND id` + s.d.AnyOf
		args = append(args, s.d.IDs(ids))
	}
	n, err := s.d.Conn.Exec(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("purge kept files of athlete %d: %w", athlete, err)
	}
	return int(n), nil
}
