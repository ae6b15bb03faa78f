package web

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/store"
)

// TestDetailsForm: the activity page renames a run and keeps notes;
// text beyond the bounds is refused.
func TestDetailsForm(t *testing.T) {
	t.Parallel()
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 2)
	s := newServer(st)
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)
	res, body := post(t, s, "/activities/"+id+"/details", url.Values{"name": {"  Shakeout <by> the river "}, "notes": {"legs heavy"}, "race": {"yes"}})
	if res.StatusCode != 303 {
		t.Fatalf("save: status %d\n%s", res.StatusCode, body)
	}
	_, body = get(t, s, "/activities/"+id)
	if !strings.Contains(body, `value="Shakeout &lt;by&gt; the river"`) || !strings.Contains(body, ">legs heavy</textarea>") {
		t.Errorf("the page does not show the new name and notes")
	}
	// Marked as a race, the run is one, and hard, whatever its heart rate.
	n, _ := strconv.ParseInt(id, 10, 64)
	rec, err := st.Activity(t.Context(), store.DefaultAthlete, n)
	if err != nil || !rec.Activity.Race || rec.Analysis == nil || rec.Analysis.Class != analysis.Race || !rec.Analysis.Hard {
		t.Errorf("after marking a race: %v, race %v, analysis %+v", err, rec != nil && rec.Activity.Race, rec.Analysis)
	}
	if !strings.Contains(body, `name="race" type="checkbox" value="yes" checked`) {
		t.Error("the race box is not ticked")
	}
	if res, _ := post(t, s, "/activities/"+id+"/details", url.Values{"name": {strings.Repeat("n", 201)}}); res.StatusCode != 400 {
		t.Errorf("a 201-byte name: status %d, want 400", res.StatusCode)
	}
	if res, _ := post(t, s, "/activities/999999/details", url.Values{"name": {"x"}}); res.StatusCode != 404 {
		t.Errorf("a missing activity: status %d, want 404", res.StatusCode)
	}
}

// TestDeleteForm: deleting needs the confirmation; it takes the activity
// from the pages and keeps its original.
func TestDeleteForm(t *testing.T) {
	t.Parallel()
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 2)
	s := newServer(st)
	id := strconv.FormatInt(firstID(t, st, store.Filter{}), 10)
	if res, _ := post(t, s, "/activities/"+id+"/delete", url.Values{}); res.StatusCode != 400 {
		t.Errorf("without the confirmation: status %d, want 400", res.StatusCode)
	}
	res, body := post(t, s, "/activities/"+id+"/delete", url.Values{"confirm": {"yes"}})
	if res.StatusCode != 303 || res.Header.Get("Location") != "/activities?deleted=1" {
		t.Fatalf("delete: status %d %s\n%s", res.StatusCode, res.Header.Get("Location"), body)
	}
	if res, _ := get(t, s, "/activities/"+id); res.StatusCode != 404 {
		t.Errorf("the deleted activity's page: status %d, want 404", res.StatusCode)
	}
	if _, body := get(t, s, "/activities?deleted=1"); !strings.Contains(body, "its original file is kept") {
		t.Error("no notice after deleting")
	}

	// The import page lists the kept original and purges it on
	// confirmation.
	if _, body := get(t, s, "/import"); !strings.Contains(body, ".fit</td><td>fit</td>") || !strings.Contains(body, `action="/import/purge"`) {
		t.Errorf("the import page does not list the kept original with the purge form:\n%s", body)
	}
	if res, _ := post(t, s, "/import/purge", url.Values{}); res.StatusCode != 400 {
		t.Errorf("purge without the confirmation: status %d, want 400", res.StatusCode)
	}
	res, body = post(t, s, "/import/purge", url.Values{"confirm": {"yes"}})
	if res.StatusCode != 303 || res.Header.Get("Location") != "/import?purged=1#kept-title" {
		t.Fatalf("purge: status %d %s\n%s", res.StatusCode, res.Header.Get("Location"), body)
	}
	if _, body := get(t, s, "/import?purged=1"); !strings.Contains(body, "Purged 1 kept originals") || strings.Contains(body, `action="/import/purge"`) {
		t.Errorf("after the purge: want the notice and no file left to purge:\n%s", body)
	}
}

// TestTagForm: the list tags the ticked activities with one sport.
func TestTagForm(t *testing.T) {
	t.Parallel()
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 2)
	s := newServer(st)
	recs, err := st.Activities(t.Context(), store.DefaultAthlete, store.Filter{})
	if err != nil || len(recs) < 2 {
		t.Fatalf("activities: %v, %d", err, len(recs))
	}
	_, body := get(t, s, "/activities")
	if !strings.Contains(body, `form="tag" name="id"`) || !strings.Contains(body, `action="/activities/tag"`) {
		t.Fatal("the list has no tagging form")
	}
	ids := url.Values{"sport": {"cycling"}, "id": {strconv.FormatInt(recs[0].ID, 10), strconv.FormatInt(recs[1].ID, 10)}}
	res, body := post(t, s, "/activities/tag", ids)
	if res.StatusCode != 303 || res.Header.Get("Location") != "/activities?tagged=2" {
		t.Fatalf("tag: status %d %s\n%s", res.StatusCode, res.Header.Get("Location"), body)
	}
	for _, r := range recs[:2] {
		got, err := st.Activity(t.Context(), store.DefaultAthlete, r.ID)
		if err != nil || got.Activity.Sport != "cycling" || !got.Activity.SportTagged {
			t.Errorf("activity %d after tagging: %v %+v", r.ID, err, got.Activity.Sport)
		}
	}
	if _, body := get(t, s, "/activities?tagged=2"); !strings.Contains(body, "Tagged 2 activities") {
		t.Error("no notice after tagging")
	}
	for _, form := range []url.Values{{"sport": {"cycling"}}, {"sport": {"curling"}, "id": {"1"}}} {
		if res, _ := post(t, s, "/activities/tag", form); res.StatusCode != 400 {
			t.Errorf("%v: status %d, want 400", form, res.StatusCode)
		}
	}
}
