package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// FeedPattern is the route of the calendar feeds, which package web
// serves outside the API: a calendar app has no way to sign in, so the
// token in the path is the credential.
const FeedPattern = "GET /feed/{token}/plan.ics"

// FeedLinks are the addresses of a calendar feed: the web address, and
// the same as webcal://, which phones and desktop calendars open as a
// subscription.
type FeedLinks struct {
	URL    string `json:"url"`
	Webcal string `json:"webcal_url"`
}

// NewFeedLinks are the addresses of the feed of token on the server
// reached at base ("https://run.example.org").
func NewFeedLinks(base, token string) FeedLinks {
	u := strings.TrimSuffix(base, "/") + strings.Replace(FeedPattern[len("GET "):], "{token}", token, 1)
	_, rest, _ := strings.Cut(u, "://")
	return FeedLinks{URL: u, Webcal: "webcal://" + rest}
}

// FeedStatus says whether the athlete has a calendar feed, and since
// when; its address was shown once, when it was made.
type FeedStatus struct {
	Active  bool       `json:"active"`
	Created *time.Time `json:"created,omitempty"`
}

// NewFeed is a feed just made: its addresses, shown this once.
type NewFeed struct {
	FeedLinks
	Created time.Time `json:"created"`
}

// Own reports whether svc acts for the signed-in user's own athlete,
// always so without accounts (self nil): a coach acting for them may not
// make what outlives their access (a calendar feed) nor undo what guards
// the athlete's privacy (map settings).
func Own(self func(*http.Request) (store.AthleteID, error), svc *training.Service, r *http.Request) bool {
	if self == nil {
		return true
	}
	id, err := self(r)
	return err == nil && id == svc.Athlete
}

// OwnFeed is httperr.ErrNotOwnFeed unless svc acts for the signed-in
// user's own athlete (Own), the only one who may make or revoke its
// calendar feed.
func OwnFeed(self func(*http.Request) (store.AthleteID, error), svc *training.Service, r *http.Request) error {
	if !Own(self, svc, r) {
		return httperr.ErrNotOwnFeed
	}
	return nil
}

// feedStatus answers whether the athlete has a calendar feed.
func (s *server) feedStatus(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	f, err := svc.Store.Feed(r.Context(), svc.Athlete)
	if errors.Is(err, store.ErrNotFound) {
		writeJSON(w, http.StatusOK, FeedStatus{})
		return nil
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, FeedStatus{Active: true, Created: &f.Created})
	return nil
}

// newFeed makes the athlete's calendar feed, revoking the one before,
// and answers its addresses, this once: only the token's hash is kept.
func (s *server) newFeed(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	if err := OwnFeed(s.Self, svc, r); err != nil {
		return err
	}
	token, f, err := svc.NewFeed(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, NewFeed{FeedLinks: NewFeedLinks(s.BaseURL(r), token), Created: f.Created})
	return nil
}

// revokeFeed revokes the athlete's calendar feed: its address answers 404
// from now on.
func (s *server) revokeFeed(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	if err := OwnFeed(s.Self, svc, r); err != nil {
		return err
	}
	if err := svc.Store.DeleteFeed(r.Context(), svc.Athlete); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
