// Package backup takes everything out of easyrun and puts it back: Export
// writes a zip of every original file and a manifest of what the runner
// gave that the files do not hold (profile, plan, RPE, names, notes, runs
// logged by hand, morning check-ins); Restore imports such an export through the importer,
// so dedupe and limits apply, and puts the runner's input back.
package backup

import (
	"cmp"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
)

// ManifestName is the manifest's name at the root of an export.
const ManifestName = "easyrun-export.json"

// FormatName and Version identify the manifest's format. Version grows
// when a change would make an older easyrun misread an export: version 2
// adds the sport the runner tagged (Activity.SportTagged), which an older
// easyrun would drop for the file's; version 3 the runner's word that an
// activity was a race (Activity.Race); version 4 the morning check-ins
// (Manifest.Mornings); version 5 the shoes and the shoe of each activity
// (Manifest.Shoes, Activity.Shoe). Every earlier version is read.
const (
	FormatName = "easyrun-export"
	Version    = 5
)

// filesDir is the folder of an export holding the original files.
const filesDir = "files/"

// ErrInvalid is wrapped by every error that says an export is damaged or
// not one easyrun can read.
var ErrInvalid = errors.New("invalid easyrun export")

// Manifest is the content of easyrun-export.json.
type Manifest struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	ExportedAt time.Time `json:"exported_at"`
	// Athlete is the profile as the runner set it (store.Store.Athlete).
	Athlete activity.Athlete `json:"athlete"`
	// Plan is the runner's training plan; nil when they have none.
	Plan *plan.Plan `json:"plan,omitempty"`
	// Mornings are the morning check-ins, the runner's and those read
	// from devices' files, oldest first (since version 4).
	Mornings []activity.Morning `json:"mornings,omitempty"`
	// Shoes are the runner's shoes, by the day they started, with the ids
	// they had in the store exported from (since version 5).
	Shoes []activity.Shoe `json:"shoes,omitempty"`
	// Activities are every stored activity, oldest first.
	Activities []Activity `json:"activities"`
	// Files are the original files under files/, each once.
	Files []File `json:"files"`
}

// Activity is what the export keeps of one activity: what the runner
// gave and which files it was read from. Everything else is read again
// from the files.
type Activity struct {
	Start time.Time      `json:"start"`
	Sport activity.Sport `json:"sport"`
	// SportTagged says the runner set Sport (easyrun tag): it wins over
	// what the files state (since version 2).
	SportTagged bool `json:"sport_tagged,omitempty"`
	// Race says the runner marked the activity as a race (since version
	// 3).
	Race  bool   `json:"race,omitempty"`
	Name  string `json:"name,omitempty"`
	Notes string `json:"notes,omitempty"`
	RPE   int    `json:"rpe,omitempty"`
	// Shoe is the id, among Manifest.Shoes, of the shoe the activity was
	// run in; 0 for none (since version 5).
	Shoe int64 `json:"shoe,omitempty"`
	// Sources are the files the activity was read from, primary first.
	Sources []Source `json:"sources,omitempty"`
	// Manual is a run logged without a file, in full; nil for the others.
	Manual *Manual `json:"manual,omitempty"`
}

// Source is one file an activity was read from.
type Source struct {
	SHA256  string `json:"sha256"`
	Primary bool   `json:"primary"`
	// Session is the activity's index among the sessions of its primary
	// file, as decoded when exported; nil for other sources, or when the
	// file no longer decodes (Restore then matches by start time).
	Session *int `json:"session,omitempty"`
}

// Manual is the summary of a run logged by hand, beside the fields of
// Activity.
type Manual struct {
	SubSport       string  `json:"sub_sport,omitempty"`
	LocalOffsetS   int     `json:"local_offset_s,omitempty"`
	HasLocalOffset bool    `json:"has_local_offset,omitempty"`
	ElapsedS       float64 `json:"elapsed_s"`
	MovingS        float64 `json:"moving_s"`
	DistanceM      float64 `json:"distance_m,omitempty"`
	AvgHeartRate   float64 `json:"avg_heart_rate,omitempty"`
	MaxHeartRate   float64 `json:"max_heart_rate,omitempty"`
	AscentM        float64 `json:"ascent_m,omitempty"`
}

// File is one original file in the export.
type File struct {
	SHA256    string          `json:"sha256"`
	Name      string          `json:"name"` // as first imported
	Format    activity.Format `json:"format"`
	Member    string          `json:"member"` // its path in the export
	SizeBytes int64           `json:"size_bytes"`
}

// manualOf is the Manual of a logged run.
func manualOf(a *activity.Activity) *Manual {
	return &Manual{
		SubSport: a.SubSport, LocalOffsetS: int(a.LocalOffset / time.Second), HasLocalOffset: a.HasLocalOffset,
		ElapsedS: a.Elapsed.Seconds(), MovingS: a.Moving.Seconds(), DistanceM: a.DistanceM,
		AvgHeartRate: a.AvgHeartRate, MaxHeartRate: a.MaxHeartRate, AscentM: a.AscentM,
	}
}

// activity is the logged run a describes, its manual summary m.
func (a *Activity) activity() *activity.Activity {
	m := a.Manual
	return &activity.Activity{
		Sport: a.Sport, SportTagged: a.SportTagged, Race: a.Race, SubSport: m.SubSport, Name: a.Name, Notes: a.Notes, RPE: a.RPE,
		Start: a.Start.UTC(), LocalOffset: time.Duration(m.LocalOffsetS) * time.Second, HasLocalOffset: m.HasLocalOffset,
		Elapsed: seconds(m.ElapsedS), Moving: seconds(m.MovingS), DistanceM: m.DistanceM,
		AvgHeartRate: m.AvgHeartRate, MaxHeartRate: m.MaxHeartRate, AscentM: m.AscentM,
		Source: activity.Manual,
	}
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// memberName is where the file with this hash (or its prefix) and stored
// name goes in an export: the hash keeps it unique, the base of the stored name, made
// safe, keeps it recognisable. Stored names are never trusted as paths.
func memberName(hash, name string, format activity.Format) string {
	// The stored name may be an archive path: "export.zip!activities/1.fit.gz".
	base := name[strings.LastIndexAny(name, `/\!:`)+1:]
	// The original bytes are kept decompressed.
	base = strings.TrimSuffix(base, ".gz")
	base = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, base)
	base = strings.TrimLeft(base, ".")
	if len(base) > 64 {
		base = base[len(base)-64:]
	}
	if ext := "." + string(format); format != "" && !strings.EqualFold(path.Ext(base), ext) {
		base += ext
	}
	return filesDir + hash + "-" + base
}

// check reports the first reason m cannot be restored, wrapping ErrInvalid.
func (m *Manifest) check() error {
	switch {
	case m.Format != FormatName:
		return fmt.Errorf("%w: format %q, want %q", ErrInvalid, m.Format, FormatName)
	case m.Version < 1:
		return fmt.Errorf("%w: version %d", ErrInvalid, m.Version)
	case m.Version > Version:
		return fmt.Errorf("%w: version %d was written by a newer easyrun; this one reads version %d", ErrInvalid, m.Version, Version)
	}
	files := make(map[string]bool, len(m.Files))
	members := make(map[string]bool, len(m.Files))
	for _, f := range m.Files {
		if !validSHA256(f.SHA256) {
			return fmt.Errorf("%w: file %q: bad sha256 %q", ErrInvalid, f.Name, f.SHA256)
		}
		if !strings.HasPrefix(f.Member, filesDir) || !memberPath(f.Member) || members[f.Member] || files[f.SHA256] {
			return fmt.Errorf("%w: file %q: bad or repeated member %q", ErrInvalid, f.Name, f.Member)
		}
		files[f.SHA256], members[f.Member] = true, true
	}
	for _, mo := range m.Mornings {
		if err := mo.Validate(m.ExportedAt); err != nil {
			return fmt.Errorf("%w: morning %s: %v", ErrInvalid, mo.Date, err)
		}
	}
	shoes := make(map[int64]bool, len(m.Shoes))
	for _, sh := range m.Shoes {
		if err := sh.Validate(); err != nil || sh.ID <= 0 || shoes[sh.ID] {
			return fmt.Errorf("%w: shoe %d %q: %v", ErrInvalid, sh.ID, sh.Name, cmp.Or(err, errors.New("no id, or an id taken")))
		}
		shoes[sh.ID] = true
	}
	for i, a := range m.Activities {
		if a.Shoe != 0 && !shoes[a.Shoe] {
			return fmt.Errorf("%w: activity %d (%s): shoe %d is not among the shoes", ErrInvalid, i+1, a.Start.Format(time.RFC3339), a.Shoe)
		}
		if err := a.check(files); err != nil {
			return fmt.Errorf("%w: activity %d (%s): %v", ErrInvalid, i+1, a.Start.Format(time.RFC3339), err)
		}
	}
	return nil
}

// check reports what is wrong with a, whose sources must be in files.
func (a *Activity) check(files map[string]bool) error {
	if a.Start.IsZero() {
		return errors.New("no start time")
	}
	if err := store.CheckRPE(a.RPE); err != nil {
		return err
	}
	if a.SportTagged {
		if err := store.CheckSport(a.Sport); err != nil {
			return fmt.Errorf("tagged %v", err)
		}
	}
	if (a.Manual == nil) == (len(a.Sources) == 0) {
		return errors.New("want either files or a logged run")
	}
	if m := a.Manual; m != nil && (m.ElapsedS < 1 || m.MovingS < 0 || m.ElapsedS > maxManualS || m.MovingS > maxManualS) {
		return fmt.Errorf("logged run lasting %g s", m.ElapsedS)
	}
	for _, s := range a.Sources {
		if !files[s.SHA256] {
			return fmt.Errorf("source %q is not among the files", s.SHA256)
		}
		if s.Session != nil && *s.Session < 0 {
			return fmt.Errorf("source %q: session %d", s.SHA256, *s.Session)
		}
	}
	return nil
}

// maxManualS bounds a logged run's duration: a week, far beyond any run,
// and far within time.Duration.
const maxManualS = 7 * 24 * 3600

func validSHA256(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == 32 && strings.ToLower(s) == s
}

// memberPath reports whether a member name stays inside the export, on
// every system: slash-separated, relative, no "." or ".." element, no
// backslash.
func memberPath(name string) bool {
	return fs.ValidPath(name) && !strings.ContainsRune(name, '\\')
}
