//go:build !unix

package api

import (
	"os"
	"time"
)

// holdFolder does nothing where advisory locks are not to be had.
func holdFolder(string) (func(), error) { return func() {}, nil }

// abandoned reports whether dir is older than any import may run, with
// its upload: without locks, age is the only sign.
func abandoned(dir string) bool {
	info, err := os.Stat(dir)
	return err == nil && time.Since(info.ModTime()) > 24*time.Hour
}
