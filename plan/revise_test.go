package plan

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
)

// revisionWeek is a week with a rest day, a double and an easy run: every
// slot a session can have.
func revisionWeek(t *testing.T) []Session {
	t.Helper()
	mon := date(t, "2026-12-07")
	return []Session{
		{Date: mon, Kind: Rest, Slot: Any},
		{Date: mon.AddDays(1), Kind: Intervals, Hard: true, Slot: Morning, Duration: time.Hour},
		{Date: mon.AddDays(1), Kind: Recovery, Slot: Evening, Duration: 20 * time.Minute},
		{Date: mon.AddDays(2), Kind: Easy, Slot: Any, Duration: 40 * time.Minute},
	}
}

// stored is p as a store gives it back: through JSON.
func stored(t *testing.T, p *Plan) *Plan {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var q Plan
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	return &q
}

// revisions lists p's sessions as "date slot revision", then its
// cancelled ones as "date slot revision cancelled: title".
func revisions(p *Plan) []string {
	var out []string
	for _, w := range p.Weeks {
		for _, s := range w.Sessions {
			out = append(out, fmt.Sprintf("%s %s %d", s.Date, s.Slot, s.Revision))
		}
	}
	for _, c := range p.Cancelled {
		out = append(out, fmt.Sprintf("%s %s %d cancelled: %s %v", c.Date, c.Slot, c.Revision, c.Title, c.Duration))
	}
	return out
}

// TestRevise saves a week again and again, changed each time as a new or
// adapted plan would change it, and checks the revisions each save gives.
func TestRevise(t *testing.T) {
	week := revisionWeek(t)
	without := func(ss []Session, drop ...int) []Session {
		var out []Session
		for i, s := range ss {
			if !slices.Contains(drop, i) {
				out = append(out, s)
			}
		}
		return out
	}
	longer := slices.Clone(week)
	longer[3].Duration = 50 * time.Minute
	backLonger := slices.Clone(longer)
	backLonger[2].Duration = 25 * time.Minute
	steps := []struct {
		name     string
		sessions []Session
		want     []string
	}{
		{"first save", week, []string{
			"2026-12-07 any 0", "2026-12-08 morning 0", "2026-12-08 evening 0", "2026-12-09 any 0"}},
		{"saved again unchanged", week, []string{
			"2026-12-07 any 0", "2026-12-08 morning 0", "2026-12-08 evening 0", "2026-12-09 any 0"}},
		{"one session longer", longer, []string{
			"2026-12-07 any 0", "2026-12-08 morning 0", "2026-12-08 evening 0", "2026-12-09 any 1"}},
		{"the evening jog dropped", without(longer, 2), []string{
			"2026-12-07 any 0", "2026-12-08 morning 0", "2026-12-09 any 1",
			"2026-12-08 evening 1 cancelled: Recovery run 20 min 20m0s"}},
		{"it comes back, changed", backLonger, []string{
			"2026-12-07 any 0", "2026-12-08 morning 0", "2026-12-08 evening 2", "2026-12-09 any 1"}},
		{"two dropped, in date order", without(backLonger, 3, 2), []string{
			"2026-12-07 any 0", "2026-12-08 morning 0",
			"2026-12-08 evening 3 cancelled: Recovery run 25 min 25m0s", "2026-12-09 any 2 cancelled: Easy run 50 min 50m0s"}},
		{"a new plan a day later", without(backLonger, 0, 1, 2, 3), []string{
			"2026-12-07 any 1 cancelled: Rest 0s", "2026-12-08 morning 1 cancelled: Intervals 1 h 1h0m0s",
			"2026-12-08 evening 3 cancelled: Recovery run 25 min 25m0s", "2026-12-09 any 2 cancelled: Easy run 50 min 50m0s"}},
		{"the easy run back unchanged from its cancelled self", without(backLonger, 0, 1, 2), []string{
			"2026-12-09 any 3",
			"2026-12-07 any 1 cancelled: Rest 0s", "2026-12-08 morning 1 cancelled: Intervals 1 h 1h0m0s",
			"2026-12-08 evening 3 cancelled: Recovery run 25 min 25m0s"}},
	}
	var prev *Plan
	for _, st := range steps {
		next := &Plan{Weeks: []Week{{Monday: week[0].Date, Sessions: slices.Clone(st.sessions)}}}
		Revise(prev, next)
		if got := revisions(next); !slices.Equal(got, st.want) {
			t.Fatalf("%s:\n got %q\nwant %q", st.name, got, st.want)
		}
		prev = stored(t, next)
	}
}

// TestReviseIdempotent revises a stored plan against itself, and against
// an adapted copy that shares its unchanged weeks: nothing changes, and
// the plan revised against is left as it was.
func TestReviseIdempotent(t *testing.T) {
	// Written before plans had revisions: an old stored plan.
	b, err := os.ReadFile(filepath.Join("testdata", "block_marathon.json"))
	if err != nil {
		t.Fatal(err)
	}
	var old Plan
	if err := json.Unmarshal(b, &old); err != nil {
		t.Fatal(err)
	}
	Revise(nil, &old)
	prev := stored(t, &old)
	next := stored(t, prev)
	next.Weeks[1].Sessions[2].Duration += 5 * time.Minute
	Revise(prev, next)
	saved := stored(t, next)
	for _, tt := range []struct {
		name string
		next func() *Plan
	}{
		{"a stored copy", func() *Plan { return stored(t, saved) }},
		{"a shallow copy", func() *Plan { c := *saved; c.Weeks = slices.Clone(saved.Weeks); c.Cancelled = nil; return &c }},
	} {
		before := stored(t, saved)
		n := tt.next()
		Revise(saved, n)
		if !reflect.DeepEqual(n, saved) || !reflect.DeepEqual(saved, before) {
			t.Errorf("%s: revised %v, want %v; prev became %v", tt.name, revisions(n), revisions(before), revisions(saved))
		}
	}
	if r := saved.Weeks[1].Sessions[2].Revision; r != 1 {
		t.Errorf("the session made longer has revision %d, want 1", r)
	}
}
