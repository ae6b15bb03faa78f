package web

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

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
	res, body := post(t, s, "/activities/"+id+"/details", url.Values{"name": {"  Shakeout <by> the river "}, "notes": {"legs heavy"}})
	if res.StatusCode != 303 {
		t.Fatalf("save: status %d\n%s", res.StatusCode, body)
	}
	_, body = get(t, s, "/activities/"+id)
	if !strings.Contains(body, `value="Shakeout &lt;by&gt; the river"`) || !strings.Contains(body, ">legs heavy</textarea>") {
		t.Errorf("the page does not show the new name and notes")
	}
	if res, _ := post(t, s, "/activities/"+id+"/details", url.Values{"name": {strings.Repeat("n", 201)}}); res.StatusCode != 400 {
		t.Errorf("a 201-byte name: status %d, want 400", res.StatusCode)
	}
	if res, _ := post(t, s, "/activities/999999/details", url.Values{"name": {"x"}}); res.StatusCode != 404 {
		t.Errorf("a missing activity: status %d, want 404", res.StatusCode)
	}
}
