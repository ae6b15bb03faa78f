package web

import (
	"archive/zip"
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// weekForm is the plan form of a week with hard days hard ("tue": "intervals") from
// this week's Monday, so that the test clock's Wednesday has days run
// against the plan and days to come.
func weekForm(hard map[string]string, volume string) url.Values {
	f := url.Values{"volume": {volume}, "experience": {""}, "start": {"2026-11-23"}, "weeks": {""}, "race": {""}, "distance": {""}}
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		f.Set("hard_"+d, hard[d])
	}
	return f
}

// hiddenFields reads the hidden fields of the first form after marker in page.
func hiddenFields(page, marker string) url.Values {
	_, rest, _ := strings.Cut(page, marker)
	form, _, _ := strings.Cut(rest, "</form>")
	f := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="(\w+)" value="([^"]*)">`).FindAllStringSubmatch(form, -1) {
		f.Set(m[1], m[2])
	}
	return f
}

// checkPage fails t unless res has status and body holds every want and
// passes the HTML checks.
func checkPage(t *testing.T, res *http.Response, body string, status int, want ...string) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("status %d, want %d:\n%s", res.StatusCode, status, body)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	for _, p := range checkHTML(body) {
		t.Errorf("HTML: %s", p)
	}
}

func TestPlanPage(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 6)
	s := newServer(st)

	res, body := get(t, s, "/plan")
	checkPage(t, res, body, 200, "<h1>Plan</h1>", "No plan yet", "Make a plan", `id="hard_mon"`,
		`name="start" type="date" required value="2026-11-30"`) // next Monday
	if strings.Contains(body, "/api/v1/plan.ics") {
		t.Error("the page offers downloads before there is a plan")
	}
	// The dashboard shows no plan yet, and keeps its advice until a write.
	if _, body := get(t, s, "/"); strings.Contains(body, "Your plan") || !strings.Contains(body, `href="/plan"`) {
		t.Error("the dashboard without a plan does not invite to make one")
	}

	tests := []struct {
		name   string
		form   url.Values
		status int
		want   []string
	}{
		{"no volume", weekForm(map[string]string{"tue": "intervals"}, ""), 400,
			[]string{"Give a weekly volume", `<option value="intervals" selected>`}},
		{"bad volume", weekForm(map[string]string{"tue": "intervals"}, "fast"), 400,
			[]string{"Weekly volume &#34;fast&#34;: want a time", `value="fast"`}},
		{"race without distance", func() url.Values {
			f := weekForm(nil, "4h")
			f.Set("race", "2027-04-11")
			return f
		}(), 400, []string{"A goal race needs both its date and its distance."}},
		{"unknown kind", weekForm(map[string]string{"tue": "sprints"}, "4h"), 400, []string{"is not a hard session"}},
		{"back to back", weekForm(map[string]string{"tue": "intervals", "wed": "threshold", "sun": "long"}, "5h"), 422,
			[]string{"This plan breaks the rules", "Cannot plan this: ", "Nearest that works: <strong>", "Use the nearest plan",
				`<input type="hidden" name="hard_tue" value="intervals">`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := post(t, s, "/plan", tt.form)
			checkPage(t, res, body, tt.status, tt.want...)
			if res, _ := get(t, s, "/plan"); res.StatusCode != 200 {
				t.Fatalf("GET /plan: status %d", res.StatusCode)
			}
			if _, body := get(t, s, "/plan"); !strings.Contains(body, "No plan yet") {
				t.Error("a refused or mistaken request made a plan")
			}
		})
	}

	// The refusal's one click makes the nearest plan.
	_, refused := post(t, s, "/plan", weekForm(map[string]string{"tue": "intervals", "wed": "threshold", "sun": "long"}, "5h"))
	nearest := hiddenFields(refused, `id="refusal-title"`)
	if nearest.Get("volume") == "" || nearest.Get("start") != "2026-11-23" {
		t.Fatalf("the nearest plan's form %v lacks the volume or the start", nearest)
	}
	res, body = post(t, s, "/plan", nearest)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/plan?made=1" {
		t.Fatalf("use the nearest plan: status %d to %q, want 303 to /plan?made=1:\n%s", res.StatusCode, res.Header.Get("Location"), body)
	}

	// A plan the rules accept, shown week by week and ready to edit.
	res, _ = post(t, s, "/plan", weekForm(map[string]string{"tue": "intervals", "thu": "threshold", "sun": "long"}, "5h"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("make a plan: status %d", res.StatusCode)
	}
	res, body = get(t, s, "/plan?made=1")
	checkPage(t, res, body, 200, "Saved as your plan", "Week 1 of 1", "From Mon 23 Nov 2026: target <strong>5 h</strong>",
		`<span class="tag">HARD</span> <strong>Intervals`, "planned-session k-recovery", "planned-session k-tempo hard",
		"Length: ", "Effort: RPE ", "Purpose: ", "Why this day: ", `href="/api/v1/plan.ics"`, `href="/api/v1/plan/workouts.zip"`,
		"GARMIN/NewFiles", "Change the plan", "Fitness, fatigue and form ahead", "planned sessions counted at a load per minute of recovery",
		`<select id="hard_tue" name="hard_tue">`, `value="5h"`, `name="start" type="date" required value="2026-11-23"`)
	if _, tue, _ := strings.Cut(body, `id="hard_thu"`); !strings.HasPrefix(tue[strings.Index(tue, "<option"):], `<option value="">none</option><option value="intervals">intervals</option><option value="threshold" selected>`) {
		t.Error("the edit form does not hold Thursday's threshold session")
	}

	// The dashboard: today's planned session and yesterday's verdict, at once.
	res, body = get(t, s, "/")
	checkPage(t, res, body, 200, "Your plan", "Today: ", "Yesterday: ", "chip planned")
	// The calendar: planned beside run, and the days against the plan.
	res, body = get(t, s, "/calendar")
	checkPage(t, res, body, 200, "chip planned k-intervals", "Against your plan", "Mon 23 Nov: ", "outlined: planned")
	if res, body := get(t, s, "/calendar?month=2026-06"); strings.Contains(body, "chip planned k-intervals") || res.StatusCode != 200 {
		t.Error("a month without the plan shows planned sessions")
	}
}

func TestPlanDownloads(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 3)
	s := newServer(st)
	f := weekForm(map[string]string{"tue": "intervals", "sat": "long"}, "30km")
	f.Set("experience", "intermediate")
	if res, body := post(t, s, "/plan", f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("make a plan: status %d:\n%s", res.StatusCode, body)
	}

	res, ics := get(t, s, "/api/v1/plan.ics")
	if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || ct != "text/calendar; charset=utf-8" {
		t.Fatalf("GET /api/v1/plan.ics: status %d, Content-Type %q", res.StatusCode, ct)
	}
	if !strings.HasPrefix(ics, "BEGIN:VCALENDAR\r\n") || strings.Count(ics, "BEGIN:VEVENT") < 7 || !strings.Contains(ics, "SUMMARY:Intervals") {
		t.Errorf("the calendar is not a week of events:\n%s", ics)
	}
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "filename=easyrun-plan.ics") {
		t.Errorf("Content-Disposition %q", cd)
	}

	res, body := get(t, s, "/api/v1/plan/workouts.zip")
	if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || ct != "application/zip" {
		t.Fatalf("GET /api/v1/plan/workouts.zip: status %d, Content-Type %q", res.StatusCode, ct)
	}
	z, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
	if err != nil {
		t.Fatalf("the workouts are not a zip: %v", err)
	}
	if len(z.File) < 4 {
		t.Errorf("%d workouts, want one per run of the week", len(z.File))
	}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		head := make([]byte, 12)
		_, err = rc.Read(head)
		rc.Close()
		if err != nil || !strings.HasSuffix(f.Name, ".fit") || string(head[8:12]) != ".FIT" {
			t.Errorf("%s is not a FIT file (%q, %v)", f.Name, head, err)
		}
	}
}
