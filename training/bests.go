package training

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// Personal bests: the fastest few of all time, and the fastest of the
// last twelve months, which says where the runner stands now.
const (
	TopBests   = 3
	RecentDays = 365
)

// Effort is one run's fastest segment of a distance.
type Effort struct {
	ActivityID int64     `json:"activity_id"`
	Start      time.Time `json:"start"` // the run's start, in the runner's time zone
	Name       string    `json:"name,omitempty"`
	// Seconds is the elapsed time of the segment, which began StartS
	// seconds into the run.
	Seconds float64 `json:"seconds"`
	StartS  float64 `json:"start_s"`
}

// DistanceBests are the personal bests of one of analysis.BestDistances.
type DistanceBests struct {
	Name      string  `json:"name"`
	DistanceM float64 `json:"distance_m"`
	// Top are the fastest runs of all time, fastest first, at most
	// TopBests; empty when no run was this long.
	Top []Effort `json:"top"`
	// Recent is the fastest of the last RecentDays; nil when no run of
	// them was this long.
	Recent *Effort `json:"recent,omitempty"`
}

// Bests lists the personal bests of every distance of
// analysis.BestDistances, found inside any run (analysis.Bests) from the
// stored peaks, measuring a run without one first.
func (s *Service) Bests(ctx context.Context) ([]DistanceBests, error) {
	peaks, err := s.Store.Peaks(ctx, s.Athlete, time.Time{}, time.Time{})
	if err != nil {
		return nil, fmt.Errorf("bests: %w", err)
	}
	peaks = slices.DeleteFunc(peaks, func(p store.Peak) bool { return !isRun(p.Sport) })
	if err := s.measure(ctx, peaks); err != nil {
		return nil, fmt.Errorf("bests: %w", err)
	}
	now := s.now()
	recent, err := s.Store.Peaks(ctx, s.Athlete, now.AddDate(0, 0, -RecentDays), now)
	if err != nil {
		return nil, fmt.Errorf("bests: %w", err)
	}
	isRecent := make(map[int64]bool, len(recent))
	for _, p := range recent {
		isRecent[p.ActivityID] = true
	}

	out := make([]DistanceBests, len(analysis.BestDistances))
	var ids []int64
	for k, d := range analysis.BestDistances {
		var all []Effort
		for _, p := range peaks {
			for _, b := range p.Bests {
				if b.DistanceM == d.Metres {
					all = append(all, Effort{ActivityID: p.ActivityID, Seconds: b.Seconds, StartS: b.StartS})
				}
			}
		}
		// Stable: of equal times, the earlier run keeps the record.
		slices.SortStableFunc(all, func(a, b Effort) int { return cmp.Compare(a.Seconds, b.Seconds) })
		// Top is never nil: no best is an empty list, not null.
		out[k] = DistanceBests{Name: d.Name, DistanceM: d.Metres, Top: append([]Effort{}, all[:min(len(all), TopBests)]...)}
		if i := slices.IndexFunc(all, func(e Effort) bool { return isRecent[e.ActivityID] }); i >= 0 {
			out[k].Recent = &all[i]
		}
		for _, e := range out[k].Top {
			ids = append(ids, e.ActivityID)
		}
		if r := out[k].Recent; r != nil {
			ids = append(ids, r.ActivityID)
		}
	}
	return out, s.nameEfforts(ctx, out, ids)
}

// nameEfforts fills in the start and name of the efforts' runs, ids.
func (s *Service) nameEfforts(ctx context.Context, bests []DistanceBests, ids []int64) error {
	if len(ids) == 0 {
		return nil // an empty filter would list every activity
	}
	recs, err := s.Store.Activities(ctx, s.Athlete, store.Filter{IDs: ids})
	if err != nil {
		return fmt.Errorf("bests: %w", err)
	}
	byID := make(map[int64]*store.Record, len(recs))
	for i := range recs {
		byID[recs[i].ID] = &recs[i]
	}
	fill := func(e *Effort) {
		if r := byID[e.ActivityID]; r != nil {
			e.Start, e.Name = r.Activity.Start.In(s.Local()), r.Activity.Name
		}
	}
	for k := range bests {
		for i := range bests[k].Top {
			fill(&bests[k].Top[i])
		}
		if r := bests[k].Recent; r != nil {
			fill(r)
		}
	}
	return nil
}
