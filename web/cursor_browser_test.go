package web

import (
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

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
