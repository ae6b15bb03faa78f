package training_test

import (
	"context"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

// TestUnsetClockLeftOut: intervals from a watch whose clock was never set
// (dated 1990) are stored and analysed, but are no hard day of the audit
// and no load of the series, since the day they were run is unknown.
func TestUnsetClockLeftOut(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	s := newService(t, now)
	setMaxHR(t, s, 190)
	ctx := context.Background()
	save(t, s, sim.Session{Kind: sim.Easy, Start: now.AddDate(0, 0, -2), Duration: 40 * time.Minute})
	a, err := runner.Simulate(sim.Session{Kind: sim.Intervals, Start: time.Date(1990, 1, 1, 7, 0, 0, 0, time.UTC), Duration: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	a.Summarize()
	if !a.Flags.Has(activity.UnsetClock) {
		t.Fatalf("flags %+v, want unset_clock", a.Flags)
	}
	saved, err := s.Store.SaveFile(ctx, s.Athlete, storetest.Encode(t, storetest.File("1990.fit", activity.FIT, []byte("1990")), a))
	if err != nil || len(saved) != 1 || saved[0].Outcome != store.Imported {
		t.Fatalf("save: %+v, %v", saved, err)
	}
	id := saved[0].ID
	refresh(t, s, false, 2, 0)
	if r := stored(t, s, id); !r.Hard {
		t.Errorf("the 1990 intervals analysed as %s, not hard: the test needs a hard session", r.Class)
	}

	report, err := s.Audit(ctx, 52*40)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range report.HardDays {
		if d.Date < "1998" {
			t.Errorf("hard day %s from a clock never set is audited", d.Date)
		}
	}
	for _, v := range report.Verdicts {
		if v.ActivityID == id {
			t.Errorf("verdict %s on the activity from a clock never set", v.Kind)
		}
	}
	series, err := s.Series(ctx, time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range series.Points {
		if p.Load != 0 {
			t.Errorf("load %.0f on %s, from a clock never set", p.Load, p.Date.Format(time.DateOnly))
		}
	}
}
