package postgres

import (
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
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

// placeholders is "$from, $from+1, ..." for n parameters.
func placeholders(from, n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = "$" + strconv.Itoa(from+i)
	}
	return strings.Join(ps, ", ")
}

// Statements writing the columns of recordingValues, built once.
var (
	// insertActivity takes the athlete, the import time, then savedColumns.
	insertActivity = `INSERT INTO activities (athlete_id, imported_at, ` + strings.Join(savedColumns, ", ") + `)
		VALUES (` + placeholders(1, 2+len(savedColumns)) + `) RETURNING id`
	// updateActivity takes savedColumns, then the athlete and the activity.
	updateActivity = `UPDATE activities SET (` + strings.Join(savedColumns, ", ") + `) = (` +
		placeholders(1, len(savedColumns)) + `) WHERE athlete_id = $` + strconv.Itoa(len(savedColumns)+1) +
		` AND id = $` + strconv.Itoa(len(savedColumns)+2)
)

// recordingValues are the values of savedColumns after file_id and
// session_index for recording a, packed as p.
func recordingValues(a *activity.Activity, p store.Packed) []any {
	return []any{
		string(a.Sport), text(a.SubSport), text(a.Name), a.Start.Truncate(time.Second),
		int64(a.LocalOffset / time.Second), a.HasLocalOffset, a.Elapsed.Seconds(), a.Moving.Seconds(),
		a.DistanceM, a.AvgHeartRate, a.MaxHeartRate, a.AscentM, a.RPE, text(a.Notes),
		text(a.Device.Maker), text(a.Device.Product), text(a.Device.Serial), string(a.Source),
		activity.Richness(a), a.Streams.Len(), p.Flags, p.Laps, p.Streams, a.SportTagged, a.Race,
	}
}
