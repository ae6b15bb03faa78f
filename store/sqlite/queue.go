package sqlite

import (
	"context"
	"sync"
)

// writeQueue serialises a process's writes to the file.
//
// SQLite has one writer per file and no queue for its lock: a writer that
// finds it taken sleeps and polls again (the busy timeout), at intervals
// growing to 100 ms, so that of a server's many requests writing at once
// some waited long past their turn. Queued on a mutex in the process,
// they take their turns as they come, and only writers of other processes
// poll.
//
// Leaving the lock free between writes for as long as each held it would
// let those find it at every other try too: beside an import of ten years
// of files, a server's RPE edit took 25–38 ms at the 99th percentile
// rather than 49–77 ms (go run ./bench stall, idle 2-core machine). But
// the gaps cost an import alone a third of its speed (5.8 s → 9 s for 2,688
// files), and no process can tell whether another is waiting: timing its
// own wait for the lock took a loaded machine's scheduling for another
// writer. Short transactions (training saves its bulk writes 64 rows at a
// time) keep the other process's wait within the target without them.
type writeQueue struct{ mu sync.Mutex }

// do runs the write fn in its turn; a writer whose context ends while it
// waits gives up without writing.
func (q *writeQueue) do(ctx context.Context, fn func() error) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	return fn()
}
