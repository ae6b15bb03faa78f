package web

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
	"github.com/easyrun/easyrun/training"
)

// TestMiles chooses miles and expects them on every page that shows a
// distance or a pace: the list, the activity, its laps and its chart.
func TestMiles(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 2)
	ctx := context.Background()
	useMiles(t, st)
	// As saving the profile does: the reasons are written again in miles.
	svc := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return testNow }}
	if _, err := svc.Refresh(ctx, true); err != nil {
		t.Fatal(err)
	}
	s := newServer(st)
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)
	km := regexp.MustCompile(`\d km\b|/km\b|min/km`)
	for _, p := range []struct {
		path string
		want []string
	}{
		{"/activities", []string{" mi</td>", " /mi</td>", "Distance, mi (optional)"}},
		{"/activities/" + id, []string{" mi</dd>", " /mi</dd>", " mi</td>", "min/mi", " ft</dd>"}},
	} {
		res, body := get(t, s, p.path)
		checkPage(t, res, body, 200, p.want...)
		for _, m := range km.FindAllStringIndex(body, 3) {
			t.Errorf("%s in miles still shows kilometres: %q", p.path, body[max(0, m[0]-80):m[1]])
		}
	}
}

// useMiles sets the default athlete's units to miles.
func useMiles(t *testing.T, st store.Store) {
	t.Helper()
	changeAthlete(t, st, func(a *activity.Athlete) { a.Units = activity.Miles })
}

// changeAthlete changes the default athlete's profile with change.
func changeAthlete(t *testing.T, st store.Store, change func(*activity.Athlete)) {
	t.Helper()
	a, err := st.Athlete(t.Context(), store.DefaultAthlete)
	if err != nil {
		t.Fatal(err)
	}
	change(&a)
	if err := st.SaveAthlete(t.Context(), store.DefaultAthlete, a); err != nil {
		t.Fatal(err)
	}
}

// TestActivityNames: an activity without a name is called by its sport
// and time of day, and its sources name the file, never the server's
// folders.
func TestActivityNames(t *testing.T) {
	st := newStore(t, t.TempDir())
	ctx := context.Background()
	r := sim.DefaultRunner()
	sessions := r.History(testNow.AddDate(0, 0, -7), 1)
	a, err := r.Simulate(sessions[0])
	if err != nil {
		t.Fatal(err)
	}
	a.Name = ""
	e, err := store.Encode(storetest.File("/srv/easyrun/uploads/anna/2026-11-16.fit", activity.FIT, []byte("x")), []*activity.Activity{a})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveFile(ctx, store.DefaultAthlete, e); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)
	res, body := get(t, newServer(st), "/activities/"+id)
	part := map[bool]string{true: "Morning run", false: "Evening run"}[a.LocalStart().Hour() < 12]
	checkPage(t, res, body, 200, "<h1>"+part+"</h1>", "data from 2026-11-16.fit (")
	if strings.Contains(body, "/srv/easyrun") {
		t.Error("the activity page shows the file's path on the server")
	}
}
