package web

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/api"
)

var feedInput = regexp.MustCompile(`id="feed-url" class="secret" readonly value="([^"]+)"`)

// makeFeed posts the settings form that makes a feed as c and returns
// the feed's path, read from the page that shows it once.
func makeFeed(t *testing.T, c *client) string {
	t.Helper()
	res, body := c.do(t, "POST", "/settings/feed", url.Values{})
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("make a feed: %s, Cache-Control %q; want 200, no-store\n%s", res.Status, res.Header.Get("Cache-Control"), body)
	}
	m := feedInput.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the new feed's page shows no address:\n%s", body)
	}
	u, err := url.Parse(m[1])
	if err != nil || u.Scheme != "http" || u.Host != "example.com" {
		t.Fatalf("feed address %q (%v), want http://example.com/…, the request's host", m[1], err)
	}
	if !strings.Contains(body, `href="webcal://example.com`+u.Path+`"`) {
		t.Errorf("the new feed's page has no webcal link to %s", u.Path)
	}
	return u.Path
}

// fetch GETs (or HEADs) a feed as a calendar app does: no cookie, the
// given extra headers.
func fetch(t *testing.T, h http.Handler, method, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return (&client{h: h}).sendReq(t, req)
}

// TestFeed: in single-user mode, the settings make a feed whose address
// serves the plan to a calendar app, with its caching headers and no
// cookie; a valid empty calendar while there is no plan; 304 when the
// app has it; a new address revokes the old one, and revoking leaves
// none.
func TestFeed(t *testing.T) {
	st := newStore(t, t.TempDir())
	s := newServer(st)
	c := &client{h: s}
	path := makeFeed(t, c)

	res, body := fetch(t, s, "GET", path)
	etag := res.Header.Get("ETag")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/calendar; charset=utf-8" ||
		res.Header.Get("Cache-Control") != "private, max-age=300" || !strings.HasPrefix(etag, `"`) ||
		res.Header.Get("Set-Cookie") != "" || res.Header.Get("Last-Modified") != "" {
		t.Fatalf("feed: %s, headers %v; want 200, text/calendar; charset=utf-8, private, max-age=300, a strong ETag, no cookie, no Last-Modified",
			res.Status, res.Header)
	}
	if !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\n") || strings.Contains(body, "BEGIN:VEVENT") ||
		!strings.Contains(body, "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n") {
		t.Errorf("feed without a plan: want a calendar without events, refreshed hourly:\n%s", body)
	}

	svc := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return testNow }, Location: runnerZone}
	if err := st.SaveAthlete(context.Background(), store.DefaultAthlete, activity.Athlete{MaxHR: activity.Value{V: 190, Origin: activity.SetByRunner}}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.MakePlan(context.Background(), plan.Request{Hard: []plan.HardChoice{{Day: time.Thursday, Kind: plan.Intervals}},
		Volume: plan.Volume{Duration: 4 * time.Hour}, Experience: activity.Intermediate, Start: plan.DateOf(testNow)}); err != nil {
		t.Fatal(err)
	}
	res, body = fetch(t, s, "GET", path, "If-None-Match", etag)
	planned := res.Header.Get("ETag")
	if res.StatusCode != http.StatusOK || planned == etag || !strings.Contains(body, "UID:2026-11-26-") {
		t.Fatalf("feed after making a plan: %s, ETag %s (was %s); want 200 with the plan under a new ETag:\n%s", res.Status, planned, etag, body)
	}
	if res, body = fetch(t, s, "GET", path, "If-None-Match", planned); res.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("feed the app holds: %s, %d bytes; want 304, no body", res.Status, len(body))
	}
	if res, body = fetch(t, s, "HEAD", path); res.StatusCode != http.StatusOK || body != "" || res.Header.Get("ETag") != planned {
		t.Errorf("HEAD: %s, %d bytes, ETag %s; want 200, no body, %s", res.Status, len(body), res.Header.Get("ETag"), planned)
	}
	res, _ = fetch(t, s, "GET", path, "Accept-Encoding", "gzip")
	weak := res.Header.Get("ETag")
	if res.Header.Get("Content-Encoding") != "gzip" || weak != "W/"+planned {
		t.Errorf("gzipped feed: Content-Encoding %q, ETag %s; want gzip, W/%s", res.Header.Get("Content-Encoding"), weak, planned)
	}
	if res, _ = fetch(t, s, "GET", path, "Accept-Encoding", "gzip", "If-None-Match", weak); res.StatusCode != http.StatusNotModified {
		t.Errorf("gzipped feed the app holds: %s, want 304", res.Status)
	}

	_, page := c.do(t, "GET", "/settings", nil)
	if !strings.Contains(page, "Your calendar address was made on 25 Nov 2026") {
		t.Error("the settings do not say the feed exists")
	}
	rotated := makeFeed(t, c)
	if res, body = fetch(t, s, "GET", path); res.StatusCode != http.StatusNotFound || strings.Contains(body, "VCALENDAR") ||
		res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the address before a new one: %s, Cache-Control %q; want 404, no-store, no calendar", res.Status, res.Header.Get("Cache-Control"))
	}
	if res, _ = fetch(t, s, "GET", rotated); res.StatusCode != http.StatusOK {
		t.Errorf("the new address: %s, want 200", res.Status)
	}
	res, _ = c.do(t, "POST", "/settings/feed/revoke", url.Values{})
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/settings?feed=revoked#calendar" {
		t.Errorf("revoke: %s to %q", res.Status, loc)
	}
	if res, _ = fetch(t, s, "GET", rotated); res.StatusCode != http.StatusNotFound {
		t.Errorf("the revoked address: %s, want 404", res.Status)
	}
	if _, page = c.do(t, "GET", "/settings?feed=revoked", nil); !strings.Contains(page, "Calendar address revoked") || !strings.Contains(page, "No calendar address yet") {
		t.Error("the settings after revoking do not say so")
	}
}

// TestFeedMisses: a client asking for feeds that do not exist is slowed
// down as a sign-in guesser is, and the limit is per client.
func TestFeedMisses(t *testing.T) {
	s := newServer(newStore(t, t.TempDir()))
	for i := range clientFailures {
		if res, _ := fetch(t, s, "GET", "/feed/1.guess/plan.ics"); res.StatusCode != http.StatusNotFound {
			t.Fatalf("guess %d: %s, want 404", i+1, res.Status)
		}
	}
	res, _ := fetch(t, s, "GET", "/feed/1.guess/plan.ics")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Errorf("guess past the limit: %s, Retry-After %q; want 429 with a Retry-After", res.Status, res.Header.Get("Retry-After"))
	}
	req := httptest.NewRequest("GET", "/feed/1.guess/plan.ics", nil)
	req.RemoteAddr = "198.51.100.7:4242"
	if res, _ := (&client{h: s}).sendReq(t, req); res.StatusCode != http.StatusNotFound {
		t.Errorf("another client: %s, want 404", res.Status)
	}
}

// TestFeedScope: in server mode each athlete's feed serves their own
// plan alone, with no sign-in; a token with another athlete's number is
// no feed; a coach cannot make the feed of an athlete they coach.
func TestFeedScope(t *testing.T) {
	c := newClub(t)
	ctx := context.Background()
	for _, u := range []store.User{c.anna, c.bert} {
		svc := &training.Service{Store: c.st, Athlete: u.ID, Now: func() time.Time { return testNow }, Location: runnerZone}
		if err := c.st.SaveAthlete(ctx, u.ID, activity.Athlete{Name: u.Name, MaxHR: activity.Value{V: 190, Origin: activity.SetByRunner}}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.MakePlan(ctx, plan.Request{Hard: []plan.HardChoice{{Day: time.Thursday, Kind: plan.Intervals}},
			Volume: plan.Volume{Duration: 4 * time.Hour}, Experience: activity.Intermediate, Start: plan.DateOf(testNow)}); err != nil {
			t.Fatal(err)
		}
	}
	paths := map[store.AthleteID]string{c.anna.ID: makeFeed(t, signIn(t, c.h, "anna")), c.bert.ID: makeFeed(t, signIn(t, c.h, "bert"))}
	for id, path := range paths {
		res, body := fetch(t, c.h, "GET", path)
		own, other := fmt.Sprintf(".athlete-%d@easyrun", id), ".athlete-"
		if res.StatusCode != http.StatusOK || res.Header.Get("Set-Cookie") != "" || !strings.Contains(body, own) ||
			strings.Count(body, other) != strings.Count(body, own) {
			t.Errorf("feed of athlete %d: %s; want 200, no cookie, their plan's events alone:\n%s", id, res.Status, body)
		}
	}
	// Anna's secret under Bert's number is no feed.
	_, secret, _ := strings.Cut(strings.TrimPrefix(paths[c.anna.ID], "/feed/"), ".")
	forged := fmt.Sprintf("/feed/%d.%s", c.bert.ID, secret)
	if res, body := fetch(t, c.h, "GET", forged); res.StatusCode != http.StatusNotFound || strings.Contains(body, "VCALENDAR") {
		t.Errorf("Anna's secret under Bert's number: %s, want 404", res.Status)
	}
	lee := signIn(t, c.h, "lee")
	lee.athlete = c.anna.ID
	if res, _ := lee.do(t, "POST", "/settings/feed", url.Values{}); res.StatusCode != http.StatusForbidden {
		t.Errorf("coach Lee making Anna's feed: %s, want 403", res.Status)
	}
	if res, _ := lee.do(t, "POST", "/settings/feed/revoke", url.Values{}); res.StatusCode != http.StatusForbidden {
		t.Errorf("coach Lee revoking Anna's feed: %s, want 403", res.Status)
	}
	if res, _ := fetch(t, c.h, "GET", paths[c.anna.ID]); res.StatusCode != http.StatusOK {
		t.Errorf("Anna's feed after her coach tried to revoke it: %s, want 200", res.Status)
	}
	// Nor may the coach change her map settings: her privacy zones hide
	// where she lives from him too.
	if res, _ := lee.do(t, "POST", "/settings/map", url.Values{"tiles": {"on"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("coach Lee changing Anna's map settings: %s, want 403", res.Status)
	}
}

// TestFeedBehindProxy: the address shown is the one the client reached,
// as a trusted proxy names it, and never a host an untrusted one claims.
func TestFeedBehindProxy(t *testing.T) {
	for _, tt := range []struct {
		remote, want string
	}{
		{"127.0.0.1:5555", "https://run.example.org"},
		{"203.0.113.9:5555", "https://example.com"},
	} {
		s := New(Config{Config: api.Config{Store: newStore(t, t.TempDir()), Now: func() time.Time { return testNow }, Location: runnerZone},
			TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
		req := httptest.NewRequest("POST", "/settings/feed", strings.NewReader(""))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-Host", "run.example.org")
		req.Header.Set("X-Forwarded-Proto", "https")
		req.RemoteAddr = tt.remote
		_, body := (&client{h: s}).sendReq(t, req)
		if m := feedInput.FindStringSubmatch(body); m == nil || !strings.HasPrefix(m[1], tt.want+"/feed/") {
			t.Errorf("from %s: feed address %v, want one under %s", tt.remote, m, tt.want)
		}
	}
}

// TestFeedNotLogged: a feed that fails is logged without its address,
// whose token is the credential.
func TestFeedNotLogged(t *testing.T) {
	st := newStore(t, t.TempDir())
	s := newServer(st)
	path := makeFeed(t, &client{h: s})
	var log bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))
	if err := st.Close(); err != nil { // every read fails from here on
		t.Fatal(err)
	}
	if res, _ := fetch(t, s, "GET", path); res.StatusCode != http.StatusInternalServerError {
		t.Errorf("feed of a closed store: %s, want 500", res.Status)
	}
	_, secret, _ := strings.Cut(path, ".")
	secret, _, _ = strings.Cut(secret, "/")
	if !strings.Contains(log.String(), "calendar feed") || strings.Contains(log.String(), secret) {
		t.Errorf("log %q: want the failure logged without the token %q", log.String(), secret)
	}
}
