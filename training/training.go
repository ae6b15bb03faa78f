// Package training keeps a runner's picture current: it resolves the
// profile from what the runner set and what their data shows, analyses
// stored activities with the pure core and builds the load series. It is
// the one place where the store and the pure packages meet, so the CLI,
// the web UI and the API say the same things.
package training

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/priority"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/rules"
	"github.com/easyrun/easyrun/store"
)

// DetectionWindow is how far back max heart rate is detected from runs.
const DetectionWindow = 365 * 24 * time.Hour

// Service applies the core to one athlete's stored data.
type Service struct {
	Store   store.Store
	Athlete store.AthleteID
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Location, when not nil, overrides the runner's time zone (tests,
	// a replayed scenario); nil means the one their profile resolves to.
	Location *time.Location
	// Cache, when not nil, keeps Advice between services; Store must
	// then write through Cache.Store.
	Cache *Cache
	// Nice lowers the CPU priority of the analysis workers by this many
	// steps (priority.Lower), so that a server beside a command-line
	// import keeps the cores; 0 leaves it. What writes keeps its priority:
	// it holds the database's write lock, which the server's writes wait
	// for.
	Nice int

	resolved *Zone // as Zone last resolved it
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// Profile is the runner's profile twice: as set, and as used.
type Profile struct {
	// Set is what the runner set; zero fields are unset.
	Set activity.Athlete
	// Resolved has every value the formulas need, each with its origin.
	Resolved activity.Athlete
	// Zone is the runner's time zone, also in Resolved by name.
	Zone Zone
	// Rules are the recovery rules with the runner's own values.
	Rules rules.Set
	// Problem says why the profile is incomplete (no max HR: set birth
	// year or max HR); nil when it is complete.
	Problem error
}

// Profile resolves the runner's profile: set values first, then max heart
// rate detected from the last year of runs, then estimates; experience
// derived from the last weeks when not set; the time zone as Zone
// resolves it. With a Cache, the last one made is kept as Advice is.
func (s *Service) Profile(ctx context.Context) (Profile, error) {
	return Keep(s.Cache, "profile", s.Athlete, s.Location, s.now(), func() (Profile, error) { return s.profile(ctx) })
}

// profile is Profile, made afresh.
func (s *Service) profile(ctx context.Context) (Profile, error) {
	set, err := s.Store.Athlete(ctx, s.Athlete)
	if err != nil {
		return Profile{}, err
	}
	zone, err := s.zone(ctx, set)
	if err != nil {
		return Profile{}, err
	}
	now := s.now()
	var detected activity.Value
	if !set.MaxHR.Known() {
		if detected, err = s.detectMaxHR(ctx, now); err != nil {
			return Profile{}, err
		}
	}
	p := Profile{Set: set, Zone: zone}
	if p.Rules, err = rules.Of(set.Rules); err != nil {
		return Profile{}, fmt.Errorf("your rules: %w", err)
	}
	p.Resolved, p.Problem = physio.Resolve(set, now, detected)
	if p.Problem != nil && !errors.Is(p.Problem, physio.ErrNoMaxHR) {
		return Profile{}, p.Problem
	}
	p.Resolved.TimeZone, p.Resolved.TimeZoneOrigin, p.Resolved.TimeZoneDetail = zone.Name, zone.Origin, zone.Detail
	if p.Resolved.Zones == "" {
		p.Resolved.Zones = activity.PercentMax
	}
	if p.Resolved.Units == "" {
		p.Resolved.Units = activity.Kilometres
	}
	if set.Experience != "" {
		p.Resolved.ExperienceOrigin, p.Resolved.ExperienceDetail = activity.SetByRunner, "set by you"
	} else if err := s.deriveExperience(ctx, now, &p.Resolved); err != nil {
		return Profile{}, err
	}
	return p, nil
}

// detectMaxHR finds the highest sustained heart rate of the last year
// from the runs' stored peaks, measuring a run without one (imported but
// not refreshed yet) from its streams.
func (s *Service) detectMaxHR(ctx context.Context, now time.Time) (activity.Value, error) {
	peaks, err := s.Store.Peaks(ctx, s.Athlete, now.Add(-DetectionWindow), now)
	if err != nil {
		return activity.Value{}, fmt.Errorf("detect max heart rate: %w", err)
	}
	peaks = slices.DeleteFunc(peaks, func(p store.Peak) bool { return !isRun(p.Sport) })
	if err := s.measure(ctx, peaks); err != nil {
		return activity.Value{}, fmt.Errorf("detect max heart rate: %w", err)
	}
	// As physio.DetectMaxHR over the runs oldest first: ties go to the earlier.
	var best activity.Value
	for _, p := range peaks {
		if p.HR.V > best.V {
			best = p.HR
		}
	}
	if !best.Known() {
		return best, nil
	}
	// A max sustained in a race is closer to the true max than one from
	// training (coaching.md): it says so, and it beats an age estimate.
	recs, err := s.Store.Activities(ctx, s.Athlete, store.Filter{IDs: []int64{best.ActivityID}})
	if err != nil {
		return activity.Value{}, fmt.Errorf("detect max heart rate: %w", err)
	}
	if len(recs) == 1 && recs[0].Analysis != nil && recs[0].Analysis.Class == analysis.Race {
		best.Origin = activity.Raced
		best.Detail += ", in a race"
	}
	return best, nil
}

// measure fills in the peaks not measured yet from the activities'
// streams, reading them in parallel, one worker per core.
func (s *Service) measure(ctx context.Context, peaks []store.Peak) error {
	n := 0
	for _, p := range peaks {
		if !p.Measured {
			n++
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	todo := make(chan int)
	for range min(n, runtime.GOMAXPROCS(0)) {
		g.Go(func() error {
			s.lower()
			for i := range todo {
				rec, err := s.Store.Activity(gctx, s.Athlete, peaks[i].ActivityID)
				if err != nil {
					return fmt.Errorf("measure activity %d: %w", peaks[i].ActivityID, err)
				}
				peaks[i] = peakOf(rec)
			}
			return nil
		})
	}
feed:
	for i := range peaks {
		if peaks[i].Measured {
			continue
		}
		select {
		case todo <- i:
		case <-gctx.Done():
			break feed
		}
	}
	close(todo)
	return g.Wait()
}

// lower lowers the calling goroutine's CPU priority by s.Nice. One that
// cannot be lowered leaves the analysis as fast as before, and a server
// beside it as slow: nothing to fail the analysis for.
func (s *Service) lower() { _ = priority.Lower(s.Nice) }

// peakOf measures the peak heart rate and the bests of a stored activity.
func peakOf(r *store.Record) store.Peak { return measurePeak(r.ID, &r.Activity) }

// measurePeak measures the peak heart rate and the bests of activity a,
// stored as id (0 before it is).
func measurePeak(id int64, a *activity.Activity) store.Peak {
	p := store.Peak{ActivityID: id, Sport: a.Sport, Measured: true, Bests: analysis.Bests(a)}
	if activity.Count(a.Streams.HeartRate) > 0 {
		p.HR, _ = physio.DetectMaxHR([]physio.Candidate{{ActivityID: id, Start: a.LocalStart(), Streams: &a.Streams}})
	}
	return p
}

// Derive returns what an import derives from each activity it decodes
// (importer.Importer.Derive): its peak, and its analysis under the
// profile as it stands, a draft that Refresh judges with the runner's
// history without reading the activity back. An import that changes the
// profile leaves its analyses stale, and Refresh makes them again as any
// other. So none is made while max heart rate is unknown or estimated:
// the import's own runs are likely to detect it, as a first import's do.
func (s *Service) Derive(ctx context.Context) (func(*activity.Activity) store.Derived, error) {
	p, err := s.Profile(ctx)
	if err != nil {
		return nil, err
	}
	base := analysisContext(p)
	analyse := p.Resolved.MaxHR.Known() && p.Resolved.MaxHR.Origin != activity.Estimated
	return func(a *activity.Activity) store.Derived {
		d := store.Derived{Peak: measurePeak(0, a)}
		if analyse {
			r := analysis.Analyze(a, base)
			r.Draft = true
			d.Analysis = &r
		}
		return d
	}, nil
}

// analysisContext is the context, without history, in which the
// profile p has activities analysed.
func analysisContext(p Profile) analysis.Context {
	return analysis.Context{Athlete: p.Resolved, CapPreset: physio.Preset(p.Resolved.RecoveryCap), Rules: p.Rules}
}

// refreshPeaks measures and saves the peaks of the activities that have
// none: new ones and replaced recordings. A peak depends on the
// recording alone, so a new profile leaves them be.
func (s *Service) refreshPeaks(ctx context.Context) error {
	peaks, err := s.Store.Peaks(ctx, s.Athlete, time.Time{}, time.Time{})
	if err != nil {
		return fmt.Errorf("peaks: %w", err)
	}
	peaks = slices.DeleteFunc(peaks, func(p store.Peak) bool { return p.Measured })
	if err := s.measure(ctx, peaks); err != nil {
		return err
	}
	err = inBatches(peaks, func(batch []store.Peak) error { return s.Store.SavePeaks(ctx, s.Athlete, batch) })
	if err != nil {
		return fmt.Errorf("save peaks: %w", err)
	}
	return nil
}

// writeBatch is how many rows a bulk write stores per transaction. Each
// holds the store's write lock — with SQLite, the file's — for
// milliseconds rather than the seconds a history takes, so that other
// writers, a server's edits beside a command-line import, take their
// turns between them (go run ./bench stall). What a stop leaves unsaved
// is still missing or stale, and the next refresh does it.
const writeBatch = 64

// inBatches calls save with successive parts of items, at most writeBatch
// long, stopping at the first error.
func inBatches[T any](items []T, save func([]T) error) error {
	for batch := range slices.Chunk(items, writeBatch) {
		if err := save(batch); err != nil {
			return err
		}
	}
	return nil
}

// deriveExperience sets the experience level from the recent weeks: the
// last physio.ExperienceWeeks, or the weeks since the first activity when
// the history is shorter.
func (s *Service) deriveExperience(ctx context.Context, now time.Time, a *activity.Athlete) error {
	from := now.AddDate(0, 0, -7*physio.ExperienceWeeks)
	recs, err := s.Store.Activities(ctx, s.Athlete, store.Filter{From: from, To: now, Brief: true})
	if err != nil {
		return fmt.Errorf("derive experience: %w", err)
	}
	// A file from a clock never set is no sign of a long history.
	older, err := s.Store.Activities(ctx, s.Athlete, store.Filter{From: activity.ClockSetSince, To: from, Limit: 1, Brief: true})
	if err != nil {
		return fmt.Errorf("derive experience: %w", err)
	}
	weeks := physio.ExperienceWeeks
	runs, total := 0, time.Duration(0)
	for _, r := range recs {
		if isRun(r.Activity.Sport) {
			runs++
			total += r.Activity.Moving
		}
	}
	if len(older) == 0 && len(recs) > 0 { // Activities lists newest first
		weeks = int(now.Sub(recs[len(recs)-1].Activity.Start)/(7*24*time.Hour)) + 1
	}
	a.Experience, a.ExperienceDetail = physio.DeriveExperience(runs, total, weeks)
	a.ExperienceOrigin = activity.Estimated
	return nil
}

// isRun reports whether a sport counts as running; a file naming no sport
// is taken for a run, as analysis does.
func isRun(s activity.Sport) bool { return s == activity.Running || s == activity.Unknown }

// Refreshed tells what a Refresh did.
type Refreshed struct {
	Analysed int           `json:"analysed"` // activities analysed afresh
	Current  int           `json:"current"`  // stored analyses still current
	Duration time.Duration `json:"duration_ns"`
}

// Refresh brings the derived values up to date: each activity's peak
// heart rate (measured once per recording; max heart rate is detected
// from them), every stored analysis, the recovery audit's verdicts, then
// the day summaries of the load model (summarize).
// It is the one place that decides what is stale: activities never
// analysed, analysed by an older version of the analysis, or with another
// profile, are analysed again (all of them when all is true). The read
// paths only compute; Refresh saves the verdicts when they changed.
//
// Analysis reads the runner's history (their usual load and run, their
// pace at a heart rate), which is measured from the analyses themselves.
// Loads do not depend on history, so Refresh judges every stale session
// once without it, reading the streams of the stale ones alone, in
// parallel, then applies
// the history to each result (analysis.ApplyHistory), reading the streams
// again only for the few sessions whose verdict needs them. An import's
// draft analyses (Derive) made with today's profile are such results
// already: their streams are not read at all.
func (s *Service) Refresh(ctx context.Context, all bool) (Refreshed, error) {
	return s.refresh(ctx, func(int64) bool { return all })
}

// SetRPE records the session RPE of an activity (0 clears it) and
// analyses it again: RPE decides the class and load of a run without
// heart rate.
func (s *Service) SetRPE(ctx context.Context, id int64, rpe int) (Refreshed, error) {
	if err := s.Store.SetRPE(ctx, s.Athlete, id, rpe); err != nil {
		return Refreshed{}, err
	}
	return s.refresh(ctx, func(x int64) bool { return x == id })
}

// SetSport records the sport the runner says activities were (a ride the
// file took for a run, a run taken for a ride), for each of ids, and
// analyses them again: the sport decides what counts as a run for the
// analysis, the load and the audit. An id that is not the athlete's gives
// store.ErrNotFound; the ones before it stay tagged, and are analysed.
func (s *Service) SetSport(ctx context.Context, sport activity.Sport, ids ...int64) (Refreshed, error) {
	var tagged []int64
	for _, id := range ids {
		if err := s.Store.SetSport(ctx, s.Athlete, id, sport); err != nil {
			if len(tagged) > 0 {
				_, rerr := s.refresh(ctx, func(x int64) bool { return slices.Contains(tagged, x) })
				err = errors.Join(err, rerr)
			}
			return Refreshed{}, err
		}
		tagged = append(tagged, id)
	}
	return s.refresh(ctx, func(x int64) bool { return slices.Contains(tagged, x) })
}

// Log stores a run recorded without a device (duration, RPE, perhaps
// distance) and analyses it.
// A run on a day outside activity.RunDates is refused before anything is
// written, with an *activity.InputError.
func (s *Service) Log(ctx context.Context, a *activity.Activity) (int64, error) {
	if err := activity.RunDates(s.now()).Check("run date", a.LocalStart()); err != nil {
		return 0, err
	}
	a.Source = activity.Manual
	a.Summarize()
	id, err := s.Store.SaveManual(ctx, s.Athlete, a)
	if err != nil {
		return 0, err
	}
	_, err = s.refresh(ctx, func(int64) bool { return false })
	return id, err
}

// refresh is Refresh, analysing afresh the activities force names as
// well as the stale ones.
func (s *Service) refresh(ctx context.Context, force func(id int64) bool) (Refreshed, error) {
	start := time.Now()
	// Max heart rate, and so every analysis, is detected from the peaks.
	if err := s.refreshPeaks(ctx); err != nil {
		return Refreshed{}, err
	}
	p, err := s.Profile(ctx)
	if err != nil {
		return Refreshed{}, err
	}
	base := analysisContext(p)
	basis := base.Basis()

	// The summaries tell which analyses are stale; only those activities'
	// streams are read.
	recs, err := s.Store.Activities(ctx, s.Athlete, store.Filter{})
	if err != nil {
		return Refreshed{}, fmt.Errorf("analyse: %w", err)
	}
	history := make([]entry, len(recs))
	var stale []int64
	isStale := make(map[int64]bool)
	drafts := make(map[int64]analysis.Result) // an import's, current but for the history
	for i := range recs {
		r := &recs[i]
		history[i] = entry{id: r.ID, start: r.Activity.LocalStartIn(p.Zone.Location), run: isRun(r.Activity.Sport)}
		switch {
		case force(r.ID) || r.Analysis == nil || r.Analysis.Version != analysis.Version || r.Analysis.Basis != basis:
			stale = append(stale, r.ID)
			isStale[r.ID] = true
		case r.Analysis.Draft:
			drafts[r.ID] = *r.Analysis
		default:
			history[i].stored = r.Analysis
		}
	}
	fresh, err := s.analyse(ctx, stale, func(int64) analysis.Context { return base })
	if err != nil {
		return Refreshed{}, err
	}
	for id, r := range drafts {
		fresh[id] = r
	}

	second, err := s.secondLook(ctx, base, history, fresh)
	if err != nil {
		return Refreshed{}, err
	}
	maps := make([]store.Analysis, 0, len(fresh))
	for id, res := range fresh {
		if r, ok := second[id]; ok {
			res = r
		}
		maps = append(maps, store.Analysis{ActivityID: id, Result: res})
	}
	sort.Slice(maps, func(i, j int) bool { return maps[i].ActivityID < maps[j].ActivityID })
	if err := inBatches(maps, func(batch []store.Analysis) error { return s.Store.SaveAnalyses(ctx, s.Athlete, batch) }); err != nil {
		return Refreshed{}, fmt.Errorf("save analyses: %w", err)
	}
	// A new or re-analysed session changes the verdicts around it. The
	// audit takes the analyses just made and those kept, rather than
	// reading the whole history back; a stale one not analysed (deleted
	// meanwhile) is left out.
	final := make(map[int64]*analysis.Result, len(maps))
	for i := range maps {
		final[maps[i].ActivityID] = &maps[i].Result
	}
	for i := range recs {
		if res, ok := final[recs[i].ID]; ok || isStale[recs[i].ID] {
			recs[i].Analysis = res
		}
	}
	if err := s.saveVerdicts(ctx, p, sessionsOf(recs, p.Zone.Location)); err != nil {
		return Refreshed{}, fmt.Errorf("audit: %w", err)
	}
	if err := s.summarize(ctx, p.Zone.Location); err != nil {
		return Refreshed{}, fmt.Errorf("load summaries: %w", err)
	}
	return Refreshed{Analysed: len(fresh), Current: len(history) - len(fresh), Duration: time.Since(start)}, nil
}

// entry is one activity in the order of the runner's history.
type entry struct {
	id     int64
	start  time.Time
	run    bool
	stored *analysis.Result // nil when analysed afresh
}

// secondLook judges the fresh analyses again with the runner's history
// and returns their new results.
func (s *Service) secondLook(ctx context.Context, base analysis.Context, history []entry, fresh map[int64]analysis.Result) (map[int64]analysis.Result, error) {
	sort.SliceStable(history, func(i, j int) bool { return history[i].start.Before(history[j].start) })
	result := func(e entry) analysis.Result {
		if e.stored != nil {
			return *e.stored
		}
		return fresh[e.id]
	}
	past := make([]analysis.Past, len(history))
	for i, e := range history {
		r := result(e)
		past[i] = analysis.PastOf(e.start, r, e.run)
	}
	second := make(map[int64]analysis.Result)
	again := make(map[int64]analysis.Context)
	var ids []int64
	for i, e := range history {
		r, ok := fresh[e.id]
		if !ok {
			continue
		}
		c := base.WithHistory(past, past[i].Day, r.Load.Method)
		if judged, more := analysis.ApplyHistory(r, c); more {
			again[e.id] = c
			ids = append(ids, e.id)
		} else {
			second[e.id] = judged
		}
	}
	looked, err := s.analyse(ctx, ids, func(id int64) analysis.Context { return again[id] })
	if err != nil {
		return nil, err
	}
	maps.Copy(second, looked)
	return second, nil
}

// analyse analyses the activities ids from their streams, each in the
// context contextOf gives: one pass over the streams, analysed in
// parallel as they are read. An activity deleted since it was listed is
// left out.
func (s *Service) analyse(ctx context.Context, ids []int64, contextOf func(id int64) analysis.Context) (map[int64]analysis.Result, error) {
	results := make(map[int64]analysis.Result, len(ids))
	if len(ids) == 0 {
		return results, nil
	}
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		jobs = make(chan *store.Record, runtime.GOMAXPROCS(0))
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			s.lower()
			for r := range jobs {
				res := analysis.Analyze(&r.Activity, contextOf(r.ID))
				mu.Lock()
				results[r.ID] = res
				mu.Unlock()
			}
		})
	}
	err := s.Store.EachActivity(ctx, s.Athlete, store.Filter{IDs: ids}, func(r *store.Record) error {
		jobs <- r
		return nil
	})
	close(jobs)
	wg.Wait()
	if err != nil {
		return nil, fmt.Errorf("analyse: %w", err)
	}
	return results, nil
}
