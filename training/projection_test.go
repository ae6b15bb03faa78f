package training_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/training"
)

// TestProjection: six weeks of easy running and weekly intervals, then a
// half-marathon block; the projection starts from today's numbers, counts
// easy runs at the runner's own load per minute, shows every Monday and
// race day, and the taper lands the runner fresher than the build did.
func TestProjection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	first := time.Date(2026, 9, 7, 7, 0, 0, 0, time.UTC) // a Monday
	var sessions []sim.Session
	for i := range 42 {
		k, d := sim.Easy, 45*time.Minute
		if i%7 == 1 {
			k, d = sim.Intervals, 0
		}
		sessions = append(sessions, sim.Session{Kind: k, Start: first.AddDate(0, 0, i), Duration: d})
	}
	now := first.AddDate(0, 0, 42).Add(12 * time.Hour) // Monday 19 Oct, noon, nothing run yet
	s := newService(t, now)
	setMaxHR(t, s, 190)
	save(t, s, sessions...)
	refresh(t, s, false, len(sessions), 0)

	hard, err := plan.ParseHard("tue:intervals,thu:threshold,sun:long")
	if err != nil {
		t.Fatal(err)
	}
	race := plan.Date{Year: 2026, Month: time.December, Day: 20}
	p, err := s.MakePlan(ctx, plan.Request{Hard: hard, Volume: plan.Volume{Duration: 5 * time.Hour},
		Experience: activity.Intermediate, Start: plan.DateOf(now), Race: &plan.Goal{Date: race, DistanceM: 21097.5, Name: "half"}})
	if err != nil {
		t.Fatal(err)
	}
	pr, err := s.Projection(ctx, p, time.UTC)
	if err != nil {
		t.Fatal(err)
	}

	for _, r := range pr.Rates {
		own := strings.HasPrefix(r.Source, "your ")
		if want := r.Kind == plan.Easy || r.Kind == plan.Intervals; own != want || !(r.PerMinute > 0) {
			t.Errorf("%s at %.2f a minute from %q; want the runner's own: %v", r.Kind, r.PerMinute, r.Source, want)
		}
	}
	ls, err := s.Series(ctx, now, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(pr.Days) == 0 || pr.Days[0].Label != "today" || pr.Days[0].Form != ls.Current().Form {
		t.Fatalf("first day %+v, want today with form %.1f as the series has it", pr.Days[:1], ls.Current().Form)
	}
	var mondays int
	var raceDay, taperStart *training.ProjectedDay
	for i, d := range pr.Days {
		switch d.Label {
		case "Monday":
			mondays++
			if d.Date.Weekday() != time.Monday {
				t.Errorf("%s labelled Monday", d.Date)
			}
			if d.Date == race.Monday().AddDays(-14) {
				taperStart = &pr.Days[i]
			}
		case "race day":
			raceDay = &pr.Days[i]
		}
		if d.Meaning == "" {
			t.Errorf("%s without the form's meaning", d.Date)
		}
	}
	if weeks := len(p.Weeks); mondays != weeks {
		t.Errorf("%d Mondays, want one per week after this one and the one after the plan, %d", mondays, weeks)
	}
	if raceDay == nil || raceDay.Date != race || taperStart == nil {
		t.Fatalf("race day %+v, taper start %+v; want both", raceDay, taperStart)
	}
	if raceDay.Form <= taperStart.Form || !strings.Contains(raceDay.Meaning, "fresh") {
		t.Errorf("race day form %+.1f (%s), taper start %+.1f: want the taper to land the runner fresher and fresh",
			raceDay.Form, raceDay.Meaning, taperStart.Form)
	}
}
