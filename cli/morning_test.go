package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestMorning checks in three weeks of mornings with --date, then a
// morning that is off, and lists them: the numbers, the normal band and
// the signs, in words and units; bad values are refused by name and range.
func TestMorning(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "easyrun.db")
	if code, out, _ := run(t, "morning", "--db", db); code != 0 || !strings.Contains(out, "No morning check-ins yet") {
		t.Fatalf("no mornings: exit %d: %s", code, out)
	}
	for i := 21; i >= 1; i-- {
		date := now.AddDate(0, 0, -i).Format("2006-01-02")
		if code, _, errOut := run(t, "morning", "--db", db, "--date", date, "--rhr", "50", "--hrv", fmt.Sprint(58+8*(i%2)), "--sleep", "7h30m"); code != 0 {
			t.Fatalf("morning --date %s: exit %d: %s", date, code, errOut)
		}
	}
	code, out, errOut := run(t, "morning", "--db", db, "--rhr", "57", "--hrv", "41", "--sleep", "5h", "--legs", "4", "--note", "late night")
	if code != 0 {
		t.Fatalf("morning: exit %d: %s", code, errOut)
	}
	check(t, "morning-saved.txt", out)
	code, out, errOut = run(t, "morning", "--db", db, "--days", "3")
	if code != 0 {
		t.Fatalf("morning --days 3: exit %d: %s", code, errOut)
	}
	check(t, "morning.txt", out)
	_, out, _ = run(t, "morning", "--db", db, "--json")
	var got struct {
		Recent []struct{ Date string } `json:"recent"`
		Off    []string                `json:"off"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Recent) != 14 || len(got.Off) != 3 {
		t.Errorf("morning --json: %v, %d mornings, off %q; want 14 mornings and 3 signs:\n%s", err, len(got.Recent), got.Off, out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--legs", "9"}, "legs 9: want 1 to 5 (1 fresh, 2 normal, 3 a bit heavy, 4 heavy and sore, 5 very sore)"},
		{[]string{"--hrv", "400"}, "HRV 400 ms: want an rMSSD of 3 to 300 ms"},
		{[]string{"--date", "2026-11-27", "--rhr", "50"}, "date 2026-11-27: want a date from 1990-01-01 to 2026-11-26"},
		{[]string{"--date", "2026-11-20"}, "morning logs nothing"},
	} {
		code, _, errOut := run(t, append([]string{"morning", "--db", db}, tc.args...)...)
		if code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("morning %q: exit %d, %q; want it refused with %q", tc.args, code, errOut, tc.want)
		}
	}
}
