package store

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"
)

// ReadAhead calls fn with the record load gives for each of ids, in
// order, from the calling goroutine, one at a time. It loads a few
// records ahead of fn on parallel goroutines, since decoding streams is
// most of the work of reading an activity; its queue bounds how many
// records sit in memory. An id that load no longer finds (ErrNotFound:
// deleted since it was listed) is skipped. It stops at the first other
// error, at fn's first error, or when ctx is done.
//
// Stores implement EachActivity with it: they list the matching ids, then
// read the activities by id, so that neither the history nor a read
// transaction is held while fn runs and fn may save as it goes.
func ReadAhead(ctx context.Context, ids []int64, load func(ctx context.Context, id int64) (*Record, error), fn func(*Record) error) error {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel() // before Wait: stops the loads still under way
	type loaded struct {
		r   *Record
		err error
	}
	workers := runtime.GOMAXPROCS(0)
	// Each pending load is a channel, queued in order; the queue's
	// capacity bounds how many activities sit in memory.
	pending := make(chan chan loaded, 2*workers)
	wg.Go(func() {
		defer close(pending)
		slots := make(chan struct{}, workers)
		for _, id := range ids {
			done := make(chan loaded, 1)
			select {
			case pending <- done:
			case <-ctx.Done():
				return
			}
			slots <- struct{}{} // freed by a finished load, so never blocks for long
			wg.Go(func() {
				defer func() { <-slots }()
				r, err := load(ctx, id)
				done <- loaded{r, err}
			})
		}
	})
	for done := range pending {
		l := <-done
		switch {
		case ctx.Err() != nil: // the caller's: loads fail in their own ways then
			return ctx.Err()
		case errors.Is(l.err, ErrNotFound):
			continue
		case l.err != nil:
			return l.err
		}
		if err := fn(l.r); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// CeilUnix is t in Unix seconds, rounded up. Stores keep starts in whole
// seconds, so a start at or after t is one at or after CeilUnix(t).
func CeilUnix(t time.Time) int64 {
	s := t.Unix()
	if t.Nanosecond() > 0 {
		s++
	}
	return s
}
