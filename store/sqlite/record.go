package sqlite

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// savedColumns are the activity columns written on insert and on
// replacement: the primary file and session, then the recording's values
// in the order of recordingValues.
var savedColumns = []string{
	"file_id", "session_index", "sport", "sub_sport", "name", "start_at", "local_offset_s",
	"has_local_offset", "elapsed_s", "moving_s", "distance_m", "avg_hr", "max_hr", "ascent_m",
	"rpe", "notes", "device_maker", "device_product", "device_serial", "source_format",
	"richness", "sample_count", "flags", "laps", "streams", "sport_tagged", "race",
}

// summaryColumns are read for a listing, in the order of scanSummary,
// from the activities table a joined with its analysis n (summaryFrom).
var summaryColumns = []string{
	"a.id", "a.imported_at", "a.sport", "a.sub_sport", "a.name", "a.start_at", "a.local_offset_s",
	"a.has_local_offset", "a.elapsed_s", "a.moving_s", "a.distance_m", "a.avg_hr", "a.max_hr", "a.ascent_m",
	"a.rpe", "a.notes", "a.device_maker", "a.device_product", "a.device_serial", "a.source_format", "a.flags",
	"n.result", "a.sport_tagged", "a.race", "COALESCE(a.shoe_id, 0)",
}

// summaryFrom is the FROM clause of summaryColumns.
const summaryFrom = " FROM activities a LEFT JOIN analyses n ON n.activity_id = a.id"

// recordingValues are the values of savedColumns after file_id and
// session_index for recording a, packed as p.
func recordingValues(a *activity.Activity, p store.Packed) []any {
	return []any{
		string(a.Sport), a.SubSport, a.Name, a.Start.Unix(),
		int64(a.LocalOffset / time.Second), a.HasLocalOffset, a.Elapsed.Seconds(), a.Moving.Seconds(),
		a.DistanceM, a.AvgHeartRate, a.MaxHeartRate, a.AscentM, a.RPE, a.Notes,
		a.Device.Maker, a.Device.Product, a.Device.Serial, string(a.Source),
		activity.Richness(a), a.Streams.Len(), p.Flags, p.Laps, p.Streams, a.SportTagged, a.Race,
	}
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
		analysisJSON             []byte // nil when not analysed
	)
	dest := append([]any{
		&r.ID, &importedAt, &sport, &a.SubSport, &a.Name, &startUnix, &offsetS,
		&a.HasLocalOffset, &elapsedS, &movingS, &a.DistanceM, &a.AvgHeartRate, &a.MaxHeartRate, &a.AscentM,
		&a.RPE, &a.Notes, &a.Device.Maker, &a.Device.Product, &a.Device.Serial, &source, &flagsJSON,
		&analysisJSON, &a.SportTagged, &a.Race, &r.Shoe,
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
	if analysisJSON != nil {
		r.Analysis = new(analysis.Result)
		if err := json.Unmarshal(analysisJSON, r.Analysis); err != nil {
			return nil, fmt.Errorf("activity %d: analysis: %v: %w", r.ID, err, store.ErrCorrupt)
		}
	}
	return &r, nil
}
