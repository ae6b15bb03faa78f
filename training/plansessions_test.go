package training

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/store/storetest"
)

// TestPlanSessionsAreEnough holds the adapted plan and the review, which
// read only the recent sessions (planSessions), and what they read of
// them, the runs of the days and the easy pace, equal to what the whole
// history gives: over a plan's weeks with runs in them, and weeks after
// the runner stopped, when the latest run is too far back for the days
// read and the whole history is read instead.
func TestPlanSessionsAreEnough(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "easyrun.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	end := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday
	r := sim.DefaultRunner()
	for _, ses := range r.History(end.AddDate(0, 0, -7*40), 40) {
		a, err := r.Simulate(ses)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("%s.fit", ses.Start.Format("2006-01-02-1504"))
		if _, err := st.SaveFile(ctx, store.DefaultAthlete, storetest.Encode(t, storetest.File(name, activity.FIT, []byte(name)), a)); err != nil {
			t.Fatal(err)
		}
	}
	now := end.AddDate(0, 0, -14)
	s := &Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return now }, Location: time.UTC}
	if _, err := s.Refresh(ctx, false); err != nil {
		t.Fatal(err)
	}
	hard, err := plan.ParseHard("tue:intervals,thu:threshold,sun:long")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.MakePlan(ctx, plan.Request{Hard: hard, Volume: plan.Volume{Duration: 5 * time.Hour},
		Experience: activity.Intermediate, Start: plan.DateOf(now), Weeks: 20}); err != nil {
		t.Fatal(err)
	}
	p, err := s.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	prof, err := s.Profile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.sessions(ctx, time.UTC, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	// Two weeks into the plan with runs, then days to months after the
	// last run.
	for _, at := range []time.Time{end.AddDate(0, 0, -13), end.AddDate(0, 0, -6), end.Add(-time.Hour), end.AddDate(0, 0, 3),
		end.AddDate(0, 0, 40), end.AddDate(0, 0, 95), end.AddDate(0, 0, 120)} {
		now = at.Add(19 * time.Hour)
		today := plan.DateOf(now)
		want, wantChanges, err := adapt(p, all, today, planProfile(prof, all))
		if err != nil {
			t.Fatal(err)
		}
		got, gotChanges, err := s.AdaptedPlan(ctx, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotChanges, wantChanges) {
			t.Errorf("%s: the adapted plan from the recent sessions differs from the whole history's:\ngot  %+v\nwant %+v", today, gotChanges, wantChanges)
		}
		yesterday := today.AddDays(-1)
		// What adapting and reviewing read of the sessions: the runs of
		// the days and the easy pace, the same from the days read.
		for _, from := range []plan.Date{today, yesterday.AddDays(-20)} {
			some, err := s.planSessions(ctx, time.UTC, from)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := recovery.EasySpeed(some), recovery.EasySpeed(all); got != want {
				t.Errorf("%s from %s: easy speed %v m/s from the sessions read, %v from the whole history", today, from, got, want)
			}
			if got, want := planRuns(some, from.AddDays(-adaptDays), today), planRuns(all, from.AddDays(-adaptDays), today); !reflect.DeepEqual(got, want) {
				t.Errorf("%s from %s: the runs of the days differ from the whole history's", today, from)
			}
		}
		wantReview, err := review(p, all, yesterday.AddDays(-20), yesterday, planProfile(prof, all))
		if err != nil {
			t.Fatal(err)
		}
		gotReview, err := s.Review(ctx, time.UTC, 21)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotReview, wantReview) {
			t.Errorf("%s: the review from the recent sessions differs from the whole history's:\ngot  %+v\nwant %+v", today, gotReview, wantReview)
		}
	}
}
