package web

import (
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// TestSessionWeeks counts each run whole in its week, easy or hard by
// its analysis, leaves out cross-training and runs outside the span, and
// puts a Sunday-evening run in its own week.
func TestSessionWeeks(t *testing.T) {
	t.Parallel()
	loc := time.FixedZone("CET", 3600)
	last := time.Date(2026, 11, 23, 0, 0, 0, 0, loc) // a Monday
	run := func(day time.Time, m float64, s int, class analysis.Class, hard bool) store.Record {
		return store.Record{
			Activity: activity.Activity{Start: day, DistanceM: m, Sport: activity.Running},
			Analysis: &analysis.Result{Class: class, Hard: hard, DurationS: s},
		}
	}
	recs := []store.Record{
		run(last.Add(18*time.Hour), 8000, 2400, analysis.Easy, false),           // this week
		run(last.Add(-6*time.Hour), 10000, 3000, analysis.Intervals, true),      // last Sunday, 18:00
		run(last.AddDate(0, 0, -5), 6000, 2100, analysis.Recovery, false),       // last Wednesday
		run(last.AddDate(0, 0, -4), 20000, 6000, analysis.CrossTraining, false), // a ride: not counted
		run(last.AddDate(0, 0, -14), 12000, 3600, analysis.Easy, false),         // before the span
		{Activity: activity.Activity{Start: last, DistanceM: 5000}},             // not analysed
	}
	weeks := sessionWeeks(recs, last, 2)
	if len(weeks) != 2 || !weeks[0].Monday.Equal(last.AddDate(0, 0, -7)) || !weeks[1].Monday.Equal(last) {
		t.Fatalf("weeks %+v, want the two starting %v and %v", weeks, last.AddDate(0, 0, -7), last)
	}
	want := []sessionWeek{
		{Monday: weeks[0].Monday, Sessions: [2]int{1, 1}, DistanceM: [2]float64{6000, 10000}, Seconds: [2]float64{2100, 3000}},
		{Monday: weeks[1].Monday, Sessions: [2]int{1, 0}, DistanceM: [2]float64{8000, 0}, Seconds: [2]float64{2400, 0}},
	}
	for i := range want {
		if weeks[i] != want[i] {
			t.Errorf("week %d: %+v, want %+v", i, weeks[i], want[i])
		}
	}
	if got := weeks[0].EasyShare(); got != 0.5 {
		t.Errorf("easy share of a week of one easy and one hard session %v, want 0.5", got)
	}
	if (sessionWeek{}).EasyShare() != 0 || (sessionWeek{}).Runs() != 0 {
		t.Error("a week without runs has a share or runs")
	}
}

// TestTrendSpan accepts the offered spans alone.
func TestTrendSpan(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{{"", 12, true}, {"12", 12, true}, {"26", 26, true}, {"52", 52, true}, {"13", 0, false}, {"x", 0, false}, {"-12", 0, false}} {
		got, err := trendSpan(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("trendSpan(%q) = %d, %v; want %d, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}
