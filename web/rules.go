package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/easyrun/easyrun/rules"
	"github.com/easyrun/easyrun/training"
)

// ruleGroups are the runner's rules in the groups and order of
// rules.Settings.
func ruleGroups(rl rules.Set) []ruleGroup {
	var out []ruleGroup
	for _, v := range rl.Values() {
		if len(out) == 0 || out[len(out)-1].Name != v.Group {
			out = append(out, ruleGroup{Name: v.Group})
		}
		g := &out[len(out)-1]
		g.Rows = append(g.Rows, v)
		if v.Changed {
			g.Changed++
		}
	}
	return out
}

// saveRules stores the rules form, as 'easyrun rules set' does: a field
// left empty goes back to its default, and reset puts every rule back.
// Every activity is analysed again under them.
func (s *Server) saveRules(r *http.Request, svc *training.Service) (string, error) {
	over := map[string]float64{}
	if r.PostFormValue("reset") == "" {
		for _, st := range rules.Settings() {
			f := strings.TrimSpace(r.PostFormValue(st.Name))
			if f == "" {
				continue
			}
			v, err := strconv.ParseFloat(strings.ReplaceAll(f, ",", "."), 64)
			if err != nil {
				return "", badInput("%s: %q is not a number (%s to %s).", st.Label, f, st.Number(st.Min), st.Format(st.Max))
			}
			over[st.Name] = v
		}
	}
	if _, err := svc.SetRules(r.Context(), over); err != nil {
		return "", fmt.Errorf("save rules: %w", err)
	}
	return "/settings?rules=1#rules-title", nil
}
