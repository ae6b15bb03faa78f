package training_test

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// run is one session of a scenario: what the runner did, and what a
// coach says of it.
type run struct {
	sim.Session
	rpe int // logged after the import, as a runner would; 0 for none
	// want is the verdict a coach gives the run (for a hard session: what
	// followed it, Rested or Stacked); empty for none.
	want recovery.Kind
	says []string // in the verdict's title or reasons
}

// scenario is a small history built as real FIT files, imported through
// the real importer into a real SQLite file, with the verdicts and
// today's answer a coach expects (coaching.md).
type scenario struct {
	name      string
	profile   *activity.Athlete // nil: max HR 190, set, and intermediate
	runs      []run
	now       time.Time          // the runner's local time
	mornings  []activity.Morning // checked in after the import
	today     recovery.Advice
	todaySays []string
}

// max190 is the simulated runner's true max HR, set by the runner.
var max190 = activity.Value{V: 190, Origin: activity.SetByRunner}

// athlete is a profile with the true max HR set, at experience exp.
func athlete(exp activity.Experience) *activity.Athlete {
	return &activity.Athlete{MaxHR: max190, Experience: exp}
}

// local is a time on the runner's clock (UTC+01:00), days after Monday
// 2 March 2026.
func local(days, hh, mm int) time.Time {
	return time.Date(2026, 3, 2+days, hh, mm, 0, 0, time.FixedZone("+01:00", 3600))
}

// ses is a simulated session of kind starting at start (local time).
func ses(kind sim.Kind, start time.Time, opts ...func(*sim.Session)) sim.Session {
	s := sim.Session{Kind: kind, Start: start.UTC()}
	for _, o := range opts {
		o(&s)
	}
	return s
}

func minutes(n int) func(*sim.Session) {
	return func(s *sim.Session) { s.Duration = time.Duration(n) * time.Minute }
}

func effort(f float64) func(*sim.Session) { return func(s *sim.Session) { s.HRFraction = f } }

var noHR = func(s *sim.Session) { s.NoHR = true }

const (
	mon = iota
	tue
	wed
	thu
	fri
	sat
	sun
)

func TestScenarios(t *testing.T) {
	t.Parallel()
	intervals := func(day, hh int) sim.Session { return ses(sim.Intervals, local(day, hh, 0)) }
	easy := func(day, hh, mm, min int, f float64) sim.Session {
		return ses(sim.Recovery, local(day, hh, mm), minutes(min), effort(f))
	}
	scenarios := []scenario{
		{
			name: "the article's sandwich week",
			runs: []run{
				{Session: intervals(tue, 17), want: recovery.TrueRecovery},
				{Session: easy(wed, 19, 0, 35, 0.64), want: recovery.TrueRecovery, says: []string{"the day after your intervals"}},
				{Session: ses(sim.Threshold, local(thu, 7, 0))},
			},
			now:   local(thu, 20, 0),
			today: recovery.Rest, todaySays: []string{"Done for today", "tomorrow, Fri 6 Mar, a recovery run or rest"},
		},
		{
			name: "the same week without Wednesday's run is rest, not stacked",
			runs: []run{
				{Session: intervals(tue, 17), want: recovery.Rested, says: []string{"nor on Wed 4 Mar: that day was rest"}},
				{Session: ses(sim.Threshold, local(thu, 7, 0))},
			},
			now:   local(thu, 20, 0),
			today: recovery.Rest,
		},
		{
			name: "Tuesday-evening intervals, Thursday-morning threshold: ready though under 48 h",
			runs: []run{
				{Session: intervals(tue, 19)},
				{Session: easy(wed, 18, 0, 35, 0.64), want: recovery.TrueRecovery},
			},
			now:   local(thu, 6, 0),
			today: recovery.ReadyForHard, todaySays: []string{"with a day between, a hard session fits today"},
		},
		{
			name: "the same, but heavy legs after a short night: a recovery run, with the numbers",
			runs: []run{
				{Session: intervals(tue, 19)},
				{Session: easy(wed, 18, 0, 35, 0.64), want: recovery.TrueRecovery},
			},
			mornings: []activity.Morning{{Legs: activity.HeavyLegs, Sleep: 5*time.Hour + 30*time.Minute, Source: activity.Manual}},
			now:      local(thu, 6, 0),
			today:    recovery.RecoveryRun, todaySays: []string{"this morning is off, 2 signs: 5 h 30 min of sleep, under 6 h; legs 4 (heavy and sore), 4 or worse of 5",
				"without this morning's signs: follow your plan"},
		},
		{
			name: "the same, but a week of low HRV against three weeks of normal: an easy run",
			runs: []run{
				{Session: intervals(tue, 19)},
				{Session: easy(wed, 18, 0, 35, 0.64), want: recovery.TrueRecovery},
			},
			mornings: hrvWeeks(local(thu, 6, 0), 21, 44),
			now:      local(thu, 6, 0),
			today:    recovery.EasyRun, todaySays: []string{"this morning is off, 1 sign: HRV 7-day mean 44 ms (7 mornings), below your normal 5"},
		},
		{
			name: "a Sunday long run with a hard finish, an easy Monday evening",
			runs: []run{
				{Session: ses(sim.Long, local(sun-7, 9, 0), func(s *sim.Session) {
					s.Segments = []sim.Segment{{Duration: 85 * time.Minute, HRFraction: 0.72}, {Duration: 25 * time.Minute, HRFraction: 0.86}}
				}), want: recovery.TrueRecovery},
				{Session: easy(mon, 19, 30, 35, 0.64), want: recovery.TrueRecovery, says: []string{"the day after your long run"}},
			},
			now:   local(tue, 8, 0),
			today: recovery.ReadyForHard,
		},
		{
			name: "stacked Tuesday and Wednesday",
			runs: []run{
				{Session: intervals(tue, 18), want: recovery.Stacked},
				{Session: ses(sim.Threshold, local(wed, 7, 0)), want: recovery.Stacked, says: []string{"never two hard days in a row"}},
			},
			now:   local(thu, 8, 0),
			today: recovery.Rest, todaySays: []string{"two hard days back to back"},
		},
		{
			name:    "an experienced runner's evening double",
			profile: athlete(activity.Experienced),
			runs: []run{
				{Session: intervals(tue, 6), want: recovery.Double},
				{Session: easy(tue, 18, 30, 20, 0.62), want: recovery.Double, says: []string{"15–30 min of very easy running for an experienced runner's double"}},
			},
			now:   local(wed, 8, 0),
			today: recovery.RecoveryRun,
		},
		{
			name: "an intermediate's evening jog after a hard morning is good, and no double is prescribed",
			runs: []run{
				{Session: intervals(tue, 6), want: recovery.TrueRecovery},
				{Session: easy(tue, 18, 30, 30, 0.62), want: recovery.TrueRecovery, says: []string{"doubles are for experienced runners"}},
			},
			now:   local(tue, 19, 30),
			today: recovery.Rest, todaySays: []string{"Done for today"},
		},
		{
			name:    "a hard morning: today offers a double to the experienced alone",
			profile: athlete(activity.Beginner),
			runs:    []run{{Session: intervals(tue, 6)}},
			now:     local(tue, 10, 0),
			today:   recovery.Rest, todaySays: []string{"doubles are for experienced runners"},
		},
		{
			name:    "a beginner's 55-minute recovery run is too long",
			profile: athlete(activity.Beginner),
			runs: []run{
				{Session: intervals(tue, 18)},
				{Session: easy(wed, 18, 0, 55, 0.64), want: recovery.TooLong, says: []string{"20–30 min for a beginner", "over 35 min is too long"}},
			},
			now:   local(thu, 8, 0),
			today: recovery.ReadyForHard,
		},
		{
			name: "a slow run at 150 of 190 bpm is too hard",
			runs: []run{
				{Session: intervals(tue, 18)},
				{Session: easy(wed, 18, 0, 35, 150.0/190), want: recovery.TooHard, says: []string{"above your cap of 133 bpm", "huffing and puffing"}},
			},
			now:   local(thu, 8, 0),
			today: recovery.EasyRun, todaySays: []string{"make an easy day really easy"},
		},
		{
			name: "too hard and too long, both named",
			runs: []run{
				{Session: intervals(tue, 18)},
				{Session: easy(wed, 18, 0, 75, 0.76), want: recovery.TooHard, says: []string{"Too hard and too long", "over 45 min is too long"}},
			},
			now:   local(thu, 8, 0),
			today: recovery.EasyRun,
		},
		{
			name: "RPE 3 without a strap counts",
			runs: []run{
				{Session: intervals(tue, 18)},
				{Session: ses(sim.Recovery, local(wed, 18, 0), noHR), rpe: 3, want: recovery.TrueRecovery, says: []string{"no heart rate; RPE 3 logged: easy enough"}},
			},
			now:   local(thu, 8, 0),
			today: recovery.ReadyForHard,
		},
		{
			name: "no strap and no RPE: intensity unknown, never 0 min above the cap",
			runs: []run{
				{Session: intervals(tue, 18)},
				{Session: ses(sim.Recovery, local(wed, 18, 0), noHR), want: recovery.Unknown, says: []string{"intensity unknown", "pace is ignored on purpose"}},
			},
			now:   local(thu, 8, 0),
			today: recovery.ReadyForHard,
		},
		{
			name: "a one-minute recording is not a run",
			runs: []run{
				{Session: intervals(tue, 18), want: recovery.Rested},
				{Session: easy(wed, 18, 0, 1, 0.64)},
			},
			now:   local(thu, 8, 0),
			today: recovery.ReadyForHard,
		},
		{
			name: "an easy long run is hard for placement, not very hard",
			runs: []run{
				{Session: ses(sim.Long, local(sun-7, 9, 0), minutes(130), effort(0.70))},
				{Session: easy(mon, 18, 0, 35, 0.64), want: recovery.TrueRecovery, says: []string{"the day after your long run", "30–40 min for an intermediate runner"}},
			},
			now:   local(mon, 20, 0),
			today: recovery.Rest, todaySays: []string{"today already"},
		},
		{
			name:  "a hard day yesterday, 28 h ago: recovery today",
			runs:  []run{{Session: intervals(tue, 17)}},
			now:   local(wed, 22, 0),
			today: recovery.RecoveryRun, todaySays: []string{"a hard day yesterday"},
		},
		{
			name:  "seven months off: easy first, in months, never in hours",
			runs:  []run{{Session: intervals(tue-28, 18)}, {Session: easy(wed-28, 18, 0, 40, 0.64), want: recovery.TrueRecovery}},
			now:   local(tue+185, 8, 0),
			today: recovery.EasyRun, todaySays: []string{"months without a run"},
		},
		{
			name:  "ten days off: easy first",
			runs:  []run{{Session: intervals(tue, 18)}, {Session: easy(wed, 18, 0, 40, 0.64), want: recovery.TrueRecovery}},
			now:   local(sat+7, 8, 0),
			today: recovery.EasyRun, todaySays: []string{"9 days without a run since Wed 4 Mar"},
		},
		{
			name:    "an empty history: what easyrun needs, not a run",
			profile: &activity.Athlete{},
			now:     local(tue, 8, 0),
			today:   recovery.NeedData, todaySays: []string{"no run in your history yet"},
		},
		{
			name:    "a new runner's week: their plan decides",
			profile: &activity.Athlete{MaxHR: max190},
			runs:    []run{{Session: easy(mon, 18, 0, 30, 0.66), want: recovery.TrueRecovery}, {Session: easy(wed, 18, 0, 30, 0.66), want: recovery.TrueRecovery, says: []string{"for a beginner"}}},
			now:     local(fri, 8, 0),
			today:   recovery.ReadyForHard, todaySays: []string{"your plan decides"},
		},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			svc, ids := importScenario(t, sc)
			report, err := svc.Audit(context.Background(), 0)
			if err != nil {
				t.Fatalf("audit: %v", err)
			}
			for i, r := range sc.runs {
				v, ok := verdictOn(report, ids[i], r.Kind.Hard() || r.Kind == sim.Long)
				switch {
				case r.want == "" && ok && !(r.Kind.Hard() || r.Kind == sim.Long):
					t.Errorf("run %d (%s %s): verdict %s %q, want none", i, r.Kind, r.Start.Format(time.DateTime), v.Kind, v.Reasons)
				case r.want != "" && !ok:
					t.Errorf("run %d (%s %s): no verdict, want %s; verdicts %+v", i, r.Kind, r.Start.Format(time.DateTime), r.want, report.Verdicts)
				case r.want != "" && v.Kind != r.want:
					t.Errorf("run %d (%s %s): verdict %s %q %q, want %s", i, r.Kind, r.Start.Format(time.DateTime), v.Kind, v.Title, v.Reasons, r.want)
				}
				if ok && !saysAll(append([]string{v.Title}, v.Reasons...), r.says) {
					t.Errorf("run %d: %q %q do not say %q", i, v.Title, v.Reasons, r.says)
				}
			}
			checkReport(t, report)
			rec, err := svc.Today(context.Background(), sc.now.Location())
			if err != nil {
				t.Fatalf("today: %v", err)
			}
			if rec.Advice != sc.today || !saysAll(append([]string{rec.Title}, rec.Reasons...), sc.todaySays) {
				t.Errorf("today %s %q %q, want %s saying %q", rec.Advice, rec.Title, rec.Reasons, sc.today, sc.todaySays)
			}
			for _, r := range rec.Reasons {
				if hoursPastADay.MatchString(r) {
					t.Errorf("today speaks in hours past a day: %q", r)
				}
			}
		})
	}
}

// hrvWeeks are n mornings of rMSSD alternating 60 and 70 ms up to the
// date of now, the last week's weekMs.
func hrvWeeks(now time.Time, n int, weekMs float64) []activity.Morning {
	var ms []activity.Morning
	for i := range n {
		m := activity.Morning{Date: now.AddDate(0, 0, -i).Format(time.DateOnly), RMSSDMs: 60 + 10*float64(i%2), Source: activity.Manual}
		if i < 7 {
			m.RMSSDMs = weekMs
		}
		ms = append(ms, m)
	}
	return ms
}

// hoursPastADay matches a gap said in hours past a day: "4954 h 34 min".
var hoursPastADay = regexp.MustCompile(`\b([2-9][0-9]|[0-9]{3,}) h\b`)

// checkReport checks what every audit must hold: every hard day has
// exactly one follow-up verdict, and every verdict explains itself with a
// title, reasons with numbers, and every rule that failed.
func checkReport(t *testing.T, r recovery.Report) {
	t.Helper()
	digit := regexp.MustCompile(`[0-9]`)
	for _, d := range r.HardDays {
		n := 0
		for _, v := range r.Verdicts {
			if v.FollowUp && v.AfterHard != nil && v.AfterHard.Date == d.Date {
				n++
			}
		}
		if n != 1 {
			t.Errorf("hard day %s has %d follow-up verdicts, want 1", d.Date, n)
		}
	}
	for _, v := range r.Verdicts {
		if v.Title == "" || !slices.ContainsFunc(v.Reasons, digit.MatchString) {
			t.Errorf("verdict %s on %d does not explain itself with numbers: %q %q", v.Kind, v.ActivityID, v.Title, v.Reasons)
		}
		if strings.Contains(strings.Join(v.Reasons, " "), "0.0 min above") {
			t.Errorf("verdict %s on %d: %q", v.Kind, v.ActivityID, v.Reasons)
		}
		if len(v.Failed) > 0 && v.Kind != recovery.Unknown && v.Failed[0] != v.Kind {
			t.Errorf("verdict %s names %v as failed, its worst first", v.Kind, v.Failed)
		}
	}
}

// saysAll reports whether every word is in one of lines.
func saysAll(lines, words []string) bool {
	for _, w := range words {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, w) }) {
			return false
		}
	}
	return true
}

// verdictOn is the verdict on the activity id: for a hard session
// (hard), the follow-up of its day, else the run's own.
func verdictOn(r recovery.Report, id int64, hard bool) (recovery.Verdict, bool) {
	for _, v := range r.Verdicts {
		if hard && v.AfterHard != nil && v.AfterHard.ActivityID == id && v.FollowUp {
			return v, true
		}
		if hard && v.Kind == recovery.Stacked && v.ActivityID == id {
			return v, true
		}
		if !hard && v.ActivityID == id {
			return v, true
		}
	}
	return recovery.Verdict{}, false
}

// importScenario writes sc's runs as FIT files, imports them into a new
// SQLite store through the importer, logs their RPEs and returns a
// Service whose clock reads sc.now, with the activity id of each run.
func importScenario(t *testing.T, sc scenario) (*training.Service, []int64) {
	t.Helper()
	ctx := context.Background()
	svc := newService(t, sc.now)
	profile := sc.profile
	if profile == nil {
		profile = athlete(activity.Intermediate)
	}
	if err := svc.Store.SaveAthlete(ctx, svc.Athlete, *profile); err != nil {
		t.Fatal(err)
	}
	sessions := make([]sim.Session, len(sc.runs))
	for i, r := range sc.runs {
		sessions[i] = r.Session
	}
	dir := filepath.Join(t.TempDir(), "files")
	paths, err := runner.WriteFIT(ctx, dir, sessions)
	if err != nil {
		t.Fatalf("write files: %v", err)
	}
	im := importer.Importer{Store: svc.Store, Athlete: svc.Athlete}
	sum, err := im.Import(ctx, dir)
	if err != nil || sum.Imported != len(paths) {
		t.Fatalf("import %d files: %+v, %v", len(paths), sum, err)
	}
	recs, err := svc.Store.Activities(ctx, svc.Athlete, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(sc.runs))
	for i, r := range sc.runs {
		for _, rec := range recs {
			if rec.Activity.Start.Sub(r.Start).Abs() < time.Minute {
				ids[i] = rec.ID
			}
		}
		if ids[i] == 0 {
			t.Fatalf("run %d at %s not found among the imported activities", i, r.Start)
		}
		if r.rpe > 0 {
			if _, err := svc.SetRPE(ctx, ids[i], r.rpe); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := svc.Refresh(ctx, false); err != nil {
		t.Fatal(err)
	}
	for _, m := range sc.mornings {
		if _, _, err := svc.SaveMorning(ctx, m); err != nil {
			t.Fatalf("check in %+v: %v", m, err)
		}
	}
	return svc, ids
}

// TestDetectedMaxIsALowerBound imports a year of the simulated runner's
// training twice, with its true max HR set and with none set (detected
// from the runs): the detected max may call at most two more recovery
// runs too hard, since within its uncertainty they are only probably too
// hard (coaching.md, "Max heart rate is often a lower bound").
func TestDetectedMaxIsALowerBound(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a simulated year twice")
	}
	t.Parallel()
	start := time.Date(2026, 1, 5, 6, 0, 0, 0, time.UTC)
	year := runner.History(start, 52)
	runs := make([]run, len(year))
	for i, s := range year {
		runs[i] = run{Session: s}
	}
	now := start.AddDate(0, 0, 7*52+1)
	count := func(profile *activity.Athlete) (map[recovery.Kind]int, activity.Value) {
		svc, _ := importScenario(t, scenario{profile: profile, runs: runs, now: now})
		report, err := svc.Audit(context.Background(), 0)
		if err != nil {
			t.Fatal(err)
		}
		p, err := svc.Profile(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[recovery.Kind]int{}
		for _, v := range report.Verdicts {
			kinds[v.Kind]++
		}
		return kinds, p.Resolved.MaxHR
	}
	truth, _ := count(athlete(activity.Intermediate))
	detected, maxHR := count(&activity.Athlete{Experience: activity.Intermediate})
	t.Logf("true max 190: %v; detected max %.0f (%s): %v", truth, maxHR.V, maxHR.Origin, detected)
	if maxHR.Origin != activity.Detected || maxHR.V >= 190 {
		t.Fatalf("max HR %+v, want one detected below the true 190", maxHR)
	}
	if detected[recovery.TooHard] > truth[recovery.TooHard]+2 {
		t.Errorf("%d too hard with the detected max, %d with the true max: at most 2 more", detected[recovery.TooHard], truth[recovery.TooHard])
	}
}
