package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLocalTime shows runs at their local time and says where it comes
// from: the offset the file recorded, else the runner's time zone, which
// is the zone their watch records until they set one.
func TestLocalTime(t *testing.T) {
	db := filepath.Join(t.TempDir(), "easyrun.db")
	// Two imports, so the IDs are fixed: a folder's files are stored in
	// the order the workers finish them.
	gpxPath := filepath.Join("..", "format", "gpx", "testdata", "offset.gpx") // 18:00 at +01:00
	tcxDir := corpusCopy(t, "tcx/tcxparser__test.tcx")                        // times in UTC ("Z"): 2012-12-26T21:29:53Z
	// The runner's own zone: no override in Env.
	run := func(args ...string) (int, string) {
		var out bytes.Buffer
		code := Run(context.Background(), append(args, "--db", db), Env{Stdout: &out, Stderr: &out, Now: func() time.Time { return now }})
		return code, out.String()
	}
	if code, out := run("athlete"); code != 0 || !strings.Contains(out, "the server's time zone: no file of yours records one yet") {
		t.Fatalf("athlete before any import: exit %d\n%s\nwant the server's zone", code, out)
	}
	for _, path := range []string{gpxPath, tcxDir} {
		if code, out := run("import", path); code != 0 {
			t.Fatalf("import %s: %s", path, out)
		}
	}
	steps := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"athlete"}, 0, []string{"Time zone           UTC+01:00  detected from your watch: the offset your run of 2026-03-03 18:00 recorded"}},
		{[]string{"show", "2"}, 0, []string{"Start         Wed 2012-12-26 22:29:53", "the file gives no local time: in your time zone, UTC+01:00 (detected from your watch)"}},
		{[]string{"show", "1"}, 0, []string{"Start         Tue 2026-03-03 18:00:00", "local time the file recorded, UTC+01:00"}},
		{[]string{"athlete", "set", "--time-zone", "Mars/Olympus_Mons"}, exitUsage,
			[]string{`time zone "Mars/Olympus_Mons": not a known IANA time zone name; want e.g. Europe/Berlin`}},
		{[]string{"athlete", "set", "--time-zone", "America/New_York"}, 0, []string{"Time zone           America/New_York  set by you"}},
		{[]string{"show", "2"}, 0, []string{"Start         Wed 2012-12-26 16:29:53", "in your time zone, America/New_York (set by you)"}},
		{[]string{"show", "1"}, 0, []string{"Tue 2026-03-03 18:00:00", "local time the file recorded, UTC+01:00"}},
		{[]string{"activities"}, 0, []string{"2026-03-03 18:00  ", "2012-12-26 16:29*", "* the file gives no local time: in your time zone, America/New_York (set by you)."}},
		{[]string{"activities", "--json"}, 0, []string{`"local_start": "2026-03-03T18:00:00+01:00",
    "local_time": "file"`, `"local_start": "2012-12-26T16:29:53-05:00",
    "local_time": "time_zone"`}},
		{[]string{"athlete", "set", "--time-zone", "auto"}, 0, []string{"Time zone           UTC+01:00  detected from your watch"}},
	}
	for _, s := range steps {
		code, out := run(s.args...)
		for _, want := range s.want {
			if code != s.code || !strings.Contains(out, want) {
				t.Errorf("easyrun %s: exit %d\n%s\nwant exit %d and %q", strings.Join(s.args, " "), code, out, s.code, want)
			}
		}
	}
}
