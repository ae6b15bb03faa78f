package web

import (
	"fmt"
	"net/http"

	"github.com/easyrun/easyrun/training"
)

// importData is the import page's: the form's token, and the originals
// of deleted activities, kept until purged.
type importData struct {
	CSRF   string
	Kept   []keptFile
	Stored string // what the kept files take, "12.3 KiB"
	Purged string // what the last purge did, from its redirect
}

// keptFile is a kept original as the page lists it.
type keptFile struct {
	Name, Format, Imported, Stored string
}

// importPage is the upload form, whose script talks to the API's
// imports, and the list of kept originals with the form that purges them.
func (s *Server) importPage(r *http.Request, svc *training.Service) (view, error) {
	files, err := svc.Store.KeptFiles(r.Context(), svc.Athlete)
	if err != nil {
		return view{}, err
	}
	d := importData{CSRF: csrfToken(r)}
	var stored int64
	for _, f := range files {
		stored += f.Stored
		d.Kept = append(d.Kept, keptFile{Name: f.Name, Format: string(f.Format),
			Imported: f.Imported.In(svc.Local()).Format("Mon 2 Jan 2006 15:04"), Stored: kib(f.Stored)})
	}
	d.Stored = kib(stored)
	if n := r.URL.Query().Get("purged"); n != "" {
		d.Purged = fmt.Sprintf("Purged %s kept originals: importing them again makes new activities.", n)
	}
	return view{Page: "import", Title: "Import", Data: d}, nil
}

// purgeKept deletes every kept original of the athlete's, once the form
// confirms it, as 'easyrun purge --yes' does.
func (s *Server) purgeKept(r *http.Request, svc *training.Service) (string, error) {
	if r.PostFormValue("confirm") != "yes" {
		return "", badInput("Tick “Yes, delete these originals for good” to purge them.")
	}
	n, err := svc.Store.PurgeFiles(r.Context(), svc.Athlete, nil)
	if err != nil {
		return "", fmt.Errorf("purge kept originals: %w", err)
	}
	return fmt.Sprintf("/import?purged=%d#kept-title", n), nil
}

// kib says a size in bytes in KiB, as the kept files' list does.
func kib(b int64) string { return fmt.Sprintf("%.1f KiB", float64(b)/1024) }
