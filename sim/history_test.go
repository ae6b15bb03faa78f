package sim

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/golden"
)

// from is a Sunday evening: History starts on the Monday after.
var from = time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC)

// week groups sessions by the index of their week from the first Monday.
func weeksOf(r Runner, sessions []Session) map[int][]Session {
	loc := time.FixedZone("", int(r.UTCOffset/time.Second))
	first := time.Date(2026, 3, 2, 0, 0, 0, 0, loc)
	out := map[int][]Session{}
	for _, s := range sessions {
		w := int(s.Start.Sub(first) / (7 * 24 * time.Hour))
		out[w] = append(out[w], s)
	}
	return out
}

func total(t *testing.T, sessions []Session) time.Duration {
	t.Helper()
	var d time.Duration
	for _, s := range sessions {
		plan, err := s.Plan()
		if err != nil {
			t.Fatalf("%+v: %v", s, err)
		}
		for _, seg := range plan {
			d += seg.Duration
		}
	}
	return d
}

func TestHistoryWeeks(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	loc := time.FixedZone("", int(r.UTCOffset/time.Second))
	for seed := range uint64(20) {
		r.Seed = seed
		sessions := r.History(from, 8)
		weeks := weeksOf(r, sessions)
		if len(weeks) != 8 {
			t.Fatalf("seed %d: sessions in %d weeks, want 8", seed, len(weeks))
		}
		var blockH float64 // hours of the training weeks of the block so far
		for w := range 8 {
			hours := total(t, weeks[w]).Hours()
			rest := w%4 == 3
			switch {
			case rest && (hours < 1.8 || hours > 0.75*blockH/3):
				t.Errorf("seed %d rest week %d: %.1f h after %.1f h in three weeks", seed, w+1, hours, blockH)
			case !rest && (hours < 4 || hours > 8):
				t.Errorf("seed %d week %d: %.1f h", seed, w+1, hours)
			}
			blockH += hours
			if rest {
				blockH = 0
			}
			days := map[time.Weekday][]Kind{}
			for _, s := range weeks[w] {
				local := s.Start.In(loc)
				days[local.Weekday()] = append(days[local.Weekday()], s.Kind)
				if h := local.Hour(); h < 6 || (h > 10 && h < 17) || h > 19 {
					t.Errorf("seed %d: %s run at %v local time", seed, s.Kind, local)
				}
				if rest && (s.Kind.Hard() || len(s.Segments) > 0) {
					t.Errorf("seed %d: hard session %s in rest week %d", seed, s.Kind, w+1)
				}
			}
			checkDays(t, fmt.Sprintf("seed %d week %d", seed, w+1), rest, days)
		}
	}
}

// checkDays asserts the weekly pattern of the runner's plan.
func checkDays(t *testing.T, label string, rest bool, days map[time.Weekday][]Kind) {
	t.Helper()
	want := map[time.Weekday][]Kind{
		time.Monday:    {Recovery},
		time.Tuesday:   {Intervals, Recovery},
		time.Wednesday: {Recovery, Threshold},
		time.Thursday:  {Threshold, Recovery},
		time.Friday:    {Recovery},
		time.Saturday:  {Easy},
		time.Sunday:    {Long, Race},
	}
	if rest {
		want = map[time.Weekday][]Kind{
			time.Monday:   {Recovery},
			time.Tuesday:  {Easy},
			time.Thursday: {Easy},
			time.Sunday:   {Long},
		}
	}
	for day, kinds := range days {
		for _, k := range kinds {
			if !contains(want[day], k) {
				t.Errorf("%s: %s on %v", label, k, day)
			}
		}
	}
	if !rest && (days[time.Tuesday][0] != Intervals || len(days[time.Sunday]) != 1 || len(days[time.Saturday]) != 1) {
		t.Errorf("%s: Tuesday %v, Saturday %v, Sunday %v", label, days[time.Tuesday], days[time.Saturday], days[time.Sunday])
	}
}

func contains(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func TestHistoryDeparturesFromPlan(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	sessions := r.History(from, 520)
	count := map[string]int{}
	recoveries := 0
	for i, s := range sessions {
		if i > 0 && !s.Start.After(sessions[i-1].Start) {
			t.Fatalf("session %d at %v is not after %v", i, s.Start, sessions[i-1].Start)
		}
		switch {
		case s.Kind == Recovery:
			recoveries++
			if s.HRFraction >= 0.75 {
				count["too hard"]++
			} else if s.HRFraction > 0.68 || s.HRFraction < 0.62 {
				t.Errorf("recovery run at %.2f of max", s.HRFraction)
			}
			if strings.Contains(s.Note, "double") {
				count["double"]++
			}
		case strings.Contains(s.Note, "stacked"):
			count["stacked"]++
		case s.Kind == Race:
			count["race"]++
		case len(s.Segments) > 0:
			count["hard finish"]++
		}
		if s.CadenceLock {
			count["cadence lock"]++
		}
		if s.Dropouts > 0 {
			count["dropouts"]++
		}
		if s.DriftBPMPerHour < 2 || s.DriftBPMPerHour > 7 {
			t.Errorf("drift %v bpm/h", s.DriftBPMPerHour)
		}
	}
	if share := float64(count["too hard"]) / float64(recoveries); share < 0.10 || share > 0.20 {
		t.Errorf("%d of %d recovery runs too hard", count["too hard"], recoveries)
	}
	for _, what := range []string{"double", "stacked", "race", "hard finish", "cadence lock", "dropouts"} {
		if count[what] == 0 {
			t.Errorf("no %s in ten years", what)
		}
	}
	t.Logf("%d sessions, %d recovery runs: %v", len(sessions), recoveries, count)
}

func TestHistoryDeterministic(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	a, b := r.History(from, 52), r.History(from, 52)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed gave different histories")
	}
	r.Seed++
	if reflect.DeepEqual(a, r.History(from, 52)) {
		t.Error("a different seed gave the same history")
	}
	for _, weeks := range []int{0, -1} {
		if got := r.History(from, weeks); got != nil {
			t.Errorf("History(%d weeks) = %d sessions", weeks, len(got))
		}
	}
	if first := r.History(from, 1)[0].Start; first.Before(from) {
		t.Errorf("first session %v before %v", first, from)
	}
}

// TestHistoryGolden pins eight weeks of the default runner's plan, so that
// a change to the generator shows up as a readable diff.
func TestHistoryGolden(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	loc := time.FixedZone("", int(r.UTCOffset/time.Second))
	var b strings.Builder
	for _, s := range r.History(from, 8) {
		plan, err := s.Plan()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s  %-9s %-32s %6v  drift %.1f", s.Start.In(loc).Format("Mon 2006-01-02 15:04"), s.Kind, s.name(plan), total(t, []Session{s}), s.DriftBPMPerHour)
		if s.HRFraction > 0 {
			fmt.Fprintf(&b, "  at %.2f", s.HRFraction)
		}
		for _, q := range []struct {
			on   bool
			text string
		}{{s.CadenceLock, "cadence lock"}, {s.NoHR, "no HR"}, {s.Dropouts > 0, fmt.Sprintf("%d dropouts", s.Dropouts)}, {s.Note != "", s.Note}} {
			if q.on {
				fmt.Fprintf(&b, "  [%s]", q.text)
			}
		}
		b.WriteString("\n")
	}
	golden.Check(t, filepath.Join("testdata", "history8.golden"), []byte(b.String()))
}

// BenchmarkTenYears simulates every session of ten years of training.
func BenchmarkTenYears(b *testing.B) {
	r := DefaultRunner()
	sessions := r.History(from, 520)
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sessions {
			if _, err := r.Simulate(s); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(sessions)*b.N)/b.Elapsed().Seconds(), "sessions/s")
}

// BenchmarkHistory lays out ten years of sessions.
func BenchmarkHistory(b *testing.B) {
	r := DefaultRunner()
	for b.Loop() {
		r.History(from, 520)
	}
}
