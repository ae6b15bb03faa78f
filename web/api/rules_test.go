package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/rules"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/web/httperr"
)

// TestRules: the rules are read and replaced whole, each checked
// against its range; a change analyses again, and a profile written
// without rules keeps them.
func TestRules(t *testing.T) {
	t.Parallel()
	h, st := newAPI(t, true, Config{})
	var got []rules.Value
	r := call(t, h, "GET", "/api/v1/rules", nil)
	wantStatus(t, r, http.StatusOK, "")
	r.json(t, &got)
	if len(got) != len(rules.Settings()) || got[0].Name != "max_above_cap" || got[0].Value != 3 || got[0].Changed {
		t.Fatalf("GET /rules: %+v", got)
	}

	r = call(t, h, "PUT", "/api/v1/rules", map[string]any{"max_above_cap": 5, "min_run": 8})
	wantStatus(t, r, http.StatusOK, "")
	r.json(t, &got)
	if got[0].Value != 5 || !got[0].Changed {
		t.Errorf("after PUT: %+v", got[0])
	}
	recs, err := st.Activities(context.Background(), store.DefaultAthlete, store.Filter{})
	if err != nil || len(recs) == 0 {
		t.Fatalf("activities: %v, %d", err, len(recs))
	}
	for _, rec := range recs {
		if rec.Analysis == nil || !strings.Contains(rec.Analysis.Basis, "rules max_above_cap 5 min, min_run 8 min") {
			t.Fatalf("activity %d not analysed under the new rules: %+v", rec.ID, rec.Analysis)
		}
	}

	for _, body := range []map[string]any{{"max_above_cap": 31}, {"nope": 1}, {"beginner_min": 40}} {
		r = call(t, h, "PUT", "/api/v1/rules", body)
		wantStatus(t, r, http.StatusBadRequest, httperr.CodeBadRequest)
	}
	if r := call(t, h, "PUT", "/api/v1/rules", map[string]any{"max_above_cap": 31}); !strings.Contains(string(r.body), "want 0 to 30 min") {
		t.Errorf("an error without the range: %s", r.body)
	}

	r = call(t, h, "PUT", "/api/v1/profile", map[string]any{"max_hr": map[string]any{"value": 190}})
	wantStatus(t, r, http.StatusOK, "")
	var p Profile
	r.json(t, &p)
	if p.Set.Rules["max_above_cap"] != 5 {
		t.Errorf("a profile without rules dropped them: %+v", p.Set.Rules)
	}

	r = call(t, h, "PUT", "/api/v1/rules", map[string]any{})
	wantStatus(t, r, http.StatusOK, "")
	r.json(t, &got)
	for _, v := range got {
		if v.Changed {
			t.Errorf("{} left %s at %v", v.Name, v.Value)
		}
	}
}
