package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/rules"
)

// level is what the planner sizes by experience.
type level struct {
	// runDays is how many days a week the runner runs when the volume
	// allows it: beginners 3 with rest days between, intermediates 5,
	// experienced runners every day.
	runDays int
	// maxRunDays is the most run days the volume may ask for: beginners
	// keep rest days.
	maxRunDays int
	// maxHard is how many hard days a week the runner may choose.
	maxHard int
	maxWhy  string
	// easy is the length of an easy run.
	easy rules.Range
	// longMax is the longest long run, whatever the volume.
	longMax time.Duration
	// The structure of the hard sessions.
	warmUp, coolDown     time.Duration
	reps                 int
	work, workRecovery   time.Duration
	thresholdMain        time.Duration
	doublesAllowed       bool
	lighterEvery         int
	lighterEveryWhy      string
	experienceAssumption string
}

// The numbers of each experience level. At most 3 hard days a week: each
// needs the next day for recovery or rest, so three take six of the seven
// days and a fourth would stand next to another.
var levels = map[activity.Experience]level{
	activity.Beginner: {
		runDays: 3, maxRunDays: 4, maxHard: 2,
		maxWhy:  "a beginner runs 3 or 4 days a week: with recovery or rest after each hard day, 2 hard days keep the rest of the running easy",
		easy:    rules.Range{Min: 20 * time.Minute, Max: 45 * time.Minute},
		longMax: 90 * time.Minute,
		warmUp:  10 * time.Minute, coolDown: 10 * time.Minute,
		reps: 4, work: 2 * time.Minute, workRecovery: 2 * time.Minute,
		thresholdMain: 15 * time.Minute,
		lighterEvery:  3, lighterEveryWhy: "every 3rd week for a beginner, whose body adapts more slowly",
	},
	activity.Intermediate: {
		runDays: 5, maxRunDays: 7, maxHard: 3,
		maxWhy:  "each hard day needs the next day for recovery or rest, so 3 hard days take 6 of the 7 days and a fourth would stand next to another",
		easy:    rules.Range{Min: 30 * time.Minute, Max: 60 * time.Minute},
		longMax: 150 * time.Minute,
		warmUp:  15 * time.Minute, coolDown: 10 * time.Minute,
		reps: 5, work: 3 * time.Minute, workRecovery: 2 * time.Minute,
		thresholdMain: 20 * time.Minute,
		lighterEvery:  4, lighterEveryWhy: "every 4th week: three weeks of building, one to absorb them",
	},
	activity.Experienced: {
		runDays: 7, maxRunDays: 7, maxHard: 3,
		maxWhy:  "each hard day needs the next day for recovery or rest, so 3 hard days take 6 of the 7 days and a fourth would stand next to another",
		easy:    rules.Range{Min: 30 * time.Minute, Max: 75 * time.Minute},
		longMax: 180 * time.Minute,
		warmUp:  15 * time.Minute, coolDown: 10 * time.Minute,
		reps: 6, work: 4 * time.Minute, workRecovery: 2 * time.Minute,
		thresholdMain:  30 * time.Minute,
		doublesAllowed: true,
		lighterEvery:   4, lighterEveryWhy: "every 4th week: three weeks of building, one to absorb them",
	},
}

// levelOf is the level of exp; an unknown experience plans as an
// intermediate runner, and says so.
func levelOf(exp activity.Experience) level {
	if lv, ok := levels[exp]; ok {
		return lv
	}
	lv := levels[activity.Intermediate]
	lv.experienceAssumption = "experience not set: planned as for an intermediate runner"
	return lv
}

// longShare is the most of the week's volume a long run may take.
const longShare = 0.30

// volumeTolerance is how far from its target a week's volume may end up.
const volumeTolerance = 0.05

// conflict says why the hard days of a week break the rules; empty when
// they do not. prev is the hard kind of the day before Monday, next that
// of the day after Sunday ("" for none); a single week repeats, so Build
// passes its own Sunday and Monday.
func conflict(hard []HardChoice, lv level, prev, next Kind) string {
	if len(hard) > lv.maxHard {
		return fmt.Sprintf("%d hard days; at most %d: %s", len(hard), lv.maxHard, lv.maxWhy)
	}
	var days [7]Kind
	longs := 0
	for _, c := range hard {
		i := weekIndex(c.Day)
		if days[i] != "" {
			return fmt.Sprintf("two hard sessions on %s: one hard session a day", weekdayName(c.Day))
		}
		days[i] = c.Kind
		if c.Kind == Long {
			longs++
		}
	}
	if longs > 1 {
		return "two long runs: one a week, at most 30 % of its volume"
	}
	for i, k := range days {
		if k == "" {
			continue
		}
		day := time.Weekday((i + 1) % 7)
		before := prev
		if i > 0 {
			before = days[i-1]
		}
		if before != "" {
			return fmt.Sprintf("%s on %s and %s on %s: two hard days back to back; every hard day needs recovery or rest the day after",
				before.noun(), weekdayName(time.Weekday(i%7)), k.noun(), weekdayName(day))
		}
		if i == 6 && next != "" {
			return fmt.Sprintf("%s on sun and %s the Monday after: two hard days back to back; every hard day needs recovery or rest the day after", k.noun(), next.noun())
		}
	}
	return ""
}

// weekConflict is conflict for a week that repeats: Sunday's hard day
// comes before Monday's.
func weekConflict(hard []HardChoice, lv level) string {
	return conflict(hard, lv, kindOn(hard, time.Sunday), kindOn(hard, time.Monday))
}

// kindOn is the hard kind chosen for day d, or "".
func kindOn(hard []HardChoice, d time.Weekday) Kind {
	for _, c := range hard {
		if c.Day == d {
			return c.Kind
		}
	}
	return ""
}

// The costs of changing a runner's choice: moving a session by a day
// costs 1 per day, dropping one costs more than any move within the week.
const (
	dayCost  = 1
	dropCost = 4
)

// nearestHard is the valid choice of hard days closest to hard: the
// fewest dropped sessions, then the fewest days moved; and what changed.
// Dropping every session is valid, so there always is one.
func nearestHard(hard []HardChoice, lv level) ([]HardChoice, string) {
	best, bestMask, bestCost := []HardChoice(nil), 0, -1
	n := len(hard)
	// Every subset to keep, and every placement of the kept sessions on
	// distinct days: at most 2^7 × 7^3 candidates, since at most 3 are kept.
	for mask := (1 << n) - 1; mask >= 0; mask-- {
		var kept []HardChoice
		for i := range n {
			if mask&(1<<i) != 0 {
				kept = append(kept, hard[i])
			}
		}
		if len(kept) > lv.maxHard {
			continue
		}
		drops := n - len(kept)
		placeAll(kept, func(c []HardChoice) {
			cost := drops * dropCost
			for i := range c {
				cost += dayCost * dayDistance(c[i].Day, kept[i].Day)
			}
			if (bestCost < 0 || cost < bestCost) && weekConflict(c, lv) == "" {
				best, bestMask, bestCost = slices.Clone(c), mask, cost
			}
		})
	}
	return best, describeChange(hard, bestMask, best)
}

// placeAll calls f with every placement of kept's sessions on distinct days.
func placeAll(kept []HardChoice, f func([]HardChoice)) {
	c := slices.Clone(kept)
	var used [7]bool
	var place func(i int)
	place = func(i int) {
		if i == len(c) {
			f(c)
			return
		}
		// The session's own day first, then outward, so ties keep it near.
		for _, off := range []int{0, 1, -1, 2, -2, 3, -3} {
			d := time.Weekday((int(kept[i].Day) + off + 7) % 7)
			if used[d] {
				continue
			}
			used[d] = true
			c[i].Day = d
			place(i + 1)
			used[d] = false
		}
	}
	place(0)
}

// dayDistance is how many days apart two weekdays are, the short way round.
func dayDistance(a, b time.Weekday) int {
	d := (int(a) - int(b) + 7) % 7
	return min(d, 7-d)
}

// describeChange says what turns from into to, where to holds the
// sessions of from that mask keeps, in order: "move threshold from wed to
// thu; drop sun:long".
func describeChange(from []HardChoice, mask int, to []HardChoice) string {
	var out []string
	j := 0
	for i, c := range from {
		if mask&(1<<i) == 0 {
			out = append(out, "drop "+c.String())
			continue
		}
		if to[j].Day != c.Day {
			out = append(out, fmt.Sprintf("move %s from %s to %s", c.Kind, weekdayName(c.Day), weekdayName(to[j].Day)))
		}
		j++
	}
	return strings.Join(out, "; ")
}
