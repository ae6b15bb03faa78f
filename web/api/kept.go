package api

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// KeptFile is an original file that no stored activity comes from any
// more, kept until purged (store.KeptFile).
type KeptFile struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Format      string    `json:"format"`
	StoredBytes int64     `json:"stored_bytes"`
	Imported    time.Time `json:"imported"`
}

// KeptFiles are the athlete's kept originals and the bytes they take.
type KeptFiles struct {
	Files       []KeptFile `json:"files"`
	StoredBytes int64      `json:"stored_bytes"`
}

// Purged says how many kept originals a purge deleted.
type Purged struct {
	Purged int `json:"purged"`
}

// keptFiles lists the originals of the athlete's deleted activities.
func (s *server) keptFiles(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	files, err := svc.Store.KeptFiles(r.Context(), svc.Athlete)
	if err != nil {
		return err
	}
	out := KeptFiles{Files: make([]KeptFile, len(files))}
	for i, f := range files {
		out.Files[i] = KeptFile{ID: f.ID, Name: f.Name, Format: string(f.Format), StoredBytes: f.Stored, Imported: f.Imported.In(svc.Local())}
		out.StoredBytes += f.Stored
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// purgeFiles deletes every kept original of the athlete's.
func (s *server) purgeFiles(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	n, err := svc.Store.PurgeFiles(r.Context(), svc.Athlete, nil)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, Purged{Purged: n})
	return nil
}

// purgeFile deletes one kept original of the athlete's.
func (s *server) purgeFile(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return httperr.BadRequest("bad file id %q: want a positive whole number", r.PathValue("id"))
	}
	n, err := svc.Store.PurgeFiles(r.Context(), svc.Athlete, []int64{id})
	if err != nil {
		return fmt.Errorf("purge file %d: %w", id, err)
	}
	if n == 0 {
		return httperr.New(http.StatusNotFound, httperr.CodeNotFound, "file %d is not a kept original of a deleted activity", id)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
