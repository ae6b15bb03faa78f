package api

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/interop"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// weekBody is a plan request the rules accept: three hard days apart for
// an intermediate runner (a new runner's derived experience is beginner,
// who gets at most two).
var weekBody = map[string]any{"hard": []string{"tue:intervals", "thu:threshold", "sun:long"}, "volume": "5h", "start": "2026-03-16", "experience": "intermediate"}

// putPlan makes the plan of body, failing t unless it is made.
func putPlan(t *testing.T, h http.Handler, body any) plan.Plan {
	t.Helper()
	r := call(t, h, "PUT", "/api/v1/plan", body)
	wantStatus(t, r, http.StatusOK, "")
	var p plan.Plan
	r.json(t, &p)
	return p
}

// sessions counts the plan's sessions, and those of them that are runs.
func sessions(p plan.Plan) (all, runs int) {
	for _, w := range p.Weeks {
		for _, s := range w.Sessions {
			all++
			if s.Kind != plan.Rest {
				runs++
			}
		}
	}
	return all, runs
}

func TestNoPlan(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, false, Config{})
	for _, path := range []string{"/api/v1/plan", "/api/v1/plan.ics", "/api/v1/plan/workouts.zip", "/api/v1/plan/review"} {
		t.Run(path, func(t *testing.T) {
			r := call(t, h, "GET", path, nil)
			wantStatus(t, r, http.StatusNotFound, httperr.CodeNoPlan)
			var e errorBody
			r.json(t, &e)
			if e.Error.Message != training.ErrNoPlan.Error() || e.Error.Details != nil {
				t.Errorf("error %+v; want training.ErrNoPlan's message and no details", e.Error)
			}
		})
	}
	r := call(t, h, "GET", "/api/v1/today", nil)
	wantStatus(t, r, http.StatusOK, "")
	var today map[string]any
	r.json(t, &today)
	if _, ok := today["plan"]; ok || today["advice"] == nil {
		t.Errorf("today %s; want the recommendation and no plan", r.body)
	}
}

func TestSetPlan(t *testing.T) {
	t.Parallel()
	fiveHours := 5 * time.Hour
	for _, tt := range []struct {
		name   string
		body   any
		status int
		code   string
		check  func(t *testing.T, p plan.Plan)
		msg    string // in the error's message
	}{
		{"volume as plan.Volume", map[string]any{"hard": []string{"tue:intervals", "sun:long"}, "volume": map[string]any{"duration": fiveHours}, "start": "2026-03-25", "experience": "intermediate"},
			http.StatusOK, "", func(t *testing.T, p plan.Plan) {
				// Any day stands for its week's Monday.
				if len(p.Weeks) != 1 || p.Weeks[0].Monday.String() != "2026-03-23" || p.Request.Volume.Duration != fiveHours {
					t.Errorf("%d weeks from %s, volume %+v; want one week from Monday 2026-03-23 of 5 h", len(p.Weeks), p.Weeks[0].Monday, p.Request.Volume)
				}
			}, ""},
		{"start defaults to next Monday", map[string]any{"hard": []string{"tue:intervals", "thu:threshold", "sun:long"}, "volume": "4h30m", "experience": "intermediate"},
			http.StatusOK, "", func(t *testing.T, p plan.Plan) {
				if p.Request.Start.String() != "2026-03-23" || p.Request.Volume.Duration != 4*time.Hour+30*time.Minute {
					t.Errorf("start %s, volume %+v; want next Monday, 2026-03-23, and 4 h 30 min", p.Request.Start, p.Request.Volume)
				}
			}, ""},
		{"distance", map[string]any{"hard": []string{"sat:long"}, "volume": "25km", "experience": "beginner", "start": "2026-03-23"},
			http.StatusOK, "", func(t *testing.T, p plan.Plan) {
				if p.Request.Volume.DistanceM != 25000 || p.Request.Experience != "beginner" || p.Weeks[0].Target.DistanceM != 25000 {
					t.Errorf("request %+v, target %+v; want 25 000 m for a beginner", p.Request, p.Weeks[0].Target)
				}
			}, ""},
		{"race by its name", map[string]any{"hard": []string{"tue:intervals", "sun:long"}, "volume": "5h", "experience": "intermediate", "race": map[string]any{"date": "2026-05-17", "name": "half"}},
			http.StatusOK, "", func(t *testing.T, p plan.Plan) {
				last := p.Weeks[len(p.Weeks)-1]
				if p.Request.Race.DistanceM != 21097.5 || p.Request.Start.String() != "2026-03-23" || len(p.Weeks) != 8 || last.Phase != "race" {
					t.Errorf("race %+v from %s in %d weeks, last %q; want a half marathon, 8 weeks from next Monday to the race's week",
						p.Request.Race, p.Request.Start, len(p.Weeks), last.Phase)
				}
			}, ""},
		{"race and weeks count back", map[string]any{"hard": []string{"tue:intervals", "sun:long"}, "volume": "5h", "experience": "intermediate", "weeks": 6,
			"race": map[string]any{"date": "2026-05-17", "distance_m": 10000, "name": "10k"}},
			http.StatusOK, "", func(t *testing.T, p plan.Plan) {
				if p.Request.Start.String() != "2026-04-06" || len(p.Weeks) != 6 {
					t.Errorf("%d weeks from %s; want the 6 weeks to the race, from 2026-04-06", len(p.Weeks), p.Request.Start)
				}
			}, ""},
		{"bad volume", map[string]any{"hard": []string{"tue:intervals"}, "volume": "5x"}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "weekly volume \"5x\""},
		{"no volume", map[string]any{"hard": []string{"tue:intervals"}}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "needs a time or a distance"},
		{"volume of both", map[string]any{"volume": map[string]any{"duration": fiveHours, "distance_m": 5000}}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "needs a time or a distance"},
		{"volume field", map[string]any{"volume": map[string]any{"hours": 5}}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "unknown field \"hours\""},
		{"volume a number", map[string]any{"volume": 5}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "want {\"duration\": nanoseconds}"},
		{"not hard", map[string]any{"hard": []string{"tue:jog"}, "volume": "5h"}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "is not a hard session"},
		{"a day twice", map[string]any{"hard": []string{"tue:intervals", "tue:long"}, "volume": "5h"}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "tue appears twice"},
		{"experience", map[string]any{"volume": "5h", "experience": "elite"}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "experience \"elite\""},
		{"start", map[string]any{"volume": "5h", "start": "next week"}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "want YYYY-MM-DD"},
		{"race distance", map[string]any{"volume": "5h", "race": map[string]any{"date": "2026-05-17", "name": "ultra"}}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "race distance \"ultra\""},
		{"race before start", map[string]any{"volume": "5h", "race": map[string]any{"date": "2026-03-01", "name": "10k"}}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "comes before the first week"},
		{"weeks", map[string]any{"volume": "5h", "weeks": 60}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "60 weeks"},
		{"unknown field", map[string]any{"volume": "5h", "days": 3}, http.StatusBadRequest, httperr.CodeBadRequest, nil, "unknown field \"days\""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, _ := newAPI(t, false, Config{})
			r := call(t, h, "PUT", "/api/v1/plan", tt.body)
			wantStatus(t, r, tt.status, tt.code)
			if tt.check == nil {
				var e errorBody
				r.json(t, &e)
				if !strings.Contains(e.Error.Message, tt.msg) {
					t.Errorf("message %q, want it to say %q", e.Error.Message, tt.msg)
				}
				return
			}
			var p plan.Plan
			r.json(t, &p)
			tt.check(t, p)
			// What was made is the runner's plan now.
			got := call(t, h, "GET", "/api/v1/plan", nil)
			wantStatus(t, got, http.StatusOK, "")
			if !bytes.Equal(got.body, r.body) {
				t.Errorf("GET answers\n%s\nwant the plan PUT answered\n%s", got.body, r.body)
			}
		})
	}
}

func TestPlanRefused(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, false, Config{})
	wantStatus(t, call(t, h, "PUT", "/api/v1/plan", weekBody), http.StatusOK, "")
	// As it stands today: adapted to what was run (nothing, so far).
	kept := call(t, h, "GET", "/api/v1/plan", nil)

	// Hard days back to back leave no day to recover.
	r := call(t, h, "PUT", "/api/v1/plan", map[string]any{"hard": []string{"tue:intervals", "wed:threshold", "sun:long"}, "volume": "5h", "experience": "intermediate"})
	wantStatus(t, r, http.StatusUnprocessableEntity, httperr.CodePlanRefused)
	var e struct {
		Error struct {
			Message string       `json:"message"`
			Details plan.Refusal `json:"details"`
		} `json:"error"`
	}
	r.json(t, &e)
	d := e.Error.Details
	if d.Reason == "" || d.Change == "" || !strings.Contains(e.Error.Message, d.Reason) || d.Proposal.Volume.Duration != 5*time.Hour {
		t.Fatalf("refusal %+v, message %q; want a reason, told in the message, a change, and the 5 h proposal", d, e.Error.Message)
	}
	if got := call(t, h, "GET", "/api/v1/plan", nil); !bytes.Equal(got.body, kept.body) {
		t.Errorf("after a refusal the plan is\n%s\nwant the one there was", got.body)
	}

	// The proposal, sent back as it is, is planned.
	p := putPlan(t, h, d.Proposal)
	if p.Request.Start != d.Proposal.Start || len(p.Request.Hard) != len(d.Proposal.Hard) {
		t.Errorf("planned %+v, want the proposal %+v", p.Request, d.Proposal)
	}
}

func TestPlanCalendar(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, false, Config{})
	p := putPlan(t, h, weekBody)
	r := call(t, h, "GET", "/api/v1/plan.ics", nil)
	wantStatus(t, r, http.StatusOK, "")
	if ct, cd := r.header.Get("Content-Type"), r.header.Get("Content-Disposition"); ct != "text/calendar; charset=utf-8" || cd != "attachment; filename=easyrun-plan.ics" {
		t.Errorf("Content-Type %q, Content-Disposition %q; want text/calendar; charset=utf-8, an attachment easyrun-plan.ics", ct, cd)
	}
	body := string(r.body)
	if !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(body, "END:VCALENDAR\r\n") {
		t.Errorf("calendar does not begin with BEGIN:VCALENDAR and end with END:VCALENDAR, with CRLF:\n%.200s", body)
	}
	if bare := strings.Count(body, "\n") - strings.Count(body, "\r\n"); bare != 0 {
		t.Errorf("%d lines end in a bare LF; RFC 5545 wants CRLF", bare)
	}
	// One event per session, each with its own UID: the athlete, day and slot.
	uid := regexp.MustCompile(`(?m)^UID:(\d{4}-\d\d-\d\d-(any|morning|evening)\.athlete-1@easyrun)\r$`)
	uids := map[string]bool{}
	for _, m := range uid.FindAllStringSubmatch(body, -1) {
		uids[m[1]] = true
	}
	all, _ := sessions(p)
	if n := strings.Count(body, "BEGIN:VEVENT\r\n"); n != all || len(uids) != all {
		t.Errorf("%d events, %d distinct UIDs of the form day-slot.athlete-1@easyrun; want one each for the %d sessions", n, len(uids), all)
	}
}

// TestPlanCalendarAfterChange replaces the plan with the next week's:
// the calendar, the same on every GET, cancels every event of the first
// under its UID with a higher SEQUENCE, and adds the new week's.
func TestPlanCalendarAfterChange(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, false, Config{})
	uids := regexp.MustCompile(`(?m)^UID:(.+)\r$`)
	sequence := regexp.MustCompile(`(?m)^SEQUENCE:(\d+)\r$`)
	first := putPlan(t, h, weekBody)
	r := call(t, h, "GET", "/api/v1/plan.ics", nil)
	wantStatus(t, r, http.StatusOK, "")
	before := uids.FindAllStringSubmatch(string(r.body), -1)
	seq := func(event string) int { // absent: 0
		if m := sequence.FindStringSubmatch(event); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
		return 0
	}
	seqBefore := map[string]int{}
	for _, e := range strings.Split(string(r.body), "BEGIN:VEVENT\r\n")[1:] {
		seqBefore[uids.FindStringSubmatch(e)[1]] = seq(e)
	}

	next := maps.Clone(weekBody)
	next["start"] = "2026-03-23"
	second := putPlan(t, h, next)
	if len(second.Cancelled) != len(before) {
		t.Errorf("the new plan cancels %d sessions, want the %d of the plan it replaced", len(second.Cancelled), len(before))
	}
	r = call(t, h, "GET", "/api/v1/plan.ics", nil)
	wantStatus(t, r, http.StatusOK, "")
	if again := call(t, h, "GET", "/api/v1/plan.ics", nil); !bytes.Equal(again.body, r.body) {
		t.Error("two GETs of the same plan's calendar differ")
	}
	events := strings.Split(string(r.body), "BEGIN:VEVENT\r\n")[1:]
	all, _ := sessions(first)
	if len(events) != all+len(before) {
		t.Fatalf("%d events, want the %d sessions of the new week and %d cancelled", len(events), all, len(before))
	}
	for i, m := range before {
		e := events[all+i]
		if !strings.Contains(e, "UID:"+m[1]+"\r\n") || !strings.Contains(e, "\r\nSTATUS:CANCELLED\r\n") || seq(e) <= seqBefore[m[1]] {
			t.Errorf("event %d of the old week, %s, comes back as:\n%s\nwant it cancelled, with a SEQUENCE above the %d exported", i, m[1], e, seqBefore[m[1]])
		}
	}
}

func TestPlanWorkouts(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, false, Config{})
	p := putPlan(t, h, weekBody)
	r := call(t, h, "GET", "/api/v1/plan/workouts.zip", nil)
	wantStatus(t, r, http.StatusOK, "")
	if ct, cd := r.header.Get("Content-Type"), r.header.Get("Content-Disposition"); ct != "application/zip" || cd != "attachment; filename=easyrun-workouts.zip" {
		t.Errorf("Content-Type %q, Content-Disposition %q; want application/zip, an attachment easyrun-workouts.zip", ct, cd)
	}
	zr, err := zip.NewReader(bytes.NewReader(r.body), int64(len(r.body)))
	if err != nil {
		t.Fatalf("read the zip: %v", err)
	}
	_, runs := sessions(p)
	if len(zr.File) != runs || runs == 0 {
		t.Fatalf("%d files, want one per run of the plan: %d", len(zr.File), runs)
	}
	dir := t.TempDir()
	var first string
	for _, f := range zr.File {
		data := readZipped(t, f)
		// A FIT file: its header's size, then the data's size, ".FIT",
		// and after the data a 2-byte CRC.
		if !strings.HasSuffix(f.Name, ".fit") || len(data) < 14 || string(data[8:12]) != ".FIT" {
			t.Errorf("%s (%d bytes) is not a FIT file", f.Name, len(data))
			continue
		}
		if header, size := int(data[0]), int(binary.LittleEndian.Uint32(data[4:8])); header+size+2 != len(data) {
			t.Errorf("%s: %d bytes, want the %d of the header, the %d of data and 2 of CRC", f.Name, len(data), header, size)
		}
		if first == "" {
			first = filepath.Join(dir, f.Name)
			if err := os.WriteFile(first, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	if first == "" {
		return
	}
	var got []struct {
		IsFIT          bool  `json:"isFIT"`
		CheckIntegrity bool  `json:"checkIntegrity"`
		Errors         []any `json:"errors"`
		Workout        []any `json:"workout"`
		Steps          []any `json:"steps"`
	}
	interop.Run(t, "fit-workout.mjs", &got, first)
	if len(got) != 1 || !got[0].IsFIT || !got[0].CheckIntegrity || len(got[0].Errors) > 0 || len(got[0].Workout) != 1 || len(got[0].Steps) == 0 {
		t.Errorf("Garmin's FIT SDK reads %s as %+v; want a sound FIT file of one workout with steps", filepath.Base(first), got)
	}
}

// readZipped is the content of f, failing t.
func readZipped(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatalf("open %s: %v", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read %s: %v", f.Name, err)
	}
	return data
}

func TestPlanReview(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	// Two weeks to Sunday: the review sees the days through yesterday.
	putPlan(t, h, map[string]any{"hard": []string{"tue:intervals", "thu:threshold", "sun:long"}, "volume": "5h", "start": "2026-03-09", "weeks": 2, "experience": "intermediate"})
	for _, tt := range []struct {
		query       string
		status      int
		code        string
		first, last string // the latest and earliest days reviewed
	}{
		{"", http.StatusOK, "", "2026-03-19", "2026-03-09"},
		{"?days=3", http.StatusOK, "", "2026-03-19", "2026-03-17"},
		{"?days=0", http.StatusBadRequest, httperr.CodeBadRequest, "", ""},
		{"?days=367", http.StatusBadRequest, httperr.CodeBadRequest, "", ""},
		{"?days=two", http.StatusBadRequest, httperr.CodeBadRequest, "", ""},
	} {
		t.Run(tt.query, func(t *testing.T) {
			r := call(t, h, "GET", "/api/v1/plan/review"+tt.query, nil)
			wantStatus(t, r, tt.status, tt.code)
			if tt.status != http.StatusOK {
				return
			}
			var vs []plan.Verdict
			r.json(t, &vs)
			if len(vs) == 0 || vs[0].Date.String() != tt.first || vs[len(vs)-1].Date.String() != tt.last {
				t.Fatalf("%d verdicts; want the days from %s back to %s", len(vs), tt.first, tt.last)
			}
			for _, v := range vs {
				if v.Status == "" || v.Text == "" {
					t.Errorf("verdict %+v has no status or text", v)
				}
			}
		})
	}

	// A plan yet to start has no session to review.
	putPlan(t, h, map[string]any{"volume": "5h", "start": "2026-04-06"})
	r := call(t, h, "GET", "/api/v1/plan/review", nil)
	wantStatus(t, r, http.StatusOK, "")
	if strings.TrimSpace(string(r.body)) != "[]" {
		t.Errorf("review of a plan yet to start: %s, want []", r.body)
	}
}

func TestTodayPlan(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	putPlan(t, h, weekBody) // this week, Friday today
	r := call(t, h, "GET", "/api/v1/today", nil)
	wantStatus(t, r, http.StatusOK, "")
	var today Today
	r.json(t, &today)
	if today.Date != "2026-03-20" || today.Advice == "" || len(today.Reasons) == 0 {
		t.Errorf("recommendation %+v; want today's, with advice and reasons, under its own names", today.Recommendation)
	}
	day := today.Plan
	if day == nil || day.Date.String() != "2026-03-20" || len(day.Planned) == 0 || len(day.Verdicts) == 0 {
		t.Fatalf("plan %+v; want today's sessions and yesterday's verdicts", day)
	}
	for _, s := range day.Planned {
		if s.Date != day.Date {
			t.Errorf("planned for today: a session of %s", s.Date)
		}
	}
	// The CLI's today --json says the same.
	var rec recovery.Recommendation
	r.json(t, &rec)
	if rec.Advice != today.Advice {
		t.Errorf("advice %q read as a Recommendation, want %q", rec.Advice, today.Advice)
	}
}

// TestPlanProjection: the projection over the plan, from today to its
// end, by the schema; none before a plan.
func TestPlanProjection(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	wantStatus(t, call(t, h, "GET", "/api/v1/plan/projection", nil), http.StatusNotFound, httperr.CodeNoPlan)
	putPlan(t, h, map[string]any{"hard": []string{"tue:intervals", "thu:threshold", "sun:long"}, "volume": "5h", "start": "2026-03-09", "weeks": 2, "experience": "intermediate"})
	r := call(t, h, "GET", "/api/v1/plan/projection", nil)
	wantStatus(t, r, http.StatusOK, "")
	var pr training.Projection
	r.json(t, &pr)
	if len(pr.Rates) != 6 || len(pr.Days) < 2 || pr.Days[0].Label != "today" || pr.Days[len(pr.Days)-1].Label != "Monday" {
		t.Errorf("projection %+v; want six rates, today and the Mondays to the plan's end", pr)
	}
}
