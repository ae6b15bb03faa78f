package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// TestTypesMirrorTheDomain holds the API's types to the domain's: every
// field the domain's JSON has, the API's has with the same value, and its
// only additions are each duration again in seconds. A field added to the
// domain fails here until the API says how it shows it.
func TestTypesMirrorTheDomain(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "..", "plan", "testdata", "block_marathon.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p plan.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	p.Cancelled = []plan.Cancelled{{Date: p.Weeks[0].Monday, Slot: plan.Morning, Title: "Easy run", Duration: 40 * time.Minute, Revision: 2}}
	proposal := p.Request
	proposal.TaperOnly = true
	refusal := &plan.Refusal{Reason: "too soon", Change: "the taper only", Proposal: proposal,
		Alternatives: []plan.Alternative{{Change: "the taper only", Proposal: proposal}}}
	end := time.Date(2026, 3, 17, 18, 30, 0, 0, time.UTC)
	ref := &recovery.HardRef{ActivityID: 7, Date: "2026-03-17", End: end, Gap: 26*time.Hour + 30*time.Minute}
	report := &recovery.Report{
		HardDays: []recovery.HardDay{{Date: "2026-03-17", SessionIDs: []int64{7}, End: end, Reasons: []string{"intervals"}}},
		Verdicts: []recovery.Verdict{{ActivityID: 8, At: end.Add(ref.Gap), Kind: recovery.TrueRecovery, Title: "True recovery",
			Reasons: []string{"below the cap"}, AfterHard: ref}},
		Weeks: []recovery.Week{{Monday: "2026-03-16", HardDays: 1, Summary: []string{"one hard day"}}},
		Trend: recovery.Trend{Direction: recovery.Steady, Reason: "one week"}, Missing: []string{"max HR"},
	}
	today := activity.Morning{Date: "2026-03-19", RestingHR: 48, RMSSDMs: 62, Sleep: 7 * time.Hour, Legs: activity.TiredLegs,
		Source: activity.Manual, Note: "fine"}
	mornings := training.Mornings{Date: "2026-03-19", Recent: []activity.Morning{today, {Date: "2026-03-18", RestingHR: 47, Source: activity.FIT, Device: "Garmin fenix 7"}},
		Baseline: physio.Baseline{Date: "2026-03-19", Today: today, HRVWeekMs: 60, HRVWeekDays: 7, HRVNormalMs: 61, HRVLowMs: 57, HRVHighMs: 64,
			HRVDays: 30, RHRNormal: 49, RHRDays: 30},
		Off: []string{"legs"}, Normal: []string{"sleep"}, Needs: []string{"more"}}
	rec := recovery.Recommendation{Date: "2026-03-19", Advice: "easy", Title: "Easy", Reasons: []string{"yesterday was hard"}, LastHard: ref}
	for _, tt := range []struct {
		name        string
		domain, api any
	}{
		{"plan", p, planOf(&p)},
		{"refusal", refusal, refusalOf(refusal)},
		{"report", report, reportOf(report)},
		{"recommendation", rec, recommendationOf(rec)},
		{"mornings", mornings, morningsOf(mornings)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, problem := range mirror(jsonOf(t, tt.domain), jsonOf(t, tt.api), tt.name) {
				t.Error(problem)
			}
		})
	}
}

func jsonOf(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// mirror lists how api differs from domain other than by a duration's
// seconds beside its nanoseconds ("duration_s" beside "duration").
func mirror(domain, api any, at string) []string {
	switch d := domain.(type) {
	case map[string]any:
		a, ok := api.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T in the API, an object in the domain", at, api)}
		}
		var out []string
		for k, v := range d {
			out = append(out, mirror(v, a[k], at+"."+k)...)
		}
		for k, v := range a {
			if _, ok := d[k]; ok {
				continue
			}
			ns, isDuration := d[strings.TrimSuffix(k, "_s")].(float64)
			if !strings.HasSuffix(k, "_s") || !isDuration {
				out = append(out, fmt.Sprintf("%s.%s: in the API only", at, k))
			} else if v != ns/1e9 {
				out = append(out, fmt.Sprintf("%s.%s = %v, want %v s", at, k, v, ns/1e9))
			}
		}
		return out
	case []any:
		a, ok := api.([]any)
		if !ok || len(a) != len(d) {
			return []string{fmt.Sprintf("%s: %v in the API, %d items in the domain", at, api, len(d))}
		}
		var out []string
		for i := range d {
			out = append(out, mirror(d[i], a[i], fmt.Sprintf("%s[%d]", at, i))...)
		}
		return out
	}
	if domain != api {
		return []string{fmt.Sprintf("%s = %v in the API, %v in the domain", at, api, domain)}
	}
	return nil
}

// TestPlanInSeconds makes a plan of a volume in seconds and reads every
// duration of the answer in seconds.
func TestPlanInSeconds(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, false, Config{})
	body := map[string]any{"hard": []string{"tue:intervals", "sun:long"}, "volume": map[string]any{"duration_s": 18000},
		"start": "2026-03-23", "experience": "intermediate"}
	r := call(t, h, "PUT", "/api/v1/plan", body)
	wantStatus(t, r, http.StatusOK, "")
	var p Plan
	r.json(t, &p)
	if v := p.Request.Volume; v.DurationS != 18000 || v.Duration != 5*time.Hour {
		t.Errorf("volume %+v, want 18000 s (5 h)", v)
	}
	for _, s := range p.Weeks[0].Sessions {
		if s.DurationS != s.Duration.Seconds() || (s.Kind != plan.Rest && s.DurationS < 15*60) {
			t.Errorf("%s %s: duration_s %v, duration %v", s.Date, s.Kind, s.DurationS, s.Duration)
		}
	}
	body["volume"] = map[string]any{"duration_s": 18000, "duration": 5 * time.Hour}
	r = call(t, h, "PUT", "/api/v1/plan", body)
	wantStatus(t, r, http.StatusBadRequest, httperr.CodeBadRequest)
}
