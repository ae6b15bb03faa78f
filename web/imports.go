package web

import (
	"net/http"

	"github.com/easyrun/easyrun/training"
)

// importPage is the upload form; its script talks to the API's imports.
func (s *Server) importPage(*http.Request, *training.Service) (view, error) {
	return view{Page: "import", Title: "Import"}, nil
}
