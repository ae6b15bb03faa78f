package web

import (
	"net/http"

	"github.com/easyrun/easyrun/training"
)

// importData is the import page's: only the form's token.
type importData struct{ CSRF string }

// importPage is the upload form; its script talks to the API's imports.
func (s *Server) importPage(r *http.Request, _ *training.Service) (view, error) {
	return view{Page: "import", Title: "Import", Data: importData{CSRF: csrfToken(r)}}, nil
}
