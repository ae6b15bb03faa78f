// Package api serves easyrun's JSON API under /api/v1: activities and
// their analysis, the recovery audit, today's recommendation, the load
// series, the profile and imports by upload. Every answer is JSON, errors
// included, and every route is described by the OpenAPI document served
// at /api/v1/openapi.json.
package api

import (
	"net/http"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/store"
)

// Config is what the API serves from.
type Config struct {
	// Store holds the runners' data.
	Store store.Store
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Location is the runner's time zone for today and calendar days;
	// nil means time.Local.
	Location *time.Location
	// Athlete names the athlete a request acts for; nil means
	// store.DefaultAthlete. An error answers 401 unauthorized.
	Athlete func(*http.Request) (store.AthleteID, error)
	// Limits bound an upload: its body and the archives in it.
	Limits importer.Limits
}

// New returns the API's handler. It serves full paths under /api/v1/, so
// the web server mounts it at "/api/v1/".
func New(c Config) http.Handler {
	mux := http.NewServeMux()
	return mux
}
