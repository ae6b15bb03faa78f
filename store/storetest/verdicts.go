package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/store"
)

func testVerdicts(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	mine := saveDays(t, s, store.DefaultAthlete, activity.Running, activity.Running)
	theirs := saveDays(t, s, other, activity.Running)
	at := start.In(time.FixedZone("", 3600)).Truncate(time.Second)
	hard := &recovery.HardRef{ActivityID: mine[0], Date: "2026-03-02", End: at, Gap: 20 * time.Hour}
	v := func(id int64, kind recovery.Kind, title string) recovery.Verdict {
		return recovery.Verdict{ActivityID: id, At: at, Kind: kind, Title: title,
			Reasons: []string{"2 min above your cap of 133 bpm"}, AfterHard: hard, FollowUp: true}
	}
	first := []recovery.Verdict{v(mine[1], recovery.TooHard, "too hard"), v(mine[0], recovery.Stacked, "stacked"), v(mine[0], recovery.Rested, "rest")}
	if err := s.SaveVerdicts(ctx, store.DefaultAthlete, first); err != nil {
		t.Fatalf("SaveVerdicts: %v", err)
	}
	if got := get(t, s, store.DefaultAthlete, mine[0]).Verdicts; !reflect.DeepEqual(got, first[1:]) {
		t.Errorf("Activity(%d).Verdicts = %+v, want both of its verdicts in order %+v", mine[0], got, first[1:])
	}
	if got, err := s.Verdicts(ctx, store.DefaultAthlete); err != nil || !reflect.DeepEqual(got, first) {
		t.Errorf("Verdicts = %+v (%v), want every verdict in the order saved %+v", got, err, first)
	}
	// Saving replaces every verdict of the athlete.
	second := []recovery.Verdict{v(mine[1], recovery.TrueRecovery, "a true recovery run")}
	if err := s.SaveVerdicts(ctx, store.DefaultAthlete, second); err != nil {
		t.Fatalf("SaveVerdicts again: %v", err)
	}
	if got := get(t, s, store.DefaultAthlete, mine[0]).Verdicts; got != nil {
		t.Errorf("Activity(%d).Verdicts = %+v after a new audit without it, want none", mine[0], got)
	}
	if got := get(t, s, store.DefaultAthlete, mine[1]).Verdicts; !reflect.DeepEqual(got, second) {
		t.Errorf("Activity(%d).Verdicts = %+v, want %+v", mine[1], got, second)
	}
	// A verdict on another athlete's activity saves nothing, for anyone.
	if err := s.SaveVerdicts(ctx, other, []recovery.Verdict{v(theirs[0], recovery.Rested, "rest"), v(mine[1], recovery.TooHard, "x")}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SaveVerdicts with another athlete's activity = %v, want ErrNotFound", err)
	}
	if got := get(t, s, other, theirs[0]).Verdicts; got != nil {
		t.Errorf("a failed SaveVerdicts saved %+v", got)
	}
	if got := get(t, s, store.DefaultAthlete, mine[1]).Verdicts; !reflect.DeepEqual(got, second) {
		t.Errorf("another athlete's failed SaveVerdicts changed mine: %+v", got)
	}
	if got, err := s.Verdicts(ctx, other); err != nil || got != nil {
		t.Errorf("Verdicts of the other athlete = %+v (%v), want none", got, err)
	}
}
