package plan

import (
	"fmt"
	"slices"
	"time"
)

// Adapt re-places the rest of a week of pl after what was run: ran holds
// the runs up to and including the day through, and the days after it in
// the week of through's next day are planned again.
//
// A planned hard session done on another day was moved: the recovery day
// moves with it, and a hard session planned the day after it moves to the
// next day that respects the rules. A planned hard session missed (no
// hard run that day, nor on another day in its place) moves to the first
// day after through that respects the rules, or is dropped with the
// reason. A day after a hard day becomes a recovery run (or stays rest); a
// recovery day no longer after one becomes an easy run of its length. The
// changes say what moved and why. Adapt returns pl unchanged when no week
// of it follows through or nothing moved.
func Adapt(pl Plan, through Date, ran []Run, p Profile) (Plan, []Change, error) {
	tomorrow := through.AddDays(1)
	wi := slices.IndexFunc(pl.Weeks, func(w Week) bool {
		return w.Monday.Compare(tomorrow) <= 0 && tomorrow.Compare(w.Monday.AddDays(6)) <= 0
	})
	if wi < 0 {
		return pl, nil, nil
	}
	if err := check(pl.Request); err != nil {
		return pl, nil, fmt.Errorf("adapt: %w", err)
	}
	a := adapter{b: newBuilder(pl.Request, p), w: pl.Weeks[wi], through: through, done: map[Date]Kind{}, placed: map[Date]Session{}}
	if wi+1 < len(pl.Weeks) {
		if m := mainSession(pl.Weeks[wi+1], pl.Weeks[wi+1].Monday); m.Hard {
			a.nextMonday = m.Kind
		}
	}
	for _, r := range ran {
		if r.Hard && r.Date.Compare(through) <= 0 && r.Date.Compare(a.w.Monday.AddDays(-1)) >= 0 {
			a.done[r.Date] = r.Kind
		}
	}
	a.replace()
	w := a.rebuild()
	if len(a.changes) == 0 {
		return pl, nil, nil // nothing moved: the plan as it was made
	}
	out := Plan{Request: pl.Request, Weeks: slices.Clone(pl.Weeks)}
	out.Weeks[wi] = w
	return out, a.changes, nil
}

// AdaptToday is pl as it stands on today, adapted to ran: through today
// when a hard run was logged today (the day is done, and tomorrow must
// not be hard after it), else through yesterday, today's session still to
// come. It is a pure function of the plan and the runs: views call it
// on every read rather than keep its result.
func AdaptToday(pl Plan, today Date, ran []Run, p Profile) (Plan, []Change, error) {
	through := today.AddDays(-1)
	if slices.ContainsFunc(ran, func(r Run) bool { return r.Date == today && r.Hard }) {
		through = today
	}
	return Adapt(pl, through, ran, p)
}

// adapter is the state of one Adapt.
type adapter struct {
	b       *builder
	w       Week
	through Date
	// done are the days up to through with a hard run, and its kind.
	done map[Date]Kind
	// placed are the hard sessions after through, on their new days.
	placed     map[Date]Session
	nextMonday Kind
	changes    []Change
}

// replace settles which planned hard sessions still come and on which day.
func (a *adapter) replace() {
	var missed, pending []Session
	for _, s := range a.w.Sessions {
		switch {
		case !s.Hard:
		case s.Date.Compare(a.through) > 0:
			pending = append(pending, s)
		case a.done[s.Date] == "":
			missed = append(missed, s)
		}
	}
	// A hard run on a day with no hard session planned stands in for a
	// missed one, the same kind first, else for a coming one.
	for _, date := range a.doneDates() {
		kind := a.done[date]
		if date.Compare(a.w.Monday) < 0 || a.plannedHard(date) {
			continue
		}
		if i := matchKind(missed, kind); i >= 0 {
			s := missed[i]
			missed = slices.Delete(missed, i, i+1)
			a.change(s, date, fmt.Sprintf("%s done on %s instead of %s: the recovery day moves with it", s.Kind.noun(), date.dayName(), s.Date.dayName()))
			continue
		}
		if i := slices.IndexFunc(pending, func(s Session) bool { return s.Kind == kind }); i >= 0 {
			s := pending[i]
			pending = slices.Delete(pending, i, i+1)
			a.change(s, date, fmt.Sprintf("%s done early, on %s instead of %s", s.Kind.noun(), date.dayName(), s.Date.dayName()))
		}
	}
	for _, s := range pending {
		a.place(s, s.Date)
	}
	for _, s := range missed {
		a.place(s, a.through.AddDays(1))
	}
}

// doneDates are the days with a hard run, in date order.
func (a *adapter) doneDates() []Date {
	dates := make([]Date, 0, len(a.done))
	for d := range a.done {
		dates = append(dates, d)
	}
	slices.SortFunc(dates, Date.Compare)
	return dates
}

// plannedHard reports whether the week planned a hard session on date.
func (a *adapter) plannedHard(date Date) bool {
	return slices.ContainsFunc(a.w.Sessions, func(s Session) bool { return s.Date == date && s.Hard })
}

// matchKind is the index of the session of kind in ss, else of the first
// one, else -1.
func matchKind(ss []Session, kind Kind) int {
	if i := slices.IndexFunc(ss, func(s Session) bool { return s.Kind == kind }); i >= 0 {
		return i
	}
	if len(ss) > 0 {
		return 0
	}
	return -1
}

// place puts the hard session s on the first day from from that respects
// the rules, or drops it with the reason.
func (a *adapter) place(s Session, from Date) {
	sunday := a.w.Monday.AddDays(6)
	for d := from; d.Compare(sunday) <= 0; d = d.AddDays(1) {
		if !a.fits(d) {
			continue
		}
		a.placed[d] = s
		if d != s.Date {
			a.change(s, d, fmt.Sprintf("%s moved from %s to %s, the first day that keeps a recovery day after every hard day", s.Kind.noun(), s.Date.dayName(), d.dayName()))
		}
		return
	}
	a.change(s, Date{}, fmt.Sprintf("%s of %s dropped: no day left this week keeps a recovery day after every hard day and at most %d hard days",
		s.Kind.noun(), s.Date.dayName(), a.b.lv.maxHard))
}

// fits reports whether a hard session may go on day d after through.
func (a *adapter) fits(d Date) bool {
	if d.Compare(a.through) <= 0 || a.hardOn(d) != "" || a.hardOn(d.AddDays(-1)) != "" {
		return false
	}
	next := a.hardOn(d.AddDays(1))
	if d == a.w.Monday.AddDays(6) {
		next = a.nextMonday
	}
	if next != "" {
		return false
	}
	n := 0
	for i := range 7 {
		if a.hardOn(a.w.Monday.AddDays(i)) != "" {
			n++
		}
	}
	return n < a.b.lv.maxHard
}

// hardOn is the kind of the hard session run (up to through) or placed
// (after it) on d, "" when none.
func (a *adapter) hardOn(d Date) Kind {
	if d.Compare(a.through) <= 0 {
		return a.done[d]
	}
	return a.placed[d].Kind
}

// change records a change of s to the day to (zero when dropped).
func (a *adapter) change(s Session, to Date, text string) {
	a.changes = append(a.changes, Change{From: s.Date, To: to, Kind: s.Kind, Text: text})
}

// rebuild is the week with the days after through planned again.
func (a *adapter) rebuild() Week {
	w := a.w
	w.Sessions = nil
	recDur, easyDur := a.lengths()
	for _, s := range a.w.Sessions {
		if s.Date.Compare(a.through) <= 0 {
			w.Sessions = append(w.Sessions, s)
		}
	}
	sh := shape{monday: w.Monday}
	for i := range 7 {
		sh.hard[i] = a.hardOn(w.Monday.AddDays(i))
	}
	sh.prev = a.hardOn(w.Monday.AddDays(-1))
	for d := a.through.AddDays(1); d.Compare(w.Monday.AddDays(6)) <= 0; d = d.AddDays(1) {
		i := d.DaysSince(w.Monday)
		old := mainSession(a.w, d)
		if s, ok := a.placed[d]; ok {
			w.Sessions = append(w.Sessions, a.moveHard(s, d)...)
			continue
		}
		var s Session
		switch {
		case sh.before(i) != "" && old.Kind != Rest:
			s = a.b.session(d, Recovery, recDur, 0)
			s.Why = a.b.recoveryWhy(sh, i)
			s.When = fmt.Sprintf("the day after %s, at any hour; evenings are good", a.b.hardName(sh, i-1))
		case old.Kind == Recovery || old.Hard:
			dur := old.Duration
			if old.Hard {
				dur = easyDur
			}
			s = a.b.session(d, Easy, dur, 0)
			s.Why, s.When = "an easy run: no hard session the day before any more", "any time"
		default:
			s = old
		}
		if s.Kind != old.Kind {
			a.changes = append(a.changes, Change{From: d, To: d, Kind: s.Kind,
				Text: fmt.Sprintf("%s: %s instead of %s", d.dayName(), s.Kind.noun(), old.Kind.noun())})
		}
		w.Sessions = append(w.Sessions, s)
	}
	w.Planned = Volume{}
	for _, s := range w.Sessions {
		w.Planned.Duration += s.Duration
		w.Planned.DistanceM += s.DistanceM
	}
	// Adapting an adapted plan finds the same changes: each is noted
	// once, so that the adapted plan adapts to itself.
	for _, c := range a.changes {
		if note := "adapted after " + a.through.dayName() + ": " + c.Text; !slices.Contains(w.Notes, note) {
			w.Notes = append(w.Notes, note)
		}
	}
	return w
}

// moveHard is the hard session s and its evening double, if any, on day d.
func (a *adapter) moveHard(s Session, d Date) []Session {
	var out []Session
	for _, o := range a.w.Sessions {
		if o.Date == s.Date && (o.Hard || o.Slot == Evening) {
			if d != s.Date {
				o.Why = fmt.Sprintf("moved from %s: %s", s.Date.dayName(), o.Why)
			}
			o.Date = d
			out = append(out, o)
		}
	}
	return out
}

// lengths are the week's recovery and easy run lengths, for the days
// Adapt relabels: as planned, else by the rules.
func (a *adapter) lengths() (recDur, easyDur time.Duration) {
	r, _ := a.b.recoveryLength(a.b.equivalent(a.w.Target))
	recDur, easyDur = floor5((r.Min+r.Max)/2), a.b.lv.easy.Min
	for _, s := range a.w.Sessions {
		switch {
		case s.Kind == Recovery && s.Slot != Evening:
			recDur = s.Duration
		case s.Kind == Easy:
			easyDur = s.Duration
		}
	}
	return recDur, easyDur
}

// mainSession is w's session on d that is not an evening double.
func mainSession(w Week, d Date) Session {
	for _, s := range w.Sessions {
		if s.Date == d && s.Slot != Evening {
			return s
		}
	}
	return Session{Date: d, Kind: Rest}
}
