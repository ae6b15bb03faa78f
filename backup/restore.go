package backup

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// maxManifestBytes bounds the manifest read from an export: a few
// hundred bytes an activity, so a century of daily runs fits.
const maxManifestBytes = 256 << 20

// Restored tells what a Restore did.
type Restored struct {
	ExportedAt time.Time `json:"exported_at"`
	// Import is what importing the original files did.
	Import *importer.Summary `json:"import"`
	// Activities counts the export's activities read from files.
	Activities int `json:"activities"`
	// RPEs counts the RPEs written: with a newly stored recording, or
	// set on an activity that was already here.
	RPEs int `json:"rpes_set"`
	// Sports counts the sports the runner tagged, set on an activity that
	// was already here (a newly stored recording carries its tag).
	Sports int `json:"sports_set"`
	// Manual counts the export's runs logged by hand; Logged, those of
	// them logged now (the others were already here).
	Manual int `json:"manual"`
	Logged int `json:"manual_logged"`
	// Profile and Plan tell whether they were put back: false when the
	// store already held the same (or the export has no plan: HasPlan).
	Profile bool `json:"profile_restored"`
	Plan    bool `json:"plan_restored"`
	HasPlan bool `json:"has_plan"`
	// Mornings counts the check-ins put back: a file's morning does not
	// replace the runner's own of its date.
	Mornings int `json:"mornings_restored"`
	// Shoes counts the shoes added, and Worn the activities given back
	// the shoe they were run in.
	Shoes int `json:"shoes_restored"`
	Worn  int `json:"shoes_set"`
	// Refreshed is the analysis of what changed.
	Refreshed training.Refreshed `json:"analysed"`
}

// IsExport reports whether path is an easyrun export: a zip, or a
// folder, with ManifestName at its root.
func IsExport(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	if fi.IsDir() {
		mi, err := os.Stat(filepath.Join(path, ManifestName))
		return err == nil && mi.Mode().IsRegular()
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer zr.Close()
	return slices.ContainsFunc(zr.File, func(f *zip.File) bool { return f.Name == ManifestName })
}

// Restore puts the export at path (a zip written by Export, or the folder
// it was unzipped into) back into svc's store for svc's athlete. It
// imports the original files with im (its Store and Athlete are svc's),
// so that dedupe, limits and per-activity transactions apply, each file
// under the name it was first imported with and each session with the
// runner's name, notes, RPE and tagged sport; then it puts back the
// profile, the plan, the morning check-ins, the RPEs and tagged sports of activities that were
// already here and the runs logged by
// hand (a run with the same start and sport is not logged twice), and
// analyses what changed. Restoring the same export twice changes nothing.
//
// The export is checked before anything is written: a damaged one gives
// an error naming the file and the reason and leaves the store as it was.
// A file that does not import is reported in Restored.Import, as an
// import reports it, and the rest goes on.
func Restore(ctx context.Context, svc *training.Service, im importer.Importer, path string) (*Restored, error) {
	m, walk, err := open(path)
	if err != nil {
		return nil, fmt.Errorf("restore %s: %w", path, err)
	}
	r := &Restored{ExportedAt: m.ExportedAt, Import: &importer.Summary{}, HasPlan: m.Plan != nil}
	st, athlete := svc.Store, svc.Athlete
	x := newIndex(m)
	if len(m.Files) > 0 {
		im.Store, im.Athlete = &restoring{Store: st, x: x, rpes: &r.RPEs}, athlete
		sum, err := im.Import(ctx, walk)
		if sum != nil {
			r.Import = sum
		}
		if err != nil {
			return r, fmt.Errorf("restore %s: %w", path, err)
		}
		// The manifest is no activity file, and no news.
		if n := len(sum.Skipped); walk == path {
			sum.Skipped = slices.DeleteFunc(sum.Skipped, func(p importer.Problem) bool { return p.Path == path+"!"+ManifestName })
			sum.Files -= n - len(sum.Skipped)
		}
	}
	if r.Profile, err = restoreProfile(ctx, st, athlete, m.Athlete); err != nil {
		return r, fmt.Errorf("restore %s: profile: %w", path, err)
	}
	if m.Plan != nil {
		if r.Plan, err = restorePlan(ctx, st, athlete, m); err != nil {
			return r, fmt.Errorf("restore %s: plan: %w", path, err)
		}
	}
	for _, mo := range m.Mornings {
		saved, err := st.SaveMorning(ctx, athlete, mo)
		if err != nil {
			return r, fmt.Errorf("restore %s: morning %s: %w", path, mo.Date, err)
		}
		if saved {
			r.Mornings++
		}
	}
	shoes, err := r.restoreShoes(ctx, st, athlete, m.Version, m.Shoes)
	if err != nil {
		return r, fmt.Errorf("restore %s: %w", path, err)
	}
	inputSet, err := r.restoreActivities(ctx, st, athlete, m, shoes)
	if err != nil {
		return r, fmt.Errorf("restore %s: %w", path, err)
	}
	// A stored RPE or sport does not make an analysis stale by itself.
	if r.Refreshed, err = svc.Refresh(ctx, inputSet); err != nil {
		return r, fmt.Errorf("restore %s: analyse: %w", path, err)
	}
	return r, nil
}

// open reads and checks the manifest of the export at path and every
// file it lists, and returns it with the path the importer should walk.
func open(path string) (*Manifest, string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, "", err
	}
	if !fi.IsDir() {
		zr, err := zip.OpenReader(path)
		if err != nil {
			return nil, "", fmt.Errorf("open zip: %w", err)
		}
		defer zr.Close()
		m, err := readZip(&zr.Reader)
		return m, path, err
	}
	f, err := os.Open(filepath.Join(path, ManifestName))
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	m, err := readManifest(f)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", ManifestName, err)
	}
	for _, mf := range m.Files {
		fi, err := os.Stat(filepath.Join(path, filepath.FromSlash(mf.Member)))
		if err != nil {
			return nil, "", fmt.Errorf("%w: %v", ErrInvalid, err)
		}
		if fi.Size() != mf.SizeBytes {
			return nil, "", fmt.Errorf("%w: %s has %d bytes, the manifest says %d", ErrInvalid, mf.Member, fi.Size(), mf.SizeBytes)
		}
	}
	return m, filepath.Join(path, filepath.FromSlash(filesDir)), nil
}

// readZip reads and checks the manifest of a zipped export and that every
// file it lists is there.
func readZip(zr *zip.Reader) (*Manifest, error) {
	members := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		members[f.Name] = f
	}
	mf := members[ManifestName]
	if mf == nil {
		return nil, fmt.Errorf("%w: no %s in the zip", ErrInvalid, ManifestName)
	}
	rc, err := mf.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestName, err)
	}
	defer rc.Close()
	m, err := readManifest(rc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestName, err)
	}
	for _, f := range m.Files {
		zf := members[f.Member]
		if zf == nil {
			return nil, fmt.Errorf("%w: %s is missing", ErrInvalid, f.Member)
		}
		if zf.UncompressedSize64 != uint64(f.SizeBytes) {
			return nil, fmt.Errorf("%w: %s has %d bytes, the manifest says %d", ErrInvalid, f.Member, zf.UncompressedSize64, f.SizeBytes)
		}
	}
	return m, nil
}

// readManifest reads and checks a manifest.
func readManifest(r io.Reader) (*Manifest, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxManifestBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(b) > maxManifestBytes {
		return nil, fmt.Errorf("%w: larger than %d MiB", ErrInvalid, maxManifestBytes>>20)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	return &m, nil
}

// restoreProfile saves the profile a unless the store holds it already,
// and reports whether it saved.
func restoreProfile(ctx context.Context, st store.Store, athlete store.AthleteID, a activity.Athlete) (bool, error) {
	cur, err := st.Athlete(ctx, athlete)
	if err != nil {
		return false, err
	}
	if same, err := sameJSON(cur, a); same || err != nil {
		return false, err
	}
	return true, st.SaveAthlete(ctx, athlete, a)
}

// restorePlan saves the export's plan unless the store holds it already,
// and reports whether it saved.
func restorePlan(ctx context.Context, st store.Store, athlete store.AthleteID, m *Manifest) (bool, error) {
	cur, err := st.Plan(ctx, athlete)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return false, err
	default:
		if same, err := sameJSON(cur, m.Plan); same || err != nil {
			return false, err
		}
		// What the runner exported of the plan replaced updates or
		// cancels; restored where there was none, the export's own
		// revisions stand.
		plan.Revise(cur, m.Plan)
	}
	return true, st.SavePlan(ctx, athlete, m.Plan)
}

// sameJSON reports whether a and b encode alike: how the store keeps
// profiles and plans, and how the manifest carries them.
func sameJSON(a, b any) (bool, error) {
	ja, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	jb, err := json.Marshal(b)
	return bytes.Equal(ja, jb), err
}

// restoreActivities logs the manual runs not stored yet and sets the RPE
// and tagged sport of the stored activities where they differ from the
// export's. It reports whether it set any.
// restoreShoes adds the export's shoes the athlete lacks (a shoe of the
// same name and first day is the same shoe, so a second restore adds
// none) and returns the id each has here, by its id in the export; nil
// for an export older than version 5, which says nothing of shoes.
func (r *Restored) restoreShoes(ctx context.Context, st store.Store, athlete store.AthleteID, version int, shoes []activity.Shoe) (map[int64]int64, error) {
	if version < 5 {
		return nil, nil
	}
	have, err := st.Shoes(ctx, athlete)
	if err != nil {
		return nil, fmt.Errorf("shoes: %w", err)
	}
	ids := make(map[int64]int64, len(shoes))
	// In the order they were made, so that a store restored into empty
	// numbers them as the one exported from did.
	for _, sh := range slices.SortedFunc(slices.Values(shoes), func(a, b activity.Shoe) int { return cmp.Compare(a.ID, b.ID) }) {
		i := slices.IndexFunc(have, func(h activity.Shoe) bool { return h.Name == sh.Name && h.Started.Equal(sh.Started) })
		if i >= 0 {
			ids[sh.ID] = have[i].ID
			continue
		}
		exported := sh.ID
		sh.ID = 0
		id, err := st.SaveShoe(ctx, athlete, sh)
		if err != nil {
			return nil, fmt.Errorf("shoe %q: %w", sh.Name, err)
		}
		ids[exported] = id
		r.Shoes++
	}
	return ids, nil
}

// wear gives the stored activity id, now in the shoe has, back the shoe
// the export's e was run in (none for 0); shoes maps the export's shoe
// ids to the store's. An export older than version 5 says nothing of
// shoes: nil shoes leaves every activity as it is.
func (r *Restored) wear(ctx context.Context, st store.Store, athlete store.AthleteID, id, has int64, e *Activity, shoes map[int64]int64) error {
	want := shoes[e.Shoe]
	if shoes == nil || want == has {
		return nil
	}
	if err := st.SetShoe(ctx, athlete, id, want); err != nil {
		return fmt.Errorf("shoe of activity %d: %w", id, err)
	}
	r.Worn++
	return nil
}

func (r *Restored) restoreActivities(ctx context.Context, st store.Store, athlete store.AthleteID, m *Manifest, shoes map[int64]int64) (bool, error) {
	recs, err := st.Activities(ctx, athlete, store.Filter{})
	if err != nil {
		return false, err
	}
	slices.Reverse(recs) // oldest first
	startOf := func(r store.Record) time.Time { return r.Activity.Start }
	set := false
	for i := range m.Activities {
		e := &m.Activities[i]
		if e.Manual == nil {
			r.Activities++
			j, ok := nearest(recs, startOf, e.Start)
			if !ok {
				continue // a file that did not import is reported by the import
			}
			stored := &recs[j].Activity
			if stored.RPE != e.RPE {
				if err := st.SetRPE(ctx, athlete, recs[j].ID, e.RPE); err != nil {
					return set, fmt.Errorf("RPE of activity %d: %w", recs[j].ID, err)
				}
				r.RPEs++
				set = true
			}
			if e.Race && !stored.Race {
				d := store.Details{Name: stored.Name, Notes: stored.Notes, Race: true}
				if err := st.SetDetails(ctx, athlete, recs[j].ID, d); err != nil {
					return set, fmt.Errorf("race mark of activity %d: %w", recs[j].ID, err)
				}
				set = true
			}
			if err := r.wear(ctx, st, athlete, recs[j].ID, recs[j].Shoe, e, shoes); err != nil {
				return set, err
			}
			if e.SportTagged && (!stored.SportTagged || stored.Sport != e.Sport) {
				if err := st.SetSport(ctx, athlete, recs[j].ID, e.Sport); err != nil {
					return set, fmt.Errorf("sport of activity %d: %w", recs[j].ID, err)
				}
				r.Sports++
				set = true
			}
			continue
		}
		r.Manual++
		if logged(recs, e) {
			continue
		}
		id, err := st.SaveManual(ctx, athlete, e.activity())
		if err != nil {
			return set, fmt.Errorf("log the run of %s: %w", e.Start.Format(time.RFC3339), err)
		}
		r.Logged++
		// A new run takes the default shoe; the export says which it was.
		saved, err := st.Activity(ctx, athlete, id)
		if err != nil {
			return set, err
		}
		if err := r.wear(ctx, st, athlete, id, saved.Shoe, e, shoes); err != nil {
			return set, err
		}
	}
	return set, nil
}

// logged reports whether the run e logged by hand is among recs, sorted
// by start: one with the same start, to the second, and sport.
func logged(recs []store.Record, e *Activity) bool {
	i := sort.Search(len(recs), func(i int) bool { return !recs[i].Activity.Start.Before(e.Start.Truncate(time.Second)) })
	for ; i < len(recs) && recs[i].Activity.Start.Unix() == e.Start.Unix(); i++ {
		if recs[i].Activity.Sport == e.Sport {
			return true
		}
	}
	return false
}

// nearest returns the index of the element of xs, sorted by start, that
// starts closest to t, if one starts within activity.SameStartWithin:
// another recording of the same session.
func nearest[T any](xs []T, start func(T) time.Time, t time.Time) (int, bool) {
	i := sort.Search(len(xs), func(i int) bool { return !start(xs[i]).Before(t) })
	best, bestGap := -1, activity.SameStartWithin
	for _, j := range []int{i - 1, i} {
		if j < 0 || j >= len(xs) {
			continue
		}
		if gap := start(xs[j]).Sub(t).Abs(); gap <= bestGap {
			best, bestGap = j, gap
		}
	}
	return best, best >= 0
}

// index finds the export's activity a decoded session belongs to.
type index struct {
	files     map[string]File // by hash
	byPrimary map[sessionKey]*Activity
	byStart   []*Activity // read from files, by start
}

// sessionKey is one session of one file.
type sessionKey struct {
	sha256  string
	session int
}

func newIndex(m *Manifest) *index {
	x := &index{files: make(map[string]File, len(m.Files)), byPrimary: map[sessionKey]*Activity{}}
	for _, f := range m.Files {
		x.files[f.SHA256] = f
	}
	for i := range m.Activities {
		a := &m.Activities[i]
		if a.Manual != nil {
			continue
		}
		x.byStart = append(x.byStart, a)
		for _, s := range a.Sources {
			if s.Primary && s.Session != nil {
				x.byPrimary[sessionKey{s.SHA256, *s.Session}] = a
			}
		}
	}
	sort.SliceStable(x.byStart, func(i, j int) bool { return x.byStart[i].Start.Before(x.byStart[j].Start) })
	return x
}

// activity returns the export's activity that session i, starting at
// start, of the file with this hash records: by the primary file and
// session, else by start time; nil when none.
func (x *index) activity(sha256 string, i int, start time.Time) *Activity {
	if a := x.byPrimary[sessionKey{sha256, i}]; a != nil && a.Start.Sub(start).Abs() <= activity.SameStartWithin {
		return a
	}
	if j, ok := nearest(x.byStart, func(a *Activity) time.Time { return a.Start }, start); ok {
		return x.byStart[j]
	}
	return nil
}

// restoring is the store as the importer sees it during a Restore: each
// file of the export is saved under the name it was first imported with,
// each of its sessions with the runner's name, notes, RPE and tagged sport. The
// importer saves from one goroutine, so rpes needs no lock.
type restoring struct {
	store.Store
	x    *index
	rpes *int // RPEs stored with new recordings
}

// SaveFile saves e with the export's name and runner's input.
func (s *restoring) SaveFile(ctx context.Context, athlete store.AthleteID, e *store.Encoded) ([]store.Saved, error) {
	return store.SaveOne(ctx, s.SaveFiles, athlete, e)
}

// SaveFiles saves es with the export's names and runner's input.
func (s *restoring) SaveFiles(ctx context.Context, athlete store.AthleteID, es []*store.Encoded) ([][]store.Saved, error) {
	named := make([]*store.Encoded, len(es))
	inputs := make([][]*Activity, len(es))
	for i, e := range es {
		var err error
		if named[i], inputs[i], err = s.name(e); err != nil {
			return nil, err
		}
	}
	saved, err := s.Store.SaveFiles(ctx, athlete, named)
	for i, file := range saved {
		for j, sv := range file {
			if j < len(inputs[i]) && inputs[i][j] != nil && inputs[i][j].RPE > 0 && (sv.Outcome == store.Imported || sv.Outcome == store.Replaced) {
				*s.rpes++
			}
		}
	}
	return saved, err
}

// name returns e encoded anew under the export's name with the runner's
// input of each of its sessions, and those inputs (nil where none); a
// file added to the export by hand comes back as it is.
func (s *restoring) name(e *store.Encoded) (*store.Encoded, []*Activity, error) {
	f := e.File()
	mf, ok := s.x.files[f.SHA256]
	if !ok {
		return e, nil, nil
	}
	acts := e.Activities()
	inputs := make([]*Activity, len(acts))
	for i, a := range acts {
		if in := s.x.activity(f.SHA256, i, a.Start); in != nil {
			a.Name, a.Notes, a.RPE, a.Race = in.Name, in.Notes, in.RPE, in.Race
			if in.SportTagged {
				a.Sport, a.SportTagged = in.Sport, true
			}
			inputs[i] = in
		}
	}
	f.Name = mf.Name
	named, err := store.Encode(f, acts)
	return named, inputs, err
}
