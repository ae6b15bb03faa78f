package plan

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/golden"
	"github.com/easyrun/easyrun/rules"
)

func TestRefusals(t *testing.T) {
	p := runner(t)
	tests := []struct {
		name       string
		exp        activity.Experience
		hard       string
		volume     Volume
		wantReason string
		wantChange string
	}{
		{"four hard days in five", activity.Intermediate, "mon:intervals,tue:threshold,wed:long,fri:race", Volume{Duration: 5 * time.Hour},
			"4 hard days; at most 3: each hard day needs the next day for recovery or rest, so 3 hard days take 6 of the 7 days and a fourth would stand next to another",
			"drop tue:threshold"},
		{"back to back", activity.Intermediate, "tue:intervals,wed:threshold,sun:long", Volume{Duration: 5 * time.Hour},
			"intervals on tue and threshold session on wed: two hard days back to back; every hard day needs recovery or rest the day after",
			"move threshold from wed to thu"},
		{"sunday before monday", activity.Intermediate, "mon:intervals,thu:threshold,sun:long", Volume{Duration: 5 * time.Hour},
			"long run on sun and intervals on mon: two hard days back to back; every hard day needs recovery or rest the day after",
			"move long from sun to sat"},
		{"beginner with three", activity.Beginner, "tue:intervals,thu:threshold,sat:long", Volume{Duration: 2 * time.Hour},
			"3 hard days; at most 2: a beginner runs 3 or 4 days a week: with recovery or rest after each hard day, 2 hard days keep the rest of the running easy",
			"drop tue:intervals"},
		{"two long runs", activity.Experienced, "wed:long,sat:long", Volume{Duration: 7 * time.Hour},
			"two long runs: one a week, at most 30 % of its volume",
			"drop wed:long"},
		{"too much volume", activity.Intermediate, "tue:intervals,thu:threshold,sun:long", Volume{Duration: 12 * time.Hour},
			"12 h is more than the days around these hard sessions hold at low intensity: for you, at most 7 run days, recovery runs of at most 40 min and easy runs of at most 1 h",
			"weekly volume 7 h instead of 12 h"},
		{"too little volume", activity.Intermediate, "tue:intervals,thu:threshold,sun:long", Volume{Duration: 2 * time.Hour},
			"2 h is less than the hard sessions alone take: 2 h 10 min",
			"weekly volume 2 h 05 min instead of 2 h"},
		{"too far", activity.Beginner, "sat:long", Volume{DistanceM: 60000},
			"60.0 km is more than the days around these hard sessions hold at low intensity: for you, at most 4 run days, recovery runs of at most 30 min and easy runs of at most 45 min",
			"weekly volume 29.0 km instead of 60.0 km"},
		{"both", activity.Intermediate, "tue:intervals,wed:threshold,sun:long", Volume{Duration: 10 * time.Hour},
			"intervals on tue and threshold session on wed: two hard days back to back; every hard day needs recovery or rest the day after",
			"move threshold from wed to thu; weekly volume 7 h instead of 10 h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := Request{Hard: hardOf(t, tt.hard), Volume: tt.volume, Experience: tt.exp, Start: date(t, "2026-11-23")}
			_, err := Build(req, p)
			var ref *Refusal
			if !errors.As(err, &ref) {
				t.Fatalf("Build = %v; want a refusal", err)
			}
			if ref.Reason != tt.wantReason || ref.Change != tt.wantChange {
				t.Errorf("refusal\n reason %q\n change %q\nwant\n reason %q\n change %q", ref.Reason, ref.Change, tt.wantReason, tt.wantChange)
			}
			if _, err := Build(ref.Proposal, p); err != nil {
				t.Errorf("the proposal does not build: %v", err)
			}
		})
	}
}

func TestInvalid(t *testing.T) {
	p := runner(t)
	start := date(t, "2026-11-23")
	race := &Goal{Date: date(t, "2026-11-01"), DistanceM: 42195, Name: "marathon"}
	tests := []struct {
		name string
		req  Request
	}{
		{"no volume", Request{Start: start}},
		{"two volumes", Request{Start: start, Volume: Volume{Duration: time.Hour, DistanceM: 1000}}},
		{"no start", Request{Volume: Volume{Duration: 5 * time.Hour}}},
		{"not a hard kind", Request{Start: start, Volume: Volume{Duration: 5 * time.Hour}, Hard: []HardChoice{{time.Tuesday, Easy}}}},
		{"race before start", Request{Start: start, Volume: Volume{Duration: 5 * time.Hour}, Race: race}},
		{"race not in the last week", Request{Start: start, Weeks: 3, Volume: Volume{Duration: 5 * time.Hour}, Race: &Goal{Date: date(t, "2027-04-11"), DistanceM: 42195}}},
		{"race without a distance", Request{Start: start, Volume: Volume{Duration: 5 * time.Hour}, Race: &Goal{Date: date(t, "2027-04-11")}}},
	}
	for _, tt := range tests {
		if _, err := Block(tt.req, p); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Block = %v; want ErrInvalid", tt.name, err)
		}
	}
}

// TestRunners checks the three runners of the issue on their usual weeks:
// how many sessions and run days each gets.
func TestRunners(t *testing.T) {
	p := runner(t)
	tests := []struct {
		name                      string
		req                       Request
		wantSessions, wantRunDays int
	}{
		{"beginner", Request{Hard: hardOf(t, "tue:intervals,sat:long"), Volume: Volume{Duration: 100 * time.Minute}, Experience: activity.Beginner}, 3, 3},
		{"intermediate", Request{Hard: hardOf(t, "tue:intervals,sun:long"), Volume: Volume{Duration: 4 * time.Hour}, Experience: activity.Intermediate}, 5, 5},
		{"experienced with doubles", Request{Hard: hardOf(t, "tue:intervals,thu:threshold,sun:long"), Volume: Volume{Duration: 8 * time.Hour}, Experience: activity.Experienced, Doubles: true}, 9, 7},
	}
	for _, tt := range tests {
		tt.req.Start = date(t, "2026-11-23")
		w, err := Build(tt.req, p)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		sessions, days := 0, map[Date]bool{}
		for _, s := range w.Sessions {
			if s.Kind != Rest {
				sessions++
				days[s.Date] = true
			}
		}
		if sessions != tt.wantSessions || len(days) != tt.wantRunDays {
			t.Errorf("%s: %d sessions on %d days; want %d on %d", tt.name, sessions, len(days), tt.wantSessions, tt.wantRunDays)
		}
	}
}

func TestGolden(t *testing.T) {
	p := runner(t)
	start := date(t, "2026-11-23")
	week := func(name string, req Request) {
		t.Run(name, func(t *testing.T) {
			w, err := Build(req, p)
			if err != nil {
				t.Fatal(err)
			}
			golden.JSON(t, filepath.Join("testdata", name+".json"), w)
		})
	}
	week("week_intermediate", Request{Hard: hardOf(t, "tue:intervals,thu:threshold,sun:long"), Volume: Volume{Duration: 5 * time.Hour},
		Experience: activity.Intermediate, Start: start})
	week("week_beginner", Request{Hard: hardOf(t, "tue:intervals,sat:long"), Volume: Volume{Duration: 100 * time.Minute},
		Experience: activity.Beginner, Start: start})
	week("week_experienced_doubles", Request{Hard: hardOf(t, "tue:intervals,thu:threshold,sun:long"), Volume: Volume{DistanceM: 80000},
		Experience: activity.Experienced, Doubles: true, Start: start})
	t.Run("block_marathon", func(t *testing.T) {
		m, name, err := ParseRaceDistance("marathon")
		if err != nil {
			t.Fatal(err)
		}
		pl, err := Block(Request{Hard: hardOf(t, "tue:intervals,thu:threshold,sun:long"), Volume: Volume{Duration: 5 * time.Hour},
			Experience: activity.Intermediate, Weeks: 12, Race: &Goal{Date: date(t, "2027-04-11"), DistanceM: m, Name: name}}, p)
		if err != nil {
			t.Fatal(err)
		}
		golden.JSON(t, filepath.Join("testdata", "block_marathon.json"), pl)
	})
}

// TestProfileWithoutMaxHR plans by RPE alone, in miles, and says so.
func TestProfileWithoutMaxHR(t *testing.T) {
	p := NewProfile(activity.Athlete{Units: activity.Miles}, 2.8, rules.Default())
	if len(p.Missing) == 0 || p.Cap.BPM != 0 {
		t.Fatalf("profile without max HR: %+v", p)
	}
	w, err := Build(Request{Hard: hardOf(t, "tue:intervals,sun:long"), Volume: Volume{Duration: 4 * time.Hour},
		Experience: activity.Intermediate, Start: date(t, "2026-11-23")}, p)
	if err != nil {
		t.Fatal(err)
	}
	rec := mainSession(w, date(t, "2026-11-25"))
	if rec.Kind != Recovery || rec.HR.HighBPM != 0 || rec.HR.Reason != "no heart-rate ceiling: max HR unknown; keep to RPE 3, full conversation" ||
		rec.Unit != activity.Miles || rec.Approximate || rec.Distance != float64(int(rec.DistanceM/metresPerMile*10+0.5))/10 {
		t.Errorf("recovery run without max HR: %+v", rec)
	}
	checkWorkouts(t, w)
}
