package training

import (
	"context"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/store"
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

// summaryVersion is the version of the day summaries Refresh keeps:
// raise it when the load model or the making of a day's load changes, so
// that summaries made before are not trusted.
const summaryVersion = 1

// offsetRoom is how much earlier than its local date a session may have
// started: local offsets are hours, and a week leaves room for any.
const offsetRoom = 7 * 24 * time.Hour

// Series builds the load model from the whole stored history, so that
// fitness has its 42-day memory, and returns the days from from to to
// (inclusive, calendar days). Heart-rate loads count as they are; runs
// with only an RPE count as session-RPE scaled by the runner's own
// history (load.RPEScale). A session whose file gave no local time
// counts on its day in to's location, the runner's time zone. Activities
// dated before activity.ClockSetSince (a clock never set) do not count.
//
// The history before from is read as the day summaries Refresh keeps
// (summarize): the model's state at the end of the day before, and the
// scale, unit and count made of the whole history. Where they might not
// be the whole history's — changed since, made in another time zone or
// by another version, a session after to — the whole history is read;
// where none are made yet, or by another version, they are made then.
func (s *Service) Series(ctx context.Context, from, to time.Time) (LoadSeries, error) {
	loc, until := to.Location(), to.AddDate(0, 0, 1)
	first := dateOf(from)
	b, st, err := s.Store.LoadState(ctx, s.Athlete, first)
	if err != nil {
		return LoadSeries{}, fmt.Errorf("load series: %w", err)
	}
	if b.Version != summaryVersion && zoneKey(loc) != "" {
		// None made yet, or by another version (an older store): none will
		// be till the next refresh, so make them now.
		if err := s.summarize(ctx, loc); err != nil {
			return LoadSeries{}, fmt.Errorf("load series: %w", err)
		}
		return s.wholeSeries(ctx, from, to)
	}
	if !b.Current || b.Zone != zoneKey(loc) || !b.Last.Before(until) {
		return s.wholeSeries(ctx, from, to)
	}
	after := activity.ClockSetSince
	if !st.Date.IsZero() && st.Date.Add(-offsetRoom).After(after) {
		after = st.Date.Add(-offsetRoom)
	}
	entries, err := s.loads(ctx, after, until, loc)
	if err != nil {
		return LoadSeries{}, err
	}
	ls := LoadSeries{Unit: b.Unit, RPEScale: load.RPEScaleOf(b.RPEFactor, b.RPEPairs), Unloaded: b.Unloaded}
	ls.Points = datedFrom(load.Continue(st, ls.days(entries, from, to)), first)
	return ls, nil
}

// wholeSeries is Series read from the whole history.
func (s *Service) wholeSeries(ctx context.Context, from, to time.Time) (LoadSeries, error) {
	entries, err := s.loads(ctx, activity.ClockSetSince, to.AddDate(0, 0, 1), to.Location())
	if err != nil {
		return LoadSeries{}, err
	}
	ls := seriesOf(entries)
	ls.Points = datedFrom(load.Series(ls.days(entries, from, to)), dateOf(from))
	return ls, nil
}

// loads are the load entries of sessions starting in [from, until), those
// without local time dated in loc.
func (s *Service) loads(ctx context.Context, from, until time.Time, loc *time.Location) ([]store.LoadEntry, error) {
	entries, err := s.Store.Loads(ctx, s.Athlete, from, until)
	if err != nil {
		return nil, fmt.Errorf("load series: %w", err)
	}
	for i := range entries {
		if !entries[i].LocalOffset {
			entries[i].Start = entries[i].Start.In(loc)
		}
	}
	return entries, nil
}

// seriesOf is the series' account of the whole history in entries, without
// its points: the session-RPE scale, the load unit and the sessions
// without load.
func seriesOf(entries []store.LoadEntry) LoadSeries {
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
	for _, e := range entries {
		switch e.Method {
		case analysis.NoLoad:
			ls.Unloaded++
		case analysis.SessionRPE:
		default:
			ls.Unit = string(e.Method)
		}
	}
	if ls.Unit == "" {
		ls.Unit = string(analysis.BanisterTRIMP)
	}
	return ls
}

// days are the daily loads of entries, session-RPE loads scaled by ls's
// scale, with the days of span (from and to) at zero load so that the
// series covers them even where nothing was run.
func (ls LoadSeries) days(entries []store.LoadEntry, span ...time.Time) []load.Day {
	days := make([]load.Day, 0, len(entries)+len(span))
	for _, e := range entries {
		switch e.Method {
		case analysis.NoLoad:
		case analysis.SessionRPE:
			days = append(days, load.Day{Date: e.Start, Load: ls.RPEScale.Apply(e.Load)})
		default:
			days = append(days, load.Day{Date: e.Start, Load: e.Load})
		}
	}
	for _, t := range span {
		days = append(days, load.Day{Date: t})
	}
	return days
}

// dateOf is t's calendar date as load dates its points: midnight UTC.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// datedFrom is the points dated first or later.
func datedFrom(points []load.Point, first time.Time) []load.Point {
	for i, p := range points {
		if !p.Date.Before(first) {
			return points[i:]
		}
	}
	return nil
}

// zoneKey names loc for the day summaries, or "" for a location whose
// name does not say which it is (the process's Local, an unnamed offset):
// summaries are kept for none of those.
func zoneKey(loc *time.Location) string {
	if k := loc.String(); k != "Local" {
		return k
	}
	return ""
}

// summarize brings the athlete's day summaries up to date with their
// analysed sessions, dated in loc: the load model's state at the end of
// every day from the first session on, and what it was made with (the
// session-RPE scale, unit, sessions without load). They are rewritten
// from the first day whose state changed on: a change on an old day
// rewrites from that day, a new profile that changes every load rewrites
// them all, and a refresh that changed nothing writes nothing.
func (s *Service) summarize(ctx context.Context, loc *time.Location) error {
	key := zoneKey(loc)
	if key == "" {
		return nil
	}
	// The count of changes, read first: a change from here on leaves
	// what is saved not current.
	kept, _, err := s.Store.LoadState(ctx, s.Athlete, time.Time{})
	if err != nil {
		return err
	}
	entries, err := s.loads(ctx, activity.ClockSetSince, time.Time{}, loc)
	if err != nil {
		return err
	}
	ls := seriesOf(entries)
	points := load.Series(ls.days(entries))
	days := make([]load.State, len(points))
	for i, p := range points {
		days[i] = p.State()
	}
	b := store.LoadBasis{Version: summaryVersion, Zone: key, RPEFactor: ls.RPEScale.Factor, RPEPairs: ls.RPEScale.Pairs,
		Unit: ls.Unit, Unloaded: ls.Unloaded, Changes: kept.Changes}
	if len(entries) > 0 {
		b.Last = entries[len(entries)-1].Start
	}
	old, err := s.Store.LoadDays(ctx, s.Athlete)
	if err != nil {
		return err
	}
	same := 0
	if kept.Version == summaryVersion {
		for same < min(len(old), len(days)) && sameState(old[same], days[same]) {
			same++
		}
	}
	if kept.Current && same == len(old) && same == len(days) && sameBasis(kept, b) {
		return nil
	}
	// Rewrite from the first day that differs, in the old summaries or
	// the new: a history that now starts later leaves no day before it.
	var from time.Time
	switch {
	case same < len(days) && same < len(old):
		from = days[same].Date
		if old[same].Date.Before(from) {
			from = old[same].Date
		}
	case same < len(days):
		from = days[same].Date
	case same < len(old):
		from = old[same].Date
	case len(days) > 0:
		from = days[len(days)-1].Date.AddDate(0, 0, 1)
	}
	return s.Store.SaveLoadDays(ctx, s.Athlete, b, from, days[same:])
}

// sameState reports whether a and b are the same day's state, to the bit.
func sameState(a, b load.State) bool {
	date := a.Date.Equal(b.Date)
	a.Date, b.Date = time.Time{}, time.Time{}
	return date && a == b
}

// sameBasis reports whether a and b were made alike of the same sessions,
// whatever their counts of changes.
func sameBasis(a, b store.LoadBasis) bool {
	return a.Version == b.Version && a.Zone == b.Zone && a.RPEFactor == b.RPEFactor && a.RPEPairs == b.RPEPairs &&
		a.Unit == b.Unit && a.Unloaded == b.Unloaded && a.Last.Equal(b.Last)
}
