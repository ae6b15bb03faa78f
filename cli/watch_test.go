package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer a running command writes to while the test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestWatch runs 'easyrun watch' on a folder: the file already there is
// imported at once, a copy written in pieces later is a duplicate, a bad
// file is reported by path, and Ctrl-C (the context) stops it cleanly.
func TestWatch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "easyrun.db")
	dir := corpusCopy(t, "fit/dtcooper__activity-small-fenix2-run.fit")
	run, err := os.ReadFile(filepath.Join(dir, "dtcooper__activity-small-fenix2-run.fit"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut syncBuffer
	env := Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" },
		Now: func() time.Time { return now }, Local: time.UTC}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	// Flags after the folder, as anywhere else.
	go func() { code <- Run(ctx, []string{"watch", dir, "--db", db, "--settle", "100ms"}, env) }()

	waitFor := func(what string) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if strings.Contains(out.String(), what) {
				return
			}
		}
		t.Fatalf("no %q in 20 s; output:\n%s\n%s", what, out.String(), errOut.String())
	}
	waitFor("Imported 1 new activity from 1 file")
	waitFor("Analysed 1 activity")

	// The same run again, written in pieces the way a sync tool does.
	f, err := os.Create(filepath.Join(dir, "copy.fit"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(run); i += len(run)/3 + 1 {
		if _, err := f.Write(run[i:min(i+len(run)/3+1, len(run))]); err != nil {
			t.Fatal(err)
		}
		time.Sleep(30 * time.Millisecond)
	}
	f.Close()
	waitFor("Duplicates: 1")

	bad := filepath.Join(dir, "broken.gpx")
	if err := os.WriteFile(bad, []byte(`<gpx><trk><trkseg><trkpt lat="1"`), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("  - " + bad + ": ")

	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d after Ctrl-C, want 0: %s", c, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not stop when cancelled")
	}
	if n := strings.Count(out.String(), "Imported "); n != 3 {
		t.Errorf("%d imports, want 3, one a file:\n%s", n, out.String())
	}
}

// TestWatchUsage: the folder must be given, and exist, to watch and to
// serve; the user to import for too; --nice within nice(1)'s range.
func TestWatchUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "easyrun.db")
	missing := filepath.Join(t.TempDir(), "missing")
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"watch", "--db", db}, exitUsage, "want one folder to watch, got 0 arguments"},
		{[]string{"watch", "--db", db, "a", "b"}, exitUsage, "got 2 arguments"},
		{[]string{"watch", "--db", db, "--poll", "soon", "a"}, exitUsage, `invalid value "soon" for flag -poll`},
		{[]string{"watch", "--db", db, "--nice", "20", "a"}, exitUsage, "--nice (EASYRUN_WATCH_NICE) 20: want 0 to 19 steps of lower priority"},
		{[]string{"watch", "--db", db, "--nice", "-1", "a"}, exitUsage, "--nice (EASYRUN_WATCH_NICE) -1: want 0 to 19"},
		{[]string{"watch", missing, "--db", db}, exitFailure, "missing: no such file or directory"},
		{[]string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--watch", missing}, exitFailure, "missing: no such file or directory"},
		{[]string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--watch", missing, "--watch-user", "ann"}, exitFailure, "--watch-user: "},
	} {
		code, _, errOut := run(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: exit %d, %q; want %d saying %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
	code, _, errOut := runEnv(t, map[string]string{"EASYRUN_WATCH_NICE": "25"}, "watch", "--db", db, "a")
	if want := "--nice (EASYRUN_WATCH_NICE) 25: want 0 to 19"; code != exitUsage || !strings.Contains(errOut, want) {
		t.Errorf("EASYRUN_WATCH_NICE=25: exit %d, %q; want %d saying %q", code, errOut, exitUsage, want)
	}
}
