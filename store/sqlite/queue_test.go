package sqlite

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// TestWriteQueue checks that a process's writes take turns, never two at
// once, and that a writer whose context ended gives up without writing.
func TestWriteQueue(t *testing.T) {
	var (
		q       writeQueue
		mu      sync.Mutex
		running int
		wg      sync.WaitGroup
	)
	for range 8 {
		wg.Go(func() {
			err := q.do(context.Background(), func() error {
				mu.Lock()
				running++
				n := running
				mu.Unlock()
				if n > 1 {
					t.Errorf("%d writes at once", n)
				}
				mu.Lock()
				running--
				mu.Unlock()
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	if err := q.do(cancelled, func() error { ran = true; return nil }); !errors.Is(err, context.Canceled) || ran {
		t.Errorf("a cancelled writer waiting its turn: %v, ran %t; want context.Canceled, not run", err, ran)
	}
}
