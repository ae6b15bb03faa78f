package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/easyrun/easyrun/store"
)

// testFeed checks that an athlete has at most one calendar feed, that
// saving another replaces it, that revoking leaves none, and that one
// athlete's feed is never another's.
func testFeed(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	me := store.DefaultAthlete
	if f, err := s.Feed(ctx, me); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Feed before saving = %+v, %v; want ErrNotFound", f, err)
	}
	first := store.Feed{Athlete: me, Hash: "first", Created: start}
	if err := s.SaveFeed(ctx, first); err != nil {
		t.Fatalf("SaveFeed: %v", err)
	}
	if f, err := s.Feed(ctx, me); err != nil || f != first {
		t.Errorf("Feed = %+v, %v; want %+v", f, err, first)
	}
	if f, err := s.Feed(ctx, other); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Feed(other) = %+v, %v; want ErrNotFound: the feed is the first athlete's", f, err)
	}

	// Rotating replaces the hash: the first address stops working.
	rotated := store.Feed{Athlete: me, Hash: "rotated", Created: start.Add(time.Hour)}
	if err := s.SaveFeed(ctx, rotated); err != nil {
		t.Fatalf("SaveFeed again: %v", err)
	}
	if f, err := s.Feed(ctx, me); err != nil || f != rotated {
		t.Errorf("Feed after rotating = %+v, %v; want %+v", f, err, rotated)
	}
	theirs := store.Feed{Athlete: other, Hash: "theirs", Created: start}
	if err := s.SaveFeed(ctx, theirs); err != nil {
		t.Fatalf("SaveFeed(other): %v", err)
	}

	if err := s.DeleteFeed(ctx, me); err != nil {
		t.Fatalf("DeleteFeed: %v", err)
	}
	if f, err := s.Feed(ctx, me); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Feed after DeleteFeed = %+v, %v; want ErrNotFound", f, err)
	}
	if err := s.DeleteFeed(ctx, me); err != nil {
		t.Errorf("DeleteFeed of no feed: %v, want nil", err)
	}
	if f, err := s.Feed(ctx, other); err != nil || f != theirs {
		t.Errorf("Feed(other) after revoking the first athlete's = %+v, %v; want %+v kept", f, err, theirs)
	}
	missing := store.Feed{Athlete: other + 1000, Hash: "nobody's", Created: start}
	if err := s.SaveFeed(ctx, missing); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SaveFeed of a missing athlete: err = %v, want ErrNotFound", err)
	}
}
