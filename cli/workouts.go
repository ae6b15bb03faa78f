package cli

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/easyrun/easyrun/training"
)

// workoutsManifest is easyrun's own file in a folder of exported
// workouts: it lists the files easyrun wrote there, so that the next
// export removes those the plan no longer holds, and never another file.
const workoutsManifest = ".easyrun-workouts.json"

// workoutsFormat and workoutsVersion identify the manifest's format.
const (
	workoutsFormat  = "easyrun-workouts"
	workoutsVersion = 1
)

// writtenFiles is the content of the manifest.
type writtenFiles struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// Files are the files easyrun wrote, by name, in name order.
	Files []writtenFile `json:"files"`
}

// writtenFile is a file easyrun wrote, and the SHA-256 of what it wrote:
// a file the runner has changed since is theirs, and stays.
type writtenFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// synced is what syncWorkouts did to a folder.
type synced struct {
	Written int
	// Removed are the files of an earlier export the plan no longer
	// holds; Kept those of them the runner changed since, left as they are.
	Removed, Kept []string
}

// syncWorkouts writes ws into dir, creating it if need be, each file
// atomically, and removes the files an earlier export wrote there that ws
// no longer holds, as the folder's manifest lists them: no other file,
// none the runner changed since, and a listed file already gone is fine.
// A manifest easyrun cannot read is an error naming it, and so is a file
// in the way, under a name easyrun is to write, that is not as easyrun
// wrote it: nothing is written then. A folder without a manifest is
// taken to hold an older easyrun's export, whose files it writes over.
func syncWorkouts(dir string, ws []training.Workout) (synced, error) {
	var done synced
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return done, err
	}
	before, listed, err := readWorkoutsManifest(dir)
	if err != nil {
		return done, err
	}
	// What each file of before may hold: an export cut short lists a
	// name with what it held and what was to replace it.
	sums := map[string][]string{}
	for _, f := range before {
		sums[f.Name] = append(sums[f.Name], f.SHA256)
	}
	// Without a manifest, files under easyrun's names are an earlier
	// easyrun's export; with one, easyrun writes over its own files only.
	if listed {
		for _, w := range ws {
			if ours, err := written(filepath.Join(dir, w.Name), sums[w.Name]); err != nil || !ours {
				return done, cmp.Or(err, fmt.Errorf("%s: not as easyrun wrote it: it is yours, or you changed it; "+
					"move it away to export the plan's workout of that day", filepath.Join(dir, w.Name)))
			}
		}
	}
	var now []writtenFile
	for _, w := range ws {
		sum := sha256.Sum256(w.Data)
		now = append(now, writtenFile{Name: w.Name, SHA256: hex.EncodeToString(sum[:])})
	}
	// Listed before they are written, the old files with the new: an
	// export cut short leaves no file of easyrun's that it does not know.
	if err := writeWorkoutsManifest(dir, append(slices.Clone(before), now...)); err != nil {
		return done, err
	}
	for _, w := range ws {
		err := writeFileAtomic(filepath.Join(dir, w.Name), 0o644, func(f io.Writer) error {
			_, err := f.Write(w.Data)
			return err
		})
		if err != nil {
			return done, err
		}
		done.Written++
	}
	for _, f := range now {
		delete(sums, f.Name)
	}
	for _, name := range slices.Sorted(maps.Keys(sums)) {
		path := filepath.Join(dir, name)
		ours, err := written(path, sums[name])
		if err == nil && ours {
			err = os.Remove(path)
		}
		switch {
		case errors.Is(err, fs.ErrNotExist): // gone already: fine
		case err != nil:
			return done, err
		case ours:
			done.Removed = append(done.Removed, name)
		default:
			done.Kept = append(done.Kept, name)
		}
	}
	return done, writeWorkoutsManifest(dir, now)
}

// written reports whether the file at path is as easyrun wrote it, its
// SHA-256 one of sums, or gone: a file changed since, or replaced by a
// folder or a link, is not.
func written(path string, sums []string) (bool, error) {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil || !info.Mode().IsRegular() {
		return false, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	sum := sha256.Sum256(b)
	return slices.Contains(sums, hex.EncodeToString(sum[:])), nil
}

// readWorkoutsManifest is the list of files the folder's manifest holds,
// and whether there is one.
func readWorkoutsManifest(dir string) ([]writtenFile, bool, error) {
	path := filepath.Join(dir, workoutsManifest)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: %s; it lists the workout files easyrun wrote here, to remove those the plan drops: "+
			"delete it to start again (earlier files then stay)", path, fmt.Sprintf(format, args...))
	}
	var m writtenFiles
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, false, bad("not easyrun's list of workout files: %v", err)
	}
	if m.Format != workoutsFormat || m.Version < 1 || m.Version > workoutsVersion {
		return nil, false, bad("format %q version %d, want %q version 1 to %d", m.Format, m.Version, workoutsFormat, workoutsVersion)
	}
	for i, f := range m.Files {
		// Only a name easyrun gives a workout file: never a path out
		// of the folder, nor the manifest itself.
		if f.Name != filepath.Base(f.Name) || strings.ContainsAny(f.Name, `/\`) || !strings.HasSuffix(f.Name, ".fit") ||
			strings.HasPrefix(f.Name, ".") {
			return nil, false, bad("files[%d]: %q is not the name of a workout file easyrun writes", i, f.Name)
		}
	}
	return m.Files, true, nil
}

// writeWorkoutsManifest writes the folder's manifest listing files,
// once each, in order.
func writeWorkoutsManifest(dir string, files []writtenFile) error {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b writtenFile) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.SHA256, b.SHA256))
	})
	files = slices.Compact(files)
	b, err := json.MarshalIndent(writtenFiles{Format: workoutsFormat, Version: workoutsVersion, Files: files}, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, workoutsManifest), 0o644, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}
