package plan

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/easyrun/easyrun/rules"
)

// maxWeeks is the longest block a request may ask for: a year.
const maxWeeks = 52

// The volume of a block from week to week.
const (
	// growth is the most a week's volume grows on the last full week's.
	growth = 0.10
	// maxGrowth caps the block's volume at this multiple of the first
	// week's: the body needs more than one block to do more.
	maxGrowth = 1.5
	// lighter is what a lighter week keeps of the last full week (25 %
	// less, in the usual 20–30 %).
	lighter = 0.75
)

// Block plans a block of weeks: req.Weeks weeks from req.Start, or with a
// goal race the weeks up to and including the race's week. Every week is
// built as Build builds one; full weeks grow by at most 10 % on the last
// full week, up to half again the first week's volume; every 3rd
// (beginners) or 4th week is 25 % lighter. A race block follows the
// conventions of its distance (raceRules): enough weeks, a taper of 1–3
// weeks, long runs that reach the distance's peak, the race on its day
// and rest after it. A request without a race or with Weeks ≤ 1 is one
// week, as Build.
//
// A first week that cannot respect the rules, or a race the runner's
// weeks or volume cannot support, is a *Refusal with the nearest safe
// alternatives; a later week whose lower volume cannot hold every hard
// session leaves some out, and its notes say so.
func Block(req Request, p Profile) (Plan, error) {
	if err := check(req); err != nil {
		return Plan{}, err
	}
	req, err := resolveWeeks(req)
	if err != nil {
		return Plan{}, err
	}
	b := newBuilder(req, p)
	if err := b.refuse(req); err != nil {
		var week *Refusal
		if req.Race == nil || !errors.As(err, &week) {
			return Plan{}, err
		}
		// The nearest week must prepare the race too: one step to a
		// plan that builds.
		race := b.raceRefusal(week.Proposal)
		if race == nil {
			return Plan{}, err
		}
		race.Reason = week.Reason + "; and then " + race.Reason
		for i := range race.Alternatives {
			race.Alternatives[i].Change = week.Change + "; " + race.Alternatives[i].Change
		}
		race.Change = race.Alternatives[0].Change
		return Plan{}, race
	}
	if req.Race != nil {
		if ref := b.raceRefusal(req); ref != nil {
			return Plan{}, ref
		}
	}
	return b.block(req)
}

// planned is a week of a block before it is built: its volume target,
// phase and why.
type planned struct {
	target Volume
	phase  string
	why    string
}

// schedule is the volume of every week of req's block as planned, and
// the race's convention with its taper cut to the block.
func (b *builder) schedule(req Request) ([]planned, raceRule) {
	var r raceRule
	if req.Race != nil {
		r = raceRuleOf(req.Race.DistanceM)
		r.keep = r.keep[max(0, len(r.keep)-req.Weeks):]
	}
	out := make([]planned, req.Weeks)
	full := req.Volume
	for i := range req.Weeks {
		out[i] = b.weekOf(req, r, i, full)
		if out[i].phase == "build" {
			full = out[i].target
		}
	}
	return out, r
}

// weekOf is week i of req's block after a last full week of full.
func (b *builder) weekOf(req Request, r raceRule, i int, full Volume) planned {
	w := planned{target: full, phase: "build"}
	switch j := i - (req.Weeks - len(r.keep)); {
	case j >= 0:
		w.phase = "taper"
		w.target = b.scale(full, r.keep[j])
		w.why = fmt.Sprintf("taper: %.0f %% of the peak week's %s, %s", 100*r.keep[j], b.vol(full), r.taperWhy)
	case i > 0 && (i+1)%b.lv.lighterEvery == 0:
		w.phase = "lighter"
		w.target = b.scale(full, lighter)
		w.why = fmt.Sprintf("lighter week: %.0f %% less than the last full week's %s, %s", 100*(1-lighter), b.vol(full), b.lv.lighterEveryWhy)
	case i > 0 && req.TaperOnly:
		w.why = "your volume held: no time to build before the race"
	case i > 0:
		w.target = b.scale(full, 1+growth)
		if limit := b.scale(req.Volume, maxGrowth); b.equivalent(limit) < b.equivalent(w.target) {
			w.target = limit
		}
		w.why = fmt.Sprintf("build: %s, at most %.0f %% more than the last full week's %s and at most %.0f %% more than the first week's",
			b.vol(w.target), 100*growth, b.vol(full), 100*(maxGrowth-1))
	default:
		w.why = "the first week: the volume you asked for"
	}
	return w
}

// longPlan sets the long run of week i of a block toward a race of rule
// r: from 30 % of the first week it grows evenly to its peak in the last
// week before the taper, the distance's top (3 h at most) or half of the
// peak week when that is less; a lighter or taper week scales it with its
// volume. Races up to 10 km set none: the week's 30 % holds.
func (b *builder) longPlan(sched []planned, r raceRule, sh *shape, i int) {
	if r.peakMaxM == 0 {
		return
	}
	last, peak := 0, time.Duration(0)
	for j, w := range sched {
		if w.phase != "taper" {
			last = j
			peak = max(peak, b.equivalent(w.target))
		}
	}
	first := b.equivalent(sched[0].target)
	from := time.Duration(longShare * float64(first))
	to := min(b.peakMax(r), time.Duration(r.longShare*float64(peak)))
	ramp := 1.0
	if last > 0 {
		ramp = min(1, float64(i)/float64(last))
	}
	long := from + time.Duration(ramp*float64(to-from))
	if w := sched[i]; w.phase != "build" {
		long = time.Duration(float64(long) * float64(b.equivalent(w.target)) / float64(max(b.fullBefore(sched, i), 1)))
	}
	sh.long, sh.longCap = max(floor5(long), 5*time.Minute), b.peakMax(r)
}

// fullBefore is the volume of the last build week before week i.
func (b *builder) fullBefore(sched []planned, i int) time.Duration {
	for j := i - 1; j >= 0; j-- {
		if sched[j].phase == "build" {
			return b.equivalent(sched[j].target)
		}
	}
	return b.equivalent(sched[0].target)
}

// block builds the weeks of req, whose weeks are resolved and whose race,
// if any, the runner can prepare.
func (b *builder) block(req Request) (Plan, error) {
	sched, r := b.schedule(req)
	pl := Plan{Request: req}
	prev := kindOn(req.Hard, time.Sunday)
	full := req.Volume // the last full week's target, as built
	for i := range req.Weeks {
		monday := req.Start.AddDays(7 * i)
		sh := shape{monday: monday, prev: prev}
		sw := b.weekOf(req, r, i, full)
		target, phase, why := sw.target, sw.phase, sw.why
		if i == 0 && req.Race != nil && !req.TaperOnly && req.Weeks > r.maxWeeks {
			why += fmt.Sprintf("; %d weeks to the race, more than the %d–%d of a block toward %s: the first %d build your base",
				req.Weeks, r.minWeeks, r.maxWeeks, r.name, req.Weeks-r.maxWeeks)
		}
		if req.Race != nil {
			b.longPlan(sched, r, &sh, i)
		}
		hard := slices.Clone(req.Hard)
		if i == req.Weeks-1 && req.Race != nil {
			phase = "race"
			hard = []HardChoice{{Day: req.Race.Date.Weekday(), Kind: Race}}
			sh.race = req.Race
			ri := weekIndex(req.Race.Date.Weekday())
			from := ri + 2
			if rest, _ := rules.AfterRace(req.Race.DistanceM); rest {
				from = ri + 1
			}
			for d := from; d < 7; d++ {
				sh.closed[d] = true
			}
			dur, m := b.hardLength(sh, Race, 0)
			target = addVolume(target, b.cost(dur, m, target), b.speedMS)
			why += "; the race is the week's one hard session: arrive fresh"
			sh.dropped = append(sh.dropped, afterRace(req.Race))
		} else if i == req.Weeks-2 && req.Race != nil && req.Race.Date.Weekday() == time.Monday {
			hard = slices.DeleteFunc(hard, func(c HardChoice) bool {
				if c.Day == time.Sunday {
					sh.dropped = append(sh.dropped, fmt.Sprintf("no %s on Sunday: the race is the next day", c.Kind))
					return true
				}
				return false
			})
		}
		w, err := b.blockWeek(sh, hard, target, phase)
		if err != nil {
			return Plan{}, fmt.Errorf("week %d of %s: %w", i+1, monday, err)
		}
		w.Number, w.Phase = i+1, phase
		w.Notes = append([]string{why}, w.Notes...)
		pl.Weeks = append(pl.Weeks, w)
		if phase == "build" {
			full = w.Target
		}
		prev = lastHard(w)
	}
	return pl, nil
}

// afterRace says what follows race (rules.AfterRace).
func afterRace(race *Goal) string {
	restNext, days := rules.AfterRace(race.DistanceM)
	rest := "a recovery run or rest the next day"
	if restNext {
		rest = "rest the next day"
	}
	return fmt.Sprintf("after the race: %s, then about %d days of easy running only (a day per mile raced) before hard training resumes", rest, days)
}

// blockWeek builds one week of a block. A week that cannot hold its hard
// sessions at its volume leaves out the structured ones, intervals first,
// then takes the nearest volume it can hold; its notes say so.
func (b *builder) blockWeek(sh shape, hard []HardChoice, target Volume, phase string) (Week, error) {
	sh.setHard(hard)
	if w, ok := b.week(sh, target); ok {
		return w, nil
	}
	if phase != "build" {
		for _, k := range []Kind{Intervals, Threshold} {
			for i, h := range sh.hard {
				if h != k {
					continue
				}
				sh.hard[i] = ""
				sh.dropped = append(sh.dropped, fmt.Sprintf("no %s on %s: the %s week's %s cannot hold it with easy running and recovery around it",
					k, sh.monday.AddDays(i).Time().Format("Monday"), phase, b.vol(target)))
				if w, ok := b.week(sh, target); ok {
					return w, nil
				}
			}
		}
	}
	near, ok := b.nearestVolume(sh, target)
	if !ok {
		return Week{}, fmt.Errorf("no volume fits its sessions")
	}
	sh.dropped = append(sh.dropped, fmt.Sprintf("volume %s instead of %s: the nearest these days hold at low intensity for you",
		b.vol(near), b.vol(target)))
	w, _ := b.week(sh, near)
	return w, nil
}

// resolveWeeks settles the first Monday and the number of weeks of req.
func resolveWeeks(req Request) (Request, error) {
	start := req.Start.Monday()
	if req.Race == nil {
		req.Start, req.Weeks = start, max(req.Weeks, 1)
		return req, nil
	}
	raceMonday := req.Race.Date.Monday()
	switch {
	case req.Start.IsZero() && req.Weeks == 0:
		return req, fmt.Errorf("%w: a race needs a start date or a number of weeks", ErrInvalid)
	case req.Start.IsZero():
		start = raceMonday.AddDays(-7 * (req.Weeks - 1))
	case raceMonday.Compare(start) < 0:
		return req, fmt.Errorf("%w: the race on %s comes before the first week, %s", ErrInvalid, req.Race.Date, start)
	case req.Weeks == 0:
		req.Weeks = raceMonday.DaysSince(start)/7 + 1
		if req.Weeks > maxWeeks {
			return req, fmt.Errorf("%w: the race on %s is %d weeks away: at most %d", ErrInvalid, req.Race.Date, req.Weeks, maxWeeks)
		}
	case start.AddDays(7*(req.Weeks-1)) != raceMonday:
		return req, fmt.Errorf("%w: the race on %s is not in the last of %d weeks from %s", ErrInvalid, req.Race.Date, req.Weeks, start)
	}
	req.Start = start
	return req, nil
}

// scale is v times f, rounded down to 5 min or a whole distance unit.
func (b *builder) scale(v Volume, f float64) Volume {
	if v.Duration > 0 {
		return Volume{Duration: floor5(time.Duration(float64(v.Duration) * f))}
	}
	per := b.unitM()
	return Volume{DistanceM: math.Floor(v.DistanceM*f/per) * per}
}

// addVolume is v with d of running more, in v's measure.
func addVolume(v Volume, d time.Duration, speedMS float64) Volume {
	if v.Duration > 0 {
		return Volume{Duration: v.Duration + d}
	}
	return Volume{DistanceM: math.Round(v.DistanceM + d.Seconds()*speedMS)}
}

// lastHard is the hard kind of w's Sunday, "" when it is not hard.
func lastHard(w Week) Kind {
	sunday := w.Monday.AddDays(6)
	for _, s := range w.Sessions {
		if s.Date == sunday && s.Hard {
			return s.Kind
		}
	}
	return ""
}
