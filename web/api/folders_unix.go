//go:build unix

package api

import (
	"os"
	"syscall"
)

// holdFolder takes an advisory lock on dir that lasts until release is
// called or the process ends, however it ends: a folder whose lock can be
// taken belongs to no running import.
func holdFolder(dir string) (release func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

// abandoned reports whether no running import holds dir.
func abandoned(dir string) bool {
	release, err := holdFolder(dir)
	if err != nil {
		return false
	}
	release()
	return true
}
