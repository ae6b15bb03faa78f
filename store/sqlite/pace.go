package sqlite

import (
	"context"
	"sync"
	"time"
)

// pacer queues a process's write transactions and leaves the file's write
// lock free between them for as long as the last one held it.
//
// SQLite has one writer per file and no queue for the lock: a writer that
// finds it taken sleeps and polls again (the busy timeout), at intervals
// growing to 100 ms. A process that writes back to back — an import
// storing file after file — so holds the lock nearly always, and another
// process's writer can poll in vain for seconds: a server's RPE edit
// waited 6.8 s at the 99th percentile beside an import (go run ./bench
// stall). Leaving a gap as long as each hold caps a writer's share of the
// lock at a half, so that a poller finds it free at every other try;
// queueing on a mutex in the process, rather than polling, serves its own
// writers in turn.
type pacer struct {
	mu   sync.Mutex
	next time.Time // when the next write may begin
}

// do runs the write fn in its turn.
func (p *pacer) do(ctx context.Context, fn func() error) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if wait := time.Until(p.next); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	start := time.Now()
	err := fn()
	end := time.Now()
	p.next = end.Add(end.Sub(start))
	return err
}
