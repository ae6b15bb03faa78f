package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/api"
)

// TestActivitiesPages checks the activities list page by page on a server
// that keeps the first page between views: a hundred runs, then a link to
// the older ones that carries the filter and not the page's notices, and
// a run logged since on the first page at once.
func TestActivitiesPages(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 30)
	cache := new(training.Cache)
	srv := New(Config{Config: api.Config{Store: cache.Store(st), Cache: cache, Now: func() time.Time { return testNow }, Location: runnerZone}})
	rows := regexp.MustCompile(`<td class="first"><a href="/activities/\d+">`)
	older := regexp.MustCompile(`<a href="/activities(\?[^"]*)">Older activities`)
	all, err := st.Activities(context.Background(), store.DefaultAthlete, store.Filter{})
	if err != nil || len(all) <= pageSize {
		t.Fatalf("simulated %d activities, %v; want more than a page of %d", len(all), err, pageSize)
	}
	list := func(path string) (n int, next string) {
		t.Helper()
		res, body := get(t, srv, path)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %s", path, res.Status)
		}
		if m := older.FindStringSubmatch(body); m != nil {
			next = html.UnescapeString(m[1])
		}
		return len(rows.FindAllString(body, -1)), next
	}
	if n, next := list("/activities"); n != pageSize || next == "" {
		t.Fatalf("first page: %d runs, older link %q; want %d and a link", n, next, pageSize)
	}
	n, next := list("/activities?deleted=1") // the notice after a deletion, the first page kept
	if n != pageSize || next == "" || strings.Contains(next, "deleted") {
		t.Errorf("first page with a notice: %d runs, older link %q; want %d and a link without the notice", n, next, pageSize)
	}
	if n, last := list("/activities" + next); n != len(all)-pageSize || last != "" {
		t.Errorf("older page: %d runs, older link %q; want the other %d and none", n, last, len(all)-pageSize)
	}
	if _, next := list("/activities?sport=running"); next != "" && !strings.Contains(next, "sport=running") {
		t.Errorf("older link of the runs alone: %q, want it to keep the sport", next)
	}
	if _, err := cache.Store(st).SaveManual(context.Background(), store.DefaultAthlete, &activity.Activity{Sport: activity.Running,
		Name: "Logged just now", Start: testNow.Add(-time.Hour), Elapsed: 30 * time.Minute, Moving: 30 * time.Minute, RPE: 3}); err != nil {
		t.Fatal(err)
	}
	if _, body := get(t, srv, "/activities"); !strings.Contains(body, "Logged just now") {
		t.Error("the first page after a run was logged does not show it")
	}
}
