package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/recovery"
)

// TestMornings checks in three weeks of mornings and a morning that is
// off through the API, lists them, and reads today's advice made stricter
// with the numbers; bad values are 400s naming the field and the range.
func TestMornings(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	var before recovery.Recommendation
	call(t, h, "GET", "/api/v1/today", nil).json(t, &before)
	for i := 21; i >= 1; i-- {
		date := now.In(zone).AddDate(0, 0, -i).Format(time.DateOnly)
		r := call(t, h, "PUT", "/api/v1/mornings/"+date, map[string]any{"resting_hr": 50, "rmssd_ms": 58 + 8*(i%2), "sleep_s": 27000})
		wantStatus(t, r, http.StatusOK, "")
	}
	r := call(t, h, "PUT", "/api/v1/mornings/today", CheckIn{RestingHR: 58, RMSSDMs: 40, SleepS: 4.5 * 3600, Legs: 5, Note: "flu?"})
	wantStatus(t, r, http.StatusOK, "")
	var got Mornings
	r.json(t, &got)
	if got.Saved == nil || got.Saved.Date != "2026-03-20" || got.Saved.SleepS != 16200 || got.Saved.Source != "manual" ||
		len(got.Recent) != 14 || got.Baseline.RHRNormal == 0 || len(got.Off) != 3 {
		t.Errorf("PUT today: %s", r.body)
	}

	r = call(t, h, "GET", "/api/v1/mornings?days=3", nil)
	wantStatus(t, r, http.StatusOK, "")
	var listed Mornings
	r.json(t, &listed)
	if len(listed.Recent) != 3 || listed.Recent[0].Date != "2026-03-20" || listed.Saved != nil || listed.Baseline.Today == nil {
		t.Errorf("GET days=3: %s", r.body)
	}

	var after recovery.Recommendation
	call(t, h, "GET", "/api/v1/today", nil).json(t, &after)
	if after.Advice != recovery.Rest || !strings.Contains(strings.Join(after.Reasons, "\n"), "resting HR 58 bpm") {
		t.Errorf("today after an off morning: %s %q (before: %s); want rest with the numbers", after.Advice, after.Reasons, before.Advice)
	}

	for _, tc := range []struct {
		target string
		body   any
		want   string
	}{
		{"/api/v1/mornings/today", CheckIn{Legs: 7}, "legs 7: want 1 to 5"},
		{"/api/v1/mornings/today", CheckIn{SleepS: 20 * 3600}, "sleep 20 h: want 0 to 16 h"},
		{"/api/v1/mornings/2026-03-22", CheckIn{RestingHR: 50}, "date 2026-03-22: want a date from 1990-01-01 to 2026-03-21"},
		{"/api/v1/mornings/20-03-2026", CheckIn{RestingHR: 50}, "want YYYY-MM-DD"},
		{"/api/v1/mornings/today", CheckIn{}, "morning logs nothing"},
		{"/api/v1/mornings/today", map[string]any{"hrv": 60}, "hrv"},
	} {
		r := call(t, h, "PUT", tc.target, tc.body)
		wantStatus(t, r, http.StatusBadRequest, "bad_request")
		if !strings.Contains(string(r.body), tc.want) {
			t.Errorf("PUT %s %+v: %s; want it to say %q", tc.target, tc.body, r.body, tc.want)
		}
	}
	wantStatus(t, call(t, h, "GET", fmt.Sprintf("/api/v1/mornings?days=%d", maxMorningDays+1), nil), http.StatusBadRequest, "bad_request")
}
