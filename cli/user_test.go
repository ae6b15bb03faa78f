package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/auth"
	"github.com/easyrun/easyrun/store/sqlite"
)

// TestUser runs the administrator's session: the first account takes the
// training stored before, a coach is added, mistakes are refused, a
// password is changed and a user removed.
func TestUser(t *testing.T) {
	db := filepath.Join(t.TempDir(), "club.db")
	if code, _, stderr := run(t, "log", "--db", db, "--date", "2026-11-20", "--duration", "40m", "--rpe", "3"); code != 0 {
		t.Fatalf("log a run: %s", stderr)
	}
	var transcript strings.Builder
	step := func(stdin string, args ...string) {
		code, stdout, stderr := runWithInput(t, stdin, append(args, "--db", db)...)
		fmt.Fprintf(&transcript, "$ easyrun %s\n%s%s[exit %d]\n\n", strings.Join(args, " "), stdout, stderr, code)
	}
	step("", "user", "list")
	step("tempo tuesday 42\n", "user", "add", "anna")
	step("long runs on sunday\n", "user", "add", "lee", "--role", "coach")
	step("another password\n", "user", "add", "anna")
	step("another password\n", "user", "add", "Anna")
	step("short\n", "user", "add", "bert")
	step("a password\n", "user", "add", "bert", "--role", "owner")
	step("", "user", "list")
	step("", "log", "--user", "lee", "--date", "2026-11-22", "--duration", "25m", "--rpe", "2")
	step("", "activities", "--user", "lee")
	step("", "activities")
	step("", "activities", "--user", "nobody")
	step("a fresh password\n", "user", "passwd", "anna")
	step("", "user", "remove", "anna")
	step("", "user", "remove", "lee", "--yes")
	step("", "user", "remove", "nobody", "--yes")
	step("", "user")
	step("", "user", "list")
	dates := regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
	check(t, "user.txt", dates.ReplaceAllString(transcript.String(), "YYYY-MM-DD"))

	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, hash, err := st.UserByName(context.Background(), "anna")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := auth.VerifyPassword(hash, "a fresh password"); !ok || err != nil {
		t.Errorf("anna's password after 'user passwd': %v, %v; want the new one", ok, err)
	}
}

func TestServeRefusesOpenAddressWithoutAccounts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "solo.db")
	code, _, stderr := run(t, "serve", "--db", db, "--addr", "0.0.0.0:0")
	if code != exitUsage || !strings.Contains(stderr, "easyrun user add NAME") {
		t.Errorf("serve on 0.0.0.0 without users: exit %d, %q; want a usage error naming 'easyrun user add'", code, stderr)
	}
}
