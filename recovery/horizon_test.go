package recovery

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/rules"
	"github.com/easyrun/easyrun/sim"
)

// TestSinceIsExact checks the answers from a history read from Horizon
// against the whole history's, over many histories: simulated runners
// of three years cut to 0–3 years, with breaks of a few days to months,
// races, runs without heart rate, each experience, and clocks right
// after a hard day, the day after, days and weeks later. Wherever
// AuditSince and TodaySince report their answers exact they must be
// equal to Audit's and Today's; and for a runner who trains every week
// they must report so nearly always, or reading less saves nothing.
func TestSinceIsExact(t *testing.T) {
	var bases [][]Session
	for _, r := range []sim.Runner{sim.DefaultRunner(), func() sim.Runner {
		r := sim.DefaultRunner()
		r.Seed, r.UTCOffset = 7, -7*time.Hour
		return r
	}()} {
		first := tuesday.AddDate(0, 0, -7*156)
		ath := resolved(t, activity.Intermediate)
		var s []Session
		for i, ses := range r.History(first, 156) {
			a, err := r.Simulate(ses)
			if err != nil {
				t.Fatalf("simulate %s: %v", ses.Kind, err)
			}
			res := analysis.Analyze(a, analysis.Context{Athlete: ath})
			s = append(s, NewSession(int64(i+1), a, &res, time.UTC))
		}
		bases = append(bases, s)
	}
	points := []load.Point{
		{},
		{Days: 200, Fitness: 50, Fatigue: 40, Form: 10, ACWR: 1},
		{Days: 200, Fitness: 50, Fatigue: 70, Form: -20, ACWR: 1.2},
		{Days: 200, Fitness: 50, Fatigue: 80, Form: -5, ACWR: 1.7},
	}
	rng := rand.New(rand.NewPCG(19, 5))
	const cases = 1000
	var ordinary, ordinaryExact, exact, compared int
	for c := range cases {
		base := bases[rng.IntN(len(bases))]
		ath := resolved(t, []activity.Experience{activity.Beginner, activity.Intermediate, activity.Experienced}[rng.IntN(3)])
		rl := rules.Default()
		switch rng.IntN(4) {
		case 0:
			rl.TrendWeeks, rl.BreakDays = 8, 10
		case 1:
			rl.TrendWeeks = 2
		}
		// The clock: after a hard session late in the history.
		var hard []Session
		for _, s := range base[len(base)/3:] {
			if s.Hard {
				hard = append(hard, s)
			}
		}
		anchor := hard[rng.IntN(len(hard))]
		var now time.Time
		mode := rng.IntN(6)
		switch mode {
		case 0: // right after it
			now = anchor.End.Add(time.Hour)
		case 1: // the morning after
			now = rules.Day(anchor.End).AddDate(0, 0, 1).Add(7*time.Hour + 30*time.Minute)
		case 2, 3: // days later
			now = anchor.End.AddDate(0, 0, 2+rng.IntN(5))
		case 4: // weeks later, with nothing run since
			now = anchor.End.AddDate(0, 0, 7*[]int{2, 3, 8, 20}[rng.IntN(4)])
		default: // a week after it, whatever followed
			now = anchor.End.AddDate(0, 0, 7)
		}
		now = now.In(anchor.Start.Location())
		keep := time.Duration(rng.IntN(3*366)) * 24 * time.Hour
		var sessions []Session
		for _, s := range base {
			switch {
			case s.Start.After(now), mode == 4 && s.Start.After(anchor.End), s.Start.Before(now.Add(-keep)):
				continue
			}
			sessions = append(sessions, s)
		}
		var varied bool
		if rng.IntN(10) < 4 { // a break
			days := []int{4, 8, 15, 30, 60, 120, 200}[rng.IntN(7)]
			to := now.AddDate(0, 0, -rng.IntN(250))
			from := to.AddDate(0, 0, -days)
			sessions = slices.DeleteFunc(sessions, func(s Session) bool { return s.Start.After(from) && s.Start.Before(to) })
			varied = true
		}
		if rng.IntN(5) == 0 { // easy running alone for weeks: no hard day, perhaps nothing scored
			since := now.AddDate(0, 0, -7*[]int{2, 6, 12, 20}[rng.IntN(4)])
			tagged := rng.IntN(2) == 0
			for i := range sessions {
				if s := &sessions[i]; s.Start.After(since) && (s.Hard || !tagged) {
					s.Class, s.Hard, s.Intense, s.HardReasons, s.Name, s.Notes = analysis.Easy, false, false, nil, "", ""
				}
			}
			varied = true
		}
		if n := rng.IntN(10); n < 3 { // runs without heart rate, some with an RPE
			for i := range sessions {
				if s := &sessions[i]; s.Run && (n == 0 || rng.IntN(3) == 0) {
					s.HRSeconds, s.CapBPM, s.MinutesAboveCap, s.SustainedS, s.Zones = 0, 0, 0, 0, nil
					if rng.IntN(2) == 0 {
						s.RPE = 2 + rng.IntN(6)
					}
				}
			}
			varied = true
		}
		if rng.IntN(3) == 0 { // a marathon instead of a long run
			for i := len(sessions) - 1; i >= 0; i-- {
				if s := &sessions[i]; s.Class == analysis.Long && rng.IntN(4) == 0 {
					s.Class, s.Hard, s.Intense, s.DistanceM = analysis.Race, true, true, 42195
					s.HardReasons = append(s.HardReasons, "a race")
					break
				}
			}
		}
		p := points[rng.IntN(len(points))]

		full := Audit(now, sessions, ath, rl)
		horizon := Horizon(now, rl)
		window := slices.DeleteFunc(slices.Clone(sessions), func(s Session) bool { return s.Start.Before(horizon) })
		part, from, ok := AuditSince(horizon, now, window, ath, rl)
		thisMonday := localMonday(now)
		for weeks := 1; weeks <= 6; weeks++ {
			at := thisMonday.AddDate(0, 0, -7*(weeks-1))
			if ok && !at.Before(from) {
				compared++
				if want, got := full.From(at), part.From(at); !reflect.DeepEqual(want, got) {
					t.Fatalf("case %d, now %s, %d sessions, %d weeks: the audit read from %s differs from the whole history's:\nwant %+v\ngot  %+v",
						c, now, len(sessions), weeks, horizon, want, got)
				}
			}
		}
		want := Today(now, sessions, ath, p, full, rl, nil)
		got, todayOK := TodaySince(horizon, now, window, ath, p, part, rl, nil)
		if ok && todayOK {
			exact++
			if !reflect.DeepEqual(want, got) {
				t.Fatalf("case %d, now %s, %d sessions: today read from %s differs from the whole history's:\nwant %+v\ngot  %+v",
					c, now, len(sessions), horizon, want, got)
			}
		}
		if !varied && mode != 4 && keep > 366*24*time.Hour {
			ordinary++
			if ok && todayOK && !thisMonday.AddDate(0, 0, -7*5).Before(from) {
				ordinaryExact++
			}
		}
	}
	t.Logf("%d of %d cases exact (%d audits compared); %d of %d ordinary ones", exact, cases, compared, ordinaryExact, ordinary)
	if ordinary < cases/10 || ordinaryExact*10 < ordinary*9 {
		t.Errorf("%d of %d ordinary cases (a year or more of weekly training, no break) read from the horizon were exact: want at least 90 %%", ordinaryExact, ordinary)
	}
	if exact == cases {
		t.Errorf("every case was exact from the horizon: the test reaches no history the horizon cannot answer")
	}
}

// localMonday is the local midnight that starts t's week.
func localMonday(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	return d.AddDate(0, 0, -(int(d.Weekday())+6)%7)
}
