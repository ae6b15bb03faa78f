package priority

import (
	"fmt"
	"runtime"
	"syscall"
)

func lower(n int) error {
	// Never unlocked: a goroutine that ends locked takes its thread with
	// it, so the lowered thread is not handed to other goroutines.
	runtime.LockOSThread()
	nice, err := thread()
	if err != nil {
		return err
	}
	// With PRIO_PROCESS, Linux takes a thread ID for one thread alone.
	if err := syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), min(nice+n, MaxNice)); err != nil {
		return fmt.Errorf("lower the priority of thread %d: %w", syscall.Gettid(), err)
	}
	return nil
}

func thread() (int, error) {
	// The system call answers 20 - niceness, to keep clear of negative
	// values, which mean errors.
	p, err := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
	if err != nil {
		return 0, fmt.Errorf("priority of thread %d: %w", syscall.Gettid(), err)
	}
	return 20 - p, nil
}
