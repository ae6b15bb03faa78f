package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLocalTime shows every run in the runner's time zone, the zone their
// watch records until they set one, and says so; a run recorded on
// another clock also gives its local time there, whose day the audit
// counts, and data for programs keeps that local time with its offset.
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
		{[]string{"show", "1"}, 0, []string{"Start         Tue 2026-03-03 18:00:00", "as your watch recorded it, UTC+01:00\n"}},
		{[]string{"athlete", "set", "--time-zone", "Mars/Olympus_Mons"}, exitUsage,
			[]string{`time zone "Mars/Olympus_Mons": not a known IANA time zone name; want e.g. Europe/Berlin`}},
		{[]string{"athlete", "set", "--time-zone", "America/New_York"}, 0, []string{"Time zone           America/New_York  set by you"}},
		{[]string{"show", "2"}, 0, []string{"Start         Wed 2012-12-26 16:29:53", "in your time zone, America/New_York (set by you)"}},
		{[]string{"show", "1"}, 0, []string{"Start         Tue 2026-03-03 12:00:00",
			"in your time zone, America/New_York (set by you); Tue 3 Mar 18:00 local time, UTC+01:00 where it was recorded (the day the recovery audit counts)"}},
		{[]string{"activities"}, 0, []string{"2026-03-03 12:00*", "2012-12-26 16:29  ", "Times in your time zone, America/New_York (set by you).",
			"* recorded on another clock (abroad?): 'easyrun show ID' gives its local time there."}},
		{[]string{"activities", "--json"}, 0, []string{`"local_start": "2026-03-03T18:00:00+01:00",
    "local_time": "file"`, `"local_start": "2012-12-26T16:29:53-05:00",
    "local_time": "time_zone"`}},
		// Berlin keeps UTC+01:00 in March: the run was recorded at home.
		{[]string{"athlete", "set", "--time-zone", "Europe/Berlin"}, 0, []string{"Time zone           Europe/Berlin  set by you"}},
		{[]string{"show", "1"}, 0, []string{"Start         Tue 2026-03-03 18:00:00", "in your time zone, Europe/Berlin (set by you)\n"}},
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
