package api

import (
	_ "embed"
	"log/slog"
	"net/http"

	"github.com/easyrun/easyrun/training"
)

// openAPIDoc describes every route; TestOpenAPI holds it to the route
// table and to real responses.
//
//go:embed openapi.json
var openAPIDoc []byte

// openAPI serves the OpenAPI 3.1 document of the API.
func (s *server) openAPI(_ *training.Service, w http.ResponseWriter, _ *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	if _, err := w.Write(openAPIDoc); err != nil {
		slog.Info("api: write the OpenAPI document", "err", err) // the client went away
	}
	return nil
}
