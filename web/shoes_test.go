package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/store"
)

// TestShoeForms adds a pair on the shoes page, assigns it to a run on the
// run's page, sees the run's distance on the pair, retires it, and is
// told what was wrong with a bad form.
func TestShoeForms(t *testing.T) {
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 2)
	s := newServer(st)
	id := firstID(t, st, store.Filter{})
	ids := strconv.FormatInt(id, 10)

	if _, body := get(t, s, "/shoes"); !strings.Contains(body, "No shoes yet") || !strings.Contains(body, `value="700"`) {
		t.Fatalf("shoes page before any lacks the empty note or the 700 km default:\n%s", body)
	}
	form := url.Values{"name": {"blue pair"}, "brand": {"Nike Pegasus 41"}, "started": {"2026-10-01"}, "retire_at": {"600"}}
	if res, body := post(t, s, "/shoes", form); res.StatusCode != 303 || res.Header.Get("Location") != "/shoes" {
		t.Fatalf("add a shoe: status %d to %q\n%s", res.StatusCode, res.Header.Get("Location"), body)
	}
	shoes, err := st.Shoes(context.Background(), store.DefaultAthlete)
	if err != nil || len(shoes) != 1 || shoes[0].RetireAtM != 600_000 || shoes[0].Default {
		t.Fatalf("shoes after the form: %+v, %v; want one of 600 km, not the default (box unticked)", shoes, err)
	}
	shoe := strconv.FormatInt(shoes[0].ID, 10)
	if _, body := get(t, s, "/activities/"+ids); !strings.Contains(body, `<option value="`+shoe+`">blue pair (Nike Pegasus 41), —</option>`) {
		t.Errorf("the activity page offers no choice of the pair:\n%s", body)
	}
	if res, _ := post(t, s, "/activities/"+ids+"/shoe", url.Values{"shoe": {shoe}}); res.StatusCode != 303 {
		t.Fatalf("assign: status %d", res.StatusCode)
	}
	rec, err := st.Activity(context.Background(), store.DefaultAthlete, id)
	if err != nil || rec.Shoe != shoes[0].ID {
		t.Fatalf("the run's shoe %d (%v), want %d", rec.Shoe, err, shoes[0].ID)
	}
	_, body := get(t, s, "/shoes")
	if !strings.Contains(body, "blue pair") || !strings.Contains(body, "600.00 km") || !strings.Contains(body, "Retire<span") {
		t.Errorf("the shoes page lacks the pair, its limit or the retire button:\n%s", body)
	}
	if res, _ := post(t, s, "/shoes/"+shoe+"/retire", nil); res.StatusCode != 303 {
		t.Fatalf("retire: status %d", res.StatusCode)
	}
	if _, body := get(t, s, "/shoes"); !strings.Contains(body, "<td>retired</td>") {
		t.Errorf("a retired pair does not say so")
	}
	for _, tc := range []struct {
		path string
		form url.Values
		code int
		want string
	}{
		{"/shoes", url.Values{"name": {"x"}, "started": {"2026-10-01"}, "retire_at": {"far"}}, 400, "is not a distance"},
		{"/shoes", url.Values{"name": {"x"}, "started": {"2026-10-01"}, "retire_at": {"50"}}, 400, "retire at 50 km: want 100 to 2000 km"},
		{"/shoes", url.Values{"name": {" "}, "started": {"2026-10-01"}, "retire_at": {"700"}}, 400, "shoe name is empty"},
		{"/activities/" + ids + "/shoe", url.Values{"shoe": {"999"}}, 404, ""},
		{"/shoes/999/retire", nil, 404, ""},
	} {
		res, body := post(t, s, tc.path, tc.form)
		if res.StatusCode != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("POST %s %v: status %d, want %d and %q", tc.path, tc.form, res.StatusCode, tc.code, tc.want)
		}
	}
}
