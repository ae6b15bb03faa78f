package training_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/sim"
)

// TestSeries: four weeks of the same easy run, then a hard week.
func TestSeries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	first := time.Date(2026, 2, 2, 7, 0, 0, 0, time.UTC)
	sessions := daily(sim.Easy, first, 28, 45*time.Minute)
	hardWeek := []sim.Kind{sim.Intervals, sim.Threshold, sim.Intervals, sim.Threshold, sim.Intervals, sim.Threshold, sim.Race}
	for i, k := range hardWeek {
		sessions = append(sessions, sim.Session{Kind: k, Start: first.AddDate(0, 0, 28+i)})
	}
	lastDay := time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC) // day 35, the race
	s := newService(t, lastDay.Add(20*time.Hour))
	setMaxHR(t, s, 190)
	save(t, s, sessions...)
	refresh(t, s, false, len(sessions), 0)

	from, to := lastDay.AddDate(0, 0, -20).Add(15*time.Hour), lastDay.AddDate(0, 0, 2).Add(9*time.Hour)
	ls, err := s.Series(ctx, from, to)
	if err != nil {
		t.Fatalf("Series: %v", err)
	}
	t.Run("covers from to to", func(t *testing.T) {
		if len(ls.Points) != 23 {
			t.Fatalf("%d points, want 23 days", len(ls.Points))
		}
		for i, p := range ls.Points {
			if want := lastDay.AddDate(0, 0, i-20); !p.Date.Equal(want) {
				t.Errorf("point %d is %s, want %s", i, p.Date, want)
			}
		}
	})
	t.Run("hard week", func(t *testing.T) {
		// The EWMA models start from zero, so judge the hard week against
		// the end of the easy weeks rather than against 1 alone.
		before, race := ls.Points[13], ls.Points[20] // 1 and 8 March
		if race.ACWR <= 1 || race.ACWR <= before.ACWR+0.2 {
			t.Errorf("ACWR %.2f after the hard week, %.2f before; want above 1 and well above before", race.ACWR, before.ACWR)
		}
		if race.Form >= before.Form-10 || ls.Current().Form >= 0 {
			t.Errorf("form %.1f after the hard week, %.1f before, %.1f at the end; want it well down and negative",
				race.Form, before.Form, ls.Current().Form)
		}
		easy, hard := ls.Points[0].Load, ls.Points[20].Load
		if easy <= 0 || hard <= easy {
			t.Errorf("loads: easy day %.1f, race day %.1f; want both positive and the race higher", easy, hard)
		}
		if ls.Unit != string(analysis.BanisterTRIMP) || ls.Unloaded != 0 {
			t.Errorf("unit %q, %d unloaded; want %q and none", ls.Unit, ls.Unloaded, analysis.BanisterTRIMP)
		}
	})
	t.Run("same as load.Series", func(t *testing.T) {
		entries, err := s.Store.Loads(ctx, s.Athlete, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		days := []load.Day{}
		for _, e := range entries {
			days = append(days, load.Day{Date: e.Start, Load: e.Load})
		}
		all := load.Series(append(days, load.Day{Date: to}))
		i := slices.IndexFunc(all, func(p load.Point) bool { return p.Date.Equal(ls.Points[0].Date) })
		if i < 0 || !slices.Equal(all[i:], ls.Points) {
			t.Errorf("Series differs from load.Series over the same days:\n got %+v\nwant %+v", ls.Points, all[max(i, 0):])
		}
	})
}

// TestSeriesRPEScale: once three runs have heart rate and an RPE, a run
// logged without a device is scaled by the runner's own ratio.
func TestSeriesRPEScale(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	first := time.Date(2026, 5, 4, 7, 0, 0, 0, time.UTC)
	logged := first.AddDate(0, 0, 3).Add(10 * time.Hour)
	s := newService(t, logged.Add(time.Hour))
	setMaxHR(t, s, 190)
	ids := save(t, s, daily(sim.Easy, first, 3, 40*time.Minute)...)
	var ratios []float64
	for _, id := range ids {
		if _, err := s.SetRPE(ctx, id, 4); err != nil {
			t.Fatal(err)
		}
		ratios = append(ratios, stored(t, s, id).Load.Value/(4*40))
	}
	if _, err := s.Log(ctx, &activity.Activity{Sport: activity.Running, Start: logged,
		Elapsed: 35 * time.Minute, Moving: 35 * time.Minute, RPE: 3}); err != nil {
		t.Fatal(err)
	}
	ls, err := s.Series(ctx, logged, logged)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(ratios)
	if ls.RPEScale.Pairs != 3 || strings.Contains(ls.RPEScale.Reason, "default") ||
		math.Abs(ls.RPEScale.Factor-ratios[1]) > 1e-9 {
		t.Errorf("RPE scale %+v, want the median ratio %.3f of 3 pairs", ls.RPEScale, ratios[1])
	}
	if want := 105 * ratios[1]; math.Abs(ls.Current().Load-want) > 1e-9 {
		t.Errorf("logged run counts %.2f, want 105 AU × %.3f = %.2f", ls.Current().Load, ratios[1], want)
	}
}
