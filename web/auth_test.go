package web

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/auth"
	"github.com/easyrun/easyrun/backup"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/web/api"
)

const (
	testPassword = "tempo tuesday 42"
	// annaMarker names Anna's run: no answer to anyone but her and her
	// coach may contain it.
	annaMarker = "Canal hill reps"
)

// club is a server in server mode with four users: Anna, who owns the
// training stored before accounts and granted her coach Lee access;
// Bert, another athlete; Lee, Anna's coach; and Kim, a coach Anna never
// granted anything.
type club struct {
	h                    *Server
	st                   *sqlite.DB
	anna, bert, lee, kim store.User
	annaRun              int64       // Anna's run named annaMarker
	annaToken            store.Token // one of Anna's API tokens
}

func newClub(t *testing.T) *club {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "club.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	simulate(t, st, testNow, 2)
	c := &club{st: st}
	hash := auth.HashPassword(testPassword) // one hash for all: each costs 20 MiB and tens of ms
	for _, u := range []struct {
		to   *store.User
		name string
		role store.Role
	}{{&c.anna, "anna", store.RoleAthlete}, {&c.bert, "bert", store.RoleAthlete}, {&c.lee, "lee", store.RoleCoach}, {&c.kim, "kim", store.RoleCoach}} {
		if *u.to, err = st.AddUser(ctx, u.name, u.role, hash); err != nil {
			t.Fatal(err)
		}
	}
	if c.anna.ID != store.DefaultAthlete {
		t.Fatalf("anna is athlete %d; the first user should own the default athlete's data", c.anna.ID)
	}
	if err := st.Grant(ctx, c.anna.ID, c.lee.ID); err != nil {
		t.Fatal(err)
	}
	run := &activity.Activity{Sport: activity.Running, Name: annaMarker, Start: testNow.Add(-30 * time.Hour),
		Elapsed: 50 * time.Minute, Moving: 50 * time.Minute, RPE: 8, Source: activity.Manual}
	if c.annaRun, err = st.SaveManual(ctx, c.anna.ID, run); err != nil {
		t.Fatal(err)
	}
	if c.annaToken, err = st.SaveToken(ctx, store.Token{Athlete: c.anna.ID, Name: "script", Hash: auth.HashSecret("s3cret"), Created: testNow}); err != nil {
		t.Fatal(err)
	}
	c.h = New(Config{Config: api.Config{Store: st, Now: func() time.Time { return testNow }, Location: runnerZone}, Accounts: st})
	return c
}

// client is a browser or a script talking to a server.
type client struct {
	h       http.Handler
	cookie  *http.Cookie
	csrf    string
	token   string
	athlete store.AthleteID // added as ?athlete= when not zero
}

// do sends a request and returns the response and its body. Forms get
// the client's CSRF token.
func (c *client) do(t *testing.T, method, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	if form == nil {
		return c.send(t, method, path, "", "")
	}
	if c.csrf != "" && !form.Has("csrf") {
		form = cloneValues(form)
		form.Set("csrf", c.csrf)
	}
	return c.send(t, method, path, "application/x-www-form-urlencoded", form.Encode())
}

// send sends a request with a body of a content type (none when empty)
// and returns the response and its body. Scripts' requests carry the
// client's CSRF token in a header.
func (c *client) send(t *testing.T, method, path, contentType, body string) (*http.Response, string) {
	t.Helper()
	if c.athlete != 0 {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		path += sep + "athlete=" + strconv.FormatInt(int64(c.athlete), 10)
	}
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.cookie != nil {
		req.AddCookie(c.cookie)
		if contentType == "application/json" && c.csrf != "" {
			req.Header.Set(csrfHeader, c.csrf)
		}
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	return c.sendReq(t, req)
}

// sendReq serves req and returns the response and its body.
func (c *client) sendReq(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	return rec.Result(), rec.Body.String()
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn signs name in and returns their browser, CSRF token included.
func signIn(t *testing.T, h http.Handler, name string) *client {
	t.Helper()
	c := &client{h: h}
	res, body := c.do(t, "POST", "/login", url.Values{"name": {name}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: %s\n%s", name, res.Status, body)
	}
	for _, ck := range res.Cookies() {
		if ck.Name == sessionCookie {
			c.cookie = ck
		}
	}
	if c.cookie == nil {
		t.Fatalf("sign in %s: no session cookie", name)
	}
	_, page := c.do(t, "GET", "/settings", nil)
	m := csrfInput.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("settings page of %s has no CSRF field", name)
	}
	c.csrf = m[1]
	return c
}

func TestSignIn(t *testing.T) {
	c := newClub(t)
	anon := &client{h: c.h}

	res, body := anon.do(t, "GET", "/", nil)
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/login?next=%2F" {
		t.Fatalf("signed-out dashboard: %s to %q; want 303 to the sign-in page", res.Status, loc)
	}
	res, body = anon.do(t, "GET", "/login?next=/calendar", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `name="next" value="/calendar"`) {
		t.Fatalf("sign-in page: %s, next kept: %v", res.Status, strings.Contains(body, "/calendar"))
	}
	if problems := checkHTML(body); len(problems) > 0 {
		t.Errorf("sign-in page: %s", strings.Join(problems, "; "))
	}
	if strings.Contains(body, `href="/activities"`) {
		t.Error("the sign-in page shows the navigation of signed-in pages")
	}

	for _, tt := range []struct{ name, password string }{{"anna", "wrong password"}, {"nobody", testPassword}} {
		res, body = anon.do(t, "POST", "/login", url.Values{"name": {tt.name}, "password": {tt.password}})
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "do not match") || len(res.Cookies()) > 0 {
			t.Errorf("sign in %s with %q: %s, cookies %v; want 401 with the same words for both", tt.name, tt.password, res.Status, res.Cookies())
		}
	}

	req := httptest.NewRequest("POST", "/login", strings.NewReader(url.Values{
		"name": {"anna"}, "password": {testPassword}, "next": {"//evil.example/"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-Proto", "https")
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	res = rec.Result()
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/" {
		t.Errorf("sign in with an outside next: %s to %q; want 303 to /", res.Status, loc)
	}
	cookies := res.Cookies()
	if len(cookies) != 1 {
		t.Fatalf("cookies %v; want the session's", cookies)
	}
	ck := cookies[0]
	if !ck.HttpOnly || !ck.Secure || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" ||
		!strings.HasPrefix(ck.Value, "1.") || ck.Expires.Sub(testNow) != sessionLifetime {
		t.Errorf("session cookie %+v: want HttpOnly, Secure behind TLS, SameSite=Lax, athlete 1, 30 days", ck)
	}
	anna := &client{h: c.h, cookie: ck}
	if res, body = anna.do(t, "GET", "/", nil); res.StatusCode != http.StatusOK || !strings.Contains(body, "Signed in as <strong>anna</strong>") {
		t.Errorf("dashboard after sign-in: %s, names anna: %v", res.Status, strings.Contains(body, "anna"))
	}
}

func TestSignInRateLimit(t *testing.T) {
	c := newClub(t)
	anon := &client{h: c.h}
	for i := range loginFailures {
		if res, _ := anon.do(t, "POST", "/login", url.Values{"name": {"anna"}, "password": {"guess " + strconv.Itoa(i)}}); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: %s; want 401", i+1, res.Status)
		}
	}
	res, body := anon.do(t, "POST", "/login", url.Values{"name": {"anna"}, "password": {testPassword}})
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "901" ||
		!strings.Contains(body, "try again in 16 min") || len(res.Cookies()) > 0 {
		t.Errorf("right password after %d failures: %s, Retry-After %q; want 429 for the rest of the window, no session",
			loginFailures, res.Status, res.Header.Get("Retry-After"))
	}
	// The pair is limited, not the address: another name from it signs in
	// until the address has failed clientFailures times.
	if res, _ := anon.do(t, "POST", "/login", url.Values{"name": {"bert"}, "password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("another name from the guessing address: %s; want signed in", res.Status)
	}
	for i := loginFailures; i < clientFailures; i++ {
		anon.do(t, "POST", "/login", url.Values{"name": {"user" + strconv.Itoa(i)}, "password": {"guess"}})
	}
	if res, _ := anon.do(t, "POST", "/login", url.Values{"name": {"lee"}, "password": {testPassword}}); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after %d failures from one address: %s; want 429", clientFailures, res.Status)
	}
}

// TestSignInBehindProxy checks that behind a trusted reverse proxy an
// attacker locks out neither other users nor the owner of the account
// attacked, and that a client not behind a trusted proxy cannot pick its
// own address with a forged header.
func TestSignInBehindProxy(t *testing.T) {
	c := newClub(t)
	var err error
	if c.h.proxies, err = ParseProxies("10.0.0.0/8, ::1"); err != nil {
		t.Fatal(err)
	}
	c.h.accountDelay = time.Millisecond
	login := func(remote, forwarded, name, password string) int {
		form := url.Values{"name": {name}, "password": {password}}
		req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = remote
		if forwarded != "" {
			req.Header.Set("X-Forwarded-For", forwarded)
		}
		rec := httptest.NewRecorder()
		c.h.ServeHTTP(rec, req)
		return rec.Code
	}
	const proxy = "10.0.0.2:40000"
	for i := range 3 * loginFailures {
		login(proxy, "203.0.113.66", "anna", "guess "+strconv.Itoa(i))
	}
	for _, tc := range []struct {
		name, remote, forwarded, user string
		want                          int
	}{
		{"the attacker, through the proxy", proxy, "203.0.113.66", "anna", http.StatusTooManyRequests},
		{"the attacker, forging a hop before the proxy", proxy, "198.51.100.1, 203.0.113.66", "anna", http.StatusTooManyRequests},
		{"the owner of the account attacked", proxy, "198.51.100.7", "anna", http.StatusSeeOther},
		{"another user", proxy, "198.51.100.8", "bert", http.StatusSeeOther},
		{"another user through two trusted proxies", proxy, "198.51.100.9, 10.1.1.1", "lee", http.StatusSeeOther},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := login(tc.remote, tc.forwarded, tc.user, testPassword); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
	// Not through a trusted proxy: X-Forwarded-For is the client's own word.
	for i := range loginFailures {
		if got := login("192.0.2.5:1234", "198.51.100."+strconv.Itoa(i), "kim", "guess"); got != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d", i, got)
		}
	}
	if got := login("192.0.2.5:1234", "198.51.100.200", "kim", testPassword); got != http.StatusTooManyRequests {
		t.Errorf("a direct client rotating X-Forwarded-For: %d; want 429", got)
	}
}

func TestCSRF(t *testing.T) {
	c := newClub(t)
	anna := signIn(t, c.h, "anna")
	path := "/activities/" + strconv.FormatInt(c.annaRun, 10) + "/rpe"
	for _, tt := range []struct {
		name string
		csrf string
		want int
	}{
		{"no token", "", http.StatusForbidden},
		{"another session's token", signIn(t, c.h, "bert").csrf, http.StatusForbidden},
		{"the session's token", anna.csrf, http.StatusSeeOther},
	} {
		form := url.Values{"rpe": {"5"}, "csrf": {tt.csrf}}
		if tt.csrf == "" {
			form.Del("csrf")
			form.Set("csrf", "")
		}
		res, _ := anna.do(t, "POST", path, form)
		if res.StatusCode != tt.want {
			t.Errorf("%s: %s; want %d", tt.name, res.Status, tt.want)
		}
	}
	rec, err := c.st.Activity(context.Background(), c.anna.ID, c.annaRun)
	if err != nil || rec.Activity.RPE != 5 {
		t.Errorf("RPE after the one valid form: %v, %v; want 5", rec.Activity.RPE, err)
	}
}

// Another site's form is refused in single-user mode too, where there is
// no session to carry a token.
func TestCrossSiteRefused(t *testing.T) {
	st := newStore(t, t.TempDir())
	h := newServer(st)
	for _, tt := range []struct {
		header, value string
		refused       bool
	}{
		{"Sec-Fetch-Site", "cross-site", true},
		{"Origin", "https://evil.example", true},
		{"Sec-Fetch-Site", "same-origin", false},
	} {
		req := httptest.NewRequest("POST", "/settings/profile", strings.NewReader("birth_year=1980&units=km"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set(tt.header, tt.value)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if refused := rec.Code == http.StatusForbidden; refused != tt.refused {
			t.Errorf("%s: %s: %d; want refused %v", tt.header, tt.value, rec.Code, tt.refused)
		}
	}
}

func TestSignOut(t *testing.T) {
	c := newClub(t)
	laptop, phone := signIn(t, c.h, "anna"), signIn(t, c.h, "anna")
	if res, _ := laptop.do(t, "POST", "/logout", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: %s", res.Status)
	}
	if res, _ := laptop.do(t, "GET", "/settings", nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("signed-out laptop: %s; want a redirect to sign in", res.Status)
	}
	if res, _ := phone.do(t, "GET", "/settings", nil); res.StatusCode != http.StatusOK {
		t.Errorf("phone after the laptop signed out: %s; want still signed in", res.Status)
	}
	tablet := signIn(t, c.h, "anna")
	if res, _ := tablet.do(t, "POST", "/logout/everywhere", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out everywhere: %s", res.Status)
	}
	for name, b := range map[string]*client{"phone": phone, "tablet": tablet} {
		if res, _ := b.do(t, "GET", "/settings", nil); res.StatusCode != http.StatusSeeOther {
			t.Errorf("%s after signing out everywhere: %s; want signed out", name, res.Status)
		}
	}
}

func TestChangePassword(t *testing.T) {
	c := newClub(t)
	laptop, phone := signIn(t, c.h, "anna"), signIn(t, c.h, "anna")
	res, body := laptop.do(t, "POST", "/settings/password", url.Values{"current": {"not it at all"}, "new": {"a new password"}, "confirm": {"a new password"}})
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "nothing changed") {
		t.Errorf("wrong current password: %s; want 400 saying nothing changed", res.Status)
	}
	res, _ = laptop.do(t, "POST", "/settings/password", url.Values{"current": {testPassword}, "new": {"a new password"}, "confirm": {"a new password"}})
	if res.StatusCode != http.StatusSeeOther || len(res.Cookies()) != 1 {
		t.Fatalf("change password: %s, cookies %v; want 303 with a new session", res.Status, res.Cookies())
	}
	laptop.cookie = res.Cookies()[0]
	if res, _ := laptop.do(t, "GET", "/settings", nil); res.StatusCode != http.StatusOK {
		t.Errorf("the browser that changed the password: %s; want signed in", res.Status)
	}
	if res, _ := phone.do(t, "GET", "/settings", nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("another browser after the change: %s; want signed out", res.Status)
	}
	anon := &client{h: c.h}
	if res, _ := anon.do(t, "POST", "/login", url.Values{"name": {"anna"}, "password": {"a new password"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("sign in with the new password: %s", res.Status)
	}
	// Whoever learnt the old password may have made a token with it.
	script := &client{h: c.h, token: fmt.Sprintf("er_%d_s3cret", c.anna.ID)}
	if res, _ := script.do(t, "GET", "/api/v1/activities", nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a token made before the change: %s; want 401", res.Status)
	}
	if tokens, err := c.st.Tokens(context.Background(), c.anna.ID); err != nil || len(tokens) != 0 {
		t.Errorf("tokens after the change: %v, %v; want none", tokens, err)
	}
}

// TestAPITokenExpires checks that a token given an expiry works until
// then and not after, and that a bad expiry is refused with its range.
func TestAPITokenExpires(t *testing.T) {
	c := newClub(t)
	anna := signIn(t, c.h, "anna")
	if res, body := anna.do(t, "POST", "/settings/tokens", url.Values{"name": {"x"}, "expires_days": {"0"}}); res.StatusCode != http.StatusBadRequest ||
		!strings.Contains(body, "1 to 3650 days") {
		t.Errorf("expiry of 0 days: %s; want 400 naming the range", res.Status)
	}
	res, body := anna.do(t, "POST", "/settings/tokens", url.Values{"name": {"a week"}, "expires_days": {"7"}})
	m := regexp.MustCompile(`er_\d+_[A-Za-z0-9_-]+`).FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("make token: %s", res.Status)
	}
	for _, tc := range []struct {
		after time.Duration
		want  int
	}{{0, http.StatusOK}, {7*24*time.Hour - time.Second, http.StatusOK}, {7 * 24 * time.Hour, http.StatusUnauthorized}} {
		now := testNow.Add(tc.after)
		c.h.c.Now = func() time.Time { return now }
		if res, _ := (&client{h: c.h, token: m[0]}).do(t, "GET", "/api/v1/activities", nil); res.StatusCode != tc.want {
			t.Errorf("%v after it was made: %s; want %d", tc.after, res.Status, tc.want)
		}
	}
	if _, settings := anna.do(t, "GET", "/settings", nil); !strings.Contains(settings, "never") {
		t.Error("the settings page does not say the fixture's token never expires")
	}
}

func TestAPIToken(t *testing.T) {
	c := newClub(t)
	anna := signIn(t, c.h, "anna")
	res, body := anna.do(t, "POST", "/settings/tokens", url.Values{"name": {"weekly report"}})
	m := regexp.MustCompile(`value="(er_1_[A-Za-z0-9_-]{43})"`).FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("make token: %s, token shown: %v, Cache-Control %q", res.Status, m != nil, res.Header.Get("Cache-Control"))
	}
	token := m[1]
	if _, settings := anna.do(t, "GET", "/settings", nil); strings.Contains(settings, token) || !strings.Contains(settings, "weekly report") {
		t.Error("the settings page shows the token again, or does not list it by name")
	}
	script := &client{h: c.h, token: token}
	res, body = script.do(t, "GET", "/api/v1/activities", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, annaMarker) {
		t.Fatalf("API with the token: %s; want Anna's activities", res.Status)
	}
	// A script changes data without a CSRF token: it sends no cookie.
	req := `{"rpe": 6}`
	r := httptest.NewRequest("PUT", "/api/v1/activities/"+strconv.FormatInt(c.annaRun, 10)+"/rpe", strings.NewReader(req))
	r.Header.Set("Authorization", "Bearer "+token)
	r.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, r)
	if rec.Code != http.StatusOK {
		t.Errorf("PUT with the token: %d %s", rec.Code, rec.Body)
	}
	tokens, err := c.st.Tokens(context.Background(), c.anna.ID)
	if err != nil || len(tokens) != 2 {
		t.Fatalf("tokens %v, %v; want the fixture's and the new one", tokens, err)
	}
	if res, _ := anna.do(t, "POST", "/settings/tokens/"+strconv.FormatInt(tokens[1].ID, 10)+"/revoke", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %s", res.Status)
	}
	res, body = script.do(t, "GET", "/api/v1/activities", nil)
	var e struct{ Error struct{ Code string } }
	if json.Unmarshal([]byte(body), &e); res.StatusCode != http.StatusUnauthorized || e.Error.Code != "unauthorized" {
		t.Errorf("revoked token: %s %s; want 401 unauthorized in JSON", res.Status, body)
	}
}

func TestCoach(t *testing.T) {
	c := newClub(t)
	lee := signIn(t, c.h, "lee")
	_, body := lee.do(t, "GET", "/", nil)
	if !strings.Contains(body, `<option value="1">anna</option>`) {
		t.Fatal("the coach's pages do not offer Anna's training")
	}
	run := "/activities/" + strconv.FormatInt(c.annaRun, 10)
	if res, _ := lee.do(t, "GET", run, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("Anna's run in the coach's own training: %s; want 404", res.Status)
	}
	if res, _ := lee.do(t, "POST", "/athletes/view", url.Values{"athlete": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("switch to Anna: %s", res.Status)
	}
	res, body := lee.do(t, "GET", run, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, annaMarker) || !strings.Contains(body, "<strong>anna</strong>'s training as their coach") {
		t.Fatalf("Anna's run after switching: %s; want it, with whose training it is", res.Status)
	}
	// Anna takes access away: the coach is back in their own training.
	anna := signIn(t, c.h, "anna")
	if res, _ := anna.do(t, "POST", "/settings/coaches/"+strconv.FormatInt(int64(c.lee.ID), 10)+"/revoke", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %s", res.Status)
	}
	if res, body := lee.do(t, "GET", run, nil); res.StatusCode != http.StatusNotFound || strings.Contains(body, annaMarker) {
		t.Errorf("Anna's run after she took access away: %s; want 404 in the coach's own training", res.Status)
	}
	// Granting is by the coach's name, and only coaches can be granted.
	for name, want := range map[string]int{"bert": http.StatusBadRequest, "nobody": http.StatusBadRequest, "kim": http.StatusSeeOther} {
		if res, _ := anna.do(t, "POST", "/settings/coaches", url.Values{"coach": {name}}); res.StatusCode != want {
			t.Errorf("grant %s: %s; want %d", name, res.Status, want)
		}
	}
	if ok, err := c.st.Granted(context.Background(), c.anna.ID, c.kim.ID); !ok || err != nil {
		t.Errorf("Kim granted: %v, %v; want true", ok, err)
	}
}

// The export is the athlete's own: their coach may take it, and it holds
// their runs.
func TestDownloadExport(t *testing.T) {
	c := newClub(t)
	lee := signIn(t, c.h, "lee")
	lee.athlete = c.anna.ID
	for name, cl := range map[string]*client{"anna": signIn(t, c.h, "anna"), "coach lee": lee} {
		res, body := cl.do(t, "GET", "/settings/export", nil)
		zr, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
		if res.StatusCode != http.StatusOK || err != nil {
			t.Fatalf("export as %s: %s, %v", name, res.Status, err)
		}
		if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="easyrun-export-2026-11-25.zip"` {
			t.Errorf("export as %s: Content-Disposition %q", name, cd)
		}
		f, err := zr.Open(backup.ManifestName)
		if err != nil {
			t.Fatalf("export as %s: %v", name, err)
		}
		manifest, _ := io.ReadAll(f)
		if !strings.Contains(string(manifest), annaMarker) || len(zr.File) < 5 {
			t.Errorf("export as %s: %d members, Anna's logged run in the manifest: %v", name, len(zr.File), strings.Contains(string(manifest), annaMarker))
		}
	}
}

func TestUsersPage(t *testing.T) {
	c := newClub(t)
	if _, err := c.st.AddUser(context.Background(), "root", store.RoleAdmin, auth.HashPassword(testPassword)); err != nil {
		t.Fatal(err)
	}
	res, body := signIn(t, c.h, "root").do(t, "GET", "/admin/users", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `href="/admin/users" aria-current="page"`) {
		t.Fatalf("users page as admin: %s", res.Status)
	}
	if problems := checkHTML(body); len(problems) > 0 {
		t.Errorf("users page: %s", strings.Join(problems, "; "))
	}
	for _, want := range []string{"<td>anna</td><td>athlete</td>", "<td>lee</td><td>coach</td>", "<td>lee</td>", "<td>root</td><td>admin</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("users page lacks %q", want)
		}
	}
	if strings.Contains(body, annaMarker) {
		t.Error("the users page shows an athlete's training")
	}
}
