package sqlite

import (
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
