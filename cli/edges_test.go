package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/web"
	"github.com/easyrun/easyrun/web/api"
)

// TestEdgesRefuseAlike checks that the command line, the web forms and
// the API refuse the same values with the same message, before anything
// is written: afterwards every command and page still works.
func TestEdgesRefuseAlike(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		cli  []string
		form string     // the web form's path
		in   url.Values // its fields
		api  string     // method and path
		json string
		want string
	}{
		{"max HR below resting", []string{"athlete", "set", "--max-hr", "75", "--resting-hr", "80"},
			"/settings/profile", url.Values{"max_hr": {"75"}, "resting_hr": {"80"}},
			"PUT /api/v1/profile", `{"max_hr":{"value":75},"resting_hr":{"value":80}}`,
			"resting HR 80 bpm: want below max HR 75 bpm"},
		{"max HR out of range", []string{"athlete", "set", "--max-hr", "400"},
			"/settings/profile", url.Values{"max_hr": {"400"}},
			"PUT /api/v1/profile", `{"max_hr":{"value":400}}`,
			"max HR 400 bpm: want 30 to 230 bpm"},
		{"negative max HR", []string{"athlete", "set", "--max-hr", "-3"},
			"/settings/profile", url.Values{"max_hr": {"-3"}},
			"PUT /api/v1/profile", `{"max_hr":{"value":-3}}`,
			"max HR -3 bpm: want 30 to 230 bpm"},
		{"birth year", []string{"athlete", "set", "--birth-year", "1899"},
			"/settings/profile", url.Values{"birth_year": {"1899"}},
			"PUT /api/v1/profile", `{"birth_year":1899}`,
			"birth year 1899: want 1900 to 2026"},
		{"body mass", []string{"athlete", "set", "--mass", "300"},
			"/settings/profile", url.Values{"mass_kg": {"300"}},
			"PUT /api/v1/profile", `{"mass_kg":300}`,
			"body mass 300 kg: want 25 to 250 kg"},
		{"LTHR zones without LTHR", []string{"athlete", "set", "--zones", "lthr"},
			"/settings/profile", url.Values{"zones": {"lthr"}},
			"PUT /api/v1/profile", `{"zone_model":"lthr"}`,
			"zone model lthr: needs your LTHR, set it too"},
		{"run in 2126", []string{"log", "--date", "2126-01-01", "--duration", "30m", "--rpe", "3"},
			"/activities/log", url.Values{"date": {"2126-01-01"}, "time": {"07:30"}, "minutes": {"30"}, "rpe": {"3"}},
			"POST /api/v1/activities", `{"date":"2126-01-01","duration_s":1800,"rpe":3}`,
			"run date 2126-01-01: want a date from 1990-01-01 to 2026-11-26"},
		{"run in 1900", []string{"log", "--date", "1900-01-01", "--duration", "30m", "--rpe", "3"},
			"/activities/log", url.Values{"date": {"1900-01-01"}, "time": {"07:30"}, "minutes": {"30"}, "rpe": {"3"}},
			"POST /api/v1/activities", `{"date":"1900-01-01","duration_s":1800,"rpe":3}`,
			"run date 1900-01-01: want a date from 1990-01-01 to 2026-11-26"},
		{"plan in 1998", []string{"plan", "--hard", "tue:intervals", "--volume", "4h", "--start", "1998-01-05"},
			"/plan", url.Values{"hard_tue": {"intervals"}, "volume": {"4h"}, "start": {"1998-01-05"}},
			"PUT /api/v1/plan", `{"hard":["tue:intervals"],"volume":"4h","start":"1998-01-05"}`,
			"plan start 1998-01-05: want a date from 2025-11-25 to 2028-11-25"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := filepath.Join(t.TempDir(), "easyrun.db")
			if code, _, errOut := run(t, "athlete", "set", "--max-hr", "188", "--db", db); code != 0 {
				t.Fatal(errOut)
			}
			args := append(append([]string{}, tc.cli...), "--db", db)
			if code, _, errOut := run(t, args...); code == 0 || !strings.Contains(errOut, tc.want) {
				t.Errorf("easyrun %s: exit %d, %q; want a failure saying %q", strings.Join(tc.cli, " "), code, errOut, tc.want)
			}
			for _, after := range [][]string{{"athlete"}, {"zones"}, {"today"}, {"audit"}, {"activities"}} {
				if code, _, errOut := run(t, append(after, "--db", db)...); code != 0 {
					t.Errorf("after the refusal, easyrun %s: exit %d, %s", after[0], code, errOut)
				}
			}

			st, err := sqlite.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			h := web.New(web.Config{Config: api.Config{Store: st, Now: func() time.Time { return now }, Location: time.UTC}})
			serve := func(method, path, ctype, body string) (int, string) {
				req := httptest.NewRequest(method, path, strings.NewReader(body))
				req.Header.Set("Content-Type", ctype)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec.Code, rec.Body.String()
			}
			form := url.Values{"units": {"km"}, "zones": {"max"}, "recovery_cap": {"article"}}
			for k, v := range tc.in {
				form[k] = v
			}
			if code, body := serve("POST", tc.form, "application/x-www-form-urlencoded", form.Encode()); code != http.StatusBadRequest || !strings.Contains(body, tc.want) {
				t.Errorf("web %s: %d, want 400 saying %q:\n%.2000s", tc.form, code, tc.want, body)
			}
			method, path, _ := strings.Cut(tc.api, " ")
			if code, body := serve(method, path, "application/json", tc.json); code != http.StatusBadRequest || !strings.Contains(body, tc.want) {
				t.Errorf("API %s: %d %s; want 400 saying %q", tc.api, code, body, tc.want)
			}
			for _, page := range []string{"/", "/settings", "/api/v1/profile", "/api/v1/today"} {
				if code, body := serve("GET", page, "", ""); code != http.StatusOK {
					t.Errorf("after the refusals, GET %s: %d %.300s", page, code, body)
				}
			}
		})
	}
}
