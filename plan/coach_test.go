package plan

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// raceReq is a block toward a race of raceM metres on the Sunday of the
// last of weeks weeks from 2026-11-23.
func raceReq(t *testing.T, exp activity.Experience, hard string, v Volume, weeks int, raceM float64, name string) Request {
	t.Helper()
	start := date(t, "2026-11-23")
	return Request{Hard: hardOf(t, hard), Volume: v, Experience: exp, Start: start, Weeks: weeks,
		Race: &Goal{Date: start.AddDays(7*(weeks-1) + 6), DistanceM: raceM, Name: name}}
}

// TestRaceRefusals: a race the runner's weeks or volume cannot support is
// refused with the reason, and the nearest safe plans build.
func TestRaceRefusals(t *testing.T) {
	p := runner(t)
	tests := []struct {
		name       string
		req        Request
		wantReason string // a part of it
		wantFirst  string // a part of the nearest alternative
	}{
		{"beginner with 2 h a week for a marathon in 16 weeks", raceReq(t, activity.Beginner, "tue:intervals,sat:long", Volume{Duration: 2 * time.Hour}, 16, 42195, "marathon"),
			"long runs would peak at 1 h 30 min", "a 10k on 2027-03-14 instead"},
		{"a marathon 6 days away, trained", raceReq(t, activity.Intermediate, "tue:intervals,thu:threshold,sun:long", Volume{Duration: 5 * time.Hour}, 1, 42195, "marathon"),
			"the race is 6 days away: a block toward a marathon takes 12–20 weeks", "the taper only"},
		{"a marathon 6 days away, untrained", raceReq(t, activity.Beginner, "tue:intervals,sat:long", Volume{Duration: 2 * time.Hour}, 1, 42195, "marathon"),
			"the race is 6 days away", "a 10k on 2026-11-29 instead, the taper only"},
		{"a marathon in 8 weeks", raceReq(t, activity.Intermediate, "tue:intervals,sun:long", Volume{Duration: 5 * time.Hour}, 8, 42195, "marathon"),
			"the race is 8 weeks away", "a half on 2027-01-17 instead"},
		{"beginner half on 1 h 40 min a week", raceReq(t, activity.Beginner, "tue:intervals,sat:long", Volume{Duration: 100 * time.Minute}, 10, 21097.5, "half"),
			"a half marathon needs them to peak at 16–21 km", "a 10k"},
		{"a marathon block without a long run", raceReq(t, activity.Intermediate, "tue:intervals,thu:threshold", Volume{Duration: 5 * time.Hour}, 14, 42195, "marathon"),
			"a marathon block needs a weekly long run", "a weekly long run: tue:intervals,thu:threshold,sun:long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Block(tt.req, p)
			var ref *Refusal
			if !errors.As(err, &ref) {
				t.Fatalf("Block = %v; want a refusal", err)
			}
			if !strings.Contains(ref.Reason, tt.wantReason) || !strings.Contains(ref.Change, tt.wantFirst) {
				t.Errorf("refusal\n reason %q\n change %q\nwant them to hold\n %q\n %q", ref.Reason, ref.Change, tt.wantReason, tt.wantFirst)
			}
			for _, a := range ref.Alternatives {
				pl, err := Block(a.Proposal, p)
				if err != nil {
					t.Errorf("alternative %q: %v", a.Change, err)
					continue
				}
				checkBlock(t, pl, p)
			}
		})
	}
}

// TestLongRunPeaks: a block's long runs reach the distance's peak, as
// the conventions have it: a marathon's 29–35 km or 2.5–3 h for slower
// runners, a half's 16–21 km.
func TestLongRunPeaks(t *testing.T) {
	p := runner(t) // 6:00 /km: 29 km take 2 h 54 min, so 2 h 30 min–3 h
	tests := []struct {
		name     string
		req      Request
		min, max time.Duration
	}{
		{"intermediate, 5 h, 12 weeks", raceReq(t, activity.Intermediate, "tue:intervals,thu:threshold,sun:long", Volume{Duration: 5 * time.Hour}, 12, 42195, "marathon"), 150 * time.Minute, 3 * time.Hour},
		{"intermediate, 4 h, 16 weeks", raceReq(t, activity.Intermediate, "tue:intervals,sun:long", Volume{Duration: 4 * time.Hour}, 16, 42195, "marathon"), 150 * time.Minute, 3 * time.Hour},
		{"intermediate, 50 km, 18 weeks", raceReq(t, activity.Intermediate, "wed:threshold,sat:long", Volume{DistanceM: 50000}, 18, 42195, "marathon"), 150 * time.Minute, 3 * time.Hour},
		{"experienced, 8 h, 20 weeks", raceReq(t, activity.Experienced, "tue:intervals,thu:threshold,sun:long", Volume{Duration: 8 * time.Hour}, 20, 42195, "marathon"), 150 * time.Minute, 3 * time.Hour},
		{"beginner half, 2 h 15 min, 12 weeks", raceReq(t, activity.Beginner, "tue:intervals,sat:long", Volume{Duration: 135 * time.Minute}, 12, 21097.5, "half"), 96 * time.Minute, 126 * time.Minute},
		{"intermediate half, 4 h, 10 weeks", raceReq(t, activity.Intermediate, "tue:intervals,sun:long", Volume{Duration: 4 * time.Hour}, 10, 21097.5, "half"), 96 * time.Minute, 126 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl, err := Block(tt.req, p)
			if err != nil {
				t.Fatal(err)
			}
			checkBlock(t, pl, p)
			if got := longestRun(pl); got < tt.min || got > tt.max {
				t.Errorf("long runs peak at %v; want %v–%v", got, tt.min, tt.max)
			}
		})
	}
}

// TestLongRunNotShorter: in a small week the long run is never shorter
// than the week's easy and recovery runs.
func TestLongRunNotShorter(t *testing.T) {
	p := runner(t)
	for _, tt := range []struct {
		exp  activity.Experience
		hard string
		v    time.Duration
	}{
		{activity.Beginner, "tue:intervals,sat:long", 80 * time.Minute},
		{activity.Beginner, "sat:long", 75 * time.Minute},
		{activity.Intermediate, "tue:intervals,sun:long", 3 * time.Hour},
		{activity.Intermediate, "sun:long", 3 * time.Hour},
		{activity.Experienced, "thu:threshold,sun:long", 4 * time.Hour},
	} {
		w, err := Build(Request{Hard: hardOf(t, tt.hard), Volume: Volume{Duration: tt.v}, Experience: tt.exp, Start: date(t, "2026-11-23")}, p)
		if err != nil {
			t.Fatalf("%s %s %v: %v", tt.exp, tt.hard, tt.v, err)
		}
		var long, other time.Duration
		for _, s := range w.Sessions {
			switch s.Kind {
			case Long:
				long = s.Duration
			case Easy, Recovery:
				other = max(other, s.Duration)
			}
		}
		if long < other || long == 0 {
			t.Errorf("%s %s %v: long run %v beside a %v run", tt.exp, tt.hard, tt.v, long, other)
		}
	}
}

// TestRestAfterRace: the day after a half marathon or marathon is rest;
// after a shorter race a recovery run may do.
func TestRestAfterRace(t *testing.T) {
	p := runner(t)
	for _, tt := range []struct {
		name  string
		raceM float64
		want  Kind
	}{
		{"marathon", 42195, Rest},
		{"half", 21097.5, Rest},
		{"10k", 10000, Recovery},
	} {
		req := raceReq(t, activity.Intermediate, "tue:intervals,sun:long", Volume{Duration: 5 * time.Hour}, 14, tt.raceM, tt.name)
		req.Race.Date = req.Race.Date.AddDays(-1) // a Saturday
		pl, err := Block(req, p)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		last := pl.Weeks[len(pl.Weeks)-1]
		if s := mainSession(last, req.Race.Date.AddDays(1)); s.Kind != tt.want {
			t.Errorf("%s on Saturday: Sunday is %s (%s); want %s", tt.name, s.Kind, s.Why, tt.want)
		}
		if !strings.Contains(strings.Join(last.Notes, "\n"), "a day per mile raced") {
			t.Errorf("%s: the race week does not say what follows the race: %q", tt.name, last.Notes)
		}
	}
}

// TestShortRepsByEffort: reps too short for heart rate to follow get an
// effort target and no bpm band; recovery between them may wait for heart
// rate; continuous threshold work and easy running keep their bpm.
func TestShortRepsByEffort(t *testing.T) {
	p := runner(t)
	for _, exp := range []activity.Experience{activity.Beginner, activity.Intermediate, activity.Experienced} {
		w, err := Build(Request{Hard: hardOf(t, "tue:intervals,fri:threshold"), Volume: Volume{Duration: 5 * time.Hour}, Experience: exp, Start: date(t, "2026-11-23")}, p)
		var ref *Refusal
		if errors.As(err, &ref) {
			w, err = Build(ref.Proposal, p)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range w.Sessions {
			for _, st := range s.Workout.Steps {
				for _, rep := range st.Steps {
					if rep.Intensity == activity.Active && rep.Duration < shortRep && (rep.HRLowBPM != 0 || rep.HRHighBPM != 0) {
						t.Errorf("%s: %v rep with a %d–%d bpm target", exp, rep.Duration, rep.HRLowBPM, rep.HRHighBPM)
					}
					if rep.Intensity == activity.Recover && (rep.UntilHRBelowBPM != s.Workout.Steps[0].HRHighBPM || !strings.Contains(rep.Notes, "press lap")) {
						t.Errorf("%s: recovery between reps ends below %d bpm (%q); want the top of easy running, %d bpm, and what to do if it never falls",
							exp, rep.UntilHRBelowBPM, rep.Notes, s.Workout.Steps[0].HRHighBPM)
					}
				}
			}
			// The warm-up of intervals ends once heart rate has settled
			// where each rep will start from.
			if st := s.Workout.Steps; s.Kind == Intervals && (len(st) < 2 || st[1].Intensity != activity.WarmUp || st[1].UntilHRBelowBPM != st[0].HRHighBPM) {
				t.Errorf("%s: intervals without a warm-up that waits for heart rate to settle: %+v", exp, st)
			}
			switch {
			case s.Kind == Intervals && (s.HR.String() != "" || !strings.Contains(s.HR.Reason, "by effort")):
				t.Errorf("%s: intervals with a heart-rate target %q (%s)", exp, s.HR, s.HR.Reason)
			case s.Kind == Threshold && s.HR.LowBPM == 0:
				t.Errorf("%s: threshold without its zone 4 range", exp)
			case (s.Kind == Recovery || s.Kind == Easy || s.Kind == Long) && s.HR.HighBPM == 0:
				t.Errorf("%s: %s without a ceiling", exp, s.Kind)
			}
		}
		checkWorkouts(t, w)
	}
}

// TestAdaptToUnplannedHardRun: a hard run logged today or yesterday that
// the plan did not have moves tomorrow's (or today's) hard session, and
// the day after it is recovery.
func TestAdaptToUnplannedHardRun(t *testing.T) {
	p := runner(t)
	pl, err := Block(Request{Hard: hardOf(t, "tue:intervals,thu:threshold,sun:long"), Volume: Volume{Duration: 5 * time.Hour},
		Experience: activity.Intermediate, Start: date(t, "2026-11-23"), Weeks: 2}, p)
	if err != nil {
		t.Fatal(err)
	}
	mon, wed, thu := date(t, "2026-11-23"), date(t, "2026-11-25"), date(t, "2026-11-26")
	for _, tt := range []struct {
		name  string
		today Date
		ran   []Run
	}{
		{"logged today", wed, []Run{{Date: mon.AddDays(1), Kind: Intervals, Hard: true, Duration: time.Hour}, {Date: wed, Kind: Intervals, Hard: true, Duration: time.Hour}}},
		{"logged yesterday", thu, []Run{{Date: mon.AddDays(1), Kind: Intervals, Hard: true, Duration: time.Hour}, {Date: wed, Kind: Intervals, Hard: true, Duration: time.Hour}}},
	} {
		got, changes, err := AdaptToday(pl, tt.today, tt.ran, p)
		if err != nil {
			t.Fatal(err)
		}
		if s := mainSession(got.Weeks[0], thu); s.Hard {
			t.Errorf("%s: Thursday after Wednesday's hard run is still %s (changes %v)", tt.name, s.Kind, changes)
		}
		if len(changes) == 0 {
			t.Errorf("%s: no change said", tt.name)
		}
	}
}
