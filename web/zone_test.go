package web

import (
	"html"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/api"
)

// TestOneZone shows every time on every page in the runner's time zone,
// says which on each page, and gives a run recorded on another clock its
// local time there beside it — only when that clock differs.
func TestOneZone(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 2) // the watch records UTC+01:00
	id := firstID(t, st, store.Filter{})
	rec, err := st.Activity(t.Context(), store.DefaultAthlete, id)
	if err != nil {
		t.Fatal(err)
	}
	start := rec.Activity.Start
	path := "/activities/" + strconv.FormatInt(id, 10)

	for _, tt := range []struct {
		zone      string
		footer    string
		elsewhere bool // the watch's UTC+01:00 is not the zone's offset then
	}{
		{"America/New_York", "Times in your time zone, America/New_York (set by you).", true},
		{"Europe/Berlin", "Times in your time zone, Europe/Berlin (set by you).", false}, // UTC+01:00 in winter
		{"", "Times as your watch recorded them (lately UTC+01:00)", false},
	} {
		changeAthlete(t, st, func(a *activity.Athlete) { a.TimeZone = tt.zone })
		// The server's zone is not the runner's: no override, as in serve.
		// A server of its own for each zone, as the profile is changed
		// behind the server's cache.
		s := New(Config{Config: api.Config{Store: st, Now: func() time.Time { return testNow }}})
		loc := time.FixedZone("UTC+01:00", 3600)
		if tt.zone != "" {
			if loc, err = time.LoadLocation(tt.zone); err != nil {
				t.Fatal(err)
			}
		}
		shown := start.In(loc)
		recorded := "local time, UTC+01:00"
		for _, p := range []string{"/", "/activities", path, "/calendar", "/plan", "/trends", "/settings"} {
			res, body := get(t, s, p)
			checkPage(t, res, body, 200)
			body = html.UnescapeString(body)
			if !strings.Contains(body, tt.footer) {
				t.Errorf("zone %q: %s does not say %q", tt.zone, p, tt.footer)
			}
			switch p {
			case "/activities":
				if want := shown.Format("Mon 2 Jan 2006 15:04") + "</a>"; !strings.Contains(body, want) {
					t.Errorf("zone %q: %s lacks the run's start in the zone, %q", tt.zone, p, want)
				}
			case path:
				if want := shown.Format("Monday 2 January 2006, 15:04"); !strings.Contains(body, want) {
					t.Errorf("zone %q: %s lacks the run's start in the zone, %q", tt.zone, p, want)
				}
			default:
				continue
			}
			if got := strings.Contains(body, recorded); got != tt.elsewhere {
				t.Errorf("zone %q: %s says the local time where recorded: %v, want %v", tt.zone, p, got, tt.elsewhere)
			}
		}
	}
}

// TestNoFixedZone serves every page as 'easyrun serve' does, with no
// zone fixed for the server, once the runner has a plan: each page
// works out the runner's zone rather than taking the server's.
func TestNoFixedZone(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 3)
	svc := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return testNow }}
	if _, err := svc.MakePlan(t.Context(), plan.Request{Hard: []plan.HardChoice{{Day: time.Thursday, Kind: plan.Intervals}},
		Volume: plan.Volume{Duration: 4 * time.Hour}, Experience: activity.Intermediate, Start: plan.DateOf(testNow)}); err != nil {
		t.Fatal(err)
	}
	s := New(Config{Config: api.Config{Store: st, Now: func() time.Time { return testNow }}})
	for _, p := range []string{"/", "/plan", "/calendar", "/activities", "/trends", "/settings", "/morning",
		"/api/v1/today", "/api/v1/plan", "/api/v1/plan/review", "/api/v1/plan/projection", "/api/v1/plan.ics", "/api/v1/plan/workouts.zip"} {
		if res, body := get(t, s, p); res.StatusCode != 200 {
			t.Errorf("GET %s with no zone fixed for the server: %s\n%.300s", p, res.Status, body)
		}
	}
}
