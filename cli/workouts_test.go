package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/training"
)

// TestSyncWorkouts checks what an export does to a folder as it finds
// it: which files it writes over and removes, and which manifests and
// files in the way it refuses, before writing anything.
func TestSyncWorkouts(t *testing.T) {
	sum := func(s string) string { b := sha256.Sum256([]byte(s)); return hex.EncodeToString(b[:]) }
	manifest := func(files ...string) string { // name, content, name, content...
		s := `{"format": "easyrun-workouts", "version": 1, "files": [`
		for i := 0; i < len(files); i += 2 {
			if i > 0 {
				s += ","
			}
			s += `{"name": "` + files[i] + `", "sha256": "` + sum(files[i+1]) + `"}`
		}
		return s + "]}\n"
	}
	plan := []training.Workout{{Name: "2026-12-08-intervals.fit", Data: []byte("new intervals")}}
	tests := []struct {
		name    string
		folder  map[string]string // before; "" is the manifest's own
		want    map[string]string // after, the manifest aside; nil: as before
		removed []string
		wantErr string
	}{
		{"an empty folder", map[string]string{},
			map[string]string{"2026-12-08-intervals.fit": "new intervals"}, nil, ""},
		{"no manifest: an older easyrun's files are written over", map[string]string{"2026-12-08-intervals.fit": "old", "mine.fit": "mine"},
			map[string]string{"2026-12-08-intervals.fit": "new intervals", "mine.fit": "mine"}, nil, ""},
		{"dropped files go, others stay", map[string]string{"": manifest("2026-12-08-intervals.fit", "old", "2026-12-09-easy.fit", "easy"),
			"2026-12-08-intervals.fit": "old", "2026-12-09-easy.fit": "easy", "mine.fit": "mine", "notes.txt": "notes"},
			map[string]string{"2026-12-08-intervals.fit": "new intervals", "mine.fit": "mine", "notes.txt": "notes"},
			[]string{"2026-12-09-easy.fit"}, ""},
		{"a listed file already deleted", map[string]string{"": manifest("2026-12-09-easy.fit", "easy")},
			map[string]string{"2026-12-08-intervals.fit": "new intervals"}, nil, ""},
		{"a dropped file the runner changed stays", map[string]string{"": manifest("2026-12-09-easy.fit", "easy"), "2026-12-09-easy.fit": "edited"},
			map[string]string{"2026-12-08-intervals.fit": "new intervals", "2026-12-09-easy.fit": "edited"}, nil, ""},
		{"an export cut short", map[string]string{"": manifest("2026-12-09-easy.fit", "easy", "2026-12-09-easy.fit", "easier"),
			"2026-12-09-easy.fit": "easier"},
			map[string]string{"2026-12-08-intervals.fit": "new intervals"}, []string{"2026-12-09-easy.fit"}, ""},
		{"a runner's file in the way", map[string]string{"": manifest(), "2026-12-08-intervals.fit": "mine"},
			nil, nil, "2026-12-08-intervals.fit: not as easyrun wrote it"},
		{"a changed file of easyrun's in the way", map[string]string{"": manifest("2026-12-08-intervals.fit", "old"), "2026-12-08-intervals.fit": "edited"},
			nil, nil, "2026-12-08-intervals.fit: not as easyrun wrote it"},
		{"a damaged manifest", map[string]string{"": `{"format": "easyrun-workouts", "version": 1, "files": [`, "2026-12-09-easy.fit": "easy"},
			nil, nil, workoutsManifest + ": not easyrun's list of workout files"},
		{"a newer manifest", map[string]string{"": `{"format": "easyrun-workouts", "version": 2, "files": []}`},
			nil, nil, `format "easyrun-workouts" version 2, want "easyrun-workouts" version 1 to 1`},
		{"a path out of the folder", map[string]string{"": manifest("../easyrun.db", "db")},
			nil, nil, `files[0]: "../easyrun.db" is not the name of a workout file easyrun writes`},
		{"a hidden file", map[string]string{"": manifest(".easyrun-workouts.fit", "x")},
			nil, nil, `files[0]: ".easyrun-workouts.fit" is not the name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "workouts")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, content := range tt.folder {
				if name == "" {
					name = workoutsManifest
				}
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := folder(t, dir)
			done, err := syncWorkouts(dir, plan)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), dir) {
					t.Fatalf("err = %v, want one naming %s: %s", err, dir, tt.wantErr)
				}
				if after := folder(t, dir); !maps.Equal(after, before) {
					t.Errorf("the folder changed: %v, was %v", after, before)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			after := folder(t, dir)
			var m writtenFiles
			if err := json.Unmarshal([]byte(after[workoutsManifest]), &m); err != nil ||
				!slices.Equal(m.Files, []writtenFile{{"2026-12-08-intervals.fit", sum("new intervals")}}) {
				t.Errorf("manifest %s (%v), want it to list the workout written and no other", after[workoutsManifest], err)
			}
			delete(after, workoutsManifest)
			if !maps.Equal(after, tt.want) || !slices.Equal(done.Removed, tt.removed) || done.Written != len(plan) {
				t.Errorf("folder %v, %+v; want %v, removed %v", after, done, tt.want, tt.removed)
			}
			// A second export of the same plan changes nothing.
			if again, err := syncWorkouts(dir, plan); err != nil || len(again.Removed)+len(again.Kept) > 0 {
				t.Errorf("export again: %+v, %v; want nothing removed or kept", again, err)
			}
		})
	}
}
