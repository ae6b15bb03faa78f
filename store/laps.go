package store

import (
	"fmt"
	"math"
	"time"

	"github.com/segmentio/encoding/json"

	"github.com/easyrun/easyrun/activity"
)

// storedLap is the JSON form of an activity.Lap: snake_case names and
// units in the names, so that it reads well in a database console too.
type storedLap struct {
	Start        time.Time `json:"start"`
	ElapsedS     float64   `json:"elapsed_s"`
	MovingS      float64   `json:"moving_s"`
	DistanceM    float64   `json:"distance_m"`
	AvgHeartRate float64   `json:"avg_hr,omitempty"`
	MaxHeartRate float64   `json:"max_hr,omitempty"`
	Intensity    string    `json:"intensity,omitempty"`
	Trigger      string    `json:"trigger,omitempty"`
}

// EncodeLaps returns the JSON stored for an activity's laps.
func EncodeLaps(laps []activity.Lap) ([]byte, error) {
	out := make([]storedLap, len(laps))
	for i, l := range laps {
		out[i] = storedLap{
			Start:        l.Start.UTC(),
			ElapsedS:     l.Elapsed.Seconds(),
			MovingS:      l.Moving.Seconds(),
			DistanceM:    l.DistanceM,
			AvgHeartRate: l.AvgHeartRate,
			MaxHeartRate: l.MaxHeartRate,
			Intensity:    l.Intensity,
			Trigger:      l.Trigger,
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("encode laps: %w", err)
	}
	return b, nil
}

// DecodeLaps parses JSON written by EncodeLaps.
func DecodeLaps(b []byte) ([]activity.Lap, error) {
	var in []storedLap
	if err := json.Unmarshal(b, &in); err != nil {
		return nil, fmt.Errorf("decode laps: %v: %w", err, ErrCorrupt)
	}
	if len(in) == 0 {
		return nil, nil
	}
	laps := make([]activity.Lap, len(in))
	for i, l := range in {
		laps[i] = activity.Lap{
			Start:        l.Start,
			Elapsed:      Seconds(l.ElapsedS),
			Moving:       Seconds(l.MovingS),
			DistanceM:    l.DistanceM,
			AvgHeartRate: l.AvgHeartRate,
			MaxHeartRate: l.MaxHeartRate,
			Intensity:    l.Intensity,
			Trigger:      l.Trigger,
		}
	}
	return laps, nil
}

// Seconds converts seconds as stored (a float) back to a Duration,
// rounding to the nanosecond so that d.Seconds() round-trips exactly.
func Seconds(s float64) time.Duration {
	return time.Duration(math.Round(s * float64(time.Second)))
}
