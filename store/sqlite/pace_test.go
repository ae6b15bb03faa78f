package sqlite

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestPacerLeavesTheLockFree checks the gap after each write: the next
// begins no sooner than the last one's length after it ended, and a
// writer whose context ends while it waits gives up without writing.
func TestPacerLeavesTheLockFree(t *testing.T) {
	var p pacer
	ctx := context.Background()
	const hold = 30 * time.Millisecond
	var ended time.Time
	if err := p.do(ctx, func() error { time.Sleep(hold); ended = time.Now(); return nil }); err != nil {
		t.Fatal(err)
	}
	var began time.Time
	if err := p.do(ctx, func() error { began = time.Now(); return nil }); err != nil {
		t.Fatal(err)
	}
	if gap := began.Sub(ended); gap < hold {
		t.Errorf("the next write began %v after a write of %v ended; want at least %v", gap, hold, hold)
	}

	if err := p.do(ctx, func() error { time.Sleep(hold); return nil }); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	ran := false
	if err := p.do(cancelled, func() error { ran = true; return nil }); !errors.Is(err, context.Canceled) || ran {
		t.Errorf("a cancelled writer waiting its turn: %v, ran %t; want context.Canceled, not run", err, ran)
	}
}
