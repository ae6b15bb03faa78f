package main

import (
	"os"
	"syscall"
	"time"
)

// cpuTime is the user and system time this process has taken so far.
func cpuTime() time.Duration {
	var creation, exit, kernel, user syscall.Filetime
	p, err := syscall.GetCurrentProcess()
	if err != nil || syscall.GetProcessTimes(p, &creation, &exit, &kernel, &user) != nil {
		return 0
	}
	// A Filetime counts intervals of 100 ns.
	ticks := func(f syscall.Filetime) int64 { return int64(f.HighDateTime)<<32 | int64(f.LowDateTime) }
	return time.Duration((ticks(kernel) + ticks(user)) * 100)
}

// peakRSSMB is 0: Windows does not report a process's peak resident set
// to its parent, so the benchmark's peak RSS column reads 0 there.
func peakRSSMB(*os.ProcessState) float64 { return 0 }
