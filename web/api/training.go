package api

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/rules"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// audit answers the recovery audit of the last weeks (default 4, as the
// CLI; 0 for the whole history).
func (s *server) audit(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	weeks, err := intParam(r.URL.Query(), "weeks", 4)
	if err != nil {
		return err
	}
	if weeks < 0 {
		return httperr.BadRequest("weeks %d: want 0 (all) or more", weeks)
	}
	report, err := svc.Audit(r.Context(), weeks)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	writeJSON(w, http.StatusOK, reportOf(&report))
	return nil
}

// bests answers the personal bests of every distance.
func (s *server) bests(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	bests, err := svc.Bests(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, bests)
	return nil
}

// Today is today's recommendation with the plan's side of the day, the
// CLI's today --json shape.
type Today struct {
	Recommendation
	// Plan is nil when the plan has nothing for today and nothing to say
	// of yesterday, as when there is no plan.
	Plan *PlanDay `json:"plan,omitempty"`
}

// today answers today's recommendation and the plan's side of today,
// after adapting the plan to what was run, as the CLI's today does.
func (s *server) today(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	adv, err := svc.Advice(r.Context(), svc.Local(), 1)
	if err != nil {
		return fmt.Errorf("today: %w", err)
	}
	rec, day := adv.Today, adv.Plan
	out := Today{Recommendation: recommendationOf(rec)}
	if len(day.Planned) > 0 || len(day.Verdicts) > 0 {
		d := planDayOf(day)
		out.Plan = &d
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// LoadPoint is one day of the load model.
type LoadPoint struct {
	Date    string  `json:"date"`    // YYYY-MM-DD
	Load    float64 `json:"load"`    // the day's load, in the series' unit
	Fitness float64 `json:"fitness"` // 42-day exponential average of load
	Fatigue float64 `json:"fatigue"` // 7-day exponential average of load
	Form    float64 `json:"form"`    // yesterday's fitness − fatigue
	ACWR    float64 `json:"acwr"`    // 7-day ÷ 28-day EWMA; 0 before any load
}

// LoadSeries is the load model over a span of days, the CLI's load
// --json shape.
type LoadSeries struct {
	Unit     string `json:"unit"`      // the daily load's unit: banister_trimp or hrtss
	RPEScale string `json:"rpe_scale"` // how device-free runs were scaled
	Unloaded int    `json:"sessions_without_load"`
	// Meaning explains the last day's numbers in plain words.
	Meaning []string    `json:"meaning"`
	Series  []LoadPoint `json:"series"`
}

// maxLoadDays bounds a load query, so that one request cannot ask for
// centuries of days.
const maxLoadDays = 20 * 366

// load answers the load series from from to to (inclusive dates; the
// last six weeks to today by default, as the CLI).
func (s *server) load(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	today := s.Now().In(svc.Local())
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, svc.Local())
	to, err := s.date(svc.Local(), q, "to", 0)
	if err != nil {
		return err
	}
	if to.IsZero() {
		to = today
	}
	from, err := s.date(svc.Local(), q, "from", 0)
	if err != nil {
		return err
	}
	if from.IsZero() {
		monday := to.AddDate(0, 0, -(int(to.Weekday())+6)%7)
		from = monday.AddDate(0, 0, -7*5)
	}
	if to.Before(from) {
		return httperr.BadRequest("from %s is after to %s", from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	if to.Sub(from) > maxLoadDays*24*time.Hour {
		return httperr.BadRequest("from %s to %s is more than %d days", from.Format(time.DateOnly), to.Format(time.DateOnly), maxLoadDays)
	}
	ls, err := svc.Series(r.Context(), from, to)
	if err != nil {
		return fmt.Errorf("load series: %w", err)
	}
	out := LoadSeries{Unit: ls.Unit, RPEScale: ls.RPEScale.Reason, Unloaded: ls.Unloaded,
		Meaning: ls.Current().Meaning(), Series: make([]LoadPoint, len(ls.Points))}
	for i, p := range ls.Points {
		out.Series[i] = LoadPoint{Date: p.Date.Format(time.DateOnly), Load: p.Load, Fitness: p.Fitness,
			Fatigue: p.Fatigue, Form: p.Form, ACWR: p.ACWR}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// Profile is the runner's profile as set and as used, the CLI's athlete
// --json shape.
type Profile struct {
	Set      activity.Athlete `json:"set"`
	Resolved activity.Athlete `json:"resolved"` // every value with its origin and detail
	Problem  string           `json:"problem,omitempty"`
}

func profileOf(p training.Profile) Profile {
	out := Profile{Set: p.Set, Resolved: p.Resolved}
	if p.Problem != nil {
		out.Problem = p.Problem.Error()
	}
	return out
}

// profile answers the runner's profile.
func (s *server) profile(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	p, err := svc.Profile(r.Context())
	if err != nil {
		return fmt.Errorf("profile: %w", err)
	}
	writeJSON(w, http.StatusOK, profileOf(p))
	return nil
}

// setProfile replaces what the runner set, analyses every activity again
// with it, as the CLI's athlete set does, and answers the new profile.
func (s *server) setProfile(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	old, err := svc.Store.Athlete(r.Context(), svc.Athlete)
	if err != nil {
		return err
	}
	// What the body leaves out of the rules and the map is kept: the
	// rules are /rules' to change, and a client that knows nothing of
	// the map must not clear the runner's privacy zones.
	a := activity.Athlete{Map: old.Map}
	if err := readJSON(w, r, &a); err != nil {
		return err
	}
	if err := s.checkProfile(&a); err != nil {
		return err
	}
	if a.Rules == nil {
		a.Rules = old.Rules
	}
	if !reflect.DeepEqual(a.Map, old.Map) && !Own(s.Self, svc, r) {
		return httperr.ErrNotOwnMap
	}
	if _, err := rules.Of(a.Rules); err != nil {
		return err
	}
	if err := svc.Store.SaveAthlete(r.Context(), svc.Athlete, a); err != nil {
		return fmt.Errorf("save profile: %w", err)
	}
	if _, err := svc.Refresh(r.Context(), true); err != nil {
		return fmt.Errorf("analyse with the new profile: %w", err)
	}
	return s.profile(svc, w, r)
}

// capPresets are the recovery-cap presets; the empty string is the
// default. The other fields are checked by activity.Athlete.Validate.
var capPresets = []physio.Preset{"", physio.Article, physio.Pfitzinger, physio.Daniels, physio.ReserveCap}

// checkProfile makes a the profile as the runner set it: heart rates
// given are set by the runner, what is derived (origins, details,
// experience's origin) is dropped, and values are checked as physio
// checks them.
func (s *server) checkProfile(a *activity.Athlete) error {
	for _, v := range []*activity.Value{&a.MaxHR, &a.RestingHR, &a.LTHR} {
		*v = activity.Value{V: v.V}
		if v.V > 0 {
			v.Origin = activity.SetByRunner
		}
	}
	a.ExperienceOrigin, a.ExperienceDetail = "", ""
	a.TimeZoneOrigin, a.TimeZoneDetail = "", ""
	if physio.Preset(a.RecoveryCap) == physio.Article {
		a.RecoveryCap = "" // the default, stored as unset as the CLI does
	}
	if err := a.Validate(s.Now()); err != nil {
		return err
	}
	if !slices.Contains(capPresets, physio.Preset(a.RecoveryCap)) {
		return httperr.BadRequest("recovery_cap %q: want article, pfitzinger, daniels or reserve", a.RecoveryCap)
	}
	if _, err := physio.Resolve(*a, s.Now(), activity.Value{}); err != nil && !errors.Is(err, physio.ErrNoMaxHR) {
		return httperr.BadRequest("%v", err)
	}
	return nil
}

// Zones are the runner's heart-rate zones and recovery cap, the CLI's
// zones --json shape.
type Zones struct {
	Model       activity.ZoneModel `json:"model"`
	Zones       []physio.Zone      `json:"zones"`
	RecoveryCap physio.Cap         `json:"recovery_cap"`
	MaxHR       activity.Value     `json:"max_hr"`
}

// zones answers the zones of the resolved profile; without a max heart
// rate there are none yet (409 profile_incomplete).
func (s *server) zones(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	p, err := svc.Profile(r.Context())
	if err != nil {
		return fmt.Errorf("profile: %w", err)
	}
	if p.Problem != nil {
		return httperr.New(http.StatusConflict, httperr.CodeProfileIncomplete, "no zones yet: %v", p.Problem)
	}
	a := p.Resolved
	zones, err := physio.Zones(a.Zones, a)
	if err != nil {
		return fmt.Errorf("zones: %w", err)
	}
	cp, err := physio.RecoveryCap(a, physio.Preset(a.RecoveryCap))
	if err != nil {
		return fmt.Errorf("recovery cap: %w", err)
	}
	writeJSON(w, http.StatusOK, Zones{Model: a.Zones, Zones: zones, RecoveryCap: cp, MaxHR: a.MaxHR})
	return nil
}
