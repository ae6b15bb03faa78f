package api

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// JobLabel is the profiler label of work a request leaves running after
// its answer; an upload's import runs labelled JobLabel=import, so that
// a CPU profile tells it from the upload request itself.
const JobLabel = "job"

// Import statuses.
const (
	importQueued  = "queued" // taken, waiting for a lane (Config.ImportLanes)
	importRunning = "running"
	importDone    = "done"
	importFailed  = "failed"
)

// keepImports is how long a finished import's status can still be read.
const keepImports = time.Hour

// ImportSummary is what an import did, the CLI's import --json shape:
// counts, every file not imported with its reason, and how many
// activities were analysed after it.
type ImportSummary struct {
	*importer.Summary
	Analysed int `json:"analysed"`
}

// ImportStatus is how an upload's import is going.
type ImportStatus struct {
	ID         string `json:"id"`
	Status     string `json:"status"` // queued, running, done or failed
	FilesDone  int64  `json:"files_done"`
	FilesTotal int64  `json:"files_total"` // grows as archives are opened
	BytesDone  int64  `json:"bytes_done"`
	BytesTotal int64  `json:"bytes_total"`
	// Summary is set when done; a failed import has Error and the summary
	// of what was stored before it stopped.
	Summary *ImportSummary `json:"summary,omitempty"`
	Error   *errorDetail   `json:"error,omitempty"`
}

// job is one upload being imported. It is the importer's Progress.
type job struct {
	id      string
	athlete store.AthleteID

	filesDone, filesTotal, bytesDone, bytesTotal atomic.Int64

	mu       sync.Mutex
	status   string
	summary  *ImportSummary
	err      *errorDetail
	finished time.Time
}

// Found counts files and bytes discovered.
func (j *job) Found(files int, bytes int64) {
	j.filesTotal.Add(int64(files))
	j.bytesTotal.Add(bytes)
}

// Done counts one file finished.
func (j *job) Done(_ string, bytes int64) {
	j.filesDone.Add(1)
	j.bytesDone.Add(bytes)
}

func (j *job) state() ImportStatus {
	j.mu.Lock()
	defer j.mu.Unlock()
	return ImportStatus{ID: j.id, Status: j.status, FilesDone: j.filesDone.Load(), FilesTotal: j.filesTotal.Load(),
		BytesDone: j.bytesDone.Load(), BytesTotal: j.bytesTotal.Load(), Summary: j.summary, Error: j.err}
}

// Pending reports whether the import is still to finish: queued or
// running.
func (s ImportStatus) Pending() bool { return s.Status == importQueued || s.Status == importRunning }

func (j *job) run() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.status = importRunning
}

func (j *job) finish(now time.Time, sum *ImportSummary, failure *errorDetail) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.status, j.summary, j.err, j.finished = importDone, sum, failure, now
	if failure != nil {
		j.status = importFailed
	}
}

// imports keeps the imports of one API by id, and counts those running.
type imports struct {
	mu      sync.Mutex
	jobs    map[string]*job
	running map[store.AthleteID]int
	total   int // running, all athletes together
}

func newImports() *imports {
	return &imports{jobs: map[string]*job{}, running: map[store.AthleteID]int{}}
}

// retryAfter is what a refused upload is told to wait, in seconds: about
// as long as a year of a runner's files takes to import.
const retryAfter = "30"

// reserve takes a place for one more import of athlete, or refuses it
// naming the limit reached: perAthlete imports of theirs, or total of
// the server's.
func (im *imports) reserve(athlete store.AthleteID, perAthlete, total int) *httperr.Error {
	im.mu.Lock()
	defer im.mu.Unlock()
	switch {
	case im.running[athlete] >= perAthlete:
		return httperr.New(http.StatusTooManyRequests, httperr.CodeBusy,
			"upload refused: %d of your imports running or queued, the limit per athlete is %d; upload again when it is done", im.running[athlete], perAthlete)
	case im.total >= total:
		return httperr.New(http.StatusServiceUnavailable, httperr.CodeBusy,
			"upload refused: the server has %d imports running or queued, its limit is %d; upload again in a minute", im.total, total)
	}
	im.running[athlete]++
	im.total++
	return nil
}

// release gives back the place reserve took.
func (im *imports) release(athlete store.AthleteID) {
	im.mu.Lock()
	defer im.mu.Unlock()
	if im.running[athlete]--; im.running[athlete] <= 0 {
		delete(im.running, athlete)
	}
	im.total--
}

// start registers a new import for athlete, forgetting those finished
// more than keepImports before now.
func (im *imports) start(athlete store.AthleteID, now time.Time) *job {
	// A random id: another athlete cannot guess it, and ids of past
	// imports tell nothing.
	j := &job{id: rand.Text(), athlete: athlete, status: importQueued}
	im.mu.Lock()
	defer im.mu.Unlock()
	for id, old := range im.jobs {
		old.mu.Lock()
		if !old.finished.IsZero() && now.Sub(old.finished) > keepImports {
			delete(im.jobs, id)
		}
		old.mu.Unlock()
	}
	im.jobs[j.id] = j
	return j
}

// get returns athlete's import id, if known.
func (im *imports) get(athlete store.AthleteID, id string) (*job, bool) {
	im.mu.Lock()
	defer im.mu.Unlock()
	j, ok := im.jobs[id]
	return j, ok && j.athlete == athlete
}

// uploadLimit is the largest request body an upload may have.
func (s *server) uploadLimit() int64 {
	if s.Limits.MaxArchiveBytes > 0 {
		return s.Limits.MaxArchiveBytes
	}
	return importer.DefaultMaxArchiveBytes
}

func tooLarge(limit int64) *httperr.Error {
	return httperr.New(http.StatusRequestEntityTooLarge, httperr.CodeTooLarge,
		"the upload is larger than the limit of %d bytes (%.1f MiB)", limit, float64(limit)/(1<<20))
}

// startImport saves the files of a multipart upload, imports them in the
// background and answers 202 with where to follow the import.
func (s *server) startImport(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	limit := s.uploadLimit()
	if r.ContentLength > limit {
		return tooLarge(limit)
	}
	if busy := s.imports.reserve(svc.Athlete, withDefault(s.MaxImportsPerAthlete, DefaultMaxImportsPerAthlete),
		withDefault(s.MaxImports, DefaultMaxImports)); busy != nil {
		w.Header().Set("Retry-After", retryAfter)
		return busy
	}
	started := false
	defer func() {
		if !started {
			s.imports.release(svc.Athlete)
		}
	}()
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	mr, err := r.MultipartReader()
	if err != nil {
		return httperr.BadRequest("want a multipart/form-data upload of one or more files: %v", err)
	}
	dir, release, err := newUploadFolder(s.UploadDir)
	if err != nil {
		return err
	}
	n, err := saveParts(mr, dir, limit)
	if err == nil && n == 0 {
		err = httperr.BadRequest("the upload holds no file: send each file as a form part with a filename")
	}
	if err != nil {
		removeUpload(dir, release)
		return err
	}
	j := s.imports.start(svc.Athlete, s.Now())
	// The import outlives the request; it keeps the request's values and
	// its place among the imports taken.
	started = true
	go pprof.Do(context.WithoutCancel(r.Context()), pprof.Labels(JobLabel, "import"), func(ctx context.Context) {
		s.runImport(ctx, svc, j, dir, func() {
			removeUpload(dir, release)
			s.imports.release(svc.Athlete)
		})
	})
	writeJSON(w, http.StatusAccepted, struct {
		ID        string `json:"id"`
		StatusURL string `json:"status_url"`
	}{j.id, Prefix + "imports/" + j.id})
	return nil
}

// saveParts writes every file part of mr into dir and returns how many
// there were.
func saveParts(mr *multipart.Reader, dir string, limit int64) (int, error) {
	n := 0
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, uploadError(err, limit)
		}
		if part.FileName() == "" {
			continue // a form field, not a file: NextPart skips its body
		}
		if err := savePart(part, dir, n); err != nil {
			return n, uploadError(err, limit)
		}
		n++
	}
}

// savePart writes one uploaded file into dir under its own base name, or
// prefixed by its position when two files share a name.
func savePart(part *multipart.Part, dir string, i int) error {
	name := filepath.Base(part.FileName())
	if name == "." || name == ".." || name == string(filepath.Separator) {
		name = "upload"
	}
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		f, err = os.OpenFile(filepath.Join(dir, fmt.Sprintf("%d-%s", i+1, name)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	}
	if err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	_, err = io.Copy(f, part)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("save %s: %w", name, err)
	}
	return nil
}

// uploadError tells a body over the limit, or a broken upload, from a
// failure on the server's side.
func uploadError(err error, limit int64) error {
	var mbe *http.MaxBytesError
	var pathErr *os.PathError
	switch {
	case errors.As(err, &mbe):
		return tooLarge(limit)
	case errors.As(err, &pathErr):
		return err // the server's disk: internal
	default:
		return httperr.BadRequest("read the upload: %v", err)
	}
}

// uploadsDir is where uploads are kept under root, the Config's
// UploadDir.
func uploadsDir(root string) string {
	if root == "" {
		return filepath.Join(os.TempDir(), "easyrun-uploads")
	}
	return root
}

// uploadPrefix starts the name of every upload's folder.
const uploadPrefix = "upload-"

// newUploadFolder makes a folder for one upload under root and holds it
// until release is called, so that a sweep at another server's start
// leaves it alone.
func newUploadFolder(root string) (dir string, release func(), err error) {
	root = uploadsDir(root)
	if err := os.MkdirAll(root, 0o700); err != nil {
		return "", nil, fmt.Errorf("upload folder: %w", err)
	}
	if dir, err = os.MkdirTemp(root, uploadPrefix); err != nil {
		return "", nil, fmt.Errorf("upload folder: %w", err)
	}
	if release, err = holdFolder(dir); err != nil {
		return "", nil, errors.Join(fmt.Errorf("upload folder %s: %w", dir, err), os.RemoveAll(dir))
	}
	return dir, release, nil
}

// removeUpload removes an upload's folder, then lets it go.
func removeUpload(dir string, release func()) {
	if err := os.RemoveAll(dir); err != nil {
		slog.Error("api: remove upload", "dir", dir, "err", err)
	}
	release()
}

// SweepUploads removes from root (Config.UploadDir) the folders of
// uploads that no running import holds: those of a server stopped while
// it received or imported them. It returns how many it removed; what an
// import stored before it stopped is analysed at the next start
// (training.Service.Refresh).
func SweepUploads(root string) (int, error) {
	root = uploadsDir(root)
	entries, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("sweep uploads in %s: %w", root, err)
	}
	n := 0
	var errs []error
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		if !e.IsDir() || !strings.HasPrefix(e.Name(), uploadPrefix) || !abandoned(dir) {
			continue
		}
		if err := os.RemoveAll(dir); err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}

// runImport imports the files in dir as the CLI's import does, analyses
// what is new and records the outcome in j. It calls free, which gives
// back the import's folder and its place among the imports taken,
// before it says done: a client that uploads again once it sees done is
// never refused as busy.
func (s *server) runImport(ctx context.Context, svc *training.Service, j *job, dir string, free func()) {
	s.lanes <- struct{}{}
	defer func() { <-s.lanes }()
	j.run()
	// One decoder: a lane is one core (DefaultImportLanes).
	im := &importer.Importer{Store: svc.Store, Athlete: svc.Athlete, Limits: s.Limits, Progress: j, Workers: 1}
	sum := &importer.Summary{}
	var err error
	if im.Derive, err = svc.Derive(ctx); err == nil {
		sum, err = im.Import(ctx, dir)
	}
	out := &ImportSummary{Summary: sum}
	// An upload stopped by a limit keeps what it stored, analysed.
	limitErr := err
	if !errors.Is(err, importer.ErrLimit) {
		limitErr = nil
	} else {
		err = nil
	}
	if err == nil {
		var refreshed training.Refreshed
		refreshed, err = svc.Refresh(ctx, false)
		out.Analysed = refreshed.Analysed
	}
	if err == nil {
		// The runner looks at their advice next: make it before saying done.
		err = svc.Prime(ctx, svc.Local())
	}
	// The files were saved under a folder of the server's: the runner
	// knows them by the names they uploaded.
	trim := strings.NewReplacer(dir+string(filepath.Separator), "", dir, "the upload")
	for _, ps := range [][]importer.Problem{sum.Skipped, sum.Partial, sum.Failures} {
		for i := range ps {
			ps[i].Path, ps[i].Reason = trim.Replace(ps[i].Path), trim.Replace(ps[i].Reason)
		}
	}
	var failure *errorDetail
	switch {
	case err != nil:
		slog.Error("api: import failed", "import", j.id, "err", err)
		failure = &errorDetail{Code: httperr.CodeInternal, Message: "the import stopped on a server error; it has been logged"}
	case limitErr != nil:
		failure = &errorDetail{Code: httperr.CodeLimit, Message: strings.TrimPrefix(trim.Replace(limitErr.Error()), "import: ")}
	}
	free()
	j.finish(s.Now(), out, failure)
}

// withDefault is n, or def when n is not positive.
func withDefault(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}

// importStatus answers how an import is going.
func (s *server) importStatus(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	j, ok := s.imports.get(svc.Athlete, r.PathValue("id"))
	if !ok {
		return httperr.New(http.StatusNotFound, httperr.CodeNotFound, "import %q not found: a finished import is kept for an hour", r.PathValue("id"))
	}
	writeJSON(w, http.StatusOK, j.state())
	return nil
}
