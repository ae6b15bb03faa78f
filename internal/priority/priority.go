// Package priority runs CPU-heavy background work, such as an import's
// decoders, at a lower operating-system priority than the work people
// wait for, such as the pages of a server beside it.
//
// The priority is lowered per thread, not per process: a whole process
// at a low priority starves while it holds the SQLite file's one write
// lock, and the server's writes then wait behind it. Only the goroutines
// that call Lower run at the lower priority; the one that writes keeps
// its own.
package priority

// MaxNice is the highest niceness, the lowest priority, as nice(1) has it.
const MaxNice = 19

// Lower lowers the CPU priority of the calling goroutine by n steps of
// niceness (at most to MaxNice), as 'nice -n' does a command, for the
// rest of the goroutine's life. It locks the goroutine to its thread and
// never unlocks it, so that the thread ends with the goroutine (the main
// thread, which cannot end before the process, is parked for good) and
// no other goroutine runs at the lowered priority; the runtime starts
// new threads from a thread of its own, never from a locked one, so none
// inherits it. Call it at the start of a goroutine that does only
// background work. n ≤ 0 does nothing.
//
// On Linux, where a thread has a niceness of its own, it lowers it; on
// other systems it does nothing. The error says why the priority could
// not be lowered; the work may go on at the priority it had.
func Lower(n int) error {
	if n <= 0 {
		return nil
	}
	return lower(n)
}

// Thread is the niceness of the thread running the calling goroutine: 0
// is the default, MaxNice the lowest priority. It is 0 where Lower does
// nothing.
func Thread() (int, error) { return thread() }
