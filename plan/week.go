package plan

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/easyrun/easyrun/internal/say"
	"github.com/easyrun/easyrun/rules"
)

// Build plans the week of req.Start around the hard sessions of req: a
// recovery run (or, when the week has fewer run days, rest) the day after
// each hard day, easy runs on as many other days as the volume needs at
// low intensity, rest on the others, and for an experienced runner who
// allows doubles an evening jog after each hard morning. The week is
// planned as one that repeats: Sunday's hard day comes before Monday's.
//
// A week that cannot respect the rules is a *Refusal with the nearest
// request that can; a request that is no plan at all wraps ErrInvalid.
func Build(req Request, p Profile) (Week, error) {
	if err := check(req); err != nil {
		return Week{}, err
	}
	b := newBuilder(req, p)
	if err := b.refuse(req); err != nil {
		return Week{}, err
	}
	sh := shape{monday: req.Start.Monday(), prev: kindOn(req.Hard, time.Sunday)}
	sh.setHard(req.Hard)
	w, _ := b.week(sh, req.Volume) // refuse checked the volume
	w.Number, w.Phase = 1, "build"
	return w, nil
}

// check rejects a request that is no plan at all.
func check(req Request) error {
	v := req.Volume
	switch {
	case (v.Duration > 0) == (v.DistanceM > 0):
		return fmt.Errorf("%w: the weekly volume needs a time or a distance, one of them", ErrInvalid)
	case v.Duration < 0 || v.DistanceM < 0 || math.IsNaN(v.DistanceM) || v.Duration > maxWeeklyDuration || v.DistanceM > maxWeeklyDistanceM:
		return fmt.Errorf("%w: weekly volume out of range", ErrInvalid)
	case req.Start.IsZero() && req.Race == nil:
		return fmt.Errorf("%w: no start date", ErrInvalid)
	case req.TaperOnly && req.Race == nil:
		return fmt.Errorf("%w: the taper only needs a race", ErrInvalid)
	case req.Weeks < 0 || req.Weeks > maxWeeks:
		return fmt.Errorf("%w: %d weeks: want 1 to %d", ErrInvalid, req.Weeks, maxWeeks)
	}
	for _, c := range req.Hard {
		if !c.Kind.Hard() || c.Day < time.Sunday || c.Day > time.Saturday {
			return fmt.Errorf("%w: hard session %s", ErrInvalid, c)
		}
	}
	if r := req.Race; r != nil && (r.Date.IsZero() || !(r.DistanceM > 0) || r.DistanceM > 1_000_000) {
		return fmt.Errorf("%w: the race needs a date and a distance", ErrInvalid)
	}
	return nil
}

// refuse is the Refusal of req when its hard days break the rules or its
// volume does not fit them; nil when the week can be planned.
func (b *builder) refuse(req Request) error {
	reason, hard := weekConflict(req.Hard, b.lv), req.Hard
	var changes []string
	if reason != "" {
		h, change := nearestHard(req.Hard, b.lv)
		hard, changes = h, append(changes, change)
	}
	sh := shape{monday: req.Start.Monday(), prev: kindOn(hard, time.Sunday)}
	sh.setHard(hard)
	if _, ok := b.week(sh, req.Volume); !ok {
		v, ok := b.nearestVolume(sh, req.Volume)
		if !ok {
			return &Refusal{Reason: cmp.Or(reason, "no weekly volume fits these hard sessions"), Change: "no hard sessions", Proposal: withHard(req, nil)}
		}
		if reason == "" {
			reason = b.volumeReason(sh, req.Volume, v)
		}
		changes = append(changes, "weekly volume "+b.vol(v)+" instead of "+b.vol(req.Volume))
		req.Volume = v
	}
	if len(changes) == 0 {
		return nil
	}
	return &Refusal{Reason: reason, Change: strings.Join(changes, "; "), Proposal: withHard(req, hard)}
}

// withHard is req with other hard sessions.
func withHard(req Request, hard []HardChoice) Request {
	req.Hard = slices.Clone(hard)
	return req
}

// shape is a week's hard days, before the other days are filled.
type shape struct {
	monday Date
	hard   [7]Kind
	// prev is the hard kind of the day before Monday, "" for none.
	prev Kind
	// closed days take no run: the days after a goal race but the first.
	closed [7]bool
	race   *Goal
	// dropped says which hard sessions the week left out, and why.
	dropped []string
	// long is the long run's length in a half marathon or marathon
	// block, and longCap the longest it may be made to stand beside the
	// week's other runs; zero outside one: 30 % of the week and the
	// runner's longest.
	long, longCap time.Duration
}

// setHard puts the hard choices on their days.
func (sh *shape) setHard(hard []HardChoice) {
	for _, c := range hard {
		sh.hard[weekIndex(c.Day)] = c.Kind
	}
}

// before is the hard kind of the day before day i of the week.
func (sh *shape) before(i int) Kind {
	if i == 0 {
		return sh.prev
	}
	return sh.hard[i-1]
}

// equivalent is the running time v stands for: a distance at easy speed.
func (b *builder) equivalent(v Volume) time.Duration {
	if v.Duration > 0 {
		return v.Duration
	}
	return time.Duration(v.DistanceM / b.speedMS * float64(time.Second))
}

// fill is how the days of a shape are filled: which optional days run,
// and how long.
type fill struct {
	recovery, easy, doubles []int // days of the week
	recoveryDur             time.Duration
	easyDur                 []time.Duration
	doubleDur               time.Duration
}

// week plans the days of sh to the volume target. It reports false when
// no filling brings the volume within volumeTolerance of the target.
func (b *builder) week(sh shape, target Volume) (Week, bool) {
	total := b.equivalent(target)
	hardDur, raceM, fixed := b.hardSessions(sh, target)
	rec, recWhy := b.recoveryLength(total)
	after, free, doubles := b.optional(sh)
	runDays := min(max(b.lv.runDays-countHard(sh), 0), len(after)+len(free))
	type candidate struct {
		k       int
		doubles bool
		cost    int
	}
	var cands []candidate
	for k := 0; k <= min(len(after)+len(free), max(b.lv.maxRunDays-countHard(sh), 0)); k++ {
		cands = append(cands, candidate{k, false, abs(k - runDays)})
		if len(doubles) > 0 {
			cands = append(cands, candidate{k, true, abs(k-runDays) - 1})
		}
	}
	slices.SortStableFunc(cands, func(x, y candidate) int { return cmp.Or(cmp.Compare(x.cost, y.cost), cmp.Compare(x.k, y.k)) })
	for _, c := range cands {
		opt := append(slices.Clone(after), free...)[:c.k]
		f := fill{}
		for _, d := range opt {
			if sh.before(d) != "" {
				f.recovery = append(f.recovery, d)
			} else {
				f.easy = append(f.easy, d)
			}
		}
		if c.doubles {
			f.doubles, f.doubleDur = doubles, rec.Min
		}
		left := total - fixed - time.Duration(len(f.doubles))*f.doubleDur
		b.size(&f, left, rec)
		dur := hardDur
		if li := slices.Index(sh.hard[:], Long); li >= 0 && !b.evenLong(sh, &f, &dur, li, left, rec) {
			continue
		}
		if w := b.assemble(sh, f, dur, raceM, target); within(w.Planned, target) {
			w.Notes = append(w.Notes, b.notes(sh, f, w, dur, recWhy)...)
			return w, true
		}
	}
	return Week{}, false
}

// hardSessions are the lengths of the hard sessions of sh by day, a
// race's distance, and what they count towards target together.
func (b *builder) hardSessions(sh shape, target Volume) (dur [7]time.Duration, raceM [7]float64, total time.Duration) {
	for i, k := range sh.hard {
		if k != "" {
			dur[i], raceM[i] = b.hardLength(sh, k, b.equivalent(target))
			total += b.cost(dur[i], raceM[i], target)
		}
	}
	return dur, raceM, total
}

// cost is what a session counts towards a target: its time, or for a
// distance target the time its distance takes at easy speed (a race is
// run faster than that).
func (b *builder) cost(dur time.Duration, raceM float64, target Volume) time.Duration {
	if raceM > 0 && target.DistanceM > 0 {
		return time.Duration(raceM / b.speedMS * float64(time.Second))
	}
	return dur
}

// optional are the days that may take a run, in the order they get one:
// the days after hard days (sandwiched ones first), then the free days
// spread out between the runs; and the hard days that may take an evening
// double.
func (b *builder) optional(sh shape) (after, free, doubles []int) {
	var sandwiched, rest []int
	var busy [7]bool
	for i := range 7 {
		switch {
		case sh.hard[i] != "":
			busy[i] = true
			if b.doubles && (sh.hard[i] == Intervals || sh.hard[i] == Threshold) {
				doubles = append(doubles, i)
			}
		case sh.closed[i]:
		case sh.before(i) != "":
			busy[i] = true
			if i < 6 && sh.hard[i+1] != "" {
				sandwiched = append(sandwiched, i)
			} else {
				rest = append(rest, i)
			}
		}
	}
	after = append(sandwiched, rest...)
	// Free days one by one: the one with the fewest runs beside it, so
	// rest days fall between runs rather than in blocks.
	for {
		best, bestN := -1, 3
		for i := range 7 {
			if busy[i] || sh.closed[i] {
				continue
			}
			n := 0
			if i > 0 && busy[i-1] {
				n++
			}
			if i < 6 && busy[i+1] {
				n++
			}
			if n < bestN {
				best, bestN = i, n
			}
		}
		if best < 0 {
			return after, free, doubles
		}
		busy[best] = true
		free = append(free, best)
	}
}

// size sets the lengths of f's recovery and easy runs to add up to left
// as near as their ranges allow: recovery runs in the middle of theirs
// when the easy runs can take the rest, since shorter is better than
// longer; the caller checks how near the week came.
func (b *builder) size(f *fill, left time.Duration, rec rules.Range) {
	nr, ne := time.Duration(len(f.recovery)), time.Duration(len(f.easy))
	easy := b.lv.easy
	f.easyDur = nil // sized anew
	if nr > 0 {
		f.recoveryDur = floor5((rec.Min + rec.Max) / 2)
		var e time.Duration
		if ne > 0 {
			e = (left - nr*f.recoveryDur) / ne
		}
		if ne == 0 || e > easy.Max || e < easy.Min {
			e = min(max(e, easy.Min), easy.Max)
			f.recoveryDur = round5(min(max((left-ne*e)/nr, rec.Min), rec.Max))
		}
	}
	if ne > 0 {
		units := int(min(max(left-nr*f.recoveryDur, ne*easy.Min), ne*easy.Max) / (5 * time.Minute))
		for i := range int(ne) {
			n := units / int(ne)
			if i < units%int(ne) {
				n++
			}
			f.easyDur = append(f.easyDur, time.Duration(n)*5*time.Minute)
		}
	}
}

// evenLong keeps the long run of day li at least as long as the week's
// other runs: when an easy or recovery run of f would be longer, the long
// run and the easy runs share their time evenly (the long run over 30 %
// of a week this small) and f is sized again. It reports false when the
// long run would then pass its cap: the week needs other run days.
func (b *builder) evenLong(sh shape, f *fill, dur *[7]time.Duration, li int, left time.Duration, rec rules.Range) bool {
	if f.longest() <= dur[li] {
		return true
	}
	pool := dur[li]
	for _, e := range f.easyDur {
		pool += e
	}
	long := ceil5(pool / time.Duration(len(f.easy)+1))
	if len(f.recovery) > 0 {
		long = max(long, f.recoveryDur)
	}
	if long > cmp.Or(sh.longCap, b.lv.longMax) {
		return false
	}
	b.size(f, left-(long-dur[li]), rec)
	dur[li] = long
	return f.longest() <= long
}

// longest is the longest recovery or easy run of f.
func (f *fill) longest() time.Duration {
	var d time.Duration
	if len(f.recovery) > 0 {
		d = f.recoveryDur
	}
	for _, e := range f.easyDur {
		d = max(d, e)
	}
	return d
}

// within reports whether planned is within volumeTolerance of target, in
// the target's measure.
func within(planned, target Volume) bool {
	if target.Duration > 0 {
		return math.Abs(float64(planned.Duration-target.Duration)) <= volumeTolerance*float64(target.Duration)
	}
	return math.Abs(planned.DistanceM-target.DistanceM) <= volumeTolerance*target.DistanceM
}

// assemble makes the week's sessions from its shape and filling.
func (b *builder) assemble(sh shape, f fill, hardDur [7]time.Duration, raceM [7]float64, target Volume) Week {
	w := Week{Monday: sh.monday, Target: target}
	for i := range 7 {
		date := sh.monday.AddDays(i)
		var s Session
		switch {
		case sh.hard[i] != "":
			s = b.session(date, sh.hard[i], hardDur[i], raceM[i])
			s.Why, s.When = b.hardWhy(sh, i), "any time"
			if slices.Contains(f.doubles, i) {
				s.Slot, s.When = Morning, fmt.Sprintf("morning, so this evening's jog comes at least %s after it", say.Minutes(b.p.Rules.DoubleGap))
			}
		case slices.Contains(f.recovery, i):
			s = b.session(date, Recovery, f.recoveryDur, 0)
			s.Why = b.recoveryWhy(sh, i)
			s.When = fmt.Sprintf("the day after %s, at any hour; evenings are good", b.hardName(sh, i-1))
		case slices.Contains(f.easy, i):
			s = b.session(date, Easy, f.easyDur[slices.Index(f.easy, i)], 0)
			s.Why, s.When = "tops the week's volume up at low intensity", "any time"
		default:
			s = b.session(date, Rest, 0, 0)
			s.Why = "a rest day: the week's volume fits in its other days"
			switch {
			case sh.before(i) != "":
				s.Why = fmt.Sprintf("rest after %s: every hard day is followed by recovery or rest", b.hardName(sh, i-1))
			case sh.closed[i]:
				s.Why = "rest after the race: the block is done"
			}
		}
		w.Sessions = append(w.Sessions, s)
		if slices.Contains(f.doubles, i) {
			d := b.session(date, Recovery, f.doubleDur, 0)
			d.Slot = Evening
			d.When = fmt.Sprintf("this evening, at least %s after the morning's %s", say.Minutes(b.p.Rules.DoubleGap), sh.hard[i].noun())
			d.Why = "a double: a hard morning and a very light evening jog, for an experienced runner who allows doubles"
			d.Purpose = "a very light evening jog after a hard morning: circulation and mileage at low intensity"
			d.Workout.Notes = d.Purpose
			w.Sessions = append(w.Sessions, d)
		}
	}
	for _, s := range w.Sessions {
		w.Planned.Duration += s.Duration
		w.Planned.DistanceM += s.DistanceM
	}
	w.Planned.DistanceM = math.Round(w.Planned.DistanceM)
	return w
}

// hardName names the hard session of day i of the week: "Tue's intervals";
// day -1 is the Sunday before.
func (b *builder) hardName(sh shape, i int) string {
	if i < 0 {
		return "Sunday's " + sh.prev.noun()
	}
	return sh.monday.AddDays(i).Time().Format("Mon") + "'s " + sh.hard[i].noun()
}

// hardWhy says why a hard session is on day i.
func (b *builder) hardWhy(sh shape, i int) string {
	if sh.hard[i] == Race && sh.race != nil && sh.monday.AddDays(i) == sh.race.Date {
		return fmt.Sprintf("your goal race: %s", sh.race.Name)
	}
	return fmt.Sprintf("your choice: %s on %s", sh.hard[i].noun(), sh.monday.AddDays(i).Time().Format("Monday"))
}

// recoveryWhy says why a recovery run is on day i.
func (b *builder) recoveryWhy(sh shape, i int) string {
	why := fmt.Sprintf("the day after %s: every hard day is followed by recovery or rest", b.hardName(sh, i-1))
	if i < 6 && sh.hard[i+1] != "" {
		why = fmt.Sprintf("between %s and %s: a recovery run sandwiched between two hard days", b.hardName(sh, i-1), b.hardName(sh, i+1))
	}
	return why
}

// notes explain a week's volume and sizes.
func (b *builder) notes(sh shape, f fill, w Week, hardDur [7]time.Duration, recWhy string) []string {
	var hard, easy time.Duration
	for _, s := range w.Sessions {
		if s.Hard && s.Kind != Long {
			hard += s.Duration
		} else {
			easy += s.Duration
		}
	}
	out := []string{fmt.Sprintf("%s planned for a target of %s: %s of intervals, threshold and races, %s of easy, long and recovery running at low intensity (%.0f %%)",
		b.vol(w.Planned), b.vol(w.Target), say.Minutes(hard), say.Minutes(easy), 100*easy.Seconds()/max(w.Planned.Duration.Seconds(), 1))}
	if len(f.recovery)+len(f.doubles) > 0 {
		out = append(out, fmt.Sprintf("recovery runs %s: %s", say.Minutes(f.recoveryDur), recWhy))
	}
	for i, k := range sh.hard {
		if k != Long {
			continue
		}
		pct := 100 * hardDur[i].Seconds() / max(b.equivalent(w.Target).Seconds(), 1)
		switch {
		case sh.long > 0:
			out = append(out, fmt.Sprintf("long run %s, %.0f %% of the week: in a half marathon or marathon block it grows week by week to the distance's peak, up to half of a modest week and at most %s",
				say.Minutes(hardDur[i]), pct, say.Minutes(sh.longCap)))
		default:
			out = append(out, fmt.Sprintf("long run %s, %.0f %% of the week: at most %.0f %% of the week and at most %s for you", say.Minutes(hardDur[i]), pct, 100*longShare, say.Minutes(b.lv.longMax)))
		}
		if floor5(time.Duration(pct/100*float64(b.equivalent(w.Target)))) > b.longFor(sh, b.equivalent(w.Target)) {
			out = append(out, "the long run is never shorter than the week's other runs: in a week this small that makes it longer than its share")
		}
	}
	out = append(out, sh.dropped...)
	if b.lv.experienceAssumption != "" {
		out = append(out, b.lv.experienceAssumption)
	}
	if b.doublesRefused {
		out = append(out, "no doubles: a hard morning and an evening jog are for experienced runners")
	}
	if b.approx {
		out = append(out, fmt.Sprintf("distances at a typical easy pace of %s: your own is not known yet", b.paceText()))
	}
	return out
}

// countHard is how many hard days sh has.
func countHard(sh shape) int {
	n := 0
	for _, k := range sh.hard {
		if k != "" {
			n++
		}
	}
	return n
}

// nearestVolume is the volume closest to v, in v's measure and in whole
// steps of 5 min or one distance unit, that sh can hold.
func (b *builder) nearestVolume(sh shape, v Volume) (Volume, bool) {
	step := Volume{Duration: 5 * time.Minute}
	base := Volume{Duration: floor5(v.Duration)}
	if v.DistanceM > 0 {
		per := b.unitM()
		step = Volume{DistanceM: per}
		base = Volume{DistanceM: math.Floor(v.DistanceM/per) * per}
	}
	for i := range 1000 {
		for _, sign := range []float64{-1, 1} {
			if i == 0 && sign > 0 {
				continue
			}
			c := Volume{Duration: base.Duration + time.Duration(sign*float64(i))*step.Duration, DistanceM: base.DistanceM + sign*float64(i)*step.DistanceM}
			if c.Duration <= 0 && c.DistanceM <= 0 {
				continue
			}
			if _, ok := b.week(sh, c); ok {
				return c, true
			}
		}
	}
	return Volume{}, false
}

// volumeReason says why sh cannot hold v when it can hold near.
func (b *builder) volumeReason(sh shape, v, near Volume) string {
	if b.equivalent(near) < b.equivalent(v) {
		rec, _ := b.recoveryLength(b.equivalent(v))
		return fmt.Sprintf("%s is more than the days around these hard sessions hold at low intensity: for you, at most %d run days, recovery runs of at most %s and easy runs of at most %s",
			b.vol(v), b.lv.maxRunDays, say.Minutes(rec.Max), say.Minutes(b.lv.easy.Max))
	}
	if _, _, hard := b.hardSessions(sh, v); hard > b.equivalent(v) {
		return fmt.Sprintf("%s is less than the hard sessions alone take: %s", b.vol(v), say.Minutes(hard))
	}
	return fmt.Sprintf("%s is less than the hard sessions and the shortest recovery runs after them take", b.vol(v))
}

// vol writes v in its measure and the runner's units.
func (b *builder) vol(v Volume) string { return v.Text(b.p.Units) }

// paceText writes the easy speed as a pace: "6:00 /km".
func (b *builder) paceText() string {
	s := int(math.Round(b.unitM() / b.speedMS))
	return fmt.Sprintf("%d:%02d /%s", s/60, s%60, b.p.Units)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
