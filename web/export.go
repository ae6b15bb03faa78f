package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/easyrun/easyrun/backup"
)

// exportWriteTimeout is how long sending a whole history may take: ten
// years of files are a few hundred MB, more than the server's usual
// write timeout allows over a slow link.
const exportWriteTimeout = 30 * time.Minute

// download sends the athlete's whole training as an easyrun export zip:
// every original file, the profile, the plan and the runner's own input,
// which 'easyrun import' restores. It streams: nothing waits in memory.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	svc, err := s.service(r)
	if err != nil {
		s.refuse(w, r, http.StatusUnauthorized, "Sign in to download your training.")
		return
	}
	now := s.now(svc)
	if err := http.NewResponseController(w).SetWriteDeadline(time.Now().Add(exportWriteTimeout)); err != nil {
		slog.InfoContext(r.Context(), "export: cannot extend the write deadline", "err", err)
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="easyrun-export-%s.zip"`, now.Format("2006-01-02")))
	w.Header().Set("Cache-Control", "no-store")
	if _, err := backup.Export(r.Context(), svc.Store, svc.Athlete, w, now); err != nil {
		// The status is sent; the truncated zip will not open, and the
		// log says why.
		slog.ErrorContext(r.Context(), "export", "athlete", svc.Athlete, "err", err)
	}
}
