package training

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/golden"
	"github.com/easyrun/easyrun/internal/interop"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/rules"
	"github.com/easyrun/easyrun/store"
)

// exportPlans are plans for the three runners of the planner's tests: a
// beginner on three runs a week, an intermediate on five, and an
// experienced runner with doubles, on a block toward a marathon.
func exportPlans(t *testing.T) map[string]*plan.Plan {
	t.Helper()
	monday := plan.Date{Year: 2026, Month: time.November, Day: 30}
	reqs := map[string]plan.Request{
		"beginner": {Hard: mustHard(t, "sat:long"), Volume: plan.Volume{Duration: 2*time.Hour + 30*time.Minute},
			Experience: activity.Beginner, Start: monday},
		"intermediate": {Hard: mustHard(t, "tue:intervals,thu:threshold,sun:long"), Volume: plan.Volume{DistanceM: 50000},
			Experience: activity.Intermediate, Start: monday},
		"experienced": {Hard: mustHard(t, "tue:intervals,thu:threshold,sat:long"), Volume: plan.Volume{Duration: 8 * time.Hour},
			Experience: activity.Experienced, Doubles: true, Start: monday,
			Race: &plan.Goal{Date: plan.Date{Year: 2027, Month: time.April, Day: 11}, DistanceM: 42195, Name: "marathon"}},
	}
	a := activity.Athlete{MaxHR: activity.Value{V: 190, Origin: activity.SetByRunner},
		RestingHR: activity.Value{V: 50, Origin: activity.SetByRunner}, Zones: activity.PercentMax, Units: activity.Kilometres}
	plans := map[string]*plan.Plan{}
	for name, req := range reqs {
		p, err := plan.Block(req, plan.NewProfile(a, 0, rules.Default()))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		plans[name] = &p
	}
	return plans
}

func mustHard(t *testing.T, s string) []plan.HardChoice {
	t.Helper()
	h, err := plan.ParseHard(s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// garminStep is what Garmin's FIT SDK reads of a workout step.
type garminStep struct {
	MessageIndex          int    `json:"messageIndex"`
	Name                  string `json:"wktStepName"`
	DurationType          string `json:"durationType"`
	DurationValue         int64  `json:"durationValue"`
	DurationHR            int    `json:"durationHr"` // bpm + 100 on a step ending on heart rate
	TargetType            string `json:"targetType"`
	TargetValue           int    `json:"targetValue"`
	CustomTargetValueLow  int    `json:"customTargetValueLow"`
	CustomTargetValueHigh int    `json:"customTargetValueHigh"`
	Intensity             string `json:"intensity"`
}

type garminWorkout struct {
	IsFIT          bool     `json:"isFIT"`
	CheckIntegrity bool     `json:"checkIntegrity"`
	Errors         []string `json:"errors"`
	Workout        []struct {
		Sport         string `json:"sport"`
		NumValidSteps int    `json:"numValidSteps"`
		Name          string `json:"wktName"`
	} `json:"workout"`
	Steps []garminStep `json:"steps"`
}

// fitSteps is what a watch should read of steps: a repeat block's steps
// then a step that repeats them from the block's first; durations in ms
// or cm; heart rates as bpm + 100, a ceiling alone over a 30 bpm floor,
// and a step ending on heart rate as hrLessThan.
func fitSteps(steps []activity.Step) []garminStep {
	var out []garminStep
	var add func(s activity.Step)
	add = func(s activity.Step) {
		g := garminStep{MessageIndex: len(out), Name: s.Name, Intensity: string(s.Intensity), TargetType: "open"}
		if g.Intensity == "" {
			g.Intensity = "active"
		}
		switch {
		case s.Duration > 0:
			g.DurationType, g.DurationValue = "time", s.Duration.Milliseconds()
		case s.DistanceM > 0:
			g.DurationType, g.DurationValue = "distance", int64(s.DistanceM*100)
		case s.UntilHRBelowBPM > 0:
			g.DurationType, g.DurationValue, g.DurationHR = "hrLessThan", int64(s.UntilHRBelowBPM+100), s.UntilHRBelowBPM+100
		default:
			g.DurationType = "open"
		}
		if s.HRLowBPM > 0 || s.HRHighBPM > 0 {
			low, high := s.HRLowBPM, s.HRHighBPM
			if low == 0 {
				low = 30
			}
			g.TargetType, g.CustomTargetValueLow, g.CustomTargetValueHigh = "heartRate", low+100, high+100
		}
		out = append(out, g)
	}
	for _, s := range steps {
		if s.Repeat == 0 {
			add(s)
			continue
		}
		first := len(out)
		for _, inner := range s.Steps {
			add(inner)
		}
		out = append(out, garminStep{MessageIndex: len(out), Name: s.Name, DurationType: "repeatUntilStepsCmplt",
			DurationValue: int64(first), TargetValue: s.Repeat})
	}
	return out
}

// TestWorkoutsReadByGarmin exports every run of the three plans as FIT
// workouts and has Garmin's own SDK read them back: integrity, steps,
// durations and heart-rate targets exactly as planned.
func TestWorkoutsReadByGarmin(t *testing.T) {
	created := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	for name, p := range exportPlans(t) {
		t.Run(name, func(t *testing.T) {
			ws, err := Workouts(p, created)
			if err != nil {
				t.Fatal(err)
			}
			var planned []activity.Workout
			var days []plan.Date
			for _, wk := range p.Weeks {
				for _, s := range wk.Sessions {
					if s.Kind != plan.Rest {
						planned = append(planned, s.Workout)
						days = append(days, s.Date)
					}
				}
			}
			if len(ws) != len(planned) {
				t.Fatalf("%d workout files for %d planned runs", len(ws), len(planned))
			}
			dir := t.TempDir()
			var files []string
			for _, w := range ws {
				f := filepath.Join(dir, w.Name)
				if err := os.WriteFile(f, w.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				files = append(files, f)
			}
			var got []garminWorkout
			interop.Run(t, "fit-workout.mjs", &got, files...)
			var names bytes.Buffer
			steered := 0 // steps the watch ends on heart rate
			for i, g := range got {
				if !g.IsFIT || !g.CheckIntegrity || len(g.Errors) > 0 || len(g.Workout) != 1 {
					t.Fatalf("%s: isFIT %v, integrity %v, errors %v, %d workouts", ws[i].Name, g.IsFIT, g.CheckIntegrity, g.Errors, len(g.Workout))
				}
				want := fitSteps(planned[i].Steps)
				day := days[i].Time().Format("Mon 2 Jan ")
				if g.Workout[0].Sport != "running" || g.Workout[0].NumValidSteps != len(want) || !strings.HasPrefix(g.Workout[0].Name, day) {
					t.Errorf("%s: workout %+v, want running, named from %q, with %d steps", ws[i].Name, g.Workout[0], day, len(want))
				}
				fmt.Fprintf(&names, "%s\t%s\n", ws[i].Name, g.Workout[0].Name)
				if len(g.Steps) != len(want) {
					t.Fatalf("%s: %d steps read, want %d", ws[i].Name, len(g.Steps), len(want))
				}
				for j := range want {
					if g.Steps[j].DurationType == "hrLessThan" {
						steered++
					}
					if g.Steps[j] != want[j] {
						t.Errorf("%s step %d:\n got %+v\nwant %+v", ws[i].Name, j, g.Steps[j], want[j])
					}
				}
			}
			// Every plan with intervals waits for heart rate between reps.
			if intervals := strings.Contains(names.String(), "intervals"); intervals != (steered > 0) {
				t.Errorf("intervals in the plan %v, but %d steps end on heart rate", intervals, steered)
			}
			// The files' names and the names a watch lists them by.
			golden.Check(t, filepath.Join("testdata", "workouts_"+name+".txt"), names.Bytes())
		})
	}
}

type icalTime struct {
	Value  string `json:"value"`
	IsDate bool   `json:"isDate"`
	TZ     string `json:"tz"`
}

type icalEvent struct {
	UID         string   `json:"uid"`
	Summary     string   `json:"summary"`
	Description string   `json:"description"`
	Start       icalTime `json:"start"`
	End         icalTime `json:"end"`
	Categories  []string `json:"categories"`
	Sequence    int      `json:"sequence"`
	Status      string   `json:"status"`
}

// TestCalendarReadByICalJS exports the three plans as iCalendar feeds and
// has ical.js, Thunderbird's parser, read every event back: UIDs, times,
// summaries and descriptions exactly as planned.
func TestCalendarReadByICalJS(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	stamp := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	for name, p := range exportPlans(t) {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Calendar(&b, store.DefaultAthlete, p, loc, stamp); err != nil {
				t.Fatal(err)
			}
			f := filepath.Join(t.TempDir(), "plan.ics")
			if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			var got []struct {
				Events []icalEvent `json:"events"`
			}
			interop.Run(t, "ics.mjs", &got, f)
			if len(got) != 1 {
				t.Fatalf("%d calendars read, want 1", len(got))
			}
			var want []icalEvent
			for _, wk := range p.Weeks {
				for _, s := range wk.Sessions {
					want = append(want, wantEvent(s, loc))
				}
			}
			events := got[0].Events
			if len(events) != len(want) {
				t.Fatalf("%d events read, want %d", len(events), len(want))
			}
			uids := map[string]bool{}
			for i := range want {
				if uids[events[i].UID] {
					t.Errorf("UID %s twice", events[i].UID)
				}
				uids[events[i].UID] = true
				g, w := events[i], want[i]
				if g.UID != w.UID || g.Summary != w.Summary || g.Description != w.Description || g.Start != w.Start || g.End != w.End ||
					strings.Join(g.Categories, ",") != strings.Join(w.Categories, ",") || g.Sequence != 0 || g.Status != "" {
					t.Errorf("event %d:\n got %+v\nwant %+v", i, g, w)
				}
			}
		})
	}
}

// wantEvent is the event a session should be: all-day unless it has a
// slot, then timed in UTC from 07:00 or 18:30 local.
func wantEvent(s plan.Session, loc *time.Location) icalEvent {
	e := icalEvent{
		UID:         s.Date.String() + "-" + string(s.Slot) + ".athlete-1@easyrun",
		Summary:     s.Title(),
		Description: strings.Join(s.Targets(), "\n"),
		Start:       icalTime{Value: s.Date.String(), IsDate: true, TZ: "floating"},
		End:         icalTime{Value: s.Date.AddDays(1).String(), IsDate: true, TZ: "floating"},
		Categories:  []string{string(s.Kind)},
	}
	if s.Hard {
		e.Categories = append(e.Categories, "hard")
	}
	at := map[plan.Slot]time.Duration{plan.Morning: 7 * time.Hour, plan.Evening: 18*time.Hour + 30*time.Minute}[s.Slot]
	if at > 0 && s.Duration > 0 {
		d := s.Date.Time()
		start := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc).Add(at).UTC()
		e.Start = icalTime{Value: start.Format("2006-01-02T15:04:05Z"), TZ: "UTC"}
		e.End = icalTime{Value: start.Add(s.Duration).Format("2006-01-02T15:04:05Z"), TZ: "UTC"}
	}
	return e
}

// TestCalendarAfterChange saves a plan, then a changed one in its place
// (a week less, the long run a day later), as the store would, and has ical.js read
// both calendars: every event of the first is in the second under its
// UID, a changed one with a higher SEQUENCE, a dropped one CANCELLED with
// a higher SEQUENCE, an unchanged one with the SEQUENCE it had. The same
// plan and stamp give the same bytes.
func TestCalendarAfterChange(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	stamps := []time.Time{time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)}
	a := activity.Athlete{MaxHR: activity.Value{V: 190, Origin: activity.SetByRunner},
		RestingHR: activity.Value{V: 50, Origin: activity.SetByRunner}, Zones: activity.PercentMax, Units: activity.Kilometres}
	prof := plan.NewProfile(a, 0, rules.Default())
	reqs := []plan.Request{
		{Hard: mustHard(t, "tue:intervals,thu:threshold,sat:long"), Volume: plan.Volume{Duration: 8 * time.Hour},
			Experience: activity.Experienced, Doubles: true, Start: plan.Date{Year: 2026, Month: time.November, Day: 30}, Weeks: 2},
		{Hard: mustHard(t, "tue:intervals,thu:threshold,sun:long"), Volume: plan.Volume{Duration: 8 * time.Hour},
			Experience: activity.Experienced, Doubles: true, Start: plan.Date{Year: 2026, Month: time.November, Day: 30}},
	}
	var saved []*plan.Plan
	var files []string
	var prev *plan.Plan
	for i, req := range reqs {
		p, err := plan.Block(req, prof)
		if err != nil {
			t.Fatal(err)
		}
		plan.Revise(prev, &p)
		prev = storedPlan(t, &p)
		saved = append(saved, prev)
		var b, again bytes.Buffer
		for _, buf := range []*bytes.Buffer{&b, &again} {
			if err := Calendar(buf, store.DefaultAthlete, prev, loc, stamps[i]); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(b.Bytes(), again.Bytes()) {
			t.Errorf("plan %d: two calendars of the same plan differ", i+1)
		}
		f := filepath.Join(t.TempDir(), "plan.ics")
		if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		if i == 1 {
			golden.Check(t, filepath.Join("testdata", "plan_changed.ics"), b.Bytes())
		}
	}
	var got []struct {
		Events []icalEvent `json:"events"`
	}
	interop.Run(t, "ics.mjs", &got, files...)
	if len(got) != 2 {
		t.Fatalf("%d calendars read, want 2", len(got))
	}
	// What each session was and became, by UID.
	content := func(p *plan.Plan) map[string]string {
		m := map[string]string{}
		for _, wk := range p.Weeks {
			for _, s := range wk.Sessions {
				s.Revision = 0
				b, err := json.Marshal(s)
				if err != nil {
					t.Fatal(err)
				}
				m[wantEvent(s, loc).UID] = string(b)
			}
		}
		return m
	}
	before, after := content(saved[0]), content(saved[1])
	second := map[string]icalEvent{}
	for _, e := range got[1].Events {
		if _, twice := second[e.UID]; twice {
			t.Errorf("UID %s twice", e.UID)
		}
		second[e.UID] = e
	}
	counts := map[string]int{}
	for _, e := range got[0].Events {
		n, ok := second[e.UID]
		var want string
		switch {
		case !ok:
			t.Errorf("event %s of the first calendar is not in the second", e.UID)
			continue
		case after[e.UID] == "":
			want = "cancelled"
			if n.Status != "CANCELLED" || n.Sequence <= e.Sequence || n.Summary != e.Summary || n.Start != e.Start || n.End != e.End {
				t.Errorf("dropped %s: %+v, want it CANCELLED at its time with SEQUENCE above %d", e.UID, n, e.Sequence)
			}
		case after[e.UID] != before[e.UID]:
			want = "changed"
			if n.Status != "" || n.Sequence <= e.Sequence {
				t.Errorf("changed %s: status %q, SEQUENCE %d, want SEQUENCE above %d", e.UID, n.Status, n.Sequence, e.Sequence)
			}
		default:
			want = "unchanged"
			if !reflect.DeepEqual(n, e) {
				t.Errorf("unchanged %s:\n got %+v\nwant %+v", e.UID, n, e)
			}
		}
		counts[want]++
	}
	if counts["cancelled"] == 0 || counts["changed"] == 0 || counts["unchanged"] == 0 {
		t.Errorf("events cancelled, changed, unchanged: %v; want some of each", counts)
	}
	if n := len(got[1].Events) - len(after); n != counts["cancelled"] {
		t.Errorf("%d cancelled events in the second calendar, want %d", n, counts["cancelled"])
	}
}

// storedPlan is p as the store gives it back: through JSON.
func storedPlan(t *testing.T, p *plan.Plan) *plan.Plan {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var q plan.Plan
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	return &q
}

// TestWatchName checks the names a watch lists workouts by: the day, then
// intervals by their repeats and other runs by length.
func TestWatchName(t *testing.T) {
	tue := plan.Date{Year: 2026, Month: time.December, Day: 8}
	block := func(work activity.Step) []activity.Step {
		return []activity.Step{{Duration: 15 * time.Minute}, {Repeat: 6, Steps: []activity.Step{work, {Duration: 2 * time.Minute}}}}
	}
	tests := []struct {
		s    plan.Session
		want string
	}{
		{plan.Session{Date: tue, Kind: plan.Intervals, Duration: time.Hour, Workout: activity.Workout{Steps: block(activity.Step{Duration: 3 * time.Minute})}},
			"Tue 8 Dec intervals 6×3 min"},
		{plan.Session{Date: tue, Kind: plan.Intervals, Duration: time.Hour, Workout: activity.Workout{Steps: block(activity.Step{Duration: 90 * time.Second})}},
			"Tue 8 Dec intervals 6×90 s"},
		{plan.Session{Date: tue, Kind: plan.Intervals, Duration: time.Hour, Workout: activity.Workout{Steps: block(activity.Step{DistanceM: 800})}},
			"Tue 8 Dec intervals 6×800 m"},
		{plan.Session{Date: tue, Kind: plan.Long, Duration: 105 * time.Minute, HR: plan.HR{HighBPM: 150},
			Workout: activity.Workout{Steps: []activity.Step{{Duration: 105 * time.Minute}}}}, "Tue 8 Dec long run 1 h 45 min"},
		{plan.Session{Date: tue.AddDays(-1), Kind: plan.Recovery, Duration: 35 * time.Minute, HR: plan.HR{HighBPM: 133}},
			"Mon 7 Dec recovery run 35 min"},
	}
	for _, tt := range tests {
		if got := watchName(tt.s); got != tt.want {
			t.Errorf("watchName(%s %s) = %q, want %q", tt.s.Date, tt.s.Kind, got, tt.want)
		}
	}
}
