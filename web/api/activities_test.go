package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/web/httperr"
)

func TestListActivities(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	lastWeek := now.AddDate(0, 0, -7).Format(time.DateOnly)
	for _, tt := range []struct {
		query  string
		status int
		code   string
		check  func(t *testing.T, got []Summary)
	}{
		{"", http.StatusOK, "", func(t *testing.T, got []Summary) {
			if len(got) != seeded.sessions {
				t.Errorf("%d activities, want %d", len(got), seeded.sessions)
			}
			for i, s := range got {
				if s.Class == "" {
					t.Errorf("activity %d has no class", s.ID)
				}
				if i > 0 && s.Start.After(got[i-1].Start) {
					t.Errorf("activity %d starts after %d: want newest first", s.ID, got[i-1].ID)
				}
			}
		}},
		{"?limit=3", http.StatusOK, "", func(t *testing.T, got []Summary) {
			if len(got) != 3 {
				t.Errorf("%d activities, want 3", len(got))
			}
		}},
		{"?from=" + lastWeek + "&to=" + now.Format(time.DateOnly), http.StatusOK, "", func(t *testing.T, got []Summary) {
			from := now.AddDate(0, 0, -7).Truncate(24 * time.Hour).Add(-time.Hour) // local midnight, UTC+1
			if len(got) == 0 || len(got) >= seeded.sessions {
				t.Fatalf("%d activities in the last week of %d", len(got), seeded.sessions)
			}
			for _, s := range got {
				if s.Start.Before(from) {
					t.Errorf("activity %d starts %s, before %s", s.ID, s.Start, from)
				}
			}
		}},
		{"?sport=cycling", http.StatusOK, "", func(t *testing.T, got []Summary) {
			if len(got) != 0 {
				t.Errorf("%d cycling activities, want none", len(got))
			}
		}},
		{"?from=20-03-2026", http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"?to=tomorrow", http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"?limit=-1", http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"?limit=ten", http.StatusBadRequest, httperr.CodeBadRequest, nil},
	} {
		t.Run(tt.query, func(t *testing.T) {
			r := call(t, h, "GET", "/api/v1/activities"+tt.query, nil)
			wantStatus(t, r, tt.status, tt.code)
			if tt.check != nil {
				var out struct{ Activities []Summary }
				r.json(t, &out)
				tt.check(t, out.Activities)
			}
		})
	}
}

func TestShowActivity(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	for _, tt := range []struct {
		path    string
		status  int
		code    string
		message string
	}{
		{fmt.Sprint("/api/v1/activities/", seeded.runID), http.StatusOK, "", ""},
		{"/api/v1/activities/424242", http.StatusNotFound, httperr.CodeNotFound, "activity 424242 not found"},
		{"/api/v1/activities/abc", http.StatusBadRequest, httperr.CodeBadRequest, `bad activity id "abc"`},
		{"/api/v1/activities/0", http.StatusBadRequest, httperr.CodeBadRequest, `bad activity id "0"`},
	} {
		t.Run(tt.path, func(t *testing.T) {
			r := call(t, h, "GET", tt.path, nil)
			wantStatus(t, r, tt.status, tt.code)
			if tt.status != http.StatusOK {
				var e errorBody
				r.json(t, &e)
				if !strings.Contains(e.Error.Message, tt.message) {
					t.Errorf("message %q, want it to say %q", e.Error.Message, tt.message)
				}
				return
			}
			var d Detail
			r.json(t, &d)
			if d.ID != seeded.runID || len(d.Laps) == 0 || d.Samples == 0 {
				t.Errorf("activity %d with %d laps and %d samples, want %d with laps and samples", d.ID, len(d.Laps), d.Samples, seeded.runID)
			}
			if d.Analysis == nil || len(d.Analysis.Reasons) == 0 || d.Class != d.Analysis.Class {
				t.Errorf("analysis %+v, class %q: want an analysis with reasons, its class in the summary", d.Analysis, d.Class)
			}
			if len(d.Sources) != 1 || !d.Sources[0].Primary || !strings.HasSuffix(d.Sources[0].Name, "fenix-5-run.fit") {
				t.Errorf("sources %+v, want the corpus file as the one primary source", d.Sources)
			}
		})
	}
}

func TestStreams(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	r := call(t, h, "GET", fmt.Sprint("/api/v1/activities/", seeded.runID, "/streams"), nil)
	wantStatus(t, r, http.StatusOK, "")
	var s struct {
		ID        int64
		IntervalS int `json:"interval_s"`
		Channels  map[string][]*float64
	}
	r.json(t, &s)
	hr := s.Channels["heart_rate"]
	if s.ID != seeded.runID || s.IntervalS != 1 || len(hr) == 0 {
		t.Fatalf("streams of %d every %d s with %d heart-rate samples, want %d every 1 s with heart rate",
			s.ID, s.IntervalS, len(hr), seeded.runID)
	}
	if _, ok := s.Channels["power_w"]; ok {
		t.Errorf("a power channel the watch did not record")
	}

	for path, want := range map[string]int{
		"/api/v1/activities/424242/streams": http.StatusNotFound,
		"/api/v1/activities/x/streams":      http.StatusBadRequest,
	} {
		if r := call(t, h, "GET", path, nil); r.status != want {
			t.Errorf("GET %s: status %d, want %d", path, r.status, want)
		}
	}
}

func TestSetRPE(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	path := fmt.Sprint("/api/v1/activities/", seeded.runID, "/rpe")
	for _, tt := range []struct {
		name   string
		path   string
		body   any
		status int
		code   string
		rpe    int
	}{
		{"set", path, map[string]int{"rpe": 4}, http.StatusOK, "", 4},
		{"clear", path, map[string]int{"rpe": 0}, http.StatusOK, "", 0},
		{"too high", path, map[string]int{"rpe": 11}, http.StatusBadRequest, httperr.CodeBadRequest, 0},
		{"negative", path, map[string]int{"rpe": -1}, http.StatusBadRequest, httperr.CodeBadRequest, 0},
		{"no rpe", path, map[string]int{}, http.StatusBadRequest, httperr.CodeBadRequest, 0},
		{"unknown field", path, map[string]int{"rpe": 3, "effort": 3}, http.StatusBadRequest, httperr.CodeBadRequest, 0},
		{"not JSON", path, "four", http.StatusBadRequest, httperr.CodeBadRequest, 0},
		{"unknown activity", "/api/v1/activities/424242/rpe", map[string]int{"rpe": 3}, http.StatusNotFound, httperr.CodeNotFound, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, h, "PUT", tt.path, tt.body)
			wantStatus(t, r, tt.status, tt.code)
			if tt.status == http.StatusOK {
				var d Detail
				r.json(t, &d)
				if d.RPE != tt.rpe || d.Analysis == nil {
					t.Errorf("RPE %d, analysis %v; want RPE %d and the activity analysed", d.RPE, d.Analysis != nil, tt.rpe)
				}
			}
		})
	}
}

func TestSetSport(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	path := fmt.Sprint("/api/v1/activities/", seeded.runID, "/sport")
	for _, tt := range []struct {
		name   string
		path   string
		body   any
		status int
		code   string
		class  analysis.Class // of the activity analysed again
	}{
		{"a ride", path, map[string]string{"sport": "cycling"}, http.StatusOK, "", analysis.CrossTraining},
		{"no sport", path, map[string]string{}, http.StatusBadRequest, httperr.CodeBadRequest, ""},
		{"a sport easyrun does not know", path, map[string]string{"sport": "quidditch"}, http.StatusBadRequest, httperr.CodeBadRequest, ""},
		{"unknown field", path, map[string]string{"sport": "cycling", "kind": "bike"}, http.StatusBadRequest, httperr.CodeBadRequest, ""},
		{"unknown activity", "/api/v1/activities/424242/sport", map[string]string{"sport": "cycling"}, http.StatusNotFound, httperr.CodeNotFound, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, h, "PUT", tt.path, tt.body)
			wantStatus(t, r, tt.status, tt.code)
			if tt.status == http.StatusOK {
				var d Detail
				r.json(t, &d)
				if d.Sport != activity.Cycling || !d.SportTagged || d.Analysis == nil || d.Analysis.Class != tt.class {
					t.Errorf("sport %q (tagged %t), analysis %+v; want cycling, tagged, %s", d.Sport, d.SportTagged, d.Analysis, tt.class)
				}
			}
		})
	}
}

func TestLogRun(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, false, Config{})
	for _, tt := range []struct {
		name   string
		body   any
		status int
		code   string
		check  func(t *testing.T, d Detail)
	}{
		{"recovery run", map[string]any{"date": "2026-03-19", "time": "07:15", "duration_s": 1800, "rpe": 2, "distance_m": 4800},
			http.StatusCreated, "", func(t *testing.T, d Detail) {
				if want := "2026-03-19T07:15:00+01:00"; d.LocalStart != want || d.DistanceM != 4800 || d.MovingS != 1800 {
					t.Errorf("logged %s, %g m, %g s; want %s, 4800 m, 1800 s", d.LocalStart, d.DistanceM, d.MovingS, want)
				}
				if d.Source != "manual" || d.Analysis == nil || d.Class != analysis.Recovery {
					t.Errorf("source %q, class %q: want a manual run judged recovery by its RPE", d.Source, d.Class)
				}
			}},
		{"defaults: today at 18:00", map[string]any{"duration_s": 2400, "rpe": 6},
			http.StatusCreated, "", func(t *testing.T, d Detail) {
				if want := "2026-03-20T18:00:00+01:00"; d.LocalStart != want || d.Sport != "running" || d.Name != "Logged run" {
					t.Errorf("logged %q %s at %s, want a running \"Logged run\" at %s", d.Name, d.Sport, d.LocalStart, want)
				}
			}},
		{"no duration", map[string]any{"rpe": 3}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"no rpe", map[string]any{"duration_s": 1800}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"rpe 11", map[string]any{"duration_s": 1800, "rpe": 11}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"bad date", map[string]any{"duration_s": 1800, "rpe": 3, "date": "19/03/2026"}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"bad time", map[string]any{"duration_s": 1800, "rpe": 3, "time": "7pm"}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"negative distance", map[string]any{"duration_s": 1800, "rpe": 3, "distance_m": -5}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
		{"duration as text", map[string]any{"duration_s": "30m", "rpe": 3}, http.StatusBadRequest, httperr.CodeBadRequest, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, h, "POST", "/api/v1/activities", tt.body)
			wantStatus(t, r, tt.status, tt.code)
			if tt.check == nil {
				return
			}
			var d Detail
			r.json(t, &d)
			if loc := r.header.Get("Location"); loc != fmt.Sprint("/api/v1/activities/", d.ID) {
				t.Errorf("Location %q, want the new activity %d", loc, d.ID)
			}
			tt.check(t, d)
		})
	}
}

// TestActivityReps: an interval session's detail has its reps, each with
// the recovery after it, in the fields the OpenAPI document names.
func TestActivityReps(t *testing.T) {
	t.Parallel()
	h, st := newAPI(t, true, Config{})
	recs, err := st.Activities(context.Background(), store.DefaultAthlete, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(recs, func(r store.Record) bool { return r.Analysis != nil && r.Analysis.Class == analysis.Intervals })
	if i < 0 {
		t.Fatal("no interval session in the seeded history")
	}
	r := call(t, h, "GET", fmt.Sprint("/api/v1/activities/", recs[i].ID), nil)
	wantStatus(t, r, http.StatusOK, "")
	var d struct {
		Analysis struct {
			Reps map[string]any `json:"reps"`
		} `json:"analysis"`
	}
	r.json(t, &d)
	reps := list(d.Analysis.Reps, "reps")
	// The history's interval sessions vary: 5 × 4 min, 6 × 3 min, ...
	if d.Analysis.Reps["from"] != "laps" || len(reps) < 4 {
		t.Fatalf("reps %v, want 4 or more from the laps", d.Analysis.Reps)
	}
	schemas := object(doc["components"], "schemas")
	for name, v := range map[string]map[string]any{"Reps": d.Analysis.Reps, "Rep": reps[0].(map[string]any),
		"Rest": object(reps[0], "recovery")} {
		documented := object(schemas[name], "properties")
		if len(v) == 0 {
			t.Errorf("%s: absent", name)
		}
		for k := range v {
			if _, ok := documented[k]; !ok {
				t.Errorf("%s.%s is not in the OpenAPI document", name, k)
			}
		}
	}
}
