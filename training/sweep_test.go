package training

import (
	"testing"
	"time"

	"github.com/easyrun/easyrun/store"
)

// TestCacheSweep checks that a Cache drops the values no view takes any
// more (made AdviceTTL ago or more) once an AdviceTTL, and keeps the
// others, so that it holds the athletes using a server alone.
func TestCacheSweep(t *testing.T) {
	var c Cache
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	keep := func(a store.AthleteID) {
		t.Helper()
		if _, err := Keep(&c, "weeks", a, time.UTC, now, func() (int, error) { return int(a), nil }); err != nil {
			t.Fatal(err)
		}
	}
	kept := func() map[store.AthleteID]kept { return c.values["weeks"] }
	for a := store.AthleteID(1); a <= 3; a++ {
		keep(a)
	}
	now = now.Add(AdviceTTL / 2)
	keep(4)
	if n := len(kept()); n != 4 {
		t.Errorf("within a TTL: %d values kept, want all 4", n)
	}
	now = now.Add(AdviceTTL/2 + time.Second)
	keep(5)
	if got := kept(); len(got) != 2 || got[4].value != 4 || got[5].value != 5 {
		t.Errorf("a TTL after the first three: kept %v, want athletes 4 and 5's alone", got)
	}
}
