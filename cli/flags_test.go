package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runEnv runs the command line with the environment variables env on
// the tests' clock.
func runEnv(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Getenv: func(k string) string { return env[k] },
		Now:    func() time.Time { return now },
		Local:  time.FixedZone("CET", 3600),
	})
	return code, out.String(), errOut.String()
}

// TestFlagPositions runs commands with their flags before, between and
// after the sub-verb and the arguments: each works, or is refused with a
// usage error that says why; none is silently ignored.
func TestFlagPositions(t *testing.T) {
	db := filepath.Join(t.TempDir(), "easyrun.db")
	dir := corpusCopy(t, "tcx/tcxparser__test.tcx")
	if code, _, stderr := run(t, "log", "--db", db, "--date", "2026-11-20", "--duration", "40m", "--rpe", "3"); code != 0 {
		t.Fatalf("log a run: %s", stderr)
	}
	for _, c := range []struct {
		args []string
		code int
		want string // in the output, or in the error for a refusal
	}{
		{[]string{"athlete", "--db", db, "set", "--max-hr", "190"}, 0, "Max heart rate      190 bpm"},
		{[]string{"athlete", "set", "--db", db, "--max-hr", "191"}, 0, "Max heart rate      191 bpm"},
		{[]string{"athlete", "set", "--max-hr", "192", "--db", db}, 0, "Max heart rate      192 bpm"},
		{[]string{"athlete", "--db", db}, 0, "Max heart rate      192 bpm"},
		{[]string{"athlete", "--max-hr", "190", "set", "--db", db}, exitUsage, "flag provided but not defined: -max-hr"},
		{[]string{"athlete", "--json", "--db", db, "set", "--max-hr", "190"}, exitUsage, "flag provided but not defined: -json"},
		{[]string{"athlete", "--db", db, "sett"}, exitUsage, `athlete takes no arguments, got "sett"`},
		{[]string{"athlete", "--db", db, "sett", "--max-hr", "190"}, exitUsage, "flag provided but not defined: -max-hr"},
		{[]string{"athlete", "--db", db, "--", "set", "--max-hr", "190"}, exitUsage, `athlete takes no arguments, got "set --max-hr 190"`},
		{[]string{"show", "--db", db, "1", "--json"}, 0, `"id": 1`},
		{[]string{"show", "1", "--json", "--db", db}, 0, `"id": 1`},
		{[]string{"show", "--db", db, "1", "2"}, exitUsage, "want one activity ID"},
		{[]string{"rpe", "1", "--db", db, "4"}, 0, "RPE 4"},
		{[]string{"rpe", "1", "5", "--db", db}, 0, "RPE 5"},
		{[]string{"today", "--db", db, "now"}, exitUsage, `today takes no arguments, got "now"`},
		{[]string{"zones", "extra", "--db", db}, exitUsage, `zones takes no arguments, got "extra"`},
		{[]string{"plan", "--db", db, "--hard", "tue:intervals", "--volume", "2h"}, 0, "Saved as your plan"},
		{[]string{"plan", "--db", db, "show"}, 0, "Week 1 of 1"},
		{[]string{"plan", "show", "--db", db, "--json"}, 0, `"weeks"`},
		{[]string{"plan", "--db", db, "shwo"}, exitUsage, `plan takes no arguments, got "shwo"`},
		{[]string{"plan", "--db", db, "export", "--ics", filepath.Join(t.TempDir(), "p.ics")}, 0, "Wrote"},
		{[]string{"plan", "export", "--db", db, "--hard", "tue:intervals"}, exitUsage, "flag provided but not defined: -hard"},
		{[]string{"import", dir, "--db", db}, 0, "Imported 1 new activity"},
		{[]string{"activities", "--db", db, "--sport", "running", "--limit", "1"}, 0, "ID"},
		{[]string{"user", "--db", db, "list"}, 0, "No users"},
		{[]string{"user", "list", "--db", db}, 0, "No users"},
		{[]string{"user", "--db", db, "lists"}, exitUsage, `unknown subcommand "lists"`},
		{[]string{"user", "--db", db}, exitUsage, "user needs a subcommand"},
		{[]string{"user", "--db", db, "remove", "--yes"}, exitUsage, "give one user NAME"},
		{[]string{"serve", "--db", db, "extra"}, exitUsage, `serve takes no arguments, got "extra"`},
	} {
		code, stdout, stderr := run(t, c.args...)
		if code != c.code || !strings.Contains(stdout+stderr, c.want) {
			t.Errorf("easyrun %s: exit %d\n%s%s\nwant exit %d and %q", strings.Join(c.args, " "), code, stdout, stderr, c.code, c.want)
		}
	}
}

// TestNow replays a scenario: a hard evening run logged on the day --now
// names, and the next morning's advice, the same whether the instant
// comes from --now, EASYRUN_NOW or the process's clock.
func TestNow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "easyrun.db")
	const evening, morning = "2026-03-03T19:00:00+01:00", "2026-03-04T07:30:00+01:00"
	if code, stdout, stderr := run(t, "log", "--db", db, "--now", evening, "--time", "18:00", "--duration", "50m", "--rpe", "8"); code != 0 ||
		!strings.Contains(stdout, "on Tue 2026-03-03 18:00") {
		t.Fatalf("log --now %s: exit %d %s%s; want the run on that day", evening, code, stdout, stderr)
	}
	at, _ := time.Parse(time.RFC3339, morning)
	var replay bytes.Buffer
	if code := Run(context.Background(), []string{"today", "--db", db}, Env{Stdout: &replay, Stderr: &replay,
		Now: func() time.Time { return at }, Local: time.FixedZone("CET", 3600)}); code != 0 {
		t.Fatalf("today on the process's clock: %s", replay.String())
	}
	if !strings.Contains(replay.String(), "Today, Wed 04 Mar 2026") {
		t.Fatalf("today at %s:\n%s\nwant Wednesday 4 March", morning, replay.String())
	}
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string // the whole output, or a part of the error
	}{
		{"flag", nil, []string{"today", "--db", db, "--now", morning}, 0, replay.String()},
		{"flag after nothing else", nil, []string{"today", "--now=" + morning, "--db", db}, 0, replay.String()},
		{"environment", map[string]string{"EASYRUN_NOW": morning}, []string{"today", "--db", db}, 0, replay.String()},
		{"flag beats environment", map[string]string{"EASYRUN_NOW": "2027-01-01T00:00:00Z"},
			[]string{"today", "--db", db, "--now", morning}, 0, replay.String()},
		{"bad flag", nil, []string{"today", "--db", db, "--now", "2026-03-04"}, exitUsage,
			`invalid value "2026-03-04" for flag -now: want an RFC 3339 time such as 2026-03-04T07:30:00+01:00`},
		{"bad environment", map[string]string{"EASYRUN_NOW": "tomorrow"}, []string{"today", "--db", db}, exitUsage,
			`EASYRUN_NOW="tomorrow": want an RFC 3339 time such as`},
	} {
		code, stdout, stderr := runEnv(t, c.env, c.args...)
		if code != c.code || (code == 0 && stdout != c.want) || (code != 0 && !strings.Contains(stderr, c.want)) {
			t.Errorf("%s: easyrun %s: exit %d\n%s%s\nwant exit %d and\n%s", c.name, strings.Join(c.args, " "), code, stdout, stderr, c.code, c.want)
		}
	}
}
