// Package api serves easyrun's JSON API under /api/v1: activities and
// their analysis, the recovery audit, today's recommendation, the load
// series, the profile, imports by upload, and the training plan with its
// calendar and watch workouts. Every answer is JSON, errors included,
// but for the plan's calendar and workout files; every route is described
// by the OpenAPI document served at /api/v1/openapi.json.
//
// The API goes through training.Service for everything, so that it says
// what the command line says.
package api

import (
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// Prefix is where the API lives; New serves full paths under it.
const Prefix = "/api/v1/"

// Config is what the API serves from.
type Config struct {
	// Store holds the runners' data.
	Store store.Store
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Location, when not nil, overrides every runner's time zone (tests,
	// a replayed scenario); nil means each runner's own, as their
	// profile resolves it (training.Service.Zone), for today, for
	// calendar dates in queries and for runs whose file gives no offset.
	Location *time.Location
	// Athlete names the athlete a request acts for; nil means
	// store.DefaultAthlete. An error answers 401 unauthorized.
	Athlete func(*http.Request) (store.AthleteID, error)
	// Self names the signed-in user's own athlete, who alone may make or
	// revoke their calendar feed; nil means every request acts for its
	// own athlete, as in single-user mode.
	Self func(*http.Request) (store.AthleteID, error)
	// BaseURL is the address clients reach the server at, such as
	// "https://run.example.org", for the calendar feed's address; nil
	// means the request's Host, over https when it came over TLS.
	BaseURL func(*http.Request) string
	// Cache, when not nil, keeps each athlete's advice between
	// requests; Store must then write through it (Cache.Store).
	Cache *training.Cache
	// Limits bound an upload: MaxArchiveBytes bounds the request body
	// (importer.DefaultMaxArchiveBytes when zero), and all of them the
	// archives in it.
	Limits importer.Limits
	// MaxImports bounds the uploads the server takes at once, running or
	// queued, and MaxImportsPerAthlete those of one athlete; one more is
	// refused (503 and 429) before its body is read. Zero takes the
	// defaults, DefaultMaxImports and DefaultMaxImportsPerAthlete. Of
	// those taken, ImportLanes run at once and the others queue; zero
	// ImportLanes takes DefaultImportLanes.
	MaxImports, MaxImportsPerAthlete, ImportLanes int
	// UploadDir is where uploads are kept while they are imported, each
	// in a folder of its own; empty means easyrun-uploads in the system's
	// temporary folder. SweepUploads empties it of abandoned uploads.
	UploadDir string
}

// Defaults for the zero concurrency limits of Config: a few uploads
// queue rather than being refused, and one athlete's second upload waits
// for their first.
const (
	DefaultMaxImports           = 4
	DefaultMaxImportsPerAthlete = 1
)

// DefaultImportLanes is how many uploads the server imports at once,
// each on one core: one per two cores, at least one. Imports run beside
// the pages of everyone else, and Go shares a process's cores among its
// goroutines without priorities, so an import that may take every core
// (as four uploads with a decoder per core did) keeps pages waiting
// behind it; with one core of two for imports, a page always has the
// other.
func DefaultImportLanes() int { return max(1, runtime.GOMAXPROCS(0)/2) }

// server is one API's state.
type server struct {
	Config
	imports *imports
	// lanes holds a token for each import running (Config.ImportLanes).
	lanes chan struct{}
}

// route is one method and path of the API: the one table that New
// registers and the OpenAPI test checks.
type route struct {
	method, path string
	handle       func(s *server, svc *training.Service, w http.ResponseWriter, r *http.Request) error
}

// routes lists every route of the API.
var routes = []route{
	{"GET", "/api/v1/activities", (*server).listActivities},
	{"POST", "/api/v1/activities", (*server).logRun},
	{"GET", "/api/v1/activities/{id}", (*server).showActivity},
	{"DELETE", "/api/v1/activities/{id}", (*server).deleteActivity},
	{"GET", "/api/v1/files/kept", (*server).keptFiles},
	{"DELETE", "/api/v1/files/kept", (*server).purgeFiles},
	{"DELETE", "/api/v1/files/kept/{id}", (*server).purgeFile},
	{"GET", "/api/v1/activities/{id}/streams", (*server).streams},
	{"PUT", "/api/v1/activities/{id}/rpe", (*server).setRPE},
	{"PUT", "/api/v1/activities/{id}/details", (*server).setDetails},
	{"PUT", "/api/v1/activities/{id}/sport", (*server).setSport},
	{"PUT", "/api/v1/activities/{id}/shoe", (*server).setShoe},
	{"GET", "/api/v1/shoes", (*server).listShoes},
	{"POST", "/api/v1/shoes", (*server).addShoe},
	{"POST", "/api/v1/shoes/{id}/retire", (*server).retireShoe},
	{"GET", "/api/v1/audit", (*server).audit},
	{"GET", "/api/v1/bests", (*server).bests},
	{"GET", "/api/v1/today", (*server).today},
	{"GET", "/api/v1/mornings", (*server).mornings},
	{"PUT", "/api/v1/mornings/{date}", (*server).setMorning},
	{"GET", "/api/v1/plan", (*server).showPlan},
	{"PUT", "/api/v1/plan", (*server).setPlan},
	{"GET", "/api/v1/plan.ics", (*server).planCalendar},
	{"GET", "/api/v1/plan/workouts.zip", (*server).planWorkouts},
	{"GET", "/api/v1/plan/review", (*server).planReview},
	{"GET", "/api/v1/plan/projection", (*server).planProjection},
	{"GET", "/api/v1/plan/feed", (*server).feedStatus},
	{"POST", "/api/v1/plan/feed", (*server).newFeed},
	{"DELETE", "/api/v1/plan/feed", (*server).revokeFeed},
	{"GET", "/api/v1/load", (*server).load},
	{"GET", "/api/v1/profile", (*server).profile},
	{"PUT", "/api/v1/profile", (*server).setProfile},
	{"GET", "/api/v1/rules", (*server).rules},
	{"PUT", "/api/v1/rules", (*server).setRules},
	{"GET", "/api/v1/zones", (*server).zones},
	{"POST", "/api/v1/imports", (*server).startImport},
	{"GET", "/api/v1/imports/{id}", (*server).importStatus},
	{"GET", "/api/v1/openapi.json", (*server).openAPI},
}

// New returns the API's handler. It serves full paths under /api/v1/, so
// the web server mounts it at "/api/v1/"; the mux's Handler method tells
// which route serves a request.
func New(c Config) *http.ServeMux {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Athlete == nil {
		c.Athlete = func(*http.Request) (store.AthleteID, error) { return store.DefaultAthlete, nil }
	}
	if c.BaseURL == nil {
		c.BaseURL = func(r *http.Request) string {
			if r.TLS != nil {
				return "https://" + r.Host
			}
			return "http://" + r.Host
		}
	}
	s := &server{Config: c, imports: newImports(), lanes: make(chan struct{}, withDefault(c.ImportLanes, DefaultImportLanes()))}
	mux := http.NewServeMux()
	allowed := map[string][]string{}
	for _, rt := range routes {
		mux.HandleFunc(rt.method+" "+rt.path, s.serve(rt))
		allowed[rt.path] = append(allowed[rt.path], rt.method)
	}
	// ServeMux answers a wrong method and an unknown path in plain text;
	// the API answers in JSON.
	for path, methods := range allowed {
		allow := strings.Join(methods, ", ")
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			writeError(w, r, httperr.New(http.StatusMethodNotAllowed, httperr.CodeMethodNotAllowed,
				"%s is not allowed on %s: use %s", r.Method, r.URL.Path, allow))
		})
	}
	mux.HandleFunc(Prefix, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, httperr.New(http.StatusNotFound, httperr.CodeNotFound, "no API route %s", r.URL.Path))
	})
	return mux
}

// DocPath is where the OpenAPI document is served. It is public: it
// tells a client how to sign in.
const DocPath = Prefix + "openapi.json"

// serve runs one route for the athlete the request acts for.
func (s *server) serve(rt route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if rt.path == DocPath {
			s.openAPI(nil, w, r)
			return
		}
		athlete, err := s.Athlete(r)
		if err != nil {
			slog.Info("api: not authenticated", "path", r.URL.Path, "err", err)
			writeError(w, r, httperr.New(http.StatusUnauthorized, httperr.CodeUnauthorized, "sign in to use the API"))
			return
		}
		svc := &training.Service{Store: s.Store, Athlete: athlete, Now: s.Now, Cache: s.Cache, Location: s.Location}
		if _, err := svc.Zone(r.Context()); err != nil { // svc.Local() from here on
			writeError(w, r, err)
			return
		}
		if err := rt.handle(s, svc, w, r); err != nil {
			writeError(w, r, err)
		}
	}
}
