package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/auth"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/web/api"
	"github.com/easyrun/easyrun/web/httperr"
)

// Server mode's sign-in: a browser carries a session cookie, a script an
// API token; both name their athlete first, so that a lookup is one row
// of one athlete's (see store.Session).
const (
	sessionCookie   = "easyrun_session"
	sessionLifetime = 30 * 24 * time.Hour
	tokenPrefix     = "er_"
	csrfField       = "csrf"         // the hidden field of every form
	csrfHeader      = "X-CSRF-Token" // what scripts send instead
)

// Failed sign-ins allowed in each window per (user name, client) pair
// and per client: a runner who mistypes gets ten tries; a guesser gets
// ten per quarter hour at one account, fifty across accounts. An account
// is never locked, or a guesser could lock its owner out: past ten
// failures from anywhere, each attempt at it waits accountDelay first.
const (
	loginFailures  = 10
	clientFailures = 50
	loginWindow    = 15 * time.Minute
	accountDelay   = time.Second
)

// identity is who a request comes from in server mode, and whose data
// it acts on.
type identity struct {
	user    store.User
	session *store.Session // nil when an API token signed the request
	athlete store.User     // whose data: the user, or an athlete who granted them access
}

type identityKey struct{}

// identityOf returns the identity of a signed-in request; nil in
// single-user mode and on public pages.
func identityOf(r *http.Request) *identity {
	id, _ := r.Context().Value(identityKey{}).(*identity)
	return id
}

// csrfToken is the token r's forms carry; empty without a session.
func csrfToken(r *http.Request) string {
	if id := identityOf(r); id != nil && id.session != nil {
		return id.session.CSRF
	}
	return ""
}

// actingAthlete is api.Config.Athlete in server mode: the identity
// checked by authenticate.
func actingAthlete(r *http.Request) (store.AthleteID, error) {
	id := identityOf(r)
	if id == nil {
		return 0, errors.New("not signed in")
	}
	return id.athlete.ID, nil
}

// isPublic reports whether a request needs no sign-in: the sign-in page
// itself, the assets it uses, the API's description, and the calendar
// feeds, whose token is their credential.
func isPublic(r *http.Request) bool {
	p := r.URL.Path
	return p == "/login" || strings.HasPrefix(p, "/static/") || p == api.DocPath || strings.HasPrefix(p, "/feed/")
}

// authenticate finds who r comes from and whom it acts for, refusing it
// when nobody signed in, when a form's CSRF token is wrong, or when the
// athlete asked for did not grant access. It returns r with the identity
// in its context, or false when it answered r itself.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (*http.Request, bool) {
	if isPublic(r) {
		return r, true
	}
	ctx := r.Context()
	id, err := s.identify(r)
	if err != nil {
		if !errors.Is(err, errSignedOut) {
			slog.InfoContext(ctx, "sign-in refused", "path", r.URL.Path, "err", err)
		}
		s.refuse(w, r, http.StatusUnauthorized, "Sign in to see this.")
		return nil, false
	}
	if id.session != nil && !safeMethod(r.Method) && !s.validCSRF(w, r, id.session) {
		s.refuse(w, r, http.StatusForbidden, "This form has expired or did not come from easyrun: reload the page and try again.")
		return nil, false
	}
	athlete, err := s.athleteFor(ctx, r, id)
	if err != nil {
		if errors.Is(err, httperr.ErrNoAccess) {
			s.refuse(w, r, httperr.ErrNoAccess.Status, httperr.ErrNoAccess.Message)
		} else {
			s.failErr(w, r, err)
		}
		return nil, false
	}
	id.athlete = athlete
	return r.WithContext(context.WithValue(ctx, identityKey{}, id)), true
}

var errSignedOut = errors.New("no session cookie or token")

// identify finds the user of an API token or a session cookie.
func (s *Server) identify(r *http.Request) (*identity, error) {
	athlete, sess, err := s.credentials(r)
	if err != nil {
		return nil, err
	}
	u, err := s.accounts.User(r.Context(), athlete)
	if err != nil {
		return nil, fmt.Errorf("user of the credentials: %w", err)
	}
	return &identity{user: u, session: sess}, nil
}

// credentials checks r's API token or session cookie and returns the
// athlete it belongs to, with the session when it is a cookie.
func (s *Server) credentials(r *http.Request) (store.AthleteID, *store.Session, error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		athlete, secret, ok := parseCredential(strings.TrimPrefix(h, "Bearer "), tokenPrefix, "_")
		if !ok || !strings.HasPrefix(h, "Bearer ") {
			return 0, nil, errors.New("malformed Authorization header")
		}
		t, err := s.accounts.TokenByHash(ctx, athlete, auth.HashSecret(secret))
		if err != nil {
			return 0, nil, fmt.Errorf("token: %w", err)
		}
		if t.Expired(s.c.Now()) {
			return 0, nil, fmt.Errorf("token %d of user %d expired at %s", t.ID, athlete, t.Expires.Format(time.RFC3339))
		}
		return athlete, nil, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return 0, nil, errSignedOut
	}
	athlete, secret, ok := parseCredential(c.Value, "", ".")
	if !ok {
		return 0, nil, errors.New("malformed session cookie")
	}
	sess, err := s.accounts.Session(ctx, athlete, auth.HashSecret(secret))
	if err != nil {
		return 0, nil, fmt.Errorf("session: %w", err)
	}
	if !s.c.Now().Before(sess.Expires) {
		return 0, nil, errors.New("session expired")
	}
	return athlete, &sess, nil
}

// parseCredential splits prefix + athlete + sep + secret.
func parseCredential(v, prefix, sep string) (store.AthleteID, string, bool) {
	rest, ok := strings.CutPrefix(v, prefix)
	if !ok {
		return 0, "", false
	}
	num, secret, ok := strings.Cut(rest, sep)
	n, err := strconv.ParseInt(num, 10, 64)
	if !ok || err != nil || n <= 0 || secret == "" {
		return 0, "", false
	}
	return store.AthleteID(n), secret, true
}

// credential joins what parseCredential splits.
func credential(prefix string, athlete store.AthleteID, sep, secret string) string {
	return prefix + strconv.FormatInt(int64(athlete), 10) + sep + secret
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// validCSRF checks the token of a form or a script's request against the
// session's. Forms post it as a field; uploads, whose bodies are not
// read here, send it as a header.
func (s *Server) validCSRF(w http.ResponseWriter, r *http.Request, sess *store.Session) bool {
	token := r.Header.Get(csrfHeader)
	if token == "" && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		token = r.PostFormValue(csrfField)
	}
	return token != "" && auth.SameSecret(token, sess.CSRF)
}

// athleteFor is the athlete a request acts for: the one its ?athlete=
// names, else the one a coach's session is viewing, else the user. A
// coach may act only for the athletes who granted them access.
func (s *Server) athleteFor(ctx context.Context, r *http.Request, id *identity) (store.User, error) {
	want, viewing := id.user.ID, false
	if q := r.URL.Query().Get("athlete"); q != "" {
		n, err := strconv.ParseInt(q, 10, 64)
		if err != nil {
			return store.User{}, httperr.ErrNoAccess
		}
		want = store.AthleteID(n)
	} else if id.session != nil && id.session.Viewing != 0 {
		want, viewing = id.session.Viewing, true
	}
	if want == id.user.ID {
		return id.user, nil
	}
	ok, err := s.mayCoach(ctx, id.user, want)
	if err != nil {
		return store.User{}, err
	}
	if !ok && viewing {
		// The athlete took access away while the coach was looking: back
		// to the coach's own training rather than a dead end.
		return id.user, s.accounts.SetViewing(ctx, id.user.ID, id.session.Hash, 0)
	}
	if !ok {
		return store.User{}, httperr.ErrNoAccess
	}
	return s.accounts.User(ctx, want)
}

// mayCoach reports whether user coaches athlete.
func (s *Server) mayCoach(ctx context.Context, user store.User, athlete store.AthleteID) (bool, error) {
	if user.Role != store.RoleCoach {
		return false, nil
	}
	return s.accounts.Granted(ctx, athlete, user.ID)
}

// refuse answers a request that may not go on: in JSON for the API; for
// a page, a signed-out GET goes to the sign-in page and comes back after.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	switch {
	case strings.HasPrefix(r.URL.Path, api.Prefix):
		api.Refuse(w, r, status, msg)
	case status == http.StatusUnauthorized && r.Method == http.MethodGet:
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
	default:
		s.fail(w, r, status, msg)
	}
}

// startSession signs a browser in as user.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, user store.User) error {
	secret, now := auth.NewSecret(), s.c.Now()
	sess := store.Session{Athlete: user.ID, Hash: auth.HashSecret(secret), CSRF: auth.NewSecret(),
		Created: now, Expires: now.Add(sessionLifetime)}
	if err := s.accounts.SaveSession(r.Context(), sess); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: credential("", user.ID, ".", secret), Path: "/",
		Expires: sess.Expires, HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteLaxMode,
	})
	return nil
}

// endSession forgets the browser's cookie.
func endSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteLaxMode})
}

// secure reports whether the browser reached us over TLS, directly or
// through a proxy that says so: then cookies are sent over TLS only.
// A forged header can only make the cookie stricter.
func secure(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}

// clientAddr is the address failed sign-ins are counted against: the
// connection's, or when that is a trusted proxy, the last address in
// X-Forwarded-For that is not one (each proxy appends the address it was
// reached from, and only the trusted ones are believed).
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !isTrusted(addr, trusted) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return host // a garbled header: count the proxy, as without one
		}
		if !isTrusted(hop, trusted) {
			return hop.Unmap().String()
		}
	}
	return host
}

func isTrusted(addr netip.Addr, trusted []netip.Prefix) bool {
	addr = addr.Unmap()
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// ParseProxies reads a list of trusted proxies, addresses or CIDR
// prefixes separated by commas or spaces ("127.0.0.1, 10.0.0.0/8").
func ParseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: want an address or a CIDR prefix such as 10.0.0.0/8", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}
