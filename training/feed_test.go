package training_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/interop"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// TestFeedToken: a new token names its athlete, a rotated or revoked one
// nobody, and no malformed or forged token names anyone.
func TestFeedToken(t *testing.T) {
	t.Parallel()
	s := newService(t, time.Date(2026, 5, 6, 20, 0, 0, 0, time.UTC))
	ctx := context.Background()
	first, _, err := s.NewFeed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	num, secret, _ := strings.Cut(first, ".")
	if raw, err := base64.RawURLEncoding.DecodeString(secret); num != "1" || err != nil || len(raw)*8 < 128 {
		t.Errorf("token %q: athlete %q, secret of %d bits (%v); want athlete 1 and at least 128 bits", first, num, len(raw)*8, err)
	}
	if id, err := training.FeedAthlete(ctx, s.Store, first); err != nil || id != store.DefaultAthlete {
		t.Errorf("FeedAthlete(new token) = %d, %v; want athlete 1", id, err)
	}
	if f, err := s.Store.Feed(ctx, s.Athlete); err != nil || strings.Contains(f.Hash, secret) {
		t.Errorf("stored feed = %+v, %v; want it kept by the secret's hash alone", f, err)
	}

	rotated, _, err := s.NewFeed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rotated == first {
		t.Fatal("rotating gave the same token")
	}
	bad := []string{first, "", "1", "1.", ".abc", "x." + secret, "-1." + secret, "0." + secret, "2." + secret,
		"1." + secret + "x", strings.Replace(rotated, "1.", "2.", 1)}
	for _, tok := range bad {
		if id, err := training.FeedAthlete(ctx, s.Store, tok); !errors.Is(err, training.ErrNoFeed) {
			t.Errorf("FeedAthlete(%q) = %d, %v; want ErrNoFeed", tok, id, err)
		}
	}
	if id, err := training.FeedAthlete(ctx, s.Store, rotated); err != nil || id != store.DefaultAthlete {
		t.Errorf("FeedAthlete(rotated token) = %d, %v; want athlete 1", id, err)
	}
	if err := s.Store.DeleteFeed(ctx, s.Athlete); err != nil {
		t.Fatal(err)
	}
	if id, err := training.FeedAthlete(ctx, s.Store, rotated); !errors.Is(err, training.ErrNoFeed) {
		t.Errorf("FeedAthlete(revoked token) = %d, %v; want ErrNoFeed", id, err)
	}
}

// feedCalendar is what ical.js reads of a feed.
type feedCalendar struct {
	Name    string `json:"name"`
	Refresh string `json:"refresh"`
	TTL     string `json:"ttl"`
	Events  []struct {
		UID      string `json:"uid"`
		Summary  string `json:"summary"`
		Sequence int    `json:"sequence"`
		Status   string `json:"status"`
	} `json:"events"`
}

// readFeeds has ical.js, Thunderbird's parser, read feeds.
func readFeeds(t *testing.T, feeds ...[]byte) []feedCalendar {
	t.Helper()
	var files []string
	for i, b := range feeds {
		f := filepath.Join(t.TempDir(), "feed"+string(rune('a'+i))+".ics")
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	var got []feedCalendar
	interop.Run(t, "ics.mjs", &got, files...)
	if len(got) != len(feeds) {
		t.Fatalf("ical.js read %d calendars, want %d", len(got), len(feeds))
	}
	return got
}

func planFeed(t *testing.T, s *training.Service) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.PlanFeed(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPlanFeed: without a plan the feed is a valid calendar without
// events; with one, read twice the same day it is the same bytes, and
// after a hard run the plan did not have, tomorrow's session comes under
// its UID with a higher SEQUENCE, so a subscribed calendar updates it.
func TestPlanFeed(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 5, 6, 20, 0, 0, 0, time.UTC) // Wednesday evening
	s := newService(t, now)
	s.Location = time.FixedZone("CET", 3600)
	setMaxHR(t, s, 190)
	ctx := context.Background()
	empty := planFeed(t, s)

	makePlan(t, s)
	before := planFeed(t, s)
	if again := planFeed(t, s); !bytes.Equal(again, before) {
		t.Error("the same plan the same day gave a different feed: subscribers would download it anew every time")
	}
	for _, at := range []time.Time{now.AddDate(0, 0, -1).Add(-2 * time.Hour), now.Add(-2 * time.Hour)} { // Tuesday's intervals, and Wednesday's too
		if _, err := s.Log(ctx, &activity.Activity{Sport: activity.Running, Start: at,
			Elapsed: time.Hour, Moving: time.Hour, DistanceM: 12000, RPE: 8}); err != nil {
			t.Fatal(err)
		}
	}
	after := planFeed(t, s)

	got := readFeeds(t, empty, before, after)
	for i, c := range got {
		if c.Refresh != "PT1H" || c.TTL != "PT1H" || c.Name != "easyrun plan" {
			t.Errorf("feed %d: name %q, refresh %q, TTL %q; want easyrun plan, PT1H, PT1H", i, c.Name, c.Refresh, c.TTL)
		}
	}
	if n := len(got[0].Events); n != 0 {
		t.Errorf("feed without a plan: %d events, want none", n)
	}
	was := map[string]int{}
	for _, e := range got[1].Events {
		was[e.UID] = e.Sequence
	}
	thursday := "2026-05-07-any.athlete-1@easyrun"
	if _, ok := was[thursday]; !ok {
		t.Fatalf("no event %s in the plan's feed; UIDs %v", thursday, was)
	}
	raised := false
	for _, e := range got[2].Events {
		if e.UID == thursday && e.Sequence > was[thursday] {
			raised = true
		}
	}
	if !raised {
		t.Errorf("Thursday's hard session after Wednesday's hard run: no event %s with a SEQUENCE above %d", thursday, was[thursday])
	}
}
