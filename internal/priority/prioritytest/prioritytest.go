// Package prioritytest checks at which priority code under test runs its
// work (priority.Lower).
package prioritytest

import (
	"sync"
	"testing"

	"github.com/easyrun/easyrun/internal/priority"
)

// Threads collects the niceness of the threads that call Record. It is
// safe for concurrent use; its zero value is ready.
type Threads struct {
	mu   sync.Mutex
	nice []int
	errs []error
}

// Record adds the niceness of the thread running the caller.
func (th *Threads) Record() {
	nice, err := priority.Thread()
	th.mu.Lock()
	defer th.mu.Unlock()
	if err != nil {
		th.errs = append(th.errs, err)
		return
	}
	th.nice = append(th.nice, nice)
}

// Check fails t unless Record was called, each time on a thread of
// niceness want; what names the calls in the message.
func (th *Threads) Check(t testing.TB, what string, want int) {
	t.Helper()
	th.mu.Lock()
	defer th.mu.Unlock()
	for _, err := range th.errs {
		t.Errorf("%s: %v", what, err)
	}
	if len(th.nice)+len(th.errs) == 0 {
		t.Errorf("%s: never ran", what)
	}
	for _, nice := range th.nice {
		if nice != want {
			t.Errorf("%s: ran at niceness %d, want %d", what, nice, want)
		}
	}
}

// Calls is how many times Record was called.
func (th *Threads) Calls() int {
	th.mu.Lock()
	defer th.mu.Unlock()
	return len(th.nice) + len(th.errs)
}
