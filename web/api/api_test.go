package api

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/web/httperr"
)

func TestErrors(t *testing.T) {
	t.Parallel()
	h, st := newAPI(t, false, Config{})
	for _, tt := range []struct {
		method, path string
		status       int
		code         string
		allow        string
	}{
		{"DELETE", "/api/v1/activities", http.StatusMethodNotAllowed, httperr.CodeMethodNotAllowed, "GET, POST"},
		{"POST", "/api/v1/activities/1", http.StatusMethodNotAllowed, httperr.CodeMethodNotAllowed, "GET, DELETE"},
		{"GET", "/api/v1/activities/1/rpe", http.StatusMethodNotAllowed, httperr.CodeMethodNotAllowed, "PUT"},
		{"GET", "/api/v1/nothing", http.StatusNotFound, httperr.CodeNotFound, ""},
		{"GET", "/api/v1/", http.StatusNotFound, httperr.CodeNotFound, ""},
	} {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := call(t, h, tt.method, tt.path, nil)
			wantStatus(t, r, tt.status, tt.code)
			if got := r.header.Get("Allow"); got != tt.allow {
				t.Errorf("Allow %q, want %q", got, tt.allow)
			}
		})
	}

	t.Run("unauthorized", func(t *testing.T) {
		denied := New(Config{Store: st, Athlete: func(*http.Request) (store.AthleteID, error) {
			return 0, errors.New("session expired in table sessions")
		}})
		r := call(t, denied, "GET", "/api/v1/today", nil)
		wantStatus(t, r, http.StatusUnauthorized, httperr.CodeUnauthorized)
		if strings.Contains(string(r.body), "sessions") {
			t.Errorf("body %s tells the authenticator's error", r.body)
		}
	})

	t.Run("internal", func(t *testing.T) {
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		r := call(t, h, "GET", "/api/v1/activities", nil)
		wantStatus(t, r, http.StatusInternalServerError, httperr.CodeInternal)
		if body := strings.ToLower(string(r.body)); strings.Contains(body, "sql") || strings.Contains(body, "closed") {
			t.Errorf("body %s leaks the store's error", r.body)
		}
	})
}
