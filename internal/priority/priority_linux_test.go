package priority_test

import (
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/priority"
)

// lowered is what a goroutine that called Lower saw of its own thread.
type lowered struct {
	tid, nice int
	err       error
}

// lowerIn calls Lower(n) in a goroutine of its own and reports the
// niceness of its thread then; the goroutine ends after.
func lowerIn(n int) lowered {
	got := make(chan lowered)
	go func() {
		err := priority.Lower(n)
		l := lowered{tid: syscall.Gettid(), err: err}
		if err == nil {
			l.nice, l.err = priority.Thread()
		}
		got <- l
	}()
	return <-got
}

func TestLowerLowersOnlyItsThread(t *testing.T) {
	base, err := priority.Thread()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ n, want int }{
		{5, min(base+5, priority.MaxNice)},
		{priority.MaxNice + 10, priority.MaxNice},
	} {
		l := lowerIn(tt.n)
		if l.err != nil {
			t.Fatalf("Lower(%d): %v", tt.n, l.err)
		}
		if l.nice != tt.want {
			t.Errorf("Lower(%d): the goroutine's thread has niceness %d, want %d", tt.n, l.nice, tt.want)
		}
		// The thread ends with the goroutine, so nothing else runs at
		// its priority; the runtime parks the main thread for good
		// instead, as a process cannot end it.
		if l.tid == os.Getpid() {
			continue
		}
		task := "/proc/self/task/" + strconv.Itoa(l.tid)
		deadline := time.Now().Add(5 * time.Second)
		for _, err := os.Stat(task); err == nil; _, err = os.Stat(task) {
			if time.Now().After(deadline) {
				t.Fatalf("Lower(%d): thread %d still runs after its goroutine ended", tt.n, l.tid)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	// Other goroutines, this one included, keep the priority they had.
	for range 20 {
		if nice, err := priority.Thread(); err != nil || nice != base {
			t.Fatalf("another goroutine's thread has niceness %d (%v), want %d as before", nice, err, base)
		}
		go func() {}()
	}
}

func TestLowerByNothing(t *testing.T) {
	base, err := priority.Thread()
	if err != nil {
		t.Fatal(err)
	}
	if l := lowerIn(0); l.err != nil || l.nice != base {
		t.Errorf("Lower(0): niceness %d (%v), want %d as before", l.nice, l.err, base)
	}
}
