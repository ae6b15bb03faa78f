package web

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/auth"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/web/api"
	"github.com/easyrun/easyrun/web/httperr"
)

// accountRoutes are server mode's pages: signing in and out, and the
// account's own settings, which always act for the signed-in user, even
// when a coach is looking at an athlete.
var accountRoutes = []route{
	{"GET /login", func(s *Server) http.HandlerFunc { return s.loginPage }},
	{"POST /login", func(s *Server) http.HandlerFunc { return s.login }},
	{"POST /logout", func(s *Server) http.HandlerFunc { return s.accountAction(s.logout) }},
	{"POST /logout/everywhere", func(s *Server) http.HandlerFunc { return s.accountAction(s.logoutEverywhere) }},
	{"POST /settings/password", func(s *Server) http.HandlerFunc { return s.accountAction(s.changePassword) }},
	{"POST /settings/tokens", func(s *Server) http.HandlerFunc { return s.makeToken }},
	{"POST /settings/tokens/{id}/revoke", func(s *Server) http.HandlerFunc { return s.accountAction(s.revokeToken) }},
	{"POST /settings/coaches", func(s *Server) http.HandlerFunc { return s.accountAction(s.grantCoach) }},
	{"POST /settings/coaches/{id}/revoke", func(s *Server) http.HandlerFunc { return s.accountAction(s.revokeCoach) }},
	{"POST /athletes/view", func(s *Server) http.HandlerFunc { return s.accountAction(s.viewAthlete) }},
	{"GET /admin/users", func(s *Server) http.HandlerFunc { return s.usersPage }},
}

// accountView is what the layout shows of the signed-in user: their
// name, whose training is on screen, and for a coach whom else they may
// look at.
type accountView struct {
	User     store.User
	Athlete  store.User   // whose training the page shows
	Athletes []store.User // for a coach: the athletes who granted access
	CSRF     string
}

// Coaching reports whether the page shows another athlete's training.
func (a *accountView) Coaching() bool { return a.Athlete.ID != a.User.ID }

// account is the layout's view of r's identity; nil in single-user mode.
func (s *Server) account(r *http.Request) *accountView {
	id := identityOf(r)
	if id == nil {
		return nil
	}
	a := &accountView{User: id.user, Athlete: id.athlete, CSRF: csrfToken(r)}
	if id.user.Role == store.RoleCoach {
		var err error
		if a.Athletes, err = s.accounts.Athletes(r.Context(), id.user.ID); err != nil {
			slog.ErrorContext(r.Context(), "list coached athletes", "err", err)
		}
	}
	return a
}

// accountSettings is the settings page's account part.
type accountSettings struct {
	Tokens   []store.Token
	Coaches  []store.User // whom the user granted access
	Athletes []store.User // for a coach: who granted them access
	Message  string       // what the last change did
}

func (s *Server) accountSettings(r *http.Request) (*accountSettings, error) {
	id := identityOf(r)
	if id == nil {
		return nil, nil
	}
	ctx, own := r.Context(), id.user.ID
	var a accountSettings
	var err error
	if a.Tokens, err = s.accounts.Tokens(ctx, own); err != nil {
		return nil, err
	}
	if a.Coaches, err = s.accounts.Coaches(ctx, own); err != nil {
		return nil, err
	}
	if id.user.Role == store.RoleCoach {
		if a.Athletes, err = s.accounts.Athletes(ctx, own); err != nil {
			return nil, err
		}
	}
	a.Message = accountMessages[r.URL.Query().Get("done")]
	return &a, nil
}

// accountMessages say what an account change did, keyed by the done=
// parameter its redirect carries.
var accountMessages = map[string]string{
	"password":  "Password changed. Every other browser was signed out.",
	"revoked":   "Token revoked: scripts using it are refused from now on.",
	"granted":   "Access granted: the coach sees your training from now on.",
	"ungranted": "Access taken away: the coach no longer sees your training.",
}

type loginData struct {
	Name, Next, Error string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, view{Page: "login", Title: "Sign in",
		Data: loginData{Next: localPath(r.URL.Query().Get("next"))}})
}

// login checks a name and password and starts a session. Failures are
// counted per (name, client) pair and per client; past either limit the
// answer is 429 without checking the password, so guessing is slow. An
// account under attack from many clients is slowed down, never locked,
// so that its owner can still sign in.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	name := strings.TrimSpace(r.PostFormValue("name"))
	d := loginData{Name: name, Next: localPath(r.PostFormValue("next"))}
	client := clientAddr(r, s.proxies)
	now, pair, account := s.c.Now(), "pair:"+name+"\x00"+client, "name:"+name
	if wait := max(s.logins.Wait(now, pair), s.clients.Wait(now, "client:"+client)); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		d.Error = fmt.Sprintf("Too many failed sign-ins: try again in %d min.", int(wait.Minutes())+1)
		s.render(w, r, http.StatusTooManyRequests, view{Page: "login", Title: "Sign in", Data: d})
		return
	}
	user, hash, err := s.accounts.UserByName(r.Context(), name)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.failErr(w, r, err)
		return
	}
	password := r.PostFormValue("password")
	if len(password) > auth.MaxPasswordLen {
		password = password[:auth.MaxPasswordLen+1] // still wrong, but argon2 is not fed megabytes
	}
	if err != nil {
		hash = s.dummyHash
	}
	ok, verr := auth.VerifyPassword(hash, password)
	if verr != nil {
		slog.ErrorContext(r.Context(), "stored password hash unreadable", "user", name, "err", verr)
	}
	if s.accountFailures.Failed(now, account) >= loginFailures {
		time.Sleep(s.accountDelay)
	}
	if err != nil || !ok {
		s.logins.Fail(now, pair)
		s.clients.Fail(now, "client:"+client)
		s.accountFailures.Fail(now, account)
		d.Error = "That name and password do not match."
		s.render(w, r, http.StatusUnauthorized, view{Page: "login", Title: "Sign in", Data: d})
		return
	}
	s.logins.Succeed(pair)
	if err := s.accounts.DeleteExpiredSessions(r.Context(), now); err != nil {
		slog.ErrorContext(r.Context(), "delete expired sessions", "err", err)
	}
	if err := s.startSession(w, r, user); err != nil {
		s.failErr(w, r, err)
		return
	}
	http.Redirect(w, r, cmp.Or(d.Next, "/"), http.StatusSeeOther)
}

// localPath returns p when it is a path on this site, so that a sign-in
// link cannot send the runner elsewhere; empty otherwise.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n") {
		return ""
	}
	return p
}

// accountAction adapts a form handler of the signed-in user's account:
// it redirects where the handler says (redirect after post).
func (s *Server) accountAction(h func(http.ResponseWriter, *http.Request, *identity) (string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := identityOf(r)
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		to, err := h(w, r, id)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
	}
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, id *identity) (string, error) {
	if id.session != nil {
		if err := s.accounts.DeleteSession(r.Context(), id.user.ID, id.session.Hash); err != nil {
			return "", err
		}
	}
	endSession(w, r)
	return "/login", nil
}

func (s *Server) logoutEverywhere(w http.ResponseWriter, r *http.Request, id *identity) (string, error) {
	if err := s.accounts.DeleteSessions(r.Context(), id.user.ID); err != nil {
		return "", err
	}
	endSession(w, r)
	return "/login", nil
}

// changePassword sets a new password after checking the current one.
// The store ends every session with it; this browser gets a new one.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, id *identity) (string, error) {
	ctx := r.Context()
	_, hash, err := s.accounts.UserByName(ctx, id.user.Name)
	if err != nil {
		return "", err
	}
	if ok, err := auth.VerifyPassword(hash, r.PostFormValue("current")); err != nil || !ok {
		return "", badInput("Your current password is not that: nothing changed.")
	}
	pw := r.PostFormValue("new")
	if err := auth.CheckPassword(pw); err != nil {
		return "", badInput("New %v; nothing changed.", err)
	}
	if pw != r.PostFormValue("confirm") {
		return "", badInput("The new password and its confirmation differ: nothing changed.")
	}
	if err := s.accounts.SetPassword(ctx, id.user.ID, auth.HashPassword(pw)); err != nil {
		return "", err
	}
	return "/settings?done=password#account", s.startSession(w, r, id.user)
}

type tokenData struct {
	Name, Token, Example string
}

// maxTokenDays is the longest expiry a token can be given; longer is
// what leaving it empty (never) is for.
const maxTokenDays = 3650

// makeToken makes an API token and shows it, once: only its hash is
// kept, so the page is not stored by the browser either.
func (s *Server) makeToken(w http.ResponseWriter, r *http.Request) {
	id := identityOf(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	name := strings.TrimSpace(r.PostFormValue("name"))
	if name == "" || len(name) > 100 {
		s.fail(w, r, http.StatusBadRequest, "Name the token (up to 100 characters) so you can tell it apart later.")
		return
	}
	t := store.Token{Athlete: id.user.ID, Name: name, Created: s.c.Now()}
	if days := strings.TrimSpace(r.PostFormValue("expires_days")); days != "" {
		n, err := strconv.Atoi(days)
		if err != nil || n < 1 || n > maxTokenDays {
			s.fail(w, r, http.StatusBadRequest, fmt.Sprintf("A token expires after 1 to %d days, or never when left empty.", maxTokenDays))
			return
		}
		t.Expires = t.Created.AddDate(0, 0, n)
	}
	secret := auth.NewSecret()
	t.Hash = auth.HashSecret(secret)
	if _, err := s.accounts.SaveToken(r.Context(), t); err != nil {
		s.failErr(w, r, err)
		return
	}
	token := credential(tokenPrefix, id.user.ID, "_", secret)
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, view{Page: "token", Title: "New API token", Data: tokenData{
		Name: name, Token: token,
		Example: fmt.Sprintf("curl -H 'Authorization: Bearer %s' %s://%s%stoday", token, scheme(r), r.Host, api.Prefix),
	}})
}

func scheme(r *http.Request) string {
	if secure(r) {
		return "https"
	}
	return "http"
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request, id *identity) (string, error) {
	n, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return "", store.ErrNotFound
	}
	if err := s.accounts.DeleteToken(r.Context(), id.user.ID, n); err != nil {
		return "", err
	}
	return "/settings?done=revoked#account", nil
}

// grantCoach lets a coach, named by their user name, see the user's
// training.
func (s *Server) grantCoach(w http.ResponseWriter, r *http.Request, id *identity) (string, error) {
	ctx := r.Context()
	name := strings.TrimSpace(r.PostFormValue("coach"))
	coach, _, err := s.accounts.UserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) || (err == nil && coach.Role != store.RoleCoach) {
		return "", badInput("There is no coach called %q: ask your coach for the name they sign in with.", name)
	}
	if err != nil {
		return "", err
	}
	if err := s.accounts.Grant(ctx, id.user.ID, coach.ID); err != nil {
		return "", err
	}
	return "/settings?done=granted#account", nil
}

func (s *Server) revokeCoach(w http.ResponseWriter, r *http.Request, id *identity) (string, error) {
	n, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return "", store.ErrNotFound
	}
	if err := s.accounts.Revoke(r.Context(), id.user.ID, store.AthleteID(n)); err != nil {
		return "", err
	}
	return "/settings?done=ungranted#account", nil
}

// viewAthlete switches a coach's session to an athlete who granted them
// access, or back to their own training.
func (s *Server) viewAthlete(w http.ResponseWriter, r *http.Request, id *identity) (string, error) {
	if id.session == nil {
		return "", badInput("Only a signed-in browser can switch athletes; scripts add ?athlete=ID.")
	}
	n, err := strconv.ParseInt(r.PostFormValue("athlete"), 10, 64)
	if err != nil {
		return "", badInput("Choose an athlete.")
	}
	want := store.AthleteID(n)
	if want == id.user.ID {
		want = 0
	} else if ok, err := s.mayCoach(r.Context(), id.user, want); err != nil {
		return "", err
	} else if !ok {
		return "", httperr.ErrNoAccess
	}
	if err := s.accounts.SetViewing(r.Context(), id.user.ID, id.session.Hash, want); err != nil {
		return "", err
	}
	return "/", nil
}

// userRow is one user on the administrator's page.
type userRow struct {
	store.User
	Coaches []store.User
}

// usersPage lists the accounts for an administrator: who exists, with
// which role, and who coaches whom. Users are added and removed with
// 'easyrun user' on the server; no page shows anyone's training.
func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	id := identityOf(r)
	if id.user.Role != store.RoleAdmin {
		s.refuse(w, r, http.StatusForbidden, "Only an administrator sees the list of users.")
		return
	}
	ctx := r.Context()
	users, err := s.accounts.Users(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	rows := make([]userRow, len(users))
	for i, u := range users {
		rows[i].User = u
		if rows[i].Coaches, err = s.accounts.Coaches(ctx, u.ID); err != nil {
			s.failErr(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, view{Page: "users", Title: "Users", Data: rows})
}
