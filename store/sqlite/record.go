package sqlite

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// savedColumns are the activity columns written on insert and on
// replacement: the primary file and session, then the recording's values
// in the order of recordingValues.
var savedColumns = []string{
	"file_id", "session_index", "sport", "sub_sport", "name", "start_utc", "local_offset_s",
	"has_local_offset", "elapsed_s", "moving_s", "distance_m", "avg_hr", "max_hr", "ascent_m",
	"rpe", "notes", "device_maker", "device_product", "device_serial", "source_format",
	"richness", "sample_count", "flags", "laps", "streams",
}

// summaryColumns are read for a listing, in the order of scanSummary.
var summaryColumns = []string{
	"id", "imported_at", "sport", "sub_sport", "name", "start_utc", "local_offset_s",
	"has_local_offset", "elapsed_s", "moving_s", "distance_m", "avg_hr", "max_hr", "ascent_m",
	"rpe", "notes", "device_maker", "device_product", "device_serial", "source_format", "flags",
}

// recordingValues are the values of savedColumns after file_id and
// session_index for recording a. Callers pack before they begin a
// transaction, so that the write lock is held briefly.
func recordingValues(a *activity.Activity) ([]any, error) {
	streams, err := store.EncodeStreams(&a.Streams)
	if err != nil {
		return nil, err
	}
	laps, err := store.EncodeLaps(a.Laps)
	if err != nil {
		return nil, err
	}
	flags, err := json.Marshal(a.Flags)
	if err != nil {
		return nil, fmt.Errorf("encode flags: %w", err)
	}
	return []any{
		string(a.Sport), a.SubSport, a.Name, a.Start.Unix(),
		int64(a.LocalOffset / time.Second), a.HasLocalOffset, a.Elapsed.Seconds(), a.Moving.Seconds(),
		a.DistanceM, a.AvgHeartRate, a.MaxHeartRate, a.AscentM, a.RPE, a.Notes,
		a.Device.Maker, a.Device.Product, a.Device.Serial, string(a.Source),
		activity.Richness(a), a.Streams.Len(), string(flags), string(laps), streams,
	}, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanSummary reads summaryColumns, then extra, into a record.
func scanSummary(row scanner, extra ...any) (*store.Record, error) {
	var (
		r                        store.Record
		a                        = &r.Activity
		importedAt, startUnix    int64
		offsetS                  int64
		elapsedS, movingS        float64
		sport, source, flagsJSON string
	)
	dest := append([]any{
		&r.ID, &importedAt, &sport, &a.SubSport, &a.Name, &startUnix, &offsetS,
		&a.HasLocalOffset, &elapsedS, &movingS, &a.DistanceM, &a.AvgHeartRate, &a.MaxHeartRate, &a.AscentM,
		&a.RPE, &a.Notes, &a.Device.Maker, &a.Device.Product, &a.Device.Serial, &source, &flagsJSON,
	}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	r.Imported = time.Unix(importedAt, 0).UTC()
	a.Sport, a.Source = activity.Sport(sport), activity.Format(source)
	a.Start = time.Unix(startUnix, 0).UTC()
	a.LocalOffset = time.Duration(offsetS) * time.Second
	a.Elapsed, a.Moving = store.Seconds(elapsedS), store.Seconds(movingS)
	if err := json.Unmarshal([]byte(flagsJSON), &a.Flags); err != nil {
		return nil, fmt.Errorf("activity %d: flags: %v: %w", r.ID, err, store.ErrCorrupt)
	}
	return &r, nil
}
