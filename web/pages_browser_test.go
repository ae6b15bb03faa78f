package web

import (
	_ "embed"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/interop"
	"github.com/easyrun/easyrun/store"
)

// pageChecks is run in the page after axe-core: what axe does not see.
// It returns the problems found, one a line:
//   - the page scrolls sideways (the document is wider than the viewport);
//   - SVG chart text whose contrast with the card behind it is below 4.5:1
//     (axe skips SVG text), or smaller than 11 px as drawn.
//
//go:embed testdata/pagechecks.js
var pageChecks string

// TestBrowserEveryPage loads every page as a runner would see it: on a
// laptop and a phone, in light and dark mode. Each must not scroll
// sideways, must pass axe-core with zero violations, and its chart text
// must be readable. Screenshots of each go to testdata/artifacts.
func TestBrowserEveryPage(t *testing.T) {
	ctx := browser(t)
	axe := axeCore(t)
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 16)
	s := newServer(st)
	// A block toward a race, so that the plan page shows its longest form.
	block := weekForm(map[string]string{"tue": "intervals", "thu": "threshold", "sun": "long"}, "5h")
	block.Set("weeks", "18")
	block.Set("race", "2027-03-28")
	block.Set("distance", "marathon")
	if res, body := post(t, s, "/plan", block); res.StatusCode != 303 {
		t.Fatalf("make an 18-week block: status %d\n%s", res.StatusCode, body)
	}
	// Three weeks of mornings and one that is off, so that the morning
	// page shows its normal band and its signs.
	for i := 21; i >= 0; i-- {
		m := activity.Morning{Date: testNow.AddDate(0, 0, -i).Format(time.DateOnly), RestingHR: 50, RMSSDMs: float64(58 + 8*(i%2)),
			Sleep: 7*time.Hour + 30*time.Minute, Legs: activity.NormalLegs, Source: activity.Manual}
		if i == 0 {
			m.RestingHR, m.RMSSDMs, m.Sleep, m.Legs, m.Note = 57, 41, 5*time.Hour, activity.HeavyLegs, "a late night"
		}
		if _, err := st.SaveMorning(t.Context(), store.DefaultAthlete, m); err != nil {
			t.Fatal(err)
		}
	}
	// A pair of shoes, worn past a low limit, so that the shoes page shows
	// its table with the warning and the activity page its choice of shoe.
	worn := url.Values{"name": {"blue pair"}, "brand": {"Nike Pegasus 41"}, "started": {"2026-08-01"}, "retire_at": {"100"}, "default": {"on"}}
	if res, body := post(t, s, "/shoes", worn); res.StatusCode != 303 {
		t.Fatalf("add a shoe: status %d\n%s", res.StatusCode, body)
	}
	for _, rec := range mustActivities(t, st) {
		if err := st.SetShoe(t.Context(), store.DefaultAthlete, rec.ID, 1); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	errs := listen(ctx)
	dir := artifacts(t)
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)

	pages := []struct{ name, path, want string }{
		{"dashboard", "/", "This week"},
		{"morning", "/morning", "3 signs that this morning is clearly off"},
		{"activities", "/activities", "Log a run without a watch"},
		{"activity", "/activities/" + id, "Time in zones"},
		{"intervals", "/activities/" + strconv.FormatInt(classID(t, st, analysis.Intervals), 10), "Reps"},
		{"calendar", "/calendar", "November 2026"},
		{"trends", "/trends?weeks=52", "Weekly distance"},
		{"shoes", "/shoes", "past its limit"},
		{"plan", "/plan", "Change the plan"},
		{"import", "/import", "Drop files"},
		{"settings", "/settings", "Your recovery rules"},
	}
	for _, p := range pages {
		// The closing note's figures: the page's size, plain and gzipped,
		// and the server's time to render it.
		start := time.Now()
		req := httptest.NewRequest("GET", p.path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		took := time.Since(start)
		_, plain := get(t, s, p.path)
		t.Logf("%s: %d bytes, %d gzipped, rendered in %v", p.path, len(plain), rec.Body.Len(), took.Round(10*time.Microsecond))
		for _, width := range []int64{1280, 390} {
			for _, scheme := range []string{"light", "dark"} {
				name := fmt.Sprintf("%s-%d-%s", p.name, width, scheme)
				t.Run(name, func(t *testing.T) {
					var text string
					var height int64
					var problems, violations []string
					var shot []byte
					start := time.Now()
					err := chromedp.Run(ctx,
						chromedp.EmulateViewport(width, 900),
						emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}),
						chromedp.Navigate(srv.URL+p.path),
						chromedp.WaitReady("footer"),
						chromedp.Text("main", &text),
						chromedp.Evaluate(`document.documentElement.scrollHeight`, &height),
						chromedp.Evaluate(pageChecks, &problems),
						chromedp.Evaluate(axe, nil),
						chromedp.Evaluate(axeRun, &violations, awaitPromise),
					)
					if err != nil {
						t.Fatalf("load %s: %v", p.path, err)
					}
					t.Logf("%s: %d px tall, loaded and checked in %v, axe-core: %d violations",
						p.path, height, time.Since(start).Round(time.Millisecond), len(violations))
					if !strings.Contains(text, p.want) {
						t.Errorf("%s shows no %q", p.path, p.want)
					}
					for _, v := range append(problems, violations...) {
						t.Errorf("%s: %s", p.path, v)
					}
					for _, e := range errs.take() {
						t.Errorf("%s: %s", p.path, e)
					}
					if err := chromedp.Run(ctx, chromedp.FullScreenshot(&shot, 100)); err != nil {
						t.Fatalf("screenshot: %v", err)
					}
					if err := os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o644); err != nil {
						t.Error(err)
					}
				})
			}
		}
	}
}

// axeCore is axe-core's script, from the interop packages, to inject
// into a page before axeRun.
func axeCore(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(interop.Module(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// axeRun runs axe-core on the page, already injected, and lists its
// violations, each with the first few elements it names.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v =>
	v.id + " (" + v.impact + "): " + v.help + ": " + v.nodes.slice(0, 4).map(n => n.target.join(" ") + " " + (n.failureSummary || "").replace(/\s+/g, " ")).join(" | ")))`

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// TestBrowserKeyboard walks the import page with the Tab key: the first
// stop is a visible skip link, and the file pickers, hidden inputs
// behind their labels, show where focus is.
func TestBrowserKeyboard(t *testing.T) {
	ctx := browser(t)
	srv := httptest.NewServer(newServer(newStore(t, t.TempDir())))
	t.Cleanup(srv.Close)
	type focus struct {
		Text    string  `json:"text"`
		Top     float64 `json:"top"`
		ID      string  `json:"id"`
		Outline string  `json:"outline"` // of the element, or of the label a hidden input shows it on
	}
	const where = `(() => { const e = document.activeElement; const shown = e.type === "file" ? e.nextElementSibling : e;
		const s = getComputedStyle(shown);
		return {text: e.textContent.trim(), top: e.getBoundingClientRect().top, id: e.id, outline: s.outlineStyle + " " + s.outlineWidth}; })()`
	var skip focus
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(390, 900), chromedp.Navigate(srv.URL+"/import"), chromedp.WaitReady("footer"),
		chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(where, &skip)); err != nil {
		t.Fatal(err)
	}
	if skip.Text != "Skip to the content" || skip.Top < 0 || skip.Outline == "none 0px" {
		t.Errorf("the first Tab stop is %+v, want a visible, outlined skip link", skip)
	}
	for _, id := range []string{"files", "folder"} {
		var f focus
		for range 20 {
			if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(where, &f)); err != nil {
				t.Fatal(err)
			}
			if f.ID == id {
				break
			}
		}
		if f.ID != id || !strings.HasPrefix(f.Outline, "solid") {
			t.Errorf("focus on #%s: %+v, want its label outlined", id, f)
		}
	}
}

// mustActivities lists every activity of the default athlete in st.
func mustActivities(t *testing.T, st store.Store) []store.Record {
	t.Helper()
	recs, err := st.Activities(t.Context(), store.DefaultAthlete, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}
