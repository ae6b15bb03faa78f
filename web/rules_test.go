package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/store"
)

// TestRulesForm: the settings page edits every rule; a value out of
// range is refused with its range; a change re-analyses, and the
// verdicts cite the runner's value; reset goes back to the defaults.
func TestRulesForm(t *testing.T) {
	t.Parallel()
	st := newStore(t, t.TempDir())
	simulate(t, st, testNow, 4)
	s := newServer(st)
	_, body := get(t, s, "/settings")
	for _, want := range []string{`name="max_above_cap"`, `value="3"`, `min="0" max="30" step="1"`, "PRODUCT.md", "Back to the defaults"} {
		if !strings.Contains(body, want) {
			t.Errorf("the settings page has no %q", want)
		}
	}

	res, body := post(t, s, "/settings/rules", url.Values{"max_above_cap": {"31"}})
	if res.StatusCode != 400 || !strings.Contains(body, "want 0 to 30 min") {
		t.Errorf("31 min: status %d, want 400 with the range\n%s", res.StatusCode, body)
	}

	res, body = post(t, s, "/settings/rules", url.Values{"max_above_cap": {"7"}, "min_run": {""}})
	if res.StatusCode != 303 {
		t.Fatalf("save: status %d\n%s", res.StatusCode, body)
	}
	_, body = get(t, s, "/settings?rules=1")
	if !strings.Contains(body, "<strong>Yours.</strong>") || !strings.Contains(body, `id="rule-max_above_cap" name="max_above_cap" type="number" inputmode="decimal" min="0" max="30" step="1" value="7"`) {
		t.Errorf("the page does not show the runner's 7 min")
	}
	verdicts, err := st.Verdicts(t.Context(), store.DefaultAthlete)
	if err != nil {
		t.Fatal(err)
	}
	cited := false
	for _, v := range verdicts {
		cited = cited || strings.Contains(strings.Join(v.Reasons, " "), "7 min")
	}
	if !cited {
		t.Errorf("no verdict cites the runner's 7 min: %+v", verdicts)
	}

	if res, body := post(t, s, "/settings/rules", url.Values{"reset": {"1"}, "max_above_cap": {"7"}}); res.StatusCode != 303 {
		t.Fatalf("reset: status %d\n%s", res.StatusCode, body)
	}
	if _, body = get(t, s, "/settings"); strings.Contains(body, "Yours.") {
		t.Error("reset kept a value of the runner's")
	}
}
