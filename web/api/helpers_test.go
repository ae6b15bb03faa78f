package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/store/storetest"
	"github.com/easyrun/easyrun/training"
)

// The clock and time zone of every test: a Friday morning in the
// simulated runner's zone, UTC+01:00, after eight weeks of training.
var (
	runner = sim.DefaultRunner()
	zone   = time.FixedZone("", int(runner.UTCOffset/time.Second))
	now    = time.Date(2026, 3, 20, 9, 30, 0, 0, zone)
)

// Corpus files the tests read.
const (
	fitRun      = "fit/dtcooper__garmin-fenix-5-run.fit"
	fitSettings = "fit/dtcooper__Settings.fit"
	gpxFile     = "gpx/gpxgo__file.gpx"
	tcxFile     = "tcx/tcxparser__test.tcx"
)

// seeded is the path of a database holding the simulated history and one
// corpus run, made once and copied for each test that wants it.
var seeded struct {
	once sync.Once
	dir  string // removed by TestMain
	path string
	err  error
	// runID is the stored id of the corpus run; sessions counts what the
	// database holds.
	runID    int64
	sessions int
}

func TestMain(m *testing.M) {
	code := m.Run()
	if seeded.dir != "" {
		os.RemoveAll(seeded.dir)
	}
	os.Exit(code)
}

// seedDB makes the seeded database in dir.
func seedDB(t testing.TB, dir string) {
	ctx := context.Background()
	path := filepath.Join(dir, "seed.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		seeded.err = err
		return
	}
	defer st.Close()
	maxHR := activity.Value{V: runner.MaxHR, Origin: activity.SetByRunner}
	if seeded.err = st.SaveAthlete(ctx, store.DefaultAthlete, activity.Athlete{MaxHR: maxHR}); seeded.err != nil {
		return
	}
	for _, ses := range runner.History(now.AddDate(0, 0, -7*8-3), 8) {
		if !ses.Start.Before(now) {
			continue
		}
		a, err := runner.Simulate(ses)
		if err != nil {
			seeded.err = fmt.Errorf("simulate %s at %s: %w", ses.Kind, ses.Start, err)
			return
		}
		name := fmt.Sprintf("%s-%s.fit", ses.Start.Format("2006-01-02-1504"), ses.Kind)
		if _, err := st.SaveFile(ctx, store.DefaultAthlete, storetest.Encode(t, storetest.File(name, activity.FIT, []byte(name)), a)); err != nil {
			seeded.err = fmt.Errorf("save %s: %w", name, err)
			return
		}
		seeded.sessions++
	}
	im := &importer.Importer{Store: st, Athlete: store.DefaultAthlete}
	if _, seeded.err = im.Import(ctx, corpus.File(t, fitRun)); seeded.err != nil {
		return
	}
	seeded.sessions++
	recs, err := st.Activities(ctx, store.DefaultAthlete, store.Filter{})
	if err != nil {
		seeded.err = err
		return
	}
	// The corpus run is years older than the simulated weeks.
	if len(recs) == 0 {
		seeded.err = fmt.Errorf("no activities stored")
		return
	}
	seeded.runID = recs[len(recs)-1].ID
	svc := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return now }}
	if _, seeded.err = svc.Refresh(ctx, false); seeded.err == nil {
		seeded.path = path
	}
}

// newAPI serves a fresh store, seeded with the history when seed is
// true, with c's other settings.
func newAPI(t testing.TB, seed bool, c Config) (http.Handler, store.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "easyrun.db")
	if seed {
		seeded.once.Do(func() {
			if seeded.dir, seeded.err = os.MkdirTemp("", "easyrun-api-test-"); seeded.err == nil {
				seedDB(t, seeded.dir)
			}
		})
		if seeded.err != nil {
			t.Fatalf("seed: %v", seeded.err)
		}
		if seeded.path == "" {
			t.Skip("no seeded database: the corpus is missing")
		}
		data, err := os.ReadFile(seeded.path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	c.Store, c.Now, c.Location = st, func() time.Time { return now }, zone
	return New(c), st
}

// response is one answer of the API.
type response struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into v, failing t.
func (r response) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// errorCode is the body's error code, or "" for no error body.
func (r response) errorCode() string {
	var e errorBody
	if json.Unmarshal(r.body, &e) != nil {
		return ""
	}
	return e.Error.Code
}

// do sends a request to h and checks the answer against the OpenAPI
// document: its status and Content-Type are documented for the route and
// its JSON holds the schema's required fields.
func do(t testing.TB, h http.Handler, req *http.Request) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
	checkDocumented(t, req, res)
	return res
}

// call is do with a JSON body (none when body is nil).
func call(t *testing.T, h http.Handler, method, target string, body any) response {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	return do(t, h, httptest.NewRequest(method, target, r))
}

// upload is a file to send in a multipart upload.
type upload struct {
	name string
	data []byte
}

// uploadRequest makes a POST /api/v1/imports of files.
func uploadRequest(t testing.TB, files ...upload) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if err := mw.WriteField("note", "a form field, not a file"); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		w, err := mw.CreateFormFile("file", f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/api/v1/imports", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

// wantStatus fails t unless r has status and, for an error, code.
func wantStatus(t *testing.T, r response, status int, code string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if got := r.errorCode(); got != code {
		t.Fatalf("error code %q, want %q; body %s", got, code, r.body)
	}
}

// hasAll reports whether every want is in got.
func hasAll[T comparable](got []T, want ...T) bool {
	for _, w := range want {
		if !slices.Contains(got, w) {
			return false
		}
	}
	return true
}
