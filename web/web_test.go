package web

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// firstID is the newest activity's id in st.
func firstID(t *testing.T, st store.Store, f store.Filter) int64 {
	t.Helper()
	f.Limit = 1
	recs, err := st.Activities(context.Background(), store.DefaultAthlete, f)
	if err != nil || len(recs) == 0 {
		t.Fatalf("no activity in the store: %v", err)
	}
	return recs[0].ID
}

// classID is the newest activity in st that the analysis judged c.
func classID(t *testing.T, st store.Store, c analysis.Class) int64 {
	t.Helper()
	recs, err := st.Activities(context.Background(), store.DefaultAthlete, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Analysis != nil && r.Analysis.Class == c {
			return r.ID
		}
	}
	t.Fatalf("no %s session in the store", c)
	return 0
}

func TestPages(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 12)
	s := newServer(st)
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)
	intervals := strconv.FormatInt(classID(t, st, analysis.Intervals), 10)

	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{"<h1>Today</h1>", "This week", "Fitness, fatigue and form", "Weekly volume by intensity",
			"Latest recovery verdicts", `class="chart chart-dates"`, `class="chart chart-weeks"`, "Why"}},
		{"/activities", 200, []string{"<h1>Activities</h1>", `href="/activities/` + id + `"`, "Log a run without a watch"}},
		{"/activities?class=intervals&hard=on", 200, []string{"intervals · hard"}},
		{"/activities?from=2026-11-23&to=2026-11-25", 200, []string{"Tue 24 Nov 2026"}},
		{"/activities/" + id, 200, []string{"Moving time", "Recovery cap", "Time in zones", "Load", "Fuel (estimate)",
			`class="chart chart-time"`, `class="chart chart-route"`, "Laps", "How hard did it feel?"}},
		{"/activities/" + intervals, 200, []string{`<h2 id="reps-title">Reps</h2>`, "recoveries", "jog", "the device marked active"}},
		{"/calendar", 200, []string{"<h1>November 2026</h1>", `href="/calendar?month=2026-10"`, "k-intervals"}},
		{"/calendar?month=2026-09", 200, []string{"<h1>September 2026</h1>"}},
		{"/morning", 200, []string{"<h1>Morning check-in</h1>", "How did you wake up?", `inputmode="numeric"`, "No check-ins yet.",
			"HRV: the 7-day mean of ln rMSSD"}},
		{"/trends", 200, []string{"<h1>Trends</h1>", "Weekly distance by session", "Weekly time by session", "Recovery score by week",
			`href="/trends?weeks=12" aria-current="page"`, "The weeks as a table", "the 80/20 rule of thumb asks about 80 %",
			"Personal bests", "half marathon", "last 12 months", "no run this long yet"}},
		{"/shoes", 200, []string{"<h1>Shoes</h1>", "Add a pair", "commonly retired at 500–800 km"}},
		{"/trends?weeks=52", 200, []string{`href="/trends?weeks=52" aria-current="page"`, "in these 52 weeks"}},
		{"/trends?weeks=13", 400, []string{"weeks &#34;13&#34;: the trends cover 12, 26 or 52 weeks"}},
		{"/import", 200, []string{"<h1>Import</h1>", `src="/static/import.js"`, `id="files"`}},
		{"/settings", 200, []string{"<h1>Settings</h1>", "Heart-rate zones", "Recovery cap: <strong>", "Your recovery rules",
			"bpm sustained 10 s in your run of"}},
		{"/activities/999999", 404, []string{"There is no such activity."}},
		{"/activities/abc", 400, []string{"is not an activity number"}},
		{"/activities?from=yesterday", 400, []string{"is not a date like 2026-11-24"}},
		{"/calendar?month=13", 400, []string{"is not a month"}},
		{"/nowhere", 404, []string{"There is no page here."}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, body := get(t, s, tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d:\n%s", res.StatusCode, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, p := range checkHTML(body) {
				t.Errorf("HTML: %s", p)
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("Content-Security-Policy %q does not restrict scripts", csp)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no X-Content-Type-Options: nosniff")
			}
			if strings.Contains(body, "<script>") || strings.Contains(body, " style=") || strings.Contains(body, " onclick=") {
				t.Error("inline script or style, which the Content-Security-Policy blocks")
			}
		})
	}
}

func TestStatic(t *testing.T) {
	s := newServer(newStore(t, t.TempDir()))
	for _, path := range []string{"/static/style.css", "/static/import.js", "/static/icon.svg", "/static/chart/chart.css", "/static/chart/chart.js"} {
		res, body := get(t, s, path)
		if res.StatusCode != 200 || len(body) == 0 {
			t.Errorf("GET %s: status %d, %d bytes", path, res.StatusCode, len(body))
		}
	}
}

func TestEmptyStore(t *testing.T) {
	s := newServer(newStore(t, t.TempDir()))
	for _, path := range []string{"/", "/activities", "/calendar", "/settings", "/import"} {
		res, body := get(t, s, path)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: status %d:\n%s", path, res.StatusCode, body)
		}
		for _, p := range checkHTML(body) {
			t.Errorf("GET %s: HTML: %s", path, p)
		}
	}
	if _, body := get(t, s, "/"); !strings.Contains(body, "No runs yet") {
		t.Error("the empty dashboard does not say how to start")
	}
}

// post serves a form POST and returns the response.
func post(t *testing.T, h http.Handler, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result(), rec.Body.String()
}

func TestForms(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 3)
	s := newServer(st)
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)
	profile := url.Values{"birth_year": {"1986"}, "sex": {"female"}, "mass_kg": {"61"}, "max_hr": {"188"}, "resting_hr": {""},
		"lthr": {""}, "experience": {""}, "units": {"km"}, "zones": {"max"}, "recovery_cap": {"pfitzinger"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for key, vs := range profile {
			f[key] = vs
		}
		f.Set(k, v)
		return f
	}
	tests := []struct {
		name, path string
		form       url.Values
		status     int
		location   string // the redirect, or the page's text on an error
		then       string // a GET after the redirect...
		thenWant   string // ...shows this
	}{
		{"profile", "/settings/profile", profile, 303, "/settings?saved=1", "/settings?saved=1",
			"76 % of max HR 188 bpm"},
		{"bad max HR", "/settings/profile", with("max_hr", "400"), 400, "max HR 400 bpm: want 30 to 230 bpm", "", ""},
		{"lthr zones without LTHR", "/settings/profile", with("zones", "lthr"), 400, "zone model lthr: needs your LTHR", "", ""},
		{"unknown preset", "/settings/profile", with("recovery_cap", "fast"), 400, "is not one of the choices", "", ""},
		{"rpe", "/activities/" + id + "/rpe", url.Values{"rpe": {"7"}}, 303, "/activities/" + id, "/activities/" + id,
			"RPE <strong>7 of 10</strong>"},
		{"bad rpe", "/activities/" + id + "/rpe", url.Values{"rpe": {"11"}}, 400, "An RPE is a whole number from 1 to 10", "", ""},
		{"tagged a ride", "/activities/" + id + "/sport", url.Values{"sport": {"cycling"}}, 303, "/activities/" + id, "/activities/" + id,
			"<dt>Speed</dt><dd>"},
		{"a ride is cross-training", "/activities/" + id + "/sport", url.Values{"sport": {"cycling"}}, 303, "/activities/" + id, "/activities/" + id,
			"<strong>cycling</strong>, as you set it"},
		{"tagged a run again", "/activities/" + id + "/sport", url.Values{"sport": {"running"}}, 303, "/activities/" + id, "/activities/" + id,
			"<dt>Pace</dt><dd>"},
		{"bad sport", "/activities/" + id + "/sport", url.Values{"sport": {"quidditch"}}, 400, "is not one easyrun knows", "", ""},
		{"log", "/activities/log", url.Values{"date": {"2026-11-25"}, "time": {"07:30"}, "minutes": {"35"}, "rpe": {"3"}, "km": {"6"}},
			303, "/activities/", "", ""},
		{"morning", "/morning", url.Values{"rhr": {"48"}, "hrv": {"62"}, "sleep": {"7,5"}, "legs": {"3"}, "date": {""}},
			303, "/morning?saved=1", "/morning?saved=1", "resting HR 48 bpm, HRV 62 ms rMSSD, 7 h 30 min of sleep, legs 3 (a bit heavy)"},
		{"morning on the dashboard", "/morning", url.Values{"rhr": {"48"}, "legs": {"2"}}, 303, "/morning?saved=1", "/",
			"This morning: resting HR 48 bpm, legs 2 (normal)"},
		{"bad legs", "/morning", url.Values{"legs": {"7"}}, 400, "legs 7: want 1 to 5", "", ""},
		{"half a leg", "/morning", url.Values{"legs": {"2.5"}}, 400, "want a whole number from 1 to 5", "", ""},
		{"bad HRV", "/morning", url.Values{"hrv": {"lots"}}, 400, "is not a number", "", ""},
		{"long sleep", "/morning", url.Values{"sleep": {"20"}}, 400, "sleep 20 h: want 0 to 16 h", "", ""},
		{"morning after tomorrow", "/morning", url.Values{"date": {"2027-01-01"}, "rhr": {"50"}}, 400, "want a date from 1990-01-01 to", "", ""},
		{"log without duration", "/activities/log", url.Values{"date": {"2026-11-25"}, "time": {"07:30"}, "rpe": {"3"}},
			400, "Give how long you ran in minutes", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := post(t, s, tt.path, tt.form)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d:\n%s", res.StatusCode, tt.status, body)
			}
			if tt.status == http.StatusSeeOther {
				if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, tt.location) {
					t.Errorf("redirect to %q, want %q", loc, tt.location)
				}
			} else if !strings.Contains(body, tt.location) {
				t.Errorf("the error page lacks %q:\n%s", tt.location, body)
			}
			if tt.then != "" {
				if _, page := get(t, s, tt.then); !strings.Contains(page, tt.thenWant) {
					t.Errorf("after the post, %s lacks %q", tt.then, tt.thenWant)
				}
			}
		})
	}
}

func TestListenAndServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- ListenAndServe(ctx, "127.0.0.1:0", newServer(newStore(t, t.TempDir())), func(a net.Addr) { addrs <- a.String() })
	}()
	var addr string
	select {
	case addr = <-addrs:
	case err := <-done:
		t.Fatalf("ListenAndServe: %v", err)
	}
	res, err := http.Get("http://" + addr + "/settings")
	if err != nil {
		t.Fatalf("GET /settings: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET /settings: status %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(shutdownTimeout + time.Second):
		t.Fatal("the server did not stop when its context was cancelled")
	}
	if _, err := http.Get("http://" + addr + "/"); err == nil {
		t.Error("the server still answers after shutdown")
	}
}

// TestDashboardAfterWrite checks that the advice the dashboard keeps is
// made anew after a write: a run logged today changes today's advice.
func TestDashboardAfterWrite(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 6)
	s := newServer(st)
	title := func() string {
		_, body := get(t, s, "/")
		_, rest, _ := strings.Cut(body, `<h2 id="today-title">`)
		title, _, _ := strings.Cut(rest, "</h2>")
		return title
	}
	before := title()
	res, _ := post(t, s, "/activities/log", url.Values{"date": {"2026-11-25"}, "time": {"18:30"}, "minutes": {"75"}, "rpe": {"8"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("log a run: status %d", res.StatusCode)
	}
	if after := title(); after == before {
		t.Errorf("today's advice %q did not change after a hard run was logged today", before)
	}
}
