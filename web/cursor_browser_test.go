package web

import (
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/easyrun/easyrun/store"
)

// TestBrowserSharedCursor: on an activity's page, a pointer over one
// time chart moves the cursor of every other time chart to the same
// moment of the session.
func TestBrowserSharedCursor(t *testing.T) {
	ctx := browser(t)
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 1)
	srv := httptest.NewServer(newServer(st))
	t.Cleanup(srv.Close)
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)
	var charts int
	var shown []bool
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+"/activities/"+id),
		chromedp.WaitReady("footer"),
		chromedp.Evaluate(`document.querySelectorAll("svg.chart-time").length`, &charts),
		chromedp.Evaluate(`(() => {
			const svg = document.querySelector("svg.chart-time");
			const r = svg.getBoundingClientRect();
			svg.dispatchEvent(new PointerEvent("pointermove", {clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true}));
			return Array.from(document.querySelectorAll("svg.chart-time .chart-guide"), g => g.getAttribute("visibility") === "visible");
		})()`, &shown),
	)
	if err != nil {
		t.Fatal(err)
	}
	if charts < 3 {
		t.Fatalf("%d time charts on the page; want heart rate, pace and elevation at least", charts)
	}
	for i, v := range shown {
		if !v {
			t.Errorf("time chart %d of %d shows no cursor", i+1, len(shown))
		}
	}
}

// hover puts the pointer at the middle of the first time chart and
// reports, for every time chart, whether its cursor shows and the head
// line of its read-out.
const hover = `(() => {
	const svg = document.querySelector("svg.chart-time");
	svg.scrollIntoView({block: "center"});
	const r = svg.getBoundingClientRect();
	svg.dispatchEvent(new PointerEvent("pointermove", {clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true}));
	return Array.from(document.querySelectorAll("svg.chart-time"), s => ({
		shown: s.querySelector(".chart-guide").getAttribute("visibility") === "visible",
		head: (s.querySelector(".chart-tip-head") || {}).textContent || ""}));
})()`

// TestBrowserDistanceCursor: the distance axis is chosen with the
// keyboard, and along it a pointer over one chart moves the cursor of
// every chart to the same distance, which the read-outs show in the
// runner's units; on a laptop and a phone, light and dark, the page does
// not scroll sideways and passes axe-core. Screenshots go to
// testdata/artifacts.
func TestBrowserDistanceCursor(t *testing.T) {
	ctx := browser(t)
	axe := axeCore(t)
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 1)
	srv := httptest.NewServer(newServer(st))
	t.Cleanup(srv.Close)
	errs := listen(ctx)
	dir := artifacts(t)
	page := srv.URL + "/activities/" + strconv.FormatInt(firstID(t, st, store.Filter{}), 10)

	// Tab to the Distance link, as a keyboard user would, and follow it.
	type focus struct {
		Text    string `json:"text"`
		Outline string `json:"outline"`
	}
	const where = `(() => { const e = document.activeElement; const s = getComputedStyle(e);
		return {text: e.closest(".segmented") ? e.textContent.trim() : "", outline: s.outlineStyle}; })()`
	var f focus
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(page), chromedp.WaitReady("footer")); err != nil {
		t.Fatal(err)
	}
	for range 40 {
		if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(where, &f)); err != nil {
			t.Fatal(err)
		}
		if f.Text == "Distance" {
			break
		}
	}
	if f.Text != "Distance" || f.Outline != "solid" {
		t.Fatalf("Tab reached %+v, want the outlined Distance link", f)
	}
	var url string
	if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitReady(`.segmented a[aria-current="true"][href*="axis=distance"]`),
		chromedp.Location(&url)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(url, "?axis=distance") {
		t.Errorf("Enter on Distance went to %s", url)
	}

	distance := regexp.MustCompile(`^(\d+(?:\.\d+)?)\x{00a0}km$`) // chart.js keeps the no-break space
	for _, width := range []int64{1280, 390} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(fmt.Sprintf("%d-%s", width, scheme), func(t *testing.T) {
				var charts []struct {
					Shown bool   `json:"shown"`
					Head  string `json:"head"`
				}
				var problems, violations []string
				err := chromedp.Run(ctx,
					chromedp.EmulateViewport(width, 900),
					emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}),
					chromedp.Navigate(page+"?axis=distance"),
					chromedp.WaitReady("footer"),
					chromedp.Evaluate(hover, &charts),
					chromedp.Evaluate(pageChecks, &problems),
					chromedp.Evaluate(axe, nil),
					chromedp.Evaluate(axeRun, &violations, awaitPromise),
				)
				if err != nil {
					t.Fatal(err)
				}
				if len(charts) < 4 {
					t.Fatalf("%d charts along distance; want heart rate, pace, elevation and cadence", len(charts))
				}
				// Each chart keeps its own points, so the cursors agree to
				// within a point of each other.
				lo, hi := math.Inf(1), math.Inf(-1)
				for i, c := range charts {
					m := distance.FindStringSubmatch(c.Head)
					if !c.Shown || m == nil {
						t.Errorf("chart %d of %d: cursor shown %v, read-out %q; want a cursor at a distance in km", i+1, len(charts), c.Shown, c.Head)
						continue
					}
					km, _ := strconv.ParseFloat(m[1], 64)
					lo, hi = min(lo, km), max(hi, km)
				}
				if hi-lo > 0.1 {
					t.Errorf("the cursors read %v to %v km; want the same distance on every chart", lo, hi)
				}
				for _, p := range append(problems, violations...) {
					t.Error(p)
				}
				for _, e := range errs.take() {
					t.Error(e)
				}
				var shot []byte
				if err := chromedp.Run(ctx, chromedp.FullScreenshot(&shot, 100)); err != nil {
					t.Fatalf("screenshot: %v", err)
				}
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("activity-distance-%d-%s.png", width, scheme)), shot, 0o644); err != nil {
					t.Error(err)
				}
			})
		}
	}
}
