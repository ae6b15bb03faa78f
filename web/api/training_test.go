package api

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

func TestAudit(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	all := call(t, h, "GET", "/api/v1/audit?weeks=0", nil)
	wantStatus(t, all, http.StatusOK, "")
	var whole recovery.Report
	all.json(t, &whole)
	if len(whole.Weeks) < 8 || len(whole.HardDays) == 0 || whole.Trend.Reason == "" {
		t.Fatalf("whole audit: %d weeks, %d hard days, trend %q; want the 8 simulated weeks, hard days and a trend",
			len(whole.Weeks), len(whole.HardDays), whole.Trend.Reason)
	}
	for _, tt := range []struct {
		query  string
		status int
		code   string
		weeks  int
	}{
		{"", http.StatusOK, "", 4},
		{"?weeks=2", http.StatusOK, "", 2},
		{"?weeks=-1", http.StatusBadRequest, httperr.CodeBadRequest, 0},
		{"?weeks=two", http.StatusBadRequest, httperr.CodeBadRequest, 0},
	} {
		t.Run(tt.query, func(t *testing.T) {
			r := call(t, h, "GET", "/api/v1/audit"+tt.query, nil)
			wantStatus(t, r, tt.status, tt.code)
			if tt.status != http.StatusOK {
				return
			}
			var rep recovery.Report
			r.json(t, &rep)
			if len(rep.Weeks) != tt.weeks || rep.Trend != whole.Trend {
				t.Errorf("%d weeks, trend %+v; want %d, and the trend of the whole history", len(rep.Weeks), rep.Trend, tt.weeks)
			}
		})
	}
}

func TestToday(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		seed bool
	}{{"history", true}, {"new runner", false}} {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := newAPI(t, tt.seed, Config{})
			r := call(t, h, "GET", "/api/v1/today", nil)
			wantStatus(t, r, http.StatusOK, "")
			var rec recovery.Recommendation
			r.json(t, &rec)
			if rec.Date != "2026-03-20" || rec.Advice == "" || len(rec.Reasons) == 0 {
				t.Errorf("today %s: %q with %d reasons; want 2026-03-20 with advice and reasons", rec.Date, rec.Advice, len(rec.Reasons))
			}
		})
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	for _, tt := range []struct {
		query       string
		status      int
		code        string
		first, last string
	}{
		// Six whole weeks to today, as the CLI: from the Monday five weeks before this one.
		{"", http.StatusOK, "", "2026-02-09", "2026-03-20"},
		{"?from=2026-03-01&to=2026-03-07", http.StatusOK, "", "2026-03-01", "2026-03-07"},
		{"?to=2026-03-08", http.StatusOK, "", "2026-01-26", "2026-03-08"},
		{"?from=2026-03-07&to=2026-03-01", http.StatusBadRequest, httperr.CodeBadRequest, "", ""},
		{"?from=1900-01-01", http.StatusBadRequest, httperr.CodeBadRequest, "", ""},
		{"?from=March", http.StatusBadRequest, httperr.CodeBadRequest, "", ""},
	} {
		t.Run(tt.query, func(t *testing.T) {
			r := call(t, h, "GET", "/api/v1/load"+tt.query, nil)
			wantStatus(t, r, tt.status, tt.code)
			if tt.status != http.StatusOK {
				return
			}
			var ls LoadSeries
			r.json(t, &ls)
			if len(ls.Series) == 0 || ls.Series[0].Date != tt.first || ls.Series[len(ls.Series)-1].Date != tt.last {
				t.Fatalf("series of %d days, want %s to %s", len(ls.Series), tt.first, tt.last)
			}
			last := ls.Series[len(ls.Series)-1]
			if ls.Unit == "" || len(ls.Meaning) == 0 || last.Fitness <= 0 {
				t.Errorf("unit %q, %d meanings, fitness %g: want a unit, the meaning and fitness built by the history",
					ls.Unit, len(ls.Meaning), last.Fitness)
			}
		})
	}
}

func TestProfile(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	r := call(t, h, "GET", "/api/v1/profile", nil)
	wantStatus(t, r, http.StatusOK, "")
	var p Profile
	r.json(t, &p)
	if p.Resolved.MaxHR.V != 190 || p.Resolved.MaxHR.Origin != activity.SetByRunner || p.Resolved.RestingHR.Origin != activity.DefaultValue {
		t.Errorf("resolved max HR %+v, resting %+v; want 190 set by the runner and the default resting HR", p.Resolved.MaxHR, p.Resolved.RestingHR)
	}

	for _, tt := range []struct {
		name   string
		body   any
		status int
		code   string
		check  func(t *testing.T, p Profile)
	}{
		{"set", map[string]any{"birth_year": 1986, "sex": "female", "max_hr": map[string]any{"value": 186, "origin": "detected", "detail": "ignored"},
			"resting_hr": map[string]any{"value": 48}, "zone_model": "reserve", "recovery_cap": "article"},
			http.StatusOK, "", func(t *testing.T, p Profile) {
				want := activity.Value{V: 186, Origin: activity.SetByRunner}
				if p.Set.MaxHR != want || p.Set.RecoveryCap != "" || p.Set.Zones != activity.Reserve {
					t.Errorf("set %+v; want max HR %+v set by the runner, the default cap unset, reserve zones", p.Set, want)
				}
				if p.Resolved.RestingHR.V != 48 || p.Resolved.RestingHR.Origin != activity.SetByRunner || p.Problem != "" {
					t.Errorf("resolved resting HR %+v, problem %q; want 48 set by the runner and no problem", p.Resolved.RestingHR, p.Problem)
				}
			}},
		{"unset max HR, birth year estimates it", map[string]any{"birth_year": 1986},
			http.StatusOK, "", func(t *testing.T, p Profile) {
				if p.Resolved.MaxHR.Origin == activity.SetByRunner || !p.Resolved.MaxHR.Known() {
					t.Errorf("max HR %+v, want detected or estimated", p.Resolved.MaxHR)
				}
			}},
		{"max HR 300", map[string]any{"max_hr": map[string]any{"value": 300}}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"lthr above max", map[string]any{"max_hr": map[string]any{"value": 180}, "lthr": map[string]any{"value": 185}}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"lthr zones without lthr", map[string]any{"zone_model": "lthr"}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"sex", map[string]any{"sex": "x"}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"experience", map[string]any{"experience": "elite"}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"units", map[string]any{"units": "furlongs"}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"recovery cap", map[string]any{"recovery_cap": "lydiard"}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"birth year", map[string]any{"birth_year": 2090}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"mass", map[string]any{"mass_kg": 10}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"unknown field", map[string]any{"vo2max": 60}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, h, "PUT", "/api/v1/profile", tt.body)
			wantStatus(t, r, tt.status, tt.code)
			if tt.check != nil {
				var p Profile
				r.json(t, &p)
				tt.check(t, p)
			}
		})
	}
}

func TestZones(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	r := call(t, h, "GET", "/api/v1/zones", nil)
	wantStatus(t, r, http.StatusOK, "")
	var z Zones
	r.json(t, &z)
	if z.Model != activity.PercentMax || len(z.Zones) != 5 || z.RecoveryCap.BPM != 0.7*190 || !strings.Contains(z.RecoveryCap.Reason, "70 %") {
		t.Errorf("zones %+v; want five %%max zones and the cap at 70 %% of 190 with its reason", z)
	}

	fresh, _ := newAPI(t, false, Config{})
	r = call(t, fresh, "GET", "/api/v1/zones", nil)
	wantStatus(t, r, http.StatusConflict, httperr.CodeProfileIncomplete)
	if !strings.Contains(string(r.body), "birth year") {
		t.Errorf("body %s, want it to say what to set", r.body)
	}
}

func TestBests(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	r := call(t, h, "GET", "/api/v1/bests", nil)
	wantStatus(t, r, http.StatusOK, "")
	var bests []training.DistanceBests
	r.json(t, &bests)
	if len(bests) != 5 || bests[0].Name != "1 km" || len(bests[0].Top) == 0 || bests[0].Recent == nil {
		t.Fatalf("bests %+v, want five distances, 1 km first with its best runs and the recent best", bests)
	}
	if e := bests[0].Top[0]; e.ActivityID == 0 || e.Start.IsZero() || !(e.Seconds > 120 && e.Seconds < 600) {
		t.Errorf("fastest 1 km %+v, want a run's id, start and 2 to 10 minutes", e)
	}
	if m := bests[4]; m.Name != "marathon" || m.Top == nil {
		t.Errorf("marathon %+v, want an empty list of best runs, not null", m)
	}
}

func TestShoes(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	if r := call(t, h, "GET", "/api/v1/shoes", nil); r.status != http.StatusOK || strings.TrimSpace(string(r.body)) != "[]" {
		t.Fatalf("shoes before any: %d %s, want 200 []", r.status, r.body)
	}
	r := call(t, h, "POST", "/api/v1/shoes", map[string]any{"name": "blue", "started": "2026-01-01", "default": true})
	wantStatus(t, r, http.StatusCreated, "")
	var sh activity.Shoe
	r.json(t, &sh)
	if sh.ID == 0 || sh.RetireAtM != activity.DefaultRetireAtM || !sh.Default {
		t.Fatalf("added %+v, want an id, 700 km and the default", sh)
	}
	for _, tt := range []struct {
		method, path string
		body         any
		status       int
	}{
		{"POST", "/api/v1/shoes", map[string]any{"name": "x", "retire_at_m": 50}, http.StatusBadRequest},
		{"POST", "/api/v1/shoes", map[string]any{"name": "x", "started": "May"}, http.StatusBadRequest},
		{"PUT", "/api/v1/activities/1/shoe", map[string]any{"shoe_id": sh.ID}, http.StatusNoContent},
		{"PUT", "/api/v1/activities/1/shoe", map[string]any{"shoe_id": 999}, http.StatusNotFound},
		{"PUT", "/api/v1/activities/1/shoe", map[string]any{}, http.StatusBadRequest},
		{"POST", "/api/v1/shoes/999/retire", nil, http.StatusNotFound},
	} {
		if r := call(t, h, tt.method, tt.path, tt.body); r.status != tt.status {
			t.Errorf("%s %s %v: status %d, want %d: %s", tt.method, tt.path, tt.body, r.status, tt.status, r.body)
		}
	}
	var run Detail
	call(t, h, "GET", "/api/v1/activities/1", nil).json(t, &run)
	if run.ShoeID != sh.ID {
		t.Errorf("activity 1 after its shoe was set: shoe_id %d, want %d", run.ShoeID, sh.ID)
	}
	r = call(t, h, "POST", "/api/v1/shoes/"+strconv.FormatInt(sh.ID, 10)+"/retire", nil)
	wantStatus(t, r, http.StatusOK, "")
	r.json(t, &sh)
	if !sh.Retired || sh.Default || sh.DistanceM <= 0 {
		t.Errorf("retired %+v, want retired, not the default, with the run's distance", sh)
	}
}
