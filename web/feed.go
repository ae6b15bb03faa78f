package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/api"
	"github.com/easyrun/easyrun/web/httperr"
)

// feedMaxAge is how long a calendar app may keep a fetched feed before
// asking again. Apps poll far less often (Google every few hours,
// Apple's and Thunderbird's every 15 minutes or more), so it matters
// mostly for an app that fetches twice in one sync: five minutes spares
// the second answer yet shows a plan changed by a run on the next sync.
// Asking after it costs a 304 when nothing changed (ETag).
const feedMaxAge = 5 * time.Minute

// feed serves an athlete's plan to a calendar app, which cannot sign in:
// the token in the path is the credential. A token that is no current
// feed's gets 404, never 401 or 403, so the answer does not say whether
// it ever existed; each such answer counts against the client, as a
// failed sign-in does. The path is never logged: it is the secret.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	ctx, now, client := r.Context(), s.c.Now(), "client:"+clientAddr(r, s.proxies)
	if wait := s.feedMisses.Wait(now, client); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		http.Error(w, "Too many requests for calendars that do not exist: try again later.", http.StatusTooManyRequests)
		return
	}
	athlete, err := training.FeedAthlete(ctx, s.c.Store, r.PathValue("token"))
	if errors.Is(err, training.ErrNoFeed) {
		s.feedMisses.Fail(now, client)
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "There is no calendar here: its address was revoked or replaced.", http.StatusNotFound)
		return
	}
	var body bytes.Buffer
	if err == nil {
		err = s.planFeed(r, athlete, &body)
	}
	if err != nil {
		if httperr.Of(err).Status != httperr.StatusClientClosed {
			slog.ErrorContext(ctx, "calendar feed", "athlete", athlete, "err", err)
		}
		http.Error(w, "The calendar could not be made; the server log says why.", http.StatusInternalServerError)
		return
	}
	// The body's hash is a strong validator: the feed is stamped by the
	// day, so the same plan gives the same bytes all day. No
	// Last-Modified: the adapted plan changes with runs, the profile and
	// the date, and has no time of its own to send.
	sum := sha256.Sum256(body.Bytes())
	h := w.Header()
	h.Set("ETag", `"`+base64.RawURLEncoding.EncodeToString(sum[:18])+`"`)
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Cache-Control", "private, max-age="+strconv.Itoa(int(feedMaxAge.Seconds())))
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body.Bytes()))
}

// planFeed writes athlete's plan feed to b, in the athlete's time zone.
func (s *Server) planFeed(r *http.Request, athlete store.AthleteID, b *bytes.Buffer) error {
	svc := &training.Service{Store: s.c.Store, Athlete: athlete, Now: s.c.Now, Cache: s.c.Cache, Location: s.c.Location}
	if _, err := svc.Zone(r.Context()); err != nil {
		return err
	}
	return svc.PlanFeed(r.Context(), b)
}

// baseURL is the address the client reached the server at: the request's
// Host over http or https (secure), or, from a trusted proxy, the
// X-Forwarded-Host it names.
func (s *Server) baseURL(r *http.Request) string {
	host := r.Host
	if fwd := r.Header.Get("X-Forwarded-Host"); fwd != "" && fromTrustedProxy(r, s.proxies) {
		host, _, _ = strings.Cut(fwd, ",") // the first proxy's, the client's own
		host = strings.TrimSpace(host)
	}
	return scheme(r) + "://" + host
}

// fromTrustedProxy reports whether r's connection comes from one of the
// trusted proxies.
func fromTrustedProxy(r *http.Request, trusted []netip.Prefix) bool {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	return err == nil && isTrusted(ap.Addr(), trusted)
}

// self is api.Config.Self in server mode: the signed-in user, who alone
// may make or revoke their calendar feed.
func self(r *http.Request) (store.AthleteID, error) {
	id := identityOf(r)
	if id == nil {
		return 0, errors.New("not signed in")
	}
	return id.user.ID, nil
}

// feedData is the settings page's calendar part.
type feedData struct {
	// Feed is the athlete's feed; nil when they have none.
	Feed *store.Feed
	// Own says the page shows the signed-in user's own training: only
	// they may make or revoke their feed.
	Own bool
	// Revoked says the feed was just revoked.
	Revoked bool
}

// feedSettings is the settings page's calendar part for svc's athlete.
func (s *Server) feedSettings(r *http.Request, svc *training.Service) (feedData, error) {
	d := feedData{Own: api.OwnFeed(s.c.Self, svc, r) == nil, Revoked: r.URL.Query().Get("feed") == "revoked"}
	f, err := svc.Store.Feed(r.Context(), svc.Athlete)
	if errors.Is(err, store.ErrNotFound) {
		return d, nil
	}
	d.Feed = &f
	return d, err
}

// newFeedData is the page that shows a feed just made.
type newFeedData struct {
	api.FeedLinks
	// Subscribe is the webcal address as a link: html/template lets only
	// http, https and mailto through unmarked, and this one is ours.
	Subscribe template.URL
}

// makeFeed makes the athlete's calendar feed, or a new one in place of
// theirs, and shows its address, once: only its token's hash is kept,
// so the page is not stored by the browser either.
func (s *Server) makeFeed(w http.ResponseWriter, r *http.Request) {
	svc, err := s.service(r)
	if err != nil {
		s.fail(w, r, http.StatusUnauthorized, "Sign in to change anything.")
		return
	}
	if err := api.OwnFeed(s.c.Self, svc, r); err != nil {
		s.failErr(w, r, err)
		return
	}
	token, _, err := svc.NewFeed(r.Context())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	links := api.NewFeedLinks(s.c.BaseURL(r), token)
	s.render(w, r, http.StatusOK, view{Page: "feed", Title: "Your plan in your calendar",
		Data: newFeedData{FeedLinks: links, Subscribe: template.URL(links.Webcal)}})
}

// revokeFeed revokes the athlete's calendar feed.
func (s *Server) revokeFeed(r *http.Request, svc *training.Service) (string, error) {
	if err := api.OwnFeed(s.c.Self, svc, r); err != nil {
		return "", err
	}
	if err := svc.Store.DeleteFeed(r.Context(), svc.Athlete); err != nil {
		return "", err
	}
	return "/settings?feed=revoked#calendar", nil
}
