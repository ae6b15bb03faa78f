package plan

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/easyrun/easyrun/internal/say"
)

// raceRule is the common convention of a block toward a race of up to
// maxM metres (coaching.md, "Plans a coach would sign").
type raceRule struct {
	maxM float64
	// name names the distance in a sentence: "a marathon".
	name               string
	minWeeks, maxWeeks int
	// keep is what each taper week keeps of the peak week's volume, the
	// race week last (its race comes on top).
	keep     []float64
	taperWhy string
	// The long run's peak: at least the shorter of peakMinM at the
	// runner's easy pace and peakMinDur (zero: no time alternative), at
	// most the shorter of peakMaxM and peakMaxDur. Zero peakMinM: the
	// distance sets no peak.
	peakMinM, peakMaxM     float64
	peakMinDur, peakMaxDur time.Duration
	// longShare is the most of a week the block's long run may take.
	longShare float64
}

// raceRules are the conventions by distance, shortest race first. In a
// half marathon or marathon block the long run may take up to half of a
// modest week; its peak caps it on bigger weeks, so that from about
// 60 km a week it is back near 30 %.
var raceRules = []raceRule{
	{maxM: 10000, name: "a 5 km or 10 km race", minWeeks: 6, maxWeeks: 10,
		keep: []float64{0.6}, taperWhy: "1 week before a race of up to 10 km", longShare: longShare},
	{maxM: 21097.5, name: "a half marathon", minWeeks: 8, maxWeeks: 14,
		keep: []float64{0.7, 0.45}, taperWhy: "2 weeks before a half marathon",
		peakMinM: 16000, peakMaxM: 21000, peakMaxDur: 3 * time.Hour, longShare: 0.5},
	{maxM: math.Inf(1), name: "a marathon", minWeeks: 12, maxWeeks: 20,
		keep: []float64{0.8, 0.6, 0.35}, taperWhy: "3 weeks before a marathon or longer",
		peakMinM: 29000, peakMaxM: 35000, peakMinDur: 150 * time.Minute, peakMaxDur: 3 * time.Hour, longShare: 0.5},
}

// raceRuleOf is the convention of a race of m metres.
func raceRuleOf(m float64) raceRule {
	for _, r := range raceRules {
		if m <= r.maxM {
			return r
		}
	}
	return raceRules[len(raceRules)-1]
}

// peakMin is the shortest long run the block's peak may have for this
// runner; zero when the distance sets none. A race shorter than the
// convention's peak needs no long run longer than itself.
func (b *builder) peakMin(r raceRule, raceM float64) time.Duration {
	if r.peakMinM == 0 {
		return 0
	}
	d := b.at(min(r.peakMinM, raceM))
	if r.peakMinDur > 0 {
		d = min(d, r.peakMinDur)
	}
	return d
}

// peakMax is the longest long run of the block; zero when the distance
// sets none and the runner's level does.
func (b *builder) peakMax(r raceRule) time.Duration {
	if r.peakMaxM == 0 {
		return 0
	}
	return floor5(min(b.at(r.peakMaxM), r.peakMaxDur))
}

// at is how long m metres take at the runner's easy pace.
func (b *builder) at(m float64) time.Duration {
	return time.Duration(m / b.speedMS * float64(time.Second))
}

// peakText says a distance's peak in words: "29–35 km or 2 h 30 min–3 h".
func peakText(r raceRule) string {
	s := fmt.Sprintf("%.0f–%.0f km", r.peakMinM/1000, r.peakMaxM/1000)
	if r.peakMinDur > 0 {
		s += fmt.Sprintf(" (or %s–%s for slower runners)", say.Minutes(r.peakMinDur), say.Minutes(r.peakMaxDur))
	}
	return s
}

// Alternative is a plan the runner may take instead of a refused one:
// what it changes and the request.
type Alternative struct {
	Change   string  `json:"change"`
	Proposal Request `json:"proposal"`
}

// raceRefusal is the Refusal of a block toward req.Race that the
// runner's weeks or volume cannot support, with the nearest safe
// alternatives; nil when the block can be planned. req has its weeks
// resolved.
func (b *builder) raceRefusal(req Request) *Refusal {
	reason := b.raceProblem(req)
	if reason == "" {
		return nil
	}
	alts := b.raceAlternatives(req)
	ref := &Refusal{Reason: reason, Alternatives: alts}
	ref.Change, ref.Proposal = alts[0].Change, alts[0].Proposal
	return ref
}

// raceProblem says why req's block cannot prepare its race; empty when it
// can. A block needs the distance's weeks (unless it is only the taper),
// a long run in a half marathon or marathon block, and long runs that
// reach the distance's peak.
func (b *builder) raceProblem(req Request) string {
	r := raceRuleOf(req.Race.DistanceM)
	weeks := fmt.Sprintf("%d weeks", req.Weeks)
	if req.Weeks == 1 {
		weeks = "6 days or less"
		if d := req.Race.Date.DaysSince(req.Start); d >= 0 {
			weeks = fmt.Sprintf("%d days", d)
		}
	}
	if !req.TaperOnly && req.Weeks < r.minWeeks {
		return fmt.Sprintf("the race is %s away: a block toward %s takes %d–%d weeks, so a plan this short would only look like one",
			weeks, r.name, r.minWeeks, r.maxWeeks)
	}
	if req.TaperOnly && req.Weeks > len(r.keep) {
		return fmt.Sprintf("a taper toward %s is %s; the race is %s away", r.name, weeksText(len(r.keep)), weeks)
	}
	need := b.peakMin(r, req.Race.DistanceM)
	if need == 0 {
		return ""
	}
	if !slices.ContainsFunc(req.Hard, isLong) {
		return fmt.Sprintf("%s block needs a weekly long run, peaking at %s", r.name, peakText(r))
	}
	if req.TaperOnly {
		// No block to build the long run: the runner's week must already hold it.
		if got := b.longest(req.Volume, r); got < need {
			return fmt.Sprintf("%s a week holds a long run of at most %s (%.0f %% of the week): %s needs long runs of %s, so the runner's training does not support it yet",
				b.vol(req.Volume), say.Minutes(got), 100*r.longShare, r.name, peakText(r))
		}
		return ""
	}
	pl, err := b.block(req)
	if err != nil {
		return err.Error()
	}
	if got := longestRun(pl); got < need {
		return fmt.Sprintf("the block's long runs would peak at %s (about %.0f km): %s needs them to peak at %s, and %s a week grows by at most %.0f %% to %s at the peak, of which the long run takes at most %.0f %%",
			say.Minutes(got), b.speedMS*got.Seconds()/1000, r.name, peakText(r), b.vol(req.Volume), 100*(maxGrowth-1), b.vol(b.scale(req.Volume, maxGrowth)), 100*r.longShare)
	}
	return ""
}

// longest is the longest long run a week of v holds in a block toward a
// race of rule r.
func (b *builder) longest(v Volume, r raceRule) time.Duration {
	d := floor5(time.Duration(r.longShare * float64(b.equivalent(v))))
	if m := b.peakMax(r); m > 0 {
		d = min(d, m)
	}
	return d
}

// longestRun is the longest long run of pl.
func longestRun(pl Plan) time.Duration {
	var d time.Duration
	for _, w := range pl.Weeks {
		for _, s := range w.Sessions {
			if s.Kind == Long {
				d = max(d, s.Duration)
			}
		}
	}
	return d
}

// raceAlternatives are the nearest safe plans to req, nearest first: the
// taper alone when the runner's week already holds the race; a shorter
// race on the same day; the same race on a later day; more base first.
// The last always exists.
func (b *builder) raceAlternatives(req Request) []Alternative {
	var out []Alternative
	if r := raceRuleOf(req.Race.DistanceM); r.peakMinM > 0 && !slices.ContainsFunc(req.Hard, isLong) {
		c := withHard(req, withLong(req.Hard, b.lv))
		if b.refuse(c) == nil && b.raceProblem(c) == "" {
			out = append(out, Alternative{"a weekly long run: " + hardText(c.Hard), c})
		}
	}
	ok := func(c Request) bool { return b.refuse(c) == nil && b.raceProblem(c) == "" }
	r := raceRuleOf(req.Race.DistanceM)
	if req.Weeks <= len(r.keep) && !req.TaperOnly {
		c := req
		c.TaperOnly = true
		if ok(c) {
			out = append(out, Alternative{fmt.Sprintf("the taper only: %s at your volume, for a runner already trained for %s", weeksText(req.Weeks), r.name), c})
		}
	}
	for i := len(raceDistances) - 1; i >= 0; i-- {
		d := raceDistances[i]
		if d.m >= req.Race.DistanceM {
			continue
		}
		c := req
		g := Goal{Date: req.Race.Date, DistanceM: d.m, Name: d.names[0]}
		c.Race, c.TaperOnly = &g, req.Weeks < raceRuleOf(d.m).minWeeks
		if ok(c) {
			how := "a block"
			if c.TaperOnly {
				how = "the taper only"
			}
			out = append(out, Alternative{fmt.Sprintf("a %s on %s instead, %s", g.Name, g.Date, how), c})
			break
		}
	}
	for w := max(req.Weeks+1, r.minWeeks); w <= min(maxWeeks, r.maxWeeks); w++ {
		c := req
		g := *req.Race
		g.Date = g.Date.AddDays(7 * (w - req.Weeks))
		c.Race, c.Weeks, c.TaperOnly = &g, w, false
		if ok(c) {
			out = append(out, Alternative{fmt.Sprintf("the %s on %s or later: %d weeks, the block %s needs", g.Name, g.Date, w, r.name), c})
			break
		}
	}
	return append(out, b.baseFirst(req, r))
}

// baseFirst is a block of base weeks without a race, at the request's
// hard days, that brings the volume up by the usual 10 % a week toward a
// week whose long run reaches the race's peak; then the race block.
func (b *builder) baseFirst(req Request, r raceRule) Alternative {
	c := req
	c.Race, c.TaperOnly, c.Weeks = nil, false, r.minWeeks
	hard := slices.Clone(req.Hard)
	if r.peakMinM > 0 && !slices.ContainsFunc(hard, isLong) {
		hard = withLong(hard, b.lv)
	}
	c.Hard = hard
	var text []string
	// A long run added may not fit the volume: the nearest week that holds it.
	var week *Refusal
	if errors.As(b.refuse(c), &week) {
		c = week.Proposal
		text = append(text, week.Change)
	}
	// The week whose long run reaches the peak at the block's growth.
	need := b.peakMin(r, req.Race.DistanceM)
	text = append(text, fmt.Sprintf("more base first: %d weeks of steady building from %s a week, no race", c.Weeks, b.vol(c.Volume)))
	if week := round5(time.Duration(float64(need) / r.longShare / maxGrowth)); week > b.equivalent(c.Volume) {
		text = append(text, fmt.Sprintf("then a block toward %s from a week of about %s, whose long runs can reach %s at the peak", r.name, say.Minutes(week), say.Minutes(need)))
	} else {
		text = append(text, "then a block toward the race")
	}
	return Alternative{strings.Join(text, "; "), c}
}

// weeksText is n weeks in words: "the race week", "3 weeks".
func weeksText(n int) string {
	if n == 1 {
		return "the race week"
	}
	return fmt.Sprintf("%d weeks", n)
}

// isLong reports whether c is a long run.
func isLong(c HardChoice) bool { return c.Kind == Long }

// hardText writes hard choices as the command line does: "tue:intervals,sun:long".
func hardText(hard []HardChoice) string {
	out := make([]string, len(hard))
	for i, c := range hard {
		out[i] = c.String()
	}
	return strings.Join(out, ",")
}

// withLong is hard with a long run added on the weekend day (else the
// first day) that keeps every hard day apart, leaving out intervals,
// then threshold, when no day does.
func withLong(hard []HardChoice, lv level) []HardChoice {
	for _, drop := range []Kind{"", Intervals, Threshold} {
		h := slices.DeleteFunc(slices.Clone(hard), func(c HardChoice) bool { return c.Kind == drop })
		for _, d := range []time.Weekday{time.Sunday, time.Saturday, time.Friday, time.Monday, time.Thursday, time.Wednesday, time.Tuesday} {
			c := append(slices.Clone(h), HardChoice{Day: d, Kind: Long})
			if conflict(c, lv, kindOn(c, time.Sunday), kindOn(c, time.Monday)) == "" {
				return c
			}
		}
	}
	return []HardChoice{{Day: time.Sunday, Kind: Long}}
}
