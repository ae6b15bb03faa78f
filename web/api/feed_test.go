package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// TestFeedRoutes: no feed at first; making one answers its addresses,
// once, whose token names the athlete; making another revokes the first;
// revoking leaves none.
func TestFeedRoutes(t *testing.T) {
	t.Parallel()
	h, st := newAPI(t, false, Config{})
	ctx := context.Background()
	var status FeedStatus
	call(t, h, "GET", "/api/v1/plan/feed", nil).json(t, &status)
	if status.Active || status.Created != nil {
		t.Errorf("status before any feed = %+v, want inactive", status)
	}

	res := call(t, h, "POST", "/api/v1/plan/feed", nil)
	wantStatus(t, res, http.StatusCreated, "")
	if cc := res.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store: the address is shown once", cc)
	}
	var first NewFeed
	res.json(t, &first)
	token, ok := strings.CutPrefix(first.URL, "http://example.com/feed/")
	token, ok2 := strings.CutSuffix(token, "/plan.ics")
	if !ok || !ok2 || first.Webcal != "webcal://example.com/feed/"+token+"/plan.ics" || !first.Created.Equal(now.Truncate(1e9)) {
		t.Fatalf("new feed = %+v, want http://example.com/feed/TOKEN/plan.ics, its webcal:// twin, made now", first)
	}
	if id, err := training.FeedAthlete(ctx, st, token); err != nil || id != store.DefaultAthlete {
		t.Errorf("the new feed's token names athlete %d, %v; want 1", id, err)
	}
	call(t, h, "GET", "/api/v1/plan/feed", nil).json(t, &status)
	if !status.Active || status.Created == nil || !status.Created.Equal(first.Created) {
		t.Errorf("status after making one = %+v, want active since %v", status, first.Created)
	}

	var second NewFeed
	call(t, h, "POST", "/api/v1/plan/feed", nil).json(t, &second)
	if second.URL == first.URL {
		t.Error("a new feed kept the address of the one before")
	}
	if _, err := training.FeedAthlete(ctx, st, token); !errors.Is(err, training.ErrNoFeed) {
		t.Errorf("the first token after making another: %v, want ErrNoFeed", err)
	}

	wantStatus(t, call(t, h, "DELETE", "/api/v1/plan/feed", nil), http.StatusNoContent, "")
	call(t, h, "GET", "/api/v1/plan/feed", nil).json(t, &status)
	if status.Active {
		t.Errorf("status after revoking = %+v, want inactive", status)
	}
	wantStatus(t, call(t, h, "DELETE", "/api/v1/plan/feed", nil), http.StatusNoContent, "")
}

// TestFeedOwnOnly: acting for an athlete who is not the signed-in user,
// as a coach does, neither makes nor revokes their feed.
func TestFeedOwnOnly(t *testing.T) {
	t.Parallel()
	coach := func(*http.Request) (store.AthleteID, error) { return 7, nil }
	h, st := newAPI(t, false, Config{Self: coach})
	ctx := context.Background()
	if _, err := st.Feed(ctx, store.DefaultAthlete); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("feed before: %v", err)
	}
	wantStatus(t, call(t, h, "POST", "/api/v1/plan/feed", nil), http.StatusForbidden, "forbidden")
	if f, err := st.Feed(ctx, store.DefaultAthlete); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a coach made the athlete's feed: %+v, %v", f, err)
	}
	if err := st.SaveFeed(ctx, store.Feed{Athlete: store.DefaultAthlete, Hash: "h", Created: now}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, call(t, h, "DELETE", "/api/v1/plan/feed", nil), http.StatusForbidden, "forbidden")
	if _, err := st.Feed(ctx, store.DefaultAthlete); err != nil {
		t.Errorf("a coach revoked the athlete's feed: %v", err)
	}
}

// TestFeedLinks: the addresses keep the base's scheme and host, and a
// base with a path or a trailing slash.
func TestFeedLinks(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ base, url, webcal string }{
		{"https://run.example.org", "https://run.example.org/feed/1.abc/plan.ics", "webcal://run.example.org/feed/1.abc/plan.ics"},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/feed/1.abc/plan.ics", "webcal://127.0.0.1:8080/feed/1.abc/plan.ics"},
	} {
		if got := NewFeedLinks(tt.base, "1.abc"); got.URL != tt.url || got.Webcal != tt.webcal {
			t.Errorf("NewFeedLinks(%q) = %+v, want %s and %s", tt.base, got, tt.url, tt.webcal)
		}
	}
	// Without a BaseURL, a request over TLS gets https addresses.
	h, _ := newAPI(t, false, Config{})
	var f NewFeed
	do(t, h, httptest.NewRequest("POST", "https://run.example.org/api/v1/plan/feed", nil)).json(t, &f)
	if !strings.HasPrefix(f.URL, "https://run.example.org/feed/") {
		t.Errorf("feed made over TLS at %s, want an https address of the request's host", f.URL)
	}
}

// TestMapOwnOnly: a profile sent without the map keeps the runner's
// privacy zones, and a coach may change the profile but not the map.
func TestMapOwnOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	zones := activity.Map{Privacy: []activity.PrivacyZone{{Lat: 59.91, Lon: 10.75, RadiusM: 400}}}
	for _, tt := range []struct {
		name string
		self func(*http.Request) (store.AthleteID, error)
	}{{"the athlete", nil}, {"a coach", func(*http.Request) (store.AthleteID, error) { return 7, nil }}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, st := newAPI(t, false, Config{Self: tt.self})
			if err := st.SaveAthlete(ctx, store.DefaultAthlete, activity.Athlete{Map: zones}); err != nil {
				t.Fatal(err)
			}
			wantStatus(t, call(t, h, "PUT", "/api/v1/profile", map[string]any{"max_hr": map[string]any{"value": 190}}), http.StatusOK, "")
			if a, err := st.Athlete(ctx, store.DefaultAthlete); err != nil || len(a.Map.Privacy) != 1 {
				t.Errorf("a profile without the map cleared it: %+v, %v", a.Map, err)
			}
			r := call(t, h, "PUT", "/api/v1/profile", map[string]any{"map": map[string]any{"privacy_zones": []any{}}})
			if tt.self == nil {
				wantStatus(t, r, http.StatusOK, "")
				if a, _ := st.Athlete(ctx, store.DefaultAthlete); len(a.Map.Privacy) != 0 {
					t.Errorf("the athlete's own change of the map: %+v, want no zones", a.Map)
				}
			} else {
				wantStatus(t, r, http.StatusForbidden, "forbidden")
				if a, _ := st.Athlete(ctx, store.DefaultAthlete); len(a.Map.Privacy) != 1 {
					t.Errorf("a coach removed the athlete's privacy zones: %+v", a.Map)
				}
			}
		})
	}
}
