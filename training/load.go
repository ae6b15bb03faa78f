package training

import (
	"context"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/physio"
)

// LoadSeries is the load model over a span of days, with how its daily
// loads were made.
type LoadSeries struct {
	Points []load.Point
	// Unit names the daily load's unit: the heart-rate method of the
	// runner's analyses (TRIMP or hrTSS).
	Unit string
	// RPEScale is how device-free runs' session-RPE loads were scaled.
	RPEScale load.RPEScale
	// Unloaded counts sessions without any load (no heart rate, no RPE).
	Unloaded int
}

// Current is the last point, or a zero Point for an empty series.
func (ls LoadSeries) Current() load.Point {
	if len(ls.Points) == 0 {
		return load.Point{}
	}
	return ls.Points[len(ls.Points)-1]
}

// Series builds the load model from the whole stored history, so that
// fitness has its 42-day memory, and returns the days from from to to
// (inclusive, calendar days). Heart-rate loads count as they are; runs
// with only an RPE count as session-RPE scaled by the runner's own
// history (load.RPEScale). A session whose file gave no local time
// counts on its day in to's location, the runner's time zone. Activities
// dated before activity.ClockSetSince (a clock never set) do not count.
func (s *Service) Series(ctx context.Context, from, to time.Time) (LoadSeries, error) {
	entries, err := s.Store.Loads(ctx, s.Athlete, activity.ClockSetSince, to.AddDate(0, 0, 1))
	if err != nil {
		return LoadSeries{}, fmt.Errorf("load series: %w", err)
	}
	for i := range entries {
		if !entries[i].LocalOffset {
			entries[i].Start = entries[i].Start.In(to.Location())
		}
	}
	var ls LoadSeries
	var hrLoads, rpeLoads []float64
	for _, e := range entries {
		if e.Method == analysis.SessionRPE || e.Method == analysis.NoLoad || e.RPE == 0 {
			continue
		}
		if l, err := physio.SessionRPE(time.Duration(e.DurationS)*time.Second, e.RPE); err == nil {
			hrLoads, rpeLoads = append(hrLoads, e.Load), append(rpeLoads, l.Value)
		}
	}
	ls.RPEScale = load.NewRPEScale(hrLoads, rpeLoads)
	days := make([]load.Day, 0, len(entries)+1)
	for _, e := range entries {
		switch e.Method {
		case analysis.NoLoad:
			ls.Unloaded++
			continue
		case analysis.SessionRPE:
			days = append(days, load.Day{Date: e.Start, Load: ls.RPEScale.Apply(e.Load)})
		default:
			days = append(days, load.Day{Date: e.Start, Load: e.Load})
			ls.Unit = string(e.Method)
		}
	}
	if ls.Unit == "" {
		ls.Unit = string(analysis.BanisterTRIMP)
	}
	// Cover the days asked for even where nothing was run.
	days = append(days, load.Day{Date: from}, load.Day{Date: to})
	first := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	for _, p := range load.Series(days) {
		if !p.Date.Before(first) {
			ls.Points = append(ls.Points, p)
		}
	}
	return ls, nil
}
