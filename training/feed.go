package training

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/auth"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
)

// FeedRefresh is how often a calendar app subscribed to the plan is asked
// to fetch it again: the plan adapts when a run comes in, a few times a
// day at most, so an hourly look shows a change the same morning without
// polling for nothing.
const FeedRefresh = time.Hour

// ErrNoFeed is returned for a feed token that names no current feed:
// malformed, never made, rotated or revoked.
var ErrNoFeed = errors.New("no such calendar feed")

// NewFeed makes the athlete's calendar feed anew, revoking the one they
// had, and returns it with its token: the athlete and a secret of 256
// random bits ("1.Zm9v…"), to be shown once, since the store keeps only
// the secret's hash. The athlete leads so that a lookup reads one
// athlete's row, as for API tokens.
func (s *Service) NewFeed(ctx context.Context) (string, store.Feed, error) {
	secret := auth.NewSecret()
	f := store.Feed{Athlete: s.Athlete, Hash: auth.HashSecret(secret), Created: s.now().UTC().Truncate(time.Second)}
	if err := s.Store.SaveFeed(ctx, f); err != nil {
		return "", store.Feed{}, err
	}
	return strconv.FormatInt(int64(s.Athlete), 10) + "." + secret, f, nil
}

// FeedAthlete returns the athlete whose current feed token is; ErrNoFeed
// when it is no current feed's. The secret's hash is compared in
// constant time, so the answer's timing tells nothing of it.
func FeedAthlete(ctx context.Context, st store.Store, token string) (store.AthleteID, error) {
	num, secret, _ := strings.Cut(token, ".")
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || secret == "" {
		return 0, ErrNoFeed
	}
	f, err := st.Feed(ctx, store.AthleteID(n))
	if errors.Is(err, store.ErrNotFound) {
		return 0, ErrNoFeed
	}
	if err != nil {
		return 0, err
	}
	if !auth.SameSecret(f.Hash, auth.HashSecret(secret)) {
		return 0, ErrNoFeed
	}
	return f.Athlete, nil
}

// PlanFeed writes the athlete's current plan, adapted to what they ran
// (AdaptedPlan), as their calendar feed serves it: the events of
// Calendar, with their UIDs and revisions, in the runner's time zone,
// and FeedRefresh as the hint to fetch again. It is stamped with the
// start of the runner's day rather than the moment, so that the bytes
// change only when the plan does or the day turns (which may adapt it),
// and a subscriber revalidating its copy gets "not modified". With no
// plan it is a calendar without events, so that a subscription made
// before the plan stays valid.
func (s *Service) PlanFeed(ctx context.Context, w io.Writer) error {
	loc := s.Local()
	p, _, err := s.AdaptedPlan(ctx, loc)
	if errors.Is(err, ErrNoPlan) {
		p, err = &plan.Plan{}, nil
	}
	if err != nil {
		return fmt.Errorf("plan feed: %w", err)
	}
	now := s.now().In(loc)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	c := calendar(s.Athlete, p, loc, day)
	c.Refresh = FeedRefresh
	return writeCalendar(w, c)
}
