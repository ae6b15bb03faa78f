package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/internal/hostile"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
)

// TestServeResumesInterruptedImport starts the server on what a server
// killed mid-import leaves: activities stored but not analysed, and the
// upload's folder. It analyses the first and removes the second before
// serving.
func TestServeResumesInterruptedImport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "easyrun.db")
	run := filepath.Join(dir, "run.fit")
	if err := os.WriteFile(run, hostile.FIT(1, 60, time.Hour), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	// The import stores; the server was killed before it analysed.
	if sum, err := (&importer.Importer{Store: st, Athlete: store.DefaultAthlete}).Import(ctx, run); err != nil || sum.Imported != 1 {
		t.Fatalf("import: %+v, %v", sum, err)
	}
	st.Close()
	uploads := filepath.Join(dir, "uploads")
	if err := os.MkdirAll(filepath.Join(uploads, "upload-42"), 0o700); err != nil {
		t.Fatal(err)
	}

	stopped, stop := context.WithCancel(ctx)
	defer stop()
	out := &stopWhenServing{stop: stop}
	var errOut strings.Builder
	code := Run(stopped, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--upload-dir", uploads},
		Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: &errOut, Getenv: func(string) string { return "" },
			Now: func() time.Time { return now }, Local: time.UTC})
	if code != 0 {
		t.Fatalf("serve: exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"Removed 1 upload left by a server stopped while importing.",
		"Analysed 1 activity of athlete 1 that an interrupted import left unanalysed."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("serve printed %q, want %q", out.String(), want)
		}
	}
	if _, err := os.Stat(filepath.Join(uploads, "upload-42")); !os.IsNotExist(err) {
		t.Errorf("the abandoned upload is still there: %v", err)
	}
	st, err = sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	recs, err := st.Activities(ctx, store.DefaultAthlete, store.Filter{})
	if err != nil || len(recs) != 1 || recs[0].Analysis == nil {
		t.Errorf("activities %+v, %v; want the one run, analysed", recs, err)
	}
}

// stopWhenServing keeps what the server prints, and stops it once it
// says it is serving.
type stopWhenServing struct {
	strings.Builder
	stop func()
}

func (w *stopWhenServing) Write(p []byte) (int, error) {
	if strings.Contains(string(p), "is serving on") {
		w.stop()
	}
	return w.Builder.Write(p)
}
