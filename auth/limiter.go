package auth

import (
	"sync"
	"time"
)

// Limiter counts failed sign-ins per key (a user name, a client address)
// and refuses a key that failed too often within a window, so that
// passwords cannot be guessed at speed. It lives in one process: with
// several app servers, each counts its own.
type Limiter struct {
	// Failures is how many failed attempts a key may make per Window.
	Failures int
	Window   time.Duration

	mu   sync.Mutex
	keys map[string]*attempts
}

type attempts struct {
	failed int
	since  time.Time // start of the window
}

// maxKeys bounds the limiter's memory: past it, expired windows are
// dropped on the next failure.
const maxKeys = 100_000

// NewLimiter returns a Limiter allowing failures per window.
func NewLimiter(failures int, window time.Duration) *Limiter {
	return &Limiter{Failures: failures, Window: window, keys: map[string]*attempts{}}
}

// Wait reports how long keys must wait before trying again: zero when
// none of them has used up its failures.
func (l *Limiter) Wait(now time.Time, keys ...string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	for _, k := range keys {
		a := l.keys[k]
		if a == nil || now.Sub(a.since) >= l.Window || a.failed < l.Failures {
			continue
		}
		wait = max(wait, a.since.Add(l.Window).Sub(now))
	}
	return wait
}

// Failed is how many failures key has in its current window.
func (l *Limiter) Failed(now time.Time, key string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if a := l.keys[key]; a != nil && now.Sub(a.since) < l.Window {
		return a.failed
	}
	return 0
}

// Fail counts a failed attempt against each key.
func (l *Limiter) Fail(now time.Time, keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.keys) >= maxKeys {
		for k, a := range l.keys {
			if now.Sub(a.since) >= l.Window {
				delete(l.keys, k)
			}
		}
	}
	for _, k := range keys {
		a := l.keys[k]
		if a == nil || now.Sub(a.since) >= l.Window {
			a = &attempts{since: now}
			l.keys[k] = a
		}
		a.failed++
	}
}

// Succeed forgets the failures of keys: a runner who mistyped once and
// then signed in starts afresh.
func (l *Limiter) Succeed(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		delete(l.keys, k)
	}
}
