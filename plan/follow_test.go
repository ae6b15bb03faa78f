package plan

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/rules"
)

func TestCompare(t *testing.T) {
	rules := rules.Default()
	d := Date{2026, time.November, 25}
	rec := Session{Date: d, Kind: Recovery, Duration: 35 * time.Minute, HR: HR{HighBPM: 133}, RPE: 3}
	noHR := Session{Date: d, Kind: Recovery, Duration: 35 * time.Minute, RPE: 3}
	intervals := Session{Date: d, Kind: Intervals, Hard: true, Duration: 50 * time.Minute, HR: HR{LowBPM: 171, HighBPM: 190}, RPE: 8}
	rest := Session{Date: d, Kind: Rest}
	run := func(dur, above time.Duration, hard bool) Run {
		return Run{Date: d, Kind: Recovery, Hard: hard, Duration: dur, AboveCeiling: above, AvgHRBPM: 128, MaxHRBPM: 141}
	}
	tests := []struct {
		name       string
		s          Session
		ran        []Run
		wantStatus Status
		wantText   string
	}{
		{"too long and too hard", rec, []Run{run(42*time.Minute, 12*time.Minute, false)}, TooHard, "planned recovery 35 min ≤ 133 bpm; ran 42 min, 12 min above"},
		{"too long", rec, []Run{run(42*time.Minute, time.Minute, false)}, TooLong, "planned recovery 35 min ≤ 133 bpm; ran 42 min, 1 min above"},
		{"as planned", rec, []Run{run(33*time.Minute, 0, false)}, AsPlanned, "planned recovery 35 min ≤ 133 bpm; ran 33 min, none above"},
		{"a few seconds above", rec, []Run{run(36*time.Minute, 40*time.Second, false)}, AsPlanned, "planned recovery 35 min ≤ 133 bpm; ran 36 min, 40 s above"},
		{"too short", rec, []Run{run(20*time.Minute, 0, false)}, TooShort, "planned recovery 35 min ≤ 133 bpm; ran 20 min, none above"},
		{"two runs add up", rec, []Run{run(20*time.Minute, 2*time.Minute, false), run(17*time.Minute, 2*time.Minute, false)}, TooHard, "planned recovery 35 min ≤ 133 bpm; ran 37 min, 4 min above"},
		{"hard by RPE, no heart rate", noHR, []Run{{Date: d, Hard: true, Duration: 35 * time.Minute}}, TooHard, "planned recovery 35 min at RPE 3; ran 35 min, a hard session"},
		{"missed", rec, nil, Missed, "planned recovery 35 min ≤ 133 bpm; not run"},
		{"intervals run hard", intervals, []Run{{Date: d, Kind: Intervals, Hard: true, Duration: 52 * time.Minute, AvgHRBPM: 158, MaxHRBPM: 183}}, AsPlanned, "planned intervals 50 min 171–190 bpm; ran 52 min, hard (avg 158, max 183 bpm)"},
		{"intervals run easy", intervals, []Run{{Date: d, Kind: Easy, Duration: 50 * time.Minute}}, NotHard, "planned intervals 50 min 171–190 bpm; ran 50 min, not hard"},
		{"rested", rest, nil, AsPlanned, "planned rest; rested"},
		{"ran on a rest day", rest, []Run{run(30*time.Minute, 0, false)}, RanOnRest, "planned rest; ran 30 min"},
	}
	for _, tt := range tests {
		v := Compare(tt.s, tt.ran, rules)
		if v.Status != tt.wantStatus || v.Text != tt.wantText || v.Date != d || v.Planned != tt.s.Kind {
			t.Errorf("%s: %+v\nwant %s %q", tt.name, v, tt.wantStatus, tt.wantText)
		}
	}
}

// kinds writes a week's main sessions from date on: "wed:recovery thu:easy ...",
// with the evening doubles as "+recovery".
func kinds(w Week, from Date) string {
	var out []string
	for _, s := range w.Sessions {
		if s.Date.Compare(from) < 0 {
			continue
		}
		if s.Slot == Evening {
			out = append(out, "+"+string(s.Kind))
			continue
		}
		out = append(out, weekdayName(s.Date.Weekday())+":"+string(s.Kind))
	}
	return strings.Join(out, " ")
}

func TestAdapt(t *testing.T) {
	p := runner(t)
	pl, err := Block(Request{Hard: hardOf(t, "tue:intervals,thu:threshold,sun:long"), Volume: Volume{Duration: 5 * time.Hour},
		Experience: activity.Intermediate, Start: date(t, "2026-11-23"), Weeks: 2}, p)
	if err != nil {
		t.Fatal(err)
	}
	if got := kinds(pl.Weeks[0], pl.Weeks[0].Monday); got != "mon:recovery tue:intervals wed:recovery thu:threshold fri:recovery sat:rest sun:long" {
		t.Fatalf("the week to adapt is %s", got)
	}
	mon := pl.Weeks[0].Monday
	day := func(i int) Date { return mon.AddDays(i) }
	hard := func(i int, k Kind) Run { return Run{Date: day(i), Kind: k, Hard: true, Duration: 50 * time.Minute} }
	easy := func(i int) Run { return Run{Date: day(i), Kind: Recovery, Duration: 40 * time.Minute} }
	tests := []struct {
		name        string
		through     Date
		ran         []Run
		wantWeek    string // from the day after through
		wantChanges []string
	}{
		{"all as planned", day(2), []Run{easy(0), hard(1, Intervals), easy(2)},
			"thu:threshold fri:recovery sat:rest sun:long", nil},
		{"intervals moved to wednesday: the recovery day moves with it", day(2), []Run{easy(0), easy(1), hard(2, Intervals)},
			"thu:recovery fri:threshold sat:rest sun:long",
			[]string{
				"intervals done on Wed 25 Nov instead of Tue 24 Nov: the recovery day moves with it",
				"threshold session moved from Thu 26 Nov to Fri 27 Nov, the first day that keeps a recovery day after every hard day",
				"Thu 26 Nov: recovery run instead of threshold session",
			}},
		{"intervals missed, no day left: dropped", day(1), []Run{easy(0)},
			"wed:easy thu:threshold fri:recovery sat:rest sun:long",
			[]string{
				"intervals of Tue 24 Nov dropped: no day left this week keeps a recovery day after every hard day and at most 3 hard days",
				"Wed 25 Nov: easy run instead of recovery run",
			}},
		{"threshold done early on wednesday", day(2), []Run{easy(0), hard(1, Intervals), hard(2, Threshold)},
			"thu:recovery fri:easy sat:rest sun:long",
			[]string{
				"threshold session done early, on Wed 25 Nov instead of Thu 26 Nov",
				"Thu 26 Nov: recovery run instead of threshold session",
				"Fri 27 Nov: easy run instead of recovery run",
			}},
		{"long run missed on sunday: no recovery on monday", day(6), nil,
			"mon:easy tue:intervals wed:recovery thu:threshold fri:recovery sat:easy sun:long",
			[]string{"Mon 30 Nov: easy run instead of recovery run"}},
		{"long run done on sunday: next week as planned", day(6), []Run{hard(6, Long)},
			"mon:recovery tue:intervals wed:recovery thu:threshold fri:recovery sat:easy sun:long", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changes, err := Adapt(pl, tt.through, tt.ran, p)
			if err != nil {
				t.Fatal(err)
			}
			wi := tt.through.AddDays(1).DaysSince(mon) / 7
			if wi >= len(got.Weeks) {
				t.Fatalf("no week after %s", tt.through)
			}
			if k := kinds(got.Weeks[wi], tt.through.AddDays(1)); k != tt.wantWeek {
				t.Errorf("week from %s: %s\nwant %s", tt.through.AddDays(1), k, tt.wantWeek)
			}
			var texts []string
			for _, c := range changes {
				texts = append(texts, c.Text)
			}
			if strings.Join(texts, "\n") != strings.Join(tt.wantChanges, "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(texts, "\n"), strings.Join(tt.wantChanges, "\n"))
			}
			if kinds(pl.Weeks[0], mon) != "mon:recovery tue:intervals wed:recovery thu:threshold fri:recovery sat:rest sun:long" {
				t.Error("Adapt changed the plan it was given")
			}
			// The adapted plan is adapted already: every view adapts the
			// saved plan, and saves it only when that changes it.
			again, _, err := Adapt(got, tt.through, tt.ran, p)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(again, got) {
				t.Errorf("adapting the adapted plan changed it: week from %s is %s, notes %q",
					tt.through.AddDays(1), kinds(again.Weeks[wi], tt.through.AddDays(1)), again.Weeks[wi].Notes)
			}
		})
	}
}
