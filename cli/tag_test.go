package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestTag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "easyrun.db")
	if code, _, errOut := run(t, "athlete", "set", "--db", db, "--max-hr", "190", "--resting-hr", "50", "--units", "mi"); code != 0 {
		t.Fatalf("athlete set: exit %d: %s", code, errOut)
	}
	// Two hard sessions logged as runs, 24 km in an hour each: rides.
	for _, day := range []string{"2026-11-23", "2026-11-24"} {
		if code, _, errOut := run(t, "log", "--db", db, "--date", day, "--duration", "1h", "--rpe", "8", "--distance", "24km"); code != 0 {
			t.Fatalf("log %s: exit %d: %s", day, code, errOut)
		}
	}
	list := func() []activityJSON {
		t.Helper()
		_, out, _ := run(t, "activities", "--db", db, "--json")
		var l []activityJSON
		if err := json.Unmarshal([]byte(out), &l); err != nil {
			t.Fatalf("activities --json: %v: %s", err, out)
		}
		return l
	}
	if l := list(); len(l) != 2 || !l[0].Analysis.Hard {
		t.Fatalf("before tagging: %+v, want two hard runs", l)
	}

	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string // in stdout or stderr
	}{
		{"no sport", []string{"1"}, 2, "--sport"},
		{"a sport easyrun does not know", []string{"1", "--sport", "quidditch"}, 2, `"quidditch" is not one of running, cycling`},
		{"no ids", []string{"--sport", "cycling"}, 2, "activity IDs"},
		{"bad id", []string{"--sport", "cycling", "one"}, 2, `bad activity ID "one"`},
		{"missing activity", []string{"--sport", "cycling", "99"}, 1, "activity 99: not found"},
		// Flags in any position, several ids at once.
		{"both rides", []string{"1", "--sport", "cycling", "2"}, 0, "Activity 2: cycling, as you set it"},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, append([]string{"tag", "--db", db}, tt.args...)...)
		if code != tt.wantCode || !strings.Contains(out+errOut, tt.want) {
			t.Errorf("%s: tag %q: exit %d, %q %q; want exit %d and %q", tt.name, tt.args, code, out, errOut, tt.wantCode, tt.want)
		}
	}
	for _, a := range list() {
		if a.Sport != "cycling" || !a.SportTagged || a.Analysis.Class != "cross_training" {
			t.Errorf("activity %d after tagging: %s (tagged %t), %s; want cycling, tagged, cross-training", a.ID, a.Sport, a.SportTagged, a.Analysis.Class)
		}
	}
	_, out, _ := run(t, "activities", "--db", db)
	if !strings.Contains(out, "14.9 mph") {
		t.Errorf("activities: want the rides' speed in the runner's miles, 14.9 mph:\n%s", out)
	}
	_, out, _ = run(t, "show", "--db", db, "2")
	for _, want := range []string{"set by you (easyrun tag)", "Speed         14.9 mph"} {
		if !strings.Contains(out, want) {
			t.Errorf("show 2: want %q:\n%s", want, out)
		}
	}

	// A run taken for a ride is a run again, and hard again.
	if code, _, errOut := run(t, "tag", "--db", db, "--sport", "running", "2"); code != 0 {
		t.Fatalf("tag 2 running: exit %d: %s", code, errOut)
	}
	if l := list(); l[0].ID != 2 || l[0].Sport != "running" || !l[0].Analysis.Hard {
		t.Errorf("activity 2 tagged running: %s, hard %t; want a hard run", l[0].Sport, l[0].Analysis.Hard)
	}
}
