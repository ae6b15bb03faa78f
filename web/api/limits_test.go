package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/internal/hostile"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/web/httperr"
)

// gatedStore holds every import at its first file until gate is closed
// or the import's context ends, so that a test can keep imports running.
type gatedStore struct {
	store.Store
	gate chan struct{}
}

func (g gatedStore) KnownFiles(ctx context.Context, athlete store.AthleteID, sha256s []string) (map[string]bool, error) {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return g.Store.KnownFiles(ctx, athlete, sha256s)
}

// newGatedAPI serves a fresh store of three athletes behind a gate, each
// request acting for the athlete its X-Athlete header names.
func newGatedAPI(t *testing.T, c Config) (http.Handler, chan struct{}) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "easyrun.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, name := range []string{"a1", "a2", "a3"} { // athletes 1 to 3
		if _, err := st.AddUser(context.Background(), name, store.RoleAthlete, "no password"); err != nil {
			t.Fatal(err)
		}
	}
	gate := make(chan struct{})
	c.Store, c.Now, c.Location = gatedStore{st, gate}, func() time.Time { return now }, zone
	c.Athlete = func(r *http.Request) (store.AthleteID, error) {
		id, err := strconv.ParseInt(r.Header.Get("X-Athlete"), 10, 64)
		return store.AthleteID(id), err
	}
	return New(c), gate
}

// uploadAs is an upload of a small run for athlete.
func uploadAs(t *testing.T, athlete int) *http.Request {
	req := uploadRequest(t, upload{"run.fit", hostile.FIT(1, 60, time.Hour)})
	req.Header.Set("X-Athlete", strconv.Itoa(athlete))
	return req
}

// TestImportConcurrencyLimits checks that uploads beyond the imports an
// athlete, or the server, may run at once are refused before their body
// is read, naming the limit, and accepted again once one is done.
func TestImportConcurrencyLimits(t *testing.T) {
	t.Parallel()
	h, gate := newGatedAPI(t, Config{MaxImports: 2, MaxImportsPerAthlete: 1})
	first := do(t, h, uploadAs(t, 1))
	wantStatus(t, first, http.StatusAccepted, "")
	for _, tt := range []struct {
		name    string
		athlete int
		status  int
		want    string
	}{
		{"the same athlete again", 1, http.StatusTooManyRequests, "1 of your imports running or queued, the limit per athlete is 1"},
		{"another athlete", 2, http.StatusAccepted, ""},
		{"a third athlete, the server full", 3, http.StatusServiceUnavailable, "the server has 2 imports running or queued, its limit is 2"},
	} {
		r := do(t, h, uploadAs(t, tt.athlete))
		if r.status != tt.status || !strings.Contains(string(r.body), tt.want) {
			t.Errorf("%s: %d %s; want %d saying %q", tt.name, r.status, r.body, tt.status, tt.want)
		}
		if tt.status != http.StatusAccepted && (r.errorCode() != httperr.CodeBusy || r.header.Get("Retry-After") == "") {
			t.Errorf("%s: code %q, Retry-After %q; want %q and a delay", tt.name, r.errorCode(), r.header.Get("Retry-After"), httperr.CodeBusy)
		}
	}
	close(gate)
	awaitAs(t, h, first, 1)
	// Its place is given back when the import is done, just after.
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		if r := do(t, h, uploadAs(t, 1)); r.status == http.StatusAccepted {
			awaitAs(t, h, r, 1) // before the store closes
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("after the first import: %d %s, want accepted", r.status, r.body)
		}
	}
}

// TestImportsQueue checks that uploads beyond the imports that run at
// once are taken and queued, said so in their status, and imported in
// turn.
func TestImportsQueue(t *testing.T) {
	t.Parallel()
	h, gate := newGatedAPI(t, Config{MaxImports: 3, ImportLanes: 1})
	accepted := []response{do(t, h, uploadAs(t, 1)), do(t, h, uploadAs(t, 2))}
	for _, r := range accepted {
		wantStatus(t, r, http.StatusAccepted, "")
	}
	status := func(i int) string {
		var started struct {
			StatusURL string `json:"status_url"`
		}
		accepted[i].json(t, &started)
		req := httptest.NewRequest("GET", started.StatusURL, nil)
		req.Header.Set("X-Athlete", strconv.Itoa(i+1))
		var s ImportStatus
		do(t, h, req).json(t, &s)
		return s.Status
	}
	// One takes the lane and waits at the gate; the other waits for it.
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		got := []string{status(0), status(1)}
		slices.Sort(got)
		if slices.Equal(got, []string{importQueued, importRunning}) {
			break
		}
		if got[0] != importQueued || got[1] != importQueued || time.Now().After(deadline) {
			t.Fatalf("statuses of two uploads with one lane: %q, want one queued and one running", got)
		}
	}
	// And the other stays queued while the first runs.
	for end := time.Now().Add(200 * time.Millisecond); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if got := []string{status(0), status(1)}; got[0] == got[1] {
			t.Fatalf("statuses of two uploads with one lane, the first held: %q, want one queued and one running", got)
		}
	}
	close(gate)
	for i, r := range accepted {
		if s := awaitAs(t, h, r, i+1); s.Status != importDone || s.Summary.Imported != 1 {
			t.Errorf("upload %d: %+v, want done with one activity imported", i+1, s)
		}
	}
}

// awaitAs polls the import that accepted answers until it stops running,
// as athlete, and returns its status.
func awaitAs(t testing.TB, h http.Handler, accepted response, athlete int) ImportStatus {
	t.Helper()
	var started struct {
		StatusURL string `json:"status_url"`
	}
	accepted.json(t, &started)
	req := httptest.NewRequest("GET", started.StatusURL, nil)
	req.Header.Set("X-Athlete", strconv.Itoa(athlete))
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		var s ImportStatus
		if do(t, h, req).json(t, &s); !s.Pending() {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("import still running after a minute: %+v", s)
		}
	}
}

// TestImportTimeLimitOverAPI checks that an upload whose import takes
// longer than its limit fails naming the limit, not the server's folder.
func TestImportTimeLimitOverAPI(t *testing.T) {
	t.Parallel()
	h, _ := newGatedAPI(t, Config{Limits: importer.Limits{MaxDuration: 200 * time.Millisecond}})
	r := do(t, h, uploadAs(t, 1))
	wantStatus(t, r, http.StatusAccepted, "")
	s := awaitAs(t, h, r, 1)
	want := "import of the upload took longer than the limit of 200ms"
	if s.Status != importFailed || s.Error == nil || s.Error.Code != httperr.CodeLimit || !strings.Contains(s.Error.Message, want) {
		t.Errorf("status %+v, error %+v; want failed, %q saying %q", s, s.Error, httperr.CodeLimit, want)
	}
}

// hostileRun is what hostileUploads saw: the reads' times, the uploads'
// answers by status, and what failed.
type hostileRun struct {
	reads    []time.Duration
	uploads  map[int]int
	failures []string
}

// hostileUploads uploads the small hostile files of internal/hostile to
// a new server over loopback from four clients at once, as fast as it
// takes them, for run, while a fifth reads a profile every 20 ms; then
// it lets the last import finish, since the store closes after tb.
func hostileUploads(tb testing.TB, run time.Duration) hostileRun {
	tb.Helper()
	h, _ := newAPI(tb, false, Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	files := []upload{
		{"tracks.gpx", hostile.GPX(100, 3, hostile.Week)},
		{"acts.tcx", hostile.TCX(150, 3, hostile.Week)},
		{"sessions.fit", hostile.FIT(1400, 2, hostile.Week)},
		{"ultra.fit", hostile.FIT(1, 30_000, 95*time.Hour)},
		{"day.gpx", hostile.GPX(24, 120, 4*time.Hour)},
	}
	stop := time.Now().Add(run)
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		out = hostileRun{uploads: map[int]int{}}
	)
	for i := range 4 {
		wg.Go(func() {
			for n := 0; time.Now().Before(stop); n++ {
				f := files[(i+n)%len(files)]
				req := uploadRequest(tb, upload{fmt.Sprintf("%d-%d-%s", i, n, f.name), f.data})
				req.RequestURI, req.URL.Scheme, req.URL.Host = "", "http", strings.TrimPrefix(srv.URL, "http://")
				res, err := http.DefaultClient.Do(req)
				mu.Lock()
				if err != nil {
					out.failures = append(out.failures, err.Error())
				} else {
					out.uploads[res.StatusCode]++
				}
				mu.Unlock()
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
			}
		})
	}
	wg.Go(func() {
		for time.Now().Before(stop) {
			t0 := time.Now()
			res, err := http.Get(srv.URL + "/api/v1/profile")
			took := time.Since(t0)
			mu.Lock()
			if err != nil || res.StatusCode != http.StatusOK {
				out.failures = append(out.failures, fmt.Sprintf("profile: %v %v", res, err))
			}
			out.reads = append(out.reads, took)
			mu.Unlock()
			if err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
	wg.Wait()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if r := do(tb, h, uploadRequest(tb, upload{"run.fit", hostile.FIT(1, 60, time.Hour)})); r.status == http.StatusAccepted {
			awaitAs(tb, h, r, 1)
			break
		} else if time.Now().After(deadline) {
			tb.Fatalf("an import still running a minute after the uploads: %s", r.body)
		}
	}
	slices.Sort(out.reads)
	return out
}

// TestServerAnswersUnderHostileUploads checks that while hostile files
// are uploaded as fast as the server takes them, every other request is
// answered and every upload gets an answer: accepted, or refused as
// busy. How promptly is BenchmarkReadsUnderHostileUploads's.
func TestServerAnswersUnderHostileUploads(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test")
	}
	run := hostileUploads(t, 4*time.Second)
	t.Logf("%d reads; uploads answered %v", len(run.reads), run.uploads)
	for _, f := range run.failures {
		t.Error(f)
	}
	if len(run.reads) == 0 {
		t.Error("no read answered while the uploads ran")
	}
	if run.uploads[http.StatusAccepted] == 0 {
		t.Errorf("no upload accepted: %v", run.uploads)
	}
	for status := range run.uploads {
		if status != http.StatusAccepted && status != http.StatusTooManyRequests && status != http.StatusServiceUnavailable {
			t.Errorf("uploads answered %d: want accepted or busy", status)
		}
	}
}

// BenchmarkReadsUnderHostileUploads reports how promptly a server answers
// reads while hostile files are uploaded as fast as it takes them, 4 s a
// run: the reads' p99 and worst, in ms (the target: well under a second).
func BenchmarkReadsUnderHostileUploads(b *testing.B) {
	var p99, worst time.Duration
	for b.Loop() {
		run := hostileUploads(b, 4*time.Second)
		if len(run.failures) > 0 || len(run.reads) == 0 {
			b.Fatalf("reads %d, failures %v", len(run.reads), run.failures)
		}
		p99 = max(p99, run.reads[len(run.reads)*99/100])
		worst = max(worst, run.reads[len(run.reads)-1])
	}
	b.ReportMetric(float64(p99)/float64(time.Millisecond), "p99-ms")
	b.ReportMetric(float64(worst)/float64(time.Millisecond), "max-ms")
}
