// Package web serves easyrun's pages: the dashboard, activities, the
// calendar, the training plan, import by upload and the settings,
// rendered on the server with html/template from embedded templates and
// assets, so the binary works offline and nothing is fetched from
// elsewhere. The JSON API of package api is mounted under /api/v1/, and
// the pages share its Config; the plan's downloads are the API's.
package web

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/auth"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/api"
	"github.com/easyrun/easyrun/web/httperr"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Config is what a Server serves from.
type Config struct {
	api.Config
	// Accounts turns on server mode when set: every page and API route
	// but the sign-in page needs a signed-in user or an API token, and
	// acts for that user or an athlete who granted them access.
	// Config.Athlete is then ignored. When nil, every request acts for
	// Config.Athlete, the single-user default.
	Accounts store.Accounts
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed, so that sign-in limits count real clients; with none,
	// the connection's address is the client.
	TrustedProxies []netip.Prefix
	// TileURL is the map tiles' address template for runners who turn
	// tiles on and name no server; empty means activity.DefaultTileURL.
	TileURL string
}

// Server serves the pages and the API.
type Server struct {
	c api.Config
	// accounts, when not nil, is server mode's users (Config.Accounts).
	accounts store.Accounts
	// Sign-in failures, counted per (account, client) pair, per client,
	// and per account, which slows down but never locks.
	logins, clients, accountFailures *auth.Limiter
	accountDelay                     time.Duration // per attempt on an account under attack
	proxies                          []netip.Prefix
	tileURL                          string // Config.TileURL, or the default
	// feedMisses counts, per client, the requests for calendar feeds that
	// do not exist, which slows down guessing as failed sign-ins do.
	feedMisses *auth.Limiter
	// dummyHash is verified when a sign-in names nobody, so that the
	// answer takes as long as for a wrong password and does not tell
	// which names exist.
	dummyHash   string
	crossOrigin *http.CrossOriginProtection
	mux         *http.ServeMux
	handler     http.Handler // mux, compressed
	// pages holds each page parsed once per unit system, so that every
	// number on it is in the runner's units.
	pages map[activity.Units]map[string]*template.Template
}

// New returns a Server over c's store. Zero fields of c take the same
// defaults as the API's: time.Now, each runner's own time zone and the
// default athlete.
func New(cfg Config) *Server {
	c := cfg.Config
	if cfg.Accounts != nil {
		c.Athlete, c.Self = actingAthlete, self
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Athlete == nil {
		c.Athlete = func(*http.Request) (store.AthleteID, error) { return store.DefaultAthlete, nil }
	}
	// The pages and the API share one cache of each runner's advice and
	// write through it, so that every view sees a change made through
	// this server at once.
	if c.Cache == nil {
		c.Cache = new(training.Cache)
		c.Store = c.Cache.Store(c.Store)
	}
	s := &Server{c: c, mux: http.NewServeMux(), pages: parsePages(),
		accounts: cfg.Accounts, crossOrigin: http.NewCrossOriginProtection(), proxies: cfg.TrustedProxies,
		feedMisses: auth.NewLimiter(clientFailures, loginWindow), tileURL: cmp.Or(cfg.TileURL, activity.DefaultTileURL)}
	if s.c.BaseURL == nil {
		s.c.BaseURL = s.baseURL
	}
	if s.accounts != nil {
		s.logins = auth.NewLimiter(loginFailures, loginWindow)
		s.clients = auth.NewLimiter(clientFailures, loginWindow)
		s.accountFailures = auth.NewLimiter(loginFailures, loginWindow)
		s.accountDelay = accountDelay
		s.dummyHash = auth.HashPassword(auth.NewSecret())
	}
	s.routes()
	s.handler = compress(s.mux)
	return s
}

// parsePages parses the layout with each page, in each unit system. The
// templates are embedded and checked by the tests, so a parse error is a
// build mistake.
func parsePages() map[activity.Units]map[string]*template.Template {
	all := map[activity.Units]map[string]*template.Template{}
	for _, u := range []activity.Units{activity.Kilometres, activity.Miles} {
		layout := template.Must(template.New("layout.html").Funcs(common).Funcs(funcs(display.In(u))).ParseFS(templateFS, "templates/layout.html"))
		pages := map[string]*template.Template{}
		for _, name := range []string{"dashboard", "morning", "activities", "activity", "calendar", "trends", "shoes", "plan", "import", "settings", "feed", "error", "login", "token", "users"} {
			pages[name] = template.Must(template.Must(layout.Clone()).ParseFS(templateFS, "templates/"+name+".html"))
		}
		all[u] = pages
	}
	return all
}

// route is one pattern of the site and its handler: the tables that
// routes registers and the scoping test walks.
type route struct {
	pattern string
	handler func(*Server) http.HandlerFunc
}

// pageRoutes are the pages and forms of every mode.
var pageRoutes = []route{
	{"GET /{$}", func(s *Server) http.HandlerFunc { return s.page(s.dashboard) }},
	{"GET /morning", func(s *Server) http.HandlerFunc { return s.page(s.morning) }},
	{"POST /morning", func(s *Server) http.HandlerFunc { return s.action(s.saveMorning) }},
	{"GET /activities", func(s *Server) http.HandlerFunc { return s.page(s.activities) }},
	{"GET /activities/{id}", func(s *Server) http.HandlerFunc { return s.page(s.activity) }},
	{"POST /activities/{id}/rpe", func(s *Server) http.HandlerFunc { return s.action(s.setRPE) }},
	{"POST /activities/{id}/details", func(s *Server) http.HandlerFunc { return s.action(s.setDetails) }},
	{"POST /activities/{id}/delete", func(s *Server) http.HandlerFunc { return s.action(s.deleteActivity) }},
	{"POST /activities/tag", func(s *Server) http.HandlerFunc { return s.action(s.tagSports) }},
	{"POST /activities/{id}/sport", func(s *Server) http.HandlerFunc { return s.action(s.setSport) }},
	{"POST /activities/log", func(s *Server) http.HandlerFunc { return s.action(s.logRun) }},
	{"GET /calendar", func(s *Server) http.HandlerFunc { return s.page(s.calendar) }},
	{"GET /trends", func(s *Server) http.HandlerFunc { return s.page(s.trends) }},
	{"GET /shoes", func(s *Server) http.HandlerFunc { return s.page(s.shoesPage) }},
	{"POST /shoes", func(s *Server) http.HandlerFunc { return s.action(s.addShoe) }},
	{"POST /shoes/{id}/retire", func(s *Server) http.HandlerFunc { return s.action(s.retireShoe) }},
	{"POST /activities/{id}/shoe", func(s *Server) http.HandlerFunc { return s.action(s.setShoe) }},
	{"GET /plan", func(s *Server) http.HandlerFunc { return s.page(s.planPage) }},
	{"POST /plan", func(s *Server) http.HandlerFunc { return s.makePlan }},
	{"GET /import", func(s *Server) http.HandlerFunc { return s.page(s.importPage) }},
	{"POST /import/purge", func(s *Server) http.HandlerFunc { return s.action(s.purgeKept) }},
	{"GET /settings", func(s *Server) http.HandlerFunc { return s.page(s.settings) }},
	{"POST /settings/profile", func(s *Server) http.HandlerFunc { return s.action(s.saveProfile) }},
	{"POST /settings/rules", func(s *Server) http.HandlerFunc { return s.action(s.saveRules) }},
	{"POST /settings/map", func(s *Server) http.HandlerFunc { return s.action(s.saveMap) }},
	{"GET /settings/export", func(s *Server) http.HandlerFunc { return s.download }},
	{"POST /settings/feed", func(s *Server) http.HandlerFunc { return s.makeFeed }},
	{"POST /settings/feed/revoke", func(s *Server) http.HandlerFunc { return s.action(s.revokeFeed) }},
}

func (s *Server) routes() {
	static, _ := fs.Sub(staticFS, "static") // the embedded folder exists: Sub cannot fail
	s.mux.Handle("GET /static/", cacheable(http.StripPrefix("/static/", http.FileServerFS(static))))
	s.mux.Handle("GET /static/chart/", cacheable(http.StripPrefix("/static/chart/", chartAssets())))
	s.mux.Handle("/api/v1/", api.New(s.c))
	s.mux.HandleFunc(api.FeedPattern, s.feed)
	for _, rt := range pageRoutes {
		s.mux.HandleFunc(rt.pattern, rt.handler(s))
	}
	if s.accounts != nil {
		for _, rt := range accountRoutes {
			s.mux.HandleFunc(rt.pattern, rt.handler(s))
		}
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "There is no page here.")
	})
}

// contentPolicy is the Content-Security-Policy of every answer: scripts
// and styles only from /static, so no inline code can run; images from
// the site, and from imgOrigin when not empty (the map tiles' server,
// on the pages that show them).
func contentPolicy(imgOrigin string) string {
	img := "img-src 'self' data:"
	if imgOrigin != "" {
		img += " " + imgOrigin
	}
	return "default-src 'self'; script-src 'self'; style-src 'self'; " + img + "; " +
		"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}

// ServeHTTP serves r with the security headers every answer carries.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentPolicy(""))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	// Browsers say where a request comes from: a form posted from another
	// site is refused in every mode, the single-user one on localhost too.
	if err := s.crossOrigin.Check(r); err != nil {
		s.refuse(w, r, http.StatusForbidden, "This request came from another site and was refused.")
		return
	}
	if s.accounts != nil {
		var ok bool
		if r, ok = s.authenticate(w, r); !ok {
			return
		}
	}
	s.handler.ServeHTTP(w, r)
}

// cacheable lets browsers keep the embedded assets for a day.
func cacheable(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(w, r)
	})
}

// maxFormBytes bounds a form's body: the largest, the profile, is a
// few hundred bytes.
const maxFormBytes = 64 << 10

// view is what a page handler gives its template.
type view struct {
	Page  string // the template, also the navigation entry to mark
	Title string // the h1 and the window title
	Data  any
	// Units are the runner's, set by page; the error pages' are kilometres.
	Units activity.Units
	// Account is the signed-in user, set by render; nil in single-user
	// mode and when nobody signed in.
	Account *accountView
	// ImgOrigin is another origin the page's images come from: the map
	// tile server, when the runner turned tiles on; empty for none.
	ImgOrigin string
	// Zone says which time zone the page's times are in, set by page;
	// empty on pages without a runner.
	Zone string
}

// page adapts a page handler: it finds the athlete, renders the view it
// returns into a buffer, so that a failing template never sends half a
// page, and answers errors with the error page.
func (s *Server) page(h func(*http.Request, *training.Service) (view, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		svc, err := s.service(r)
		if err != nil {
			s.fail(w, r, http.StatusUnauthorized, "Sign in to see this page.")
			return
		}
		v, err := h(r, svc)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		if v.Units, err = units(r.Context(), svc); err != nil {
			s.failErr(w, r, err)
			return
		}
		v.Zone = svc.Resolved().Times()
		if v.ImgOrigin != "" {
			w.Header().Set("Content-Security-Policy", contentPolicy(v.ImgOrigin))
		}
		s.render(w, r, http.StatusOK, v)
	}
}

// action adapts a form handler: on success it redirects to the page the
// handler names (redirect after post), so reloading never posts twice.
func (s *Server) action(h func(*http.Request, *training.Service) (string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		svc, err := s.service(r)
		if err != nil {
			s.fail(w, r, http.StatusUnauthorized, "Sign in to change anything.")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		to, err := h(r, svc)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
	}
}

// service is the training service of the athlete r acts for.
func (s *Server) service(r *http.Request) (*training.Service, error) {
	id, err := s.c.Athlete(r)
	if err != nil {
		return nil, err
	}
	svc := &training.Service{Store: s.c.Store, Athlete: id, Now: s.c.Now, Cache: s.c.Cache, Location: s.c.Location}
	if _, err := svc.Zone(r.Context()); err != nil { // svc.Local() from here on
		return nil, err
	}
	return svc, nil
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, v view) {
	v.Account = s.account(r)
	var buf bytes.Buffer
	if v.Units != activity.Miles {
		v.Units = activity.Kilometres
	}
	if err := s.pages[v.Units][v.Page].ExecuteTemplate(&buf, "layout.html", v); err != nil {
		slog.ErrorContext(r.Context(), "render page", "page", v.Page, "path", r.URL.Path, "err", err)
		http.Error(w, "The page could not be drawn; the server log says why.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// badInput is a mistake in what the runner typed or asked for: it is
// shown to them as it is, with 400 Bad Request.
func badInput(format string, args ...any) error { return httperr.BadRequest(format, args...) }

// failErr answers err with the page of the status httperr.Of maps it to:
// the runner's own mistakes in its words, a store miss and a fault on the
// server in the pages' (a fault logged with its cause), and nothing to a
// browser that went away.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	e := httperr.Of(err)
	switch e.Status {
	case httperr.StatusClientClosed:
	case http.StatusNotFound:
		s.fail(w, r, e.Status, cmp.Or(e.Message, "There is no such activity."))
	case http.StatusInternalServerError:
		slog.ErrorContext(r.Context(), "page", "path", r.URL.Path, "err", err)
		s.fail(w, r, e.Status, "Something went wrong on the server; its log says what.")
	default:
		s.fail(w, r, e.Status, e.Message)
	}
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, view{Page: "error", Title: http.StatusText(status), Data: msg})
}

// Timeouts of the HTTP server: a slow or stalled client cannot hold a
// connection for ever, yet a large upload over a slow link completes.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 10 * time.Minute
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 10 * time.Second
)

// ListenAndServe serves h on addr until ctx is done, then shuts down
// gracefully, letting requests in flight finish for a few seconds.
// ready, when not nil, is called with the address listened on once
// connections are accepted (useful with port 0).
func ListenAndServe(ctx context.Context, addr string, h http.Handler, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	if ready != nil {
		ready(ln.Addr())
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// units are the distance units the runner svc serves chose.
func units(ctx context.Context, svc *training.Service) (activity.Units, error) {
	a, err := svc.Store.Athlete(ctx, svc.Athlete)
	return a.Units, err
}

// now is the clock in the time zone of the runner svc serves.
func (s *Server) now(svc *training.Service) time.Time { return s.c.Now().In(svc.Local()) }
