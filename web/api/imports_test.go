package api

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/web/httperr"
)

// zipOf archives files.
func zipOf(t *testing.T, files ...upload) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// awaitImport polls the import's status until it is no longer running.
func awaitImport(t *testing.T, h http.Handler, statusURL string) ImportStatus {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		r := call(t, h, "GET", statusURL, nil)
		wantStatus(t, r, http.StatusOK, "")
		var s ImportStatus
		r.json(t, &s)
		if !s.Pending() {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("import still running after a minute: %+v", s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// startUpload posts files and returns the status URL it answers.
func startUpload(t *testing.T, h http.Handler, files ...upload) string {
	t.Helper()
	r := do(t, h, uploadRequest(t, files...))
	wantStatus(t, r, http.StatusAccepted, "")
	var started struct {
		ID        string `json:"id"`
		StatusURL string `json:"status_url"`
	}
	r.json(t, &started)
	if started.ID == "" || started.StatusURL != "/api/v1/imports/"+started.ID {
		t.Fatalf("started %+v, want an id and its status URL", started)
	}
	return started.StatusURL
}

func TestImport(t *testing.T) {
	t.Parallel()
	h, _ := newAPI(t, false, Config{})
	run := upload{"run.fit", corpus.Read(t, fitRun)}
	statusURL := startUpload(t, h,
		run,
		upload{"track.gpx", corpus.Read(t, gpxFile)},
		upload{"export.zip", zipOf(t, upload{"tcx/ride.tcx", corpus.Read(t, tcxFile)}, upload{"Settings.fit", corpus.Read(t, fitSettings)})},
		upload{"broken.fit", []byte("this is no FIT file")},
		upload{"../../etc/run.fit", run.data}, // a path in the name keeps only its base; the same bytes are a duplicate
	)
	s := awaitImport(t, h, statusURL)
	if s.Status != importDone || s.Summary == nil || s.Error != nil {
		t.Fatalf("import ended %+v, want done with a summary", s)
	}
	if s.FilesDone != s.FilesTotal || s.FilesDone != 6 || s.BytesDone == 0 {
		t.Errorf("files %d of %d, %d bytes; want 6 of 6 and the bytes counted", s.FilesDone, s.FilesTotal, s.BytesDone)
	}
	sum := s.Summary
	if sum.Files != 6 || sum.Imported != 3 || sum.Duplicates != 1 || sum.Analysed != 3 {
		t.Errorf("summary %+v, want 6 files: 3 imported and analysed, 1 duplicate", sum)
	}
	want := []importer.Problem{{Path: "broken.fit"}, {Path: "export.zip!Settings.fit"}}
	got := append(append([]importer.Problem{}, sum.Failures...), sum.Skipped...)
	if len(got) != len(want) {
		t.Fatalf("failed %+v, skipped %+v; want broken.fit failed and the settings file skipped", sum.Failures, sum.Skipped)
	}
	for i, p := range got {
		if p.Path != want[i].Path || p.Reason == "" || strings.Contains(p.Reason, "easyrun-upload-") {
			t.Errorf("problem %+v, want %s with a reason naming no server folder", p, want[i].Path)
		}
	}

	again := awaitImport(t, h, startUpload(t, h, run))
	if again.Summary == nil || again.Summary.Duplicates != 1 || again.Summary.Imported != 0 {
		t.Errorf("second upload of the run: %+v, want one duplicate", again.Summary)
	}
	r := call(t, h, "GET", "/api/v1/activities", nil)
	var list struct{ Activities []Summary }
	r.json(t, &list)
	if len(list.Activities) != 3 {
		t.Errorf("%d activities stored, want 3", len(list.Activities))
	}
}

func TestImportRequests(t *testing.T) {
	t.Parallel()
	// The athlete is named by a header, as a login would name them;
	// without one, the default athlete. Its uploads below are sent while
	// the first is imported.
	h, _ := newAPI(t, false, Config{MaxImportsPerAthlete: 10, Athlete: func(r *http.Request) (store.AthleteID, error) {
		name := r.Header.Get("X-Athlete")
		if name == "" {
			return store.DefaultAthlete, nil
		}
		id, err := strconv.ParseInt(name, 10, 64)
		return store.AthleteID(id), err
	}})
	as := func(req *http.Request, athlete int) *http.Request {
		name := strconv.Itoa(athlete)
		if athlete < 0 {
			name = "nobody"
		}
		req.Header.Set("X-Athlete", name)
		return req
	}
	r := do(t, h, as(uploadRequest(t, upload{"run.fit", corpus.Read(t, fitRun)}), 1))
	wantStatus(t, r, http.StatusAccepted, "")
	var started struct {
		StatusURL string `json:"status_url"`
	}
	r.json(t, &started)

	form := uploadRequest(t)
	for _, tt := range []struct {
		name   string
		req    *http.Request
		status int
		code   string
	}{
		{"own import", as(newRequest("GET", started.StatusURL, nil, ""), 1), http.StatusOK, ""},
		{"another athlete's import", as(newRequest("GET", started.StatusURL, nil, ""), 2), http.StatusNotFound, httperr.CodeNotFound},
		{"unknown import", as(newRequest("GET", "/api/v1/imports/NOSUCHIMPORT", nil, ""), 1), http.StatusNotFound, httperr.CodeNotFound},
		{"not multipart", as(newRequest("POST", "/api/v1/imports", []byte(`{"file": "run.fit"}`), "application/json"), 1), http.StatusBadRequest, httperr.CodeBadRequest},
		{"no file", as(form, 1), http.StatusBadRequest, httperr.CodeBadRequest},
		{"broken multipart", as(newRequest("POST", "/api/v1/imports", []byte("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.fit\"\r\n\r\nabc"),
			"multipart/form-data; boundary=x"), 1), http.StatusBadRequest, httperr.CodeBadRequest},
		{"not signed in", as(newRequest("GET", started.StatusURL, nil, ""), -1), http.StatusUnauthorized, httperr.CodeUnauthorized},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantStatus(t, do(t, h, tt.req), tt.status, tt.code)
		})
	}
	// Let the import finish before the store closes.
	awaitImport(t, h, started.StatusURL)
}

// newRequest is a request with a body of contentType.
func newRequest(method, target string, body []byte, contentType string) *http.Request {
	req, _ := http.NewRequest(method, target, bytes.NewReader(body))
	req.RequestURI = target
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

func TestUploadLimit(t *testing.T) {
	t.Parallel()
	const limit = 4096
	h, _ := newAPI(t, false, Config{Limits: importer.Limits{MaxArchiveBytes: limit}})
	run := upload{"run.fit", corpus.Read(t, fitRun)}
	for _, tt := range []struct {
		name          string
		contentLength func(*http.Request) int64
	}{
		{"length told", func(r *http.Request) int64 { return r.ContentLength }},
		{"length untold", func(*http.Request) int64 { return -1 }}, // chunked: the limit stops the reading
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := uploadRequest(t, run)
			req.ContentLength = tt.contentLength(req)
			r := do(t, h, req)
			wantStatus(t, r, http.StatusRequestEntityTooLarge, httperr.CodeTooLarge)
			if want := fmt.Sprint(limit, " bytes"); !strings.Contains(string(r.body), want) {
				t.Errorf("body %s, want the limit %s", r.body, want)
			}
		})
	}
	// Under the limit, an upload is accepted.
	small := upload{"broken.fit", []byte("small")}
	if s := awaitImport(t, h, startUpload(t, h, small)); s.Summary == nil || len(s.Summary.Failures) != 1 {
		t.Errorf("small upload: %+v, want it imported and failed as no FIT file", s.Summary)
	}
}
