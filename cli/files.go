package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// writeFileAtomic writes path with write, with permissions perm: into a
// temporary file beside it, synced and renamed over it when complete, so
// that a failure never leaves half a file, nor loses the one there was.
// The temporaries of earlier writes of path that were killed before they
// could remove their own are removed first.
func writeFileAtomic(path string, perm fs.FileMode, write func(io.Writer) error) error {
	sweepTemporaries(path)
	tmp, err := os.CreateTemp(filepath.Dir(path), tempPrefix(path)+"*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	err = write(tmp)
	if err == nil {
		err = tmp.Chmod(perm)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// tempPrefix starts the names of path's temporaries: hidden, beside it,
// so that the rename is atomic.
func tempPrefix(path string) string { return "." + filepath.Base(path) + "." }

// sweepTemporaries removes the temporaries that writes of path left when
// killed (SIGKILL, a power cut): ".NAME.<digits>.tmp". A write of the same
// path running at this moment loses its temporary and fails at its
// rename, naming the path; the file it would have replaced is intact.
func sweepTemporaries(path string) {
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return // the write itself reports the folder
	}
	prefix := tempPrefix(path)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		if digits, ok := strings.CutSuffix(rest, ".tmp"); ok && digits != "" && strings.Trim(digits, "0123456789") == "" {
			os.Remove(filepath.Join(filepath.Dir(path), e.Name())) // best effort: litter, not data
		}
	}
}
