package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/auth"
	"github.com/easyrun/easyrun/store"
)

// allRoutes lists every method and path pattern the server answers: the
// page and account tables and every operation of the API's OpenAPI
// document, which the API's own test holds equal to its route table.
func allRoutes(t *testing.T, h http.Handler) [][2]string {
	t.Helper()
	var out [][2]string
	for _, rt := range slices.Concat(pageRoutes, accountRoutes) {
		method, path, _ := strings.Cut(rt.pattern, " ")
		out = append(out, [2]string{method, strings.TrimSuffix(path, "{$}")})
	}
	_, doc := (&client{h: h}).do(t, "GET", "/api/v1/openapi.json", nil)
	var spec struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(doc), &spec); err != nil || len(spec.Paths) == 0 {
		t.Fatalf("OpenAPI document: %v", err)
	}
	for path, ops := range spec.Paths {
		for method := range ops {
			out = append(out, [2]string{strings.ToUpper(method), path})
		}
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[1]+a[0], b[1]+b[0]) })
	return out
}

// public are the routes anyone may use: signing in, and the API's
// description.
var public = map[[2]string]bool{
	{"GET", "/login"}:               true,
	{"POST", "/login"}:              true,
	{"GET", "/api/v1/openapi.json"}: true,
}

// apiBodies are valid bodies of the API's writes.
var apiBodies = map[string]string{
	"/api/v1/activities/{id}/rpe":     `{"rpe": 1}`,
	"/api/v1/activities/{id}/sport":   `{"sport": "cycling"}`,
	"/api/v1/activities/{id}/details": `{"name": "x", "notes": "", "race": false}`,
	"/api/v1/rules":                   `{"max_above_cap": 5}`,
	"/api/v1/activities":              `{"start": "2026-11-20T07:00:00+01:00", "minutes": 30, "rpe": 3}`,
	"/api/v1/plan":                    `{"hard": "tue:intervals,thu:threshold", "volume": "5h"}`,
	"/api/v1/profile":                 `{"birth_year": 1970}`,
	"/api/v1/mornings/{date}":         `{"legs": 2}`,
	"/api/v1/activities/{id}/shoe":    `{"shoe_id": 1}`,
	"/api/v1/shoes":                   `{"name": "x"}`,
}

// TestScoping tries every page and API route for Anna's training as
// someone who may not see it — signed out, Bert (another athlete) by
// session and by token, Kim (a coach Anna never granted access) — and
// expects a refusal each time with nothing of Anna's in the answer and
// nothing of hers changed. Anna and her coach Lee, asking the same, get
// her training: the refusals are not for everyone.
func TestScoping(t *testing.T) {
	c := newClub(t)
	ctx := context.Background()
	bertToken := "bert-secret-token-0123456789"
	if _, err := c.st.SaveToken(ctx, store.Token{Athlete: c.bert.ID, Name: "bert's", Hash: authHash(bertToken)}); err != nil {
		t.Fatal(err)
	}
	// Anna's calendar feed, which no refused request may replace or revoke.
	if err := c.st.SaveFeed(ctx, store.Feed{Athlete: c.anna.ID, Hash: authHash("anna-feed"), Created: testNow}); err != nil {
		t.Fatal(err)
	}
	// Anna's pair is shoe 1, the one the bodies and forms below name.
	annaShoe, err := c.st.SaveShoe(ctx, c.anna.ID, activity.Shoe{Name: "anna's", Started: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), RetireAtM: activity.DefaultRetireAtM})
	if err != nil || annaShoe != 1 {
		t.Fatalf("Anna's shoe: %d, %v; want shoe 1", annaShoe, err)
	}
	bert := signIn(t, c.h, "bert")
	kim := signIn(t, c.h, "kim")
	onAnna := func(cl client) *client { cl.athlete = c.anna.ID; return &cl }
	actors := []struct {
		name string
		c    *client
		// ids: the path's {id} is Anna's; without ?athlete= these act
		// for the actor, who must still not reach Anna's records.
		ids bool
	}{
		{"signed out", &client{h: c.h}, false},
		{"signed out, Anna's ids", &client{h: c.h, athlete: c.anna.ID}, false},
		{"Bert asking for Anna", onAnna(*bert), false},
		{"Bert with Anna's ids", bert, true},
		{"Bert's token asking for Anna", &client{h: c.h, token: credential(tokenPrefix, c.bert.ID, "_", bertToken), athlete: c.anna.ID}, false},
		{"coach Kim without access", onAnna(*kim), false},
	}
	idFor := func(path string) string {
		switch {
		case strings.Contains(path, "/tokens/"):
			return strconv.FormatInt(c.annaToken.ID, 10)
		case strings.Contains(path, "/coaches/"):
			return strconv.FormatInt(int64(c.lee.ID), 10)
		case strings.HasPrefix(path, "/shoes/"):
			return strconv.FormatInt(annaShoe, 10)
		default:
			return strconv.FormatInt(c.annaRun, 10)
		}
	}
	before := annaState(t, c)
	routes := allRoutes(t, c.h)
	if len(routes) < 35 {
		t.Fatalf("%d routes: the tables were not read", len(routes))
	}
	tried := 0
	for _, rt := range routes {
		method, pattern := rt[0], rt[1]
		if public[rt] {
			continue
		}
		path := strings.ReplaceAll(strings.ReplaceAll(pattern, "{id}", idFor(pattern)), "{date}", "today")
		for _, a := range actors {
			if a.ids && !strings.Contains(pattern, "{id}") {
				continue
			}
			// The coach switch, and revoking a grant, act on the actor's own
			// account: with Anna's ids they are tried below, by what
			// they leave of Anna's.
			if a.ids && (strings.Contains(pattern, "/coaches/") || pattern == "/athletes/view") {
				continue
			}
			var res *http.Response
			var body string
			switch {
			case method == "GET":
				res, body = a.c.do(t, method, path, nil)
			case strings.HasPrefix(pattern, "/api/"):
				// Valid bodies, so that only scoping can refuse them.
				res, body = a.c.send(t, method, path, "application/json", apiBodies[pattern])
			default:
				res, body = a.c.do(t, method, path, url.Values{"rpe": {"1"}, "sport": {"cycling"}, "athlete": {"1"}, "name": {"x"},
					"coach": {"kim"}, "hard_tue": {"intervals"}, "volume": {"5h"}, "date": {"2026-11-20"}, "time": {"07:00"}, "minutes": {"30"}, "confirm": {"yes"}, "legs": {"2"},
					"shoe": {"1"}, "started": {"2026-11-20"}, "retire_at": {"700"}})
			}
			tried++
			refused := res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden ||
				res.StatusCode == http.StatusNotFound ||
				(res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/login"))
			if !refused {
				t.Errorf("%s %s as %s: %s; want a refusal", method, path, a.name, res.Status)
			}
			if strings.Contains(body, annaMarker) || strings.Contains(body, ">anna<") {
				t.Errorf("%s %s as %s: the answer shows Anna's training", method, path, a.name)
			}
		}
	}
	if after := annaState(t, c); after != before {
		t.Errorf("Anna's training changed under refused requests:\nbefore %s\nafter  %s", before, after)
	}
	t.Logf("%d refused requests over %d routes", tried, len(routes))

	// The same routes serve Anna and her coach.
	lee := signIn(t, c.h, "lee")
	anna := signIn(t, c.h, "anna")
	run := "/activities/" + strconv.FormatInt(c.annaRun, 10)
	for name, cl := range map[string]*client{"anna": anna, "coach lee": onAnna(*lee)} {
		for _, path := range []string{run, "/api/v1" + run, "/activities", "/api/v1/activities"} {
			res, body := cl.do(t, "GET", path, nil)
			if res.StatusCode != http.StatusOK || !strings.Contains(body, annaMarker) {
				t.Errorf("GET %s as %s: %s, shows her run: %v", path, name, res.Status, strings.Contains(body, annaMarker))
			}
		}
	}
}

func authHash(secret string) string { return auth.HashSecret(secret) }

// annaState sums up what the refused requests might have changed of
// Anna's: her activities, their RPE and sport, her profile, plan, tokens,
// grants and mornings.
func annaState(t *testing.T, c *club) string {
	t.Helper()
	ctx := context.Background()
	recs, err := c.st.Activities(ctx, c.anna.ID, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	rpe, sports, shoeOf := 0, "", ""
	for _, r := range recs {
		rpe = rpe*31 + r.Activity.RPE
		sports += string(r.Activity.Sport) + " "
		shoeOf += strconv.FormatInt(r.Shoe, 10) + " "
	}
	shoes, err := c.st.Shoes(ctx, c.anna.ID)
	if err != nil {
		t.Fatal(err)
	}
	prof, err := c.st.Athlete(ctx, c.anna.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, planErr := c.st.Plan(ctx, c.anna.ID)
	tokens, err := c.st.Tokens(ctx, c.anna.ID)
	if err != nil {
		t.Fatal(err)
	}
	coaches, err := c.st.Coaches(ctx, c.anna.ID)
	if err != nil {
		t.Fatal(err)
	}
	feed, feedErr := c.st.Feed(ctx, c.anna.ID)
	mornings, err := c.st.Mornings(ctx, c.anna.ID, "", "")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join([]string{
		"activities " + strconv.Itoa(len(recs)), "rpe " + strconv.Itoa(rpe), "sports " + sports,
		"birth year " + strconv.Itoa(prof.BirthYear), "plan " + strconv.FormatBool(planErr == nil),
		"tokens " + strconv.Itoa(len(tokens)), "coaches " + strconv.Itoa(len(coaches)), "feed " + feed.Hash + fmt.Sprint(feedErr),
		"mornings " + strconv.Itoa(len(mornings)),
		"shoes " + fmt.Sprintf("%+v", shoes), "shoe of each run " + shoeOf,
	}, ", ")
}
