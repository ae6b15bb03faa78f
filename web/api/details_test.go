package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/web/httperr"
)

// TestDetailsAndDelete: a run's name and notes are replaced, bounded;
// a deleted activity is gone, and deleting it again is not found.
func TestDetailsAndDelete(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, true, Config{})
	path := fmt.Sprint("/api/v1/activities/", seeded.runID)
	r := call(t, h, "PUT", path+"/details", map[string]any{"name": "Shakeout", "notes": "easy", "race": true})
	wantStatus(t, r, http.StatusOK, "")
	if !strings.Contains(string(r.body), `"Shakeout"`) {
		t.Errorf("the answer has not the new name:\n%s", r.body)
	}
	for _, body := range []any{map[string]string{"name": "x"}, map[string]string{"name": strings.Repeat("n", 201), "notes": ""}} {
		wantStatus(t, call(t, h, "PUT", path+"/details", body), http.StatusBadRequest, httperr.CodeBadRequest)
	}
	wantStatus(t, call(t, h, "PUT", "/api/v1/activities/424242/details", map[string]any{"name": "", "notes": "", "race": false}), http.StatusNotFound, httperr.CodeNotFound)

	if r := call(t, h, "DELETE", path, nil); r.status != http.StatusNoContent {
		t.Fatalf("DELETE: %d %s", r.status, r.body)
	}
	wantStatus(t, call(t, h, "GET", path, nil), http.StatusNotFound, httperr.CodeNotFound)
	wantStatus(t, call(t, h, "DELETE", path, nil), http.StatusNotFound, httperr.CodeNotFound)

	// Its original is kept until purged, one at a time or all at once.
	var kept KeptFiles
	r = call(t, h, "GET", "/api/v1/files/kept", nil)
	wantStatus(t, r, http.StatusOK, "")
	if err := json.Unmarshal(r.body, &kept); err != nil || len(kept.Files) != 1 || kept.StoredBytes <= 0 || kept.Files[0].Name == "" {
		t.Fatalf("kept files after the delete: %v %+v; want the run's original", err, kept)
	}
	wantStatus(t, call(t, h, "DELETE", "/api/v1/files/kept/0", nil), http.StatusBadRequest, httperr.CodeBadRequest)
	wantStatus(t, call(t, h, "DELETE", "/api/v1/files/kept/424242", nil), http.StatusNotFound, httperr.CodeNotFound)
	if r := call(t, h, "DELETE", fmt.Sprint("/api/v1/files/kept/", kept.Files[0].ID), nil); r.status != http.StatusNoContent {
		t.Fatalf("purge one: %d %s", r.status, r.body)
	}
	r = call(t, h, "DELETE", "/api/v1/files/kept", nil)
	wantStatus(t, r, http.StatusOK, "")
	if !strings.Contains(string(r.body), `"purged": 0`) {
		t.Errorf("purging all after the only one: %s, want 0 purged", r.body)
	}
}
