package web

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/web/chart"
)

// TestMapSettings turns map tiles on with a privacy zone at the simulated
// runner's home: the activity page then draws the route on tiles, its
// Content-Security-Policy lets images come from the tile server and no
// other, and it says the ends near home are hidden. Bad settings are
// refused with the field and the range.
func TestMapSettings(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 1)
	s := newServer(st)
	page := "/activities/" + strconv.FormatInt(firstID(t, st, store.Filter{}), 10)

	res, body := get(t, s, page)
	if strings.Contains(body, "tilemap") || strings.Contains(res.Header.Get("Content-Security-Policy"), "openstreetmap") {
		t.Fatal("map tiles are on before the runner turned them on")
	}
	if !strings.Contains(body, `class="chart chart-route"`) || !strings.Contains(body, "no tile server sees where you run") {
		t.Error("the plain trace is not drawn with tiles off")
	}

	home := sim.DefaultRunner()
	zone := strconv.FormatFloat(home.HomeLat, 'f', -1, 64) + ", " + strconv.FormatFloat(home.HomeLon, 'f', -1, 64)
	for _, tt := range []struct {
		name string
		form url.Values
		want string
	}{
		{"http tiles", url.Values{"tiles": {"on"}, "tile_url": {"http://tile.example.org/{z}/{x}/{y}.png"}}, "tile URL"},
		{"no {y}", url.Values{"tile_url": {"https://tile.example.org/{z}/{x}.png"}}, "lacks {y}"},
		{"radius too small", url.Values{"privacy": {zone + ", 50"}}, "privacy zone 1 radius 50 m: want 100 to 1000 m"},
		{"not a place", url.Values{"privacy": {"home"}}, "want latitude, longitude"},
	} {
		if res, body := post(t, s, "/settings/map", tt.form); res.StatusCode != 400 || !strings.Contains(body, tt.want) {
			t.Errorf("%s: status %d, want 400 saying %q:\n%s", tt.name, res.StatusCode, tt.want, body)
		}
	}
	if res, _ := post(t, s, "/settings/map", url.Values{"tiles": {"on"}, "privacy": {zone}}); res.StatusCode != 303 {
		t.Fatalf("save the map settings: status %d", res.StatusCode)
	}
	if _, body := get(t, s, "/settings"); !strings.Contains(body, zone+", 400") || !strings.Contains(body, `id="tiles" name="tiles" type="checkbox" value="on" checked`) {
		t.Error("the settings page does not show the saved map settings")
	}
	res, body = get(t, s, page)
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "img-src 'self' data: https://tile.openstreetmap.org;") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("Content-Security-Policy %q does not let tiles from OpenStreetMap in, or lets more in", csp)
	}
	for _, want := range []string{`<div class="tilemap cols-`, `src="https://tile.openstreetmap.org/`, `loading="lazy"`, `referrerpolicy="strict-origin"`,
		`href="https://www.openstreetmap.org/copyright"`, "inside your privacy zones are not drawn"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, p := range checkHTML(body) {
		t.Errorf("HTML: %s", p)
	}
	if res, _ := get(t, s, "/settings"); strings.Contains(res.Header.Get("Content-Security-Policy"), "openstreetmap") {
		t.Error("a page without tiles lets images from the tile server in")
	}
}

// TestBrowserTileMap loads a route on tiles on a phone in dark mode with
// the tile server out of reach, as offline: the trace and the
// attribution stay in view, the page does not scroll sideways and axe-core
// finds nothing. The Content-Security-Policy blocks no tile.
func TestBrowserTileMap(t *testing.T) {
	ctx := browser(t)
	axe := axeCore(t)
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 1)
	s := newServer(st)
	home := sim.DefaultRunner()
	form := url.Values{"tiles": {"on"}, "tile_url": {"https://127.0.0.1:1/{z}/{x}/{y}.png"},
		"privacy": {fmt.Sprintf("%v, %v", home.HomeLat, home.HomeLon)}}
	if res, _ := post(t, s, "/settings/map", form); res.StatusCode != 303 {
		t.Fatalf("save the map settings: status %d", res.StatusCode)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	errs := listen(ctx)
	var problems, violations []string
	var shown struct {
		Route, Attribution float64
		Tiles              int
	}
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 900),
		emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}),
		chromedp.Navigate(srv.URL+"/activities/"+strconv.FormatInt(firstID(t, st, store.Filter{}), 10)),
		chromedp.WaitReady("footer"),
		chromedp.ScrollIntoView(".tilemap"),
		chromedp.Sleep(500*time.Millisecond), // the lazy tiles start and fail
		chromedp.Evaluate(`({route: document.querySelector(".tilemap svg").getBoundingClientRect().height,
			attribution: document.querySelector(".tilemap .attribution").getBoundingClientRect().height,
			tiles: document.querySelectorAll(".tilemap img").length})`, &shown),
		chromedp.Evaluate(pageChecks, &problems),
		chromedp.Evaluate(axe, nil),
		chromedp.Evaluate(axeRun, &violations, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if shown.Route < 100 || shown.Attribution <= 0 || shown.Tiles == 0 || shown.Tiles > chart.MaxTilesWide*chart.MaxTilesHigh {
		t.Errorf("shown %+v: want the trace, the attribution and at most a view's tiles", shown)
	}
	for _, p := range append(problems, violations...) {
		t.Error(p)
	}
	for _, e := range errs.take() {
		if strings.Contains(e, "Content Security Policy") || !strings.Contains(e, "127.0.0.1:1") {
			t.Error(e) // a failing tile of the unreachable server is expected; nothing else
		}
	}
}
