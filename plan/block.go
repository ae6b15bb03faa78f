package plan

import (
	"fmt"
	"math"
	"slices"
	"time"
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

// taper is the weeks before a race of up to maxM metres: what each keeps
// of the peak week's volume, the race week last (its race comes on top).
type taper struct {
	maxM float64
	keep []float64
	why  string
}

// tapers are the tapers by race distance, shortest race first.
var tapers = []taper{
	{10000, []float64{0.6}, "1 week before a race of up to 10 km"},
	{21097.5, []float64{0.7, 0.45}, "2 weeks before a half marathon"},
	{math.Inf(1), []float64{0.8, 0.6, 0.35}, "3 weeks before a marathon or longer"},
}

// Block plans a block of weeks: req.Weeks weeks from req.Start, or with a
// goal race the weeks up to and including the race's week. Every week is
// built as Build builds one; full weeks grow by at most 10 % on the last
// full week, up to half again the first week's volume; every 3rd
// (beginners) or 4th week is 25 % lighter; a race ends with a taper of
// 1–3 weeks by its distance, the race on its day and rest after it. A
// request without a race or with Weeks ≤ 1 is one week, as Build.
//
// A first week that cannot respect the rules is a *Refusal; a later week
// whose lower volume cannot hold every hard session leaves some out, and
// its notes say so.
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
		return Plan{}, err
	}
	tp := taperOf(req.Race, req.Weeks)
	pl := Plan{Request: req}
	full := req.Volume // the last full week's target
	prev := kindOn(req.Hard, time.Sunday)
	for i := range req.Weeks {
		monday := req.Start.AddDays(7 * i)
		sh := shape{monday: monday, prev: prev}
		target, phase, why := full, "build", ""
		switch j := i - (req.Weeks - len(tp.keep)); {
		case j >= 0:
			phase = "taper"
			target = b.scale(full, tp.keep[j])
			why = fmt.Sprintf("taper: %.0f %% of the peak week's %s, %s", 100*tp.keep[j], b.vol(full), tp.why)
		case i > 0 && (i+1)%b.lv.lighterEvery == 0:
			phase = "lighter"
			target = b.scale(full, lighter)
			why = fmt.Sprintf("lighter week: %.0f %% less than the last full week's %s, %s", 100*(1-lighter), b.vol(full), b.lv.lighterEveryWhy)
		case i > 0:
			target = b.scale(full, 1+growth)
			if limit := b.scale(req.Volume, maxGrowth); b.equivalent(limit) < b.equivalent(target) {
				target = limit
			}
			why = fmt.Sprintf("build: %s, at most %.0f %% more than the last full week's %s and at most %.0f %% more than the first week's",
				b.vol(target), 100*growth, b.vol(full), 100*(maxGrowth-1))
		default:
			why = "the first week: the volume you asked for"
		}
		hard := slices.Clone(req.Hard)
		if i == req.Weeks-1 && req.Race != nil {
			phase = "race"
			hard = []HardChoice{{Day: req.Race.Date.Weekday(), Kind: Race}}
			sh.race = req.Race
			ri := weekIndex(req.Race.Date.Weekday())
			for d := ri + 2; d < 7; d++ {
				sh.closed[d] = true
			}
			dur, m := b.hardLength(Race, 0, req.Race)
			target = addVolume(target, b.cost(dur, m, target), b.speedMS)
			why += "; the race is the week's one hard session: arrive fresh"
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

// taperOf is the taper before race, no longer than the block; none
// without a race.
func taperOf(race *Goal, weeks int) taper {
	if race == nil {
		return taper{}
	}
	for _, t := range tapers {
		if race.DistanceM <= t.maxM {
			t.keep = t.keep[max(0, len(t.keep)-weeks):]
			return t
		}
	}
	return taper{}
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
