package web

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// writes wraps the store to count, per athlete, the writes that change
// what the dashboard shows: imports, logged runs, RPE, the profile,
// analyses and the plan. The recovery verdicts are not counted: the audit
// writes them itself. Counting per athlete keeps one runner's upload from
// throwing away every other runner's advice.
type writes struct {
	store.Store
	mu sync.Mutex
	n  map[store.AthleteID]int64
}

// count returns how many writes of athlete's went through the server.
func (w *writes) count(a store.AthleteID) int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n[a]
}

func (w *writes) wrote(a store.AthleteID) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.n == nil {
		w.n = map[store.AthleteID]int64{}
	}
	w.n[a]++
}

func (w *writes) SaveFile(ctx context.Context, a store.AthleteID, e *store.Encoded) ([]store.Saved, error) {
	defer w.wrote(a)
	return w.Store.SaveFile(ctx, a, e)
}

func (w *writes) SaveManual(ctx context.Context, a store.AthleteID, act *activity.Activity) (int64, error) {
	defer w.wrote(a)
	return w.Store.SaveManual(ctx, a, act)
}

func (w *writes) SaveAthlete(ctx context.Context, a store.AthleteID, p activity.Athlete) error {
	defer w.wrote(a)
	return w.Store.SaveAthlete(ctx, a, p)
}

func (w *writes) SetRPE(ctx context.Context, a store.AthleteID, id int64, rpe int) error {
	defer w.wrote(a)
	return w.Store.SetRPE(ctx, a, id, rpe)
}

func (w *writes) SaveAnalyses(ctx context.Context, a store.AthleteID, as []store.Analysis) error {
	defer w.wrote(a)
	return w.Store.SaveAnalyses(ctx, a, as)
}

func (w *writes) SavePlan(ctx context.Context, a store.AthleteID, p *plan.Plan) error {
	defer w.wrote(a)
	return w.Store.SavePlan(ctx, a, p)
}

// advice is what the dashboard needs of the training service: today's
// recommendation and the plan's side of today, the recent audit and the
// load series. Each audits the
// whole history, which takes a second over ten years, so the Server keeps
// the last advice per athlete and makes it anew only after a write through
// it or when the minute changes (the advice depends on the time of day).
// Writes by another process, such as 'easyrun import' while serving, show
// within that minute.
type advice struct {
	training.Advice
	Load training.LoadSeries
}

type adviceKey struct {
	athlete store.AthleteID
	writes  int64
	minute  int64
}

// memo keeps the last advice of each athlete. Requests that find it
// stale at the same time share one making of it.
type memo struct {
	mu     sync.Mutex
	last   map[store.AthleteID]memoEntry
	making singleflight.Group
}

type memoEntry struct {
	key adviceKey
	adv advice
}

// advice returns svc's advice at now, made by make unless the last one
// is still current.
func (m *memo) advice(svc *training.Service, writes int64, now time.Time, make func() (advice, error)) (advice, error) {
	key := adviceKey{svc.Athlete, writes, now.Unix() / 60}
	m.mu.Lock()
	e, ok := m.last[svc.Athlete]
	m.mu.Unlock()
	if ok && e.key == key {
		return e.adv, nil
	}
	v, err, _ := m.making.Do(fmt.Sprint(key), func() (any, error) {
		adv, err := make()
		if err != nil {
			return advice{}, err
		}
		m.mu.Lock()
		if m.last == nil {
			m.last = map[store.AthleteID]memoEntry{}
		}
		m.last[svc.Athlete] = memoEntry{key, adv}
		m.mu.Unlock()
		return adv, nil
	})
	if err != nil {
		return advice{}, err
	}
	return v.(advice), nil
}
