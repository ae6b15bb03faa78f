package training

import (
	"context"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/recovery"
)

// SaveMorning checks a morning check-in against the runner's clock
// (activity.Morning.Validate) and stores it, replacing the one of its
// date; an empty Date is today, in the runner's time zone. It reports
// false when a file's morning met the runner's own for the date and left
// it. A bad value is an *activity.InputError, before anything is written.
func (s *Service) SaveMorning(ctx context.Context, m activity.Morning) (activity.Morning, bool, error) {
	z, err := s.Zone(ctx)
	if err != nil {
		return m, false, err
	}
	now := s.now().In(z.Location)
	if m.Date == "" {
		m.Date = now.Format(time.DateOnly)
	}
	if err := m.Validate(now); err != nil {
		return m, false, err
	}
	saved, err := s.Store.SaveMorning(ctx, s.Athlete, m)
	return m, saved, err
}

// Mornings is a runner's check-ins of the last days and how today's
// morning stands against their normal.
type Mornings struct {
	// Date is today, in the runner's time zone.
	Date string `json:"date"`
	// Recent are the check-ins of the last days asked for, newest first.
	Recent []activity.Morning `json:"recent"`
	// Baseline is today's, from the last physio.NormalDays.
	Baseline physio.Baseline `json:"baseline"`
	// Off are the signs that today's morning is clearly off, Normal what
	// was checked and is not (recovery.MorningSigns); Needs what the
	// baseline lacks before it judges HRV and resting heart rate.
	Off    []string `json:"off"`
	Normal []string `json:"normal"`
	Needs  []string `json:"needs"`
	// Method says how a morning is judged, with the runner's thresholds
	// (recovery.MorningMethod).
	Method string `json:"method"`
}

// Mornings lists the check-ins of the last days (today included) in loc,
// with today's baseline.
func (s *Service) Mornings(ctx context.Context, loc *time.Location, days int) (Mornings, error) {
	p, err := s.Profile(ctx)
	if err != nil {
		return Mornings{}, err
	}
	now := s.now().In(loc)
	ms, err := s.mornings(ctx, now, max(days, physio.NormalDays))
	if err != nil {
		return Mornings{}, err
	}
	out := Mornings{Date: now.Format(time.DateOnly), Baseline: physio.MorningBaseline(ms, now.Format(time.DateOnly), p.Rules.HRVBandSD)}
	out.Off, out.Normal = recovery.MorningSigns(out.Baseline, p.Rules)
	out.Needs = recovery.MorningNeeds(out.Baseline)
	out.Method = recovery.MorningMethod(p.Rules)
	from := now.AddDate(0, 0, 1-days).Format(time.DateOnly)
	for i := len(ms) - 1; i >= 0 && ms[i].Date >= from; i-- {
		out.Recent = append(out.Recent, ms[i])
	}
	return out, nil
}

// mornings reads the check-ins of the days local days up to now's date,
// oldest first.
func (s *Service) mornings(ctx context.Context, now time.Time, days int) ([]activity.Morning, error) {
	ms, err := s.Store.Mornings(ctx, s.Athlete, now.AddDate(0, 0, 1-days).Format(time.DateOnly), now.Format(time.DateOnly))
	if err != nil {
		return nil, fmt.Errorf("mornings: %w", err)
	}
	return ms, nil
}
