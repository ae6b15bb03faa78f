package training

import (
	"cmp"
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
)

// AdviceTTL is how long a cached Advice, Profile, Zone or adapted plan
// is kept when nothing is written: advice depends on the time of day (a
// recovery window closing, a hard day's "due" turning into what followed
// it), so a view may lag the clock by this much, and a write by another
// process as well.
const AdviceTTL = time.Minute

// Cache keeps each athlete's last Advice, Profile, Zone and adapted plan
// for services that share it (Service.Cache), so that a server makes
// them once a minute rather than on every view, and what pages derive
// from the store (Keep). It must see every write that changes them:
// services write through Cache.Store, which counts them per athlete, and
// a count that moved makes them anew. Counting per athlete keeps one
// runner's upload from throwing away every other runner's advice. The
// zero Cache is ready to use.
type Cache struct {
	mu     sync.Mutex
	writes map[store.AthleteID]int64
	values map[string]map[store.AthleteID]kept // by what (Keep), then athlete
	swept  time.Time                           // when values past AdviceTTL were last dropped
	making singleflight.Group
}

// kept is a value made at made, in loc, when its athlete's writes were
// counted at writes.
type kept struct {
	writes int64
	loc    *time.Location
	made   time.Time
	value  any
}

// Store returns st with the writes that change advice counted by c:
// imports, logged runs, RPE, the profile, analyses, the plan, morning
// check-ins and the removal of a user with their data. The recovery verdicts are not counted: advice writes them itself.
func (c *Cache) Store(st store.Store) store.Store { return &counting{Store: st, c: c} }

// Prime makes the athlete's cached Advice anew ahead of their next view,
// after a write such as an import. Without a Cache it does nothing.
func (s *Service) Prime(ctx context.Context, loc *time.Location) error {
	if s.Cache == nil {
		return nil
	}
	_, err := s.Advice(ctx, loc, 0)
	return err
}

func (c *Cache) count(a store.AthleteID) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.writes[a]
}

func (c *Cache) wrote(a store.AthleteID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.writes == nil {
		c.writes = map[store.AthleteID]int64{}
	}
	c.writes[a]++
}

// adaptedPlan is what AdaptedPlan returns, kept in a Cache.
type adaptedPlan struct {
	plan    *plan.Plan
	changes []plan.Change
}

// Keep returns the athlete's value of what (a name of the caller's) at
// now in loc (UTC when nil), made by make unless the one c keeps is still
// current: made after the athlete's last write, within AdviceTTL and on
// the same day in loc. Requests that find it stale at the same time share
// one making of it. The service keeps its advice, profile, zone and
// adapted plan this way, and pages what they derive from the store. With
// a nil c it calls make.
func Keep[T any](c *Cache, what string, a store.AthleteID, loc *time.Location, now time.Time, make func() (T, error)) (T, error) {
	if c == nil {
		return make()
	}
	writes := c.count(a)
	c.mu.Lock()
	e, ok := c.values[what][a]
	c.mu.Unlock()
	day := cmp.Or(loc, time.UTC)
	if ok && e.writes == writes && e.loc == loc && !now.Before(e.made) && now.Sub(e.made) < AdviceTTL &&
		sameDay(e.made.In(day), now.In(day)) {
		return e.value.(T), nil
	}
	v, err, _ := c.making.Do(fmt.Sprint(what, a, writes), func() (any, error) {
		value, err := make()
		if err != nil {
			return value, err
		}
		c.mu.Lock()
		if c.values == nil {
			c.values = map[string]map[store.AthleteID]kept{}
		}
		if c.values[what] == nil {
			c.values[what] = map[store.AthleteID]kept{}
		}
		c.values[what][a] = kept{writes, loc, now, value}
		c.sweep(now)
		c.mu.Unlock()
		return value, nil
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// sweep drops the values made more than AdviceTTL before now, or after it
// (a clock set back), which no view takes any more, once an AdviceTTL at
// most: a server keeps values for the athletes using it, not for every
// athlete who ever signed in. c.mu is held.
func (c *Cache) sweep(now time.Time) {
	if now.Sub(c.swept) < AdviceTTL && !now.Before(c.swept) {
		return
	}
	c.swept = now
	for _, m := range c.values {
		for a, e := range m {
			if now.Sub(e.made) >= AdviceTTL || now.Before(e.made) {
				delete(m, a)
			}
		}
	}
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// counting is a store whose writes Cache counts.
type counting struct {
	store.Store
	c *Cache
}

func (w *counting) SaveFile(ctx context.Context, a store.AthleteID, e *store.Encoded) ([]store.Saved, error) {
	defer w.c.wrote(a)
	return w.Store.SaveFile(ctx, a, e)
}

func (w *counting) SaveFiles(ctx context.Context, a store.AthleteID, es []*store.Encoded) ([][]store.Saved, error) {
	defer w.c.wrote(a)
	return w.Store.SaveFiles(ctx, a, es)
}

func (w *counting) SaveManual(ctx context.Context, a store.AthleteID, act *activity.Activity) (int64, error) {
	defer w.c.wrote(a)
	return w.Store.SaveManual(ctx, a, act)
}

func (w *counting) SaveAthlete(ctx context.Context, a store.AthleteID, p activity.Athlete) error {
	defer w.c.wrote(a)
	return w.Store.SaveAthlete(ctx, a, p)
}

func (w *counting) SetRPE(ctx context.Context, a store.AthleteID, id int64, rpe int) error {
	defer w.c.wrote(a)
	return w.Store.SetRPE(ctx, a, id, rpe)
}

func (w *counting) SetDetails(ctx context.Context, a store.AthleteID, id int64, d store.Details) error {
	defer w.c.wrote(a)
	return w.Store.SetDetails(ctx, a, id, d)
}

func (w *counting) DeleteActivity(ctx context.Context, a store.AthleteID, id int64) error {
	defer w.c.wrote(a)
	return w.Store.DeleteActivity(ctx, a, id)
}

func (w *counting) SetSport(ctx context.Context, a store.AthleteID, id int64, sport activity.Sport) error {
	defer w.c.wrote(a)
	return w.Store.SetSport(ctx, a, id, sport)
}

func (w *counting) SaveAnalyses(ctx context.Context, a store.AthleteID, as []store.Analysis) error {
	defer w.c.wrote(a)
	return w.Store.SaveAnalyses(ctx, a, as)
}

func (w *counting) SavePlan(ctx context.Context, a store.AthleteID, p *plan.Plan) error {
	defer w.c.wrote(a)
	return w.Store.SavePlan(ctx, a, p)
}

func (w *counting) SaveMorning(ctx context.Context, a store.AthleteID, m activity.Morning) (bool, error) {
	defer w.c.wrote(a)
	return w.Store.SaveMorning(ctx, a, m)
}

func (w *counting) RemoveUser(ctx context.Context, a store.AthleteID) error {
	defer w.c.wrote(a)
	return w.Store.RemoveUser(ctx, a)
}
