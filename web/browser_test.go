package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/store"
)

// chromium is Debian's Chromium, which CI installs.
const chromium = "/usr/bin/chromium"

// browser starts a headless Chromium with a fresh profile, or skips the
// test without one unless EASYRUN_BROWSER=required.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("EASYRUN_BROWSER") == "required" {
			t.Fatalf("EASYRUN_BROWSER=required but %s is missing: %v", chromium, err)
		}
		t.Skipf("skipping browser test: %s is missing (install Debian's chromium, or set EASYRUN_BROWSER=required to fail)", chromium)
	}
	profile, err := os.MkdirTemp("", "easyrun-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute) // every page, four ways, on a busy machine
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		cancelAlloc()
		// Chromium's helpers may still write to the profile for a moment.
		var err error
		for range 20 {
			if err = os.RemoveAll(profile); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Errorf("remove the browser profile: %v", err)
	})
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error { return log.Enable().Do(ctx) })); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// consoleErrors collects what the page reports as errors: console.error,
// uncaught exceptions, and the browser's own errors (a resource that
// failed to load, a Content-Security-Policy violation).
type consoleErrors struct {
	mu   sync.Mutex
	errs []string
}

func listen(ctx context.Context) *consoleErrors {
	c := &consoleErrors{}
	chromedp.ListenTarget(ctx, func(ev any) {
		c.mu.Lock()
		defer c.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				c.errs = append(c.errs, "console.error: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			c.errs = append(c.errs, "exception: "+ev.ExceptionDetails.Error())
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelError {
				c.errs = append(c.errs, fmt.Sprintf("browser: %s (%s)", ev.Entry.Text, ev.Entry.URL))
			}
		}
	})
	return c
}

func (c *consoleErrors) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	errs := c.errs
	c.errs = nil
	return errs
}

// artifacts is where screenshots go: <repo>/testdata/artifacts.
func artifacts(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "artifacts"))
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		t.Fatalf("artifacts folder: %v", err)
	}
	return dir
}

func TestBrowserImport(t *testing.T) {
	ctx := browser(t)
	files := []string{
		corpus.File(t, "fit/dtcooper__garmin-fenix-5-run.fit"),
		corpus.File(t, "tcx/firefly__running_activity_1.tcx"),
		corpus.File(t, "gpx/gogpx__ashland.gpx"),
		corpus.File(t, "fit/dtcooper__Settings.fit"), // not an activity: reported as skipped
	}
	st := newStore(t, t.TempDir())
	srv := httptest.NewServer(newServer(st))
	t.Cleanup(srv.Close)
	errs := listen(ctx)

	var summary, problems string
	var shot []byte
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/import"),
		chromedp.WaitReady("#files"),
		chromedp.SetUploadFiles("#files", files),
		chromedp.WaitVisible("#result"),
		chromedp.Text("#summary", &summary),
		chromedp.Text("#problems", &problems),
		chromedp.FullScreenshot(&shot, 100),
	)
	if err != nil {
		t.Fatalf("import by upload: %v", err)
	}
	if err := os.WriteFile(filepath.Join(artifacts(t), "import-done.png"), shot, 0o644); err != nil {
		t.Error(err)
	}
	// The GPX file holds several tracks, each an activity.
	var imported, read int
	if _, err := fmt.Sscanf(summary, "Imported %d new activities from %d files", &imported, &read); err != nil || imported < 3 || read != 4 {
		t.Errorf("summary %q, want at least 3 new activities from 4 files", summary)
	}
	if !strings.Contains(problems, "Skipped, not activities: 1") || !strings.Contains(problems, "Settings.fit") {
		t.Errorf("problems %q do not name the settings file", problems)
	}

	var rows int
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/activities"),
		chromedp.Evaluate(`document.querySelectorAll("main tbody tr").length`, &rows)); err != nil {
		t.Fatalf("activities after the import: %v", err)
	}
	if rows != imported {
		t.Errorf("the activity list after the import has %d rows, want the %d new activities", rows, imported)
	}
	for _, e := range errs.take() {
		t.Error(e)
	}
}

// TestBrowserPlan makes a plan through the form, as a runner would, and
// fetches its downloads from the page's own links.
func TestBrowserPlan(t *testing.T) {
	ctx := browser(t)
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 8)
	srv := httptest.NewServer(newServer(st))
	t.Cleanup(srv.Close)
	errs := listen(ctx)
	dir := artifacts(t)
	shoot := func(name string, width int64) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var shot []byte
			if err := chromedp.Run(ctx, chromedp.EmulateViewport(width, 900), chromedp.FullScreenshot(&shot, 100)); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o644)
		})
	}

	var saved string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+"/plan"),
		chromedp.WaitReady("footer"),
		shoot("plan-empty", 1280),
		chromedp.EmulateViewport(1280, 900),
		chromedp.SetValue("#hard_tue", "intervals", chromedp.ByID),
		chromedp.SetValue("#hard_thu", "threshold", chromedp.ByID),
		chromedp.SetValue("#hard_sun", "long", chromedp.ByID),
		chromedp.SetValue("#volume", "5h", chromedp.ByID),
		chromedp.SetValue("#start", "2026-11-23", chromedp.ByID),
		chromedp.Click(`#form-title + form button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[role="status"]`, chromedp.ByQuery),
		chromedp.Text(`[role="status"]`, &saved, chromedp.ByQuery),
		shoot("plan", 1280),
		shoot("plan-phone", 390),
	)
	if err != nil {
		t.Fatalf("make a plan through the form: %v", err)
	}
	if !strings.Contains(saved, "Saved as your plan") {
		t.Errorf("after the form, the page says %q", saved)
	}

	// Fetch each download as its link would, and read its type and first bytes.
	type download struct {
		Status int    `json:"status"`
		Type   string `json:"type"`
		Size   int    `json:"size"`
		Head   string `json:"head"`
	}
	for _, d := range []struct{ link, wantType, wantHead string }{
		{`a[href="/api/v1/plan.ics"]`, "text/calendar; charset=utf-8", "BEGIN:VCALENDAR"},
		{`a[href="/api/v1/plan/workouts.zip"]`, "application/zip", "PK\x03\x04"},
	} {
		var got download
		js := `fetch(document.querySelector('` + d.link + `').href).then(async r => {
			const b = new Uint8Array(await r.arrayBuffer());
			return {status: r.status, type: r.headers.get("Content-Type"), size: b.length, head: String.fromCharCode(...b.slice(0, 15))};
		})`
		if err := chromedp.Run(ctx, chromedp.Evaluate(js, &got, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		})); err != nil {
			t.Fatalf("fetch %s: %v", d.link, err)
		}
		if got.Status != 200 || got.Type != d.wantType || !strings.HasPrefix(got.Head, d.wantHead) || got.Size < 1000 {
			t.Errorf("%s: %+v, want 200 %s starting %q", d.link, got, d.wantType, d.wantHead)
		}
	}

	for _, p := range []struct {
		name, path string
		width      int64
	}{
		{"plan-dashboard", "/", 1280}, {"plan-dashboard-phone", "/", 390}, {"plan-calendar", "/calendar", 1280},
	} {
		if err := chromedp.Run(ctx, chromedp.EmulateViewport(p.width, 900), chromedp.Navigate(srv.URL+p.path),
			chromedp.WaitReady("footer"), shoot(p.name, p.width)); err != nil {
			t.Fatalf("load %s: %v", p.path, err)
		}
	}

	for _, e := range errs.take() {
		t.Error(e)
	}

	// A refusal, and its one click to the nearest plan.
	var refused string
	err = chromedp.Run(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+"/plan"),
		chromedp.SetValue("#hard_wed", "threshold", chromedp.ByID),
		chromedp.Click(`#form-title + form button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#refusal-title", chromedp.ByID),
		shoot("plan-refused", 1280),
		chromedp.Click(`.refusal button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[role="status"]`, chromedp.ByQuery),
		chromedp.Text("main", &refused, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatalf("refuse and take the nearest plan: %v", err)
	}
	if !strings.Contains(refused, "Saved as your plan") {
		t.Error("the nearest plan was not made")
	}
	for _, e := range errs.take() {
		// The browser logs the refusal's status, 422: expected.
		if !strings.Contains(e, "status of 422") {
			t.Error(e)
		}
	}
}

// TestBrowserServerMode signs in through the form in Chromium, uploads a
// file from the import page (its script sends the session's CSRF token),
// switches a coach's view and signs out.
func TestBrowserServerMode(t *testing.T) {
	ctx := browser(t)
	c := newClub(t)
	srv := httptest.NewServer(c.h)
	t.Cleanup(srv.Close)
	errs := listen(ctx)
	signInAs := func(name string) chromedp.Tasks {
		return chromedp.Tasks{
			chromedp.Navigate(srv.URL + "/"),
			chromedp.WaitVisible("#password"),
			chromedp.SendKeys("#name", name),
			chromedp.SendKeys("#password", testPassword),
			chromedp.Submit("#password"),
			chromedp.WaitVisible(".account"),
		}
	}
	var who, summary, back string
	var loginShot, dashShot []byte
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/calendar"),
		chromedp.WaitVisible("#password"),
		chromedp.FullScreenshot(&loginShot, 100),
		chromedp.SendKeys("#name", "bert"),
		chromedp.SendKeys("#password", testPassword),
		chromedp.Submit("#password"),
		chromedp.WaitVisible(".account"),
		chromedp.Location(&back),
		chromedp.Text(".account", &who),
		chromedp.Navigate(srv.URL+"/import"),
		chromedp.WaitReady("#files"),
		chromedp.SetUploadFiles("#files", []string{corpus.File(t, "fit/dtcooper__garmin-fenix-5-run.fit")}),
		chromedp.WaitVisible("#result"),
		chromedp.Text("#summary", &summary),
	)
	if err != nil {
		t.Fatalf("sign in and upload: %v", err)
	}
	if !strings.Contains(who, "Signed in as bert") || back != srv.URL+"/calendar" {
		t.Errorf("after signing in: at %s, account bar %q; want bert signed in, back at the calendar", back, who)
	}
	if !strings.HasPrefix(summary, "Imported 1 new activit") {
		t.Errorf("upload in server mode: summary %q", summary)
	}
	if recs, err := c.st.Activities(context.Background(), c.bert.ID, store.Filter{}); err != nil || len(recs) != 1 {
		t.Errorf("bert's activities after his upload: %d, %v; want 1", len(recs), err)
	}

	var banner string
	err = chromedp.Run(ctx,
		chromedp.Click(`.account button[type="submit"].link`),
		chromedp.WaitVisible("#password"),
		signInAs("lee"),
		chromedp.SetValue("#view-athlete", strconv.FormatInt(int64(c.anna.ID), 10)),
		chromedp.Submit("#view-athlete"),
		chromedp.WaitVisible(".coaching"),
		chromedp.Text(".coaching", &banner),
		chromedp.FullScreenshot(&dashShot, 100),
	)
	if err != nil {
		t.Fatalf("coach's view: %v", err)
	}
	if !strings.Contains(banner, "anna's training as their coach") {
		t.Errorf("coach's banner %q", banner)
	}
	dir := artifacts(t)
	for name, shot := range map[string][]byte{"login.png": loginShot, "coach-dashboard.png": dashShot} {
		if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
			t.Error(err)
		}
	}
	for _, e := range errs.take() {
		t.Error(e)
	}
}
