package training

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
)

// AdviceTTL is how long a cached Advice is kept when nothing is written:
// advice depends on the time of day (a recovery window closing, a hard
// day's "due" turning into what followed it), so a view may lag the
// clock by this much, and a write by another process as well.
const AdviceTTL = time.Minute

// Cache keeps each athlete's last Advice for services that share it
// (Service.Cache), so that a server makes a runner's advice once a
// minute rather than on every view. It must see every write that changes
// advice: services write through Cache.Store, which counts them per
// athlete, and a count that moved makes the advice anew. Counting per
// athlete keeps one runner's upload from throwing away every other
// runner's advice. The zero Cache is ready to use.
type Cache struct {
	mu     sync.Mutex
	writes map[store.AthleteID]int64
	last   map[store.AthleteID]cachedAdvice
	making singleflight.Group
}

type cachedAdvice struct {
	writes int64
	loc    *time.Location
	made   time.Time
	advice Advice // with the whole audit
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

// advice returns the athlete's advice at now in loc, made by make unless
// the last one is still current. Requests that find it stale at the same
// time share one making of it.
func (c *Cache) advice(a store.AthleteID, loc *time.Location, now time.Time, make func() (Advice, error)) (Advice, error) {
	writes := c.count(a)
	c.mu.Lock()
	e, ok := c.last[a]
	c.mu.Unlock()
	if ok && e.writes == writes && e.loc == loc && !now.Before(e.made) && now.Sub(e.made) < AdviceTTL &&
		sameDay(e.made.In(loc), now.In(loc)) {
		return e.advice, nil
	}
	v, err, _ := c.making.Do(fmt.Sprint(a, writes), func() (any, error) {
		adv, err := make()
		if err != nil {
			return Advice{}, err
		}
		c.mu.Lock()
		if c.last == nil {
			c.last = map[store.AthleteID]cachedAdvice{}
		}
		c.last[a] = cachedAdvice{writes, loc, now, adv}
		c.mu.Unlock()
		return adv, nil
	})
	if err != nil {
		return Advice{}, err
	}
	return v.(Advice), nil
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
