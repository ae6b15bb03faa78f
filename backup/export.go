package backup

import (
	"archive/zip"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/easyrun/easyrun/format"
	"github.com/easyrun/easyrun/store"
)

// Exported tells what Export wrote.
type Exported struct {
	Activities int   // every activity
	Manual     int   // of them, runs logged by hand
	Files      int   // original files
	FileBytes  int64 // their size, uncompressed
}

// Export writes the athlete's data in st to w as a zip: every original
// file under files/, then the manifest (ManifestName) made at now. It
// holds one activity and one file in memory at a time, so a long history
// streams through.
func Export(ctx context.Context, st store.Store, athlete store.AthleteID, w io.Writer, now time.Time) (Exported, error) {
	m := Manifest{Format: FormatName, Version: Version, ExportedAt: now.UTC().Truncate(time.Second)}
	var err error
	if m.Athlete, err = st.Athlete(ctx, athlete); err != nil {
		return Exported{}, fmt.Errorf("export profile: %w", err)
	}
	m.Plan, err = st.Plan(ctx, athlete)
	if errors.Is(err, store.ErrNotFound) {
		m.Plan, err = nil, nil
	}
	if err != nil {
		return Exported{}, fmt.Errorf("export plan: %w", err)
	}
	if m.Mornings, err = st.Mornings(ctx, athlete, "", ""); err != nil {
		return Exported{}, fmt.Errorf("export mornings: %w", err)
	}
	if m.Shoes, err = st.Shoes(ctx, athlete); err != nil {
		return Exported{}, fmt.Errorf("export shoes: %w", err)
	}
	for i := range m.Shoes {
		m.Shoes[i].DistanceM = 0 // the store adds it up again from the runs
	}
	recs, err := st.Activities(ctx, athlete, store.Filter{})
	if err != nil {
		return Exported{}, fmt.Errorf("export: %w", err)
	}
	slices.Reverse(recs) // oldest first, as the manifest lists them

	x := exporter{st: st, athlete: athlete, zw: zip.NewWriter(w), m: &m, sessions: map[string][]int64{},
		members: map[string]string{}, taken: map[string]bool{}}
	for _, sum := range recs {
		r, err := st.Activity(ctx, athlete, sum.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue // deleted since it was listed
		}
		if err != nil {
			return x.n, fmt.Errorf("export: %w", err)
		}
		if err := x.activity(ctx, r); err != nil {
			return x.n, fmt.Errorf("export activity %d: %w", r.ID, err)
		}
	}
	mw, err := x.zw.CreateHeader(&zip.FileHeader{Name: ManifestName, Method: zip.Deflate, Modified: m.ExportedAt})
	if err != nil {
		return x.n, fmt.Errorf("export manifest: %w", err)
	}
	enc := json.NewEncoder(mw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return x.n, fmt.Errorf("export manifest: %w", err)
	}
	if err := x.zw.Close(); err != nil {
		return x.n, fmt.Errorf("export: %w", err)
	}
	return x.n, nil
}

// exporter is one Export under way.
type exporter struct {
	st      store.Store
	athlete store.AthleteID
	zw      *zip.Writer
	m       *Manifest
	n       Exported
	// sessions are the session starts, in Unix seconds, of the primary
	// files decoded so far: a file of several sessions is the primary of
	// several activities.
	sessions map[string][]int64
	members  map[string]string // each file's member, by hash
	taken    map[string]bool   // the members written
}

// activity adds r to the manifest and writes the files it came from.
func (x *exporter) activity(ctx context.Context, r *store.Record) error {
	a := &r.Activity
	e := Activity{Start: a.Start.UTC(), Sport: a.Sport, SportTagged: a.SportTagged, Race: a.Race, Name: a.Name, Notes: a.Notes, RPE: a.RPE, Shoe: r.Shoe}
	x.n.Activities++
	if len(r.Sources) == 0 {
		e.Manual = manualOf(a)
		x.n.Manual++
		x.m.Activities = append(x.m.Activities, e)
		return nil
	}
	// Primary first, the others by hash, so that the same store always
	// gives the same manifest.
	srcs := slices.Clone(r.Sources)
	slices.SortFunc(srcs, func(p, q store.Source) int {
		if p.Primary != q.Primary {
			if p.Primary {
				return -1
			}
			return 1
		}
		return cmp.Compare(p.SHA256, q.SHA256)
	})
	for _, s := range srcs {
		src := Source{SHA256: s.SHA256, Primary: s.Primary}
		starts, err := x.file(ctx, s)
		if err != nil {
			return err
		}
		if i := slices.Index(starts, a.Start.Unix()); s.Primary && i >= 0 {
			src.Session = &i
		}
		e.Sources = append(e.Sources, src)
	}
	x.m.Activities = append(x.m.Activities, e)
	return nil
}

// file writes the file of source s, unless written already, and returns
// the session starts of a primary file.
func (x *exporter) file(ctx context.Context, s store.Source) ([]int64, error) {
	starts, decoded := x.sessions[s.SHA256]
	written := x.members[s.SHA256] != ""
	if written && (decoded || !s.Primary) {
		return starts, nil
	}
	f, err := x.st.Original(ctx, x.athlete, s.FileID)
	if err != nil {
		return nil, fmt.Errorf("original of %s: %w", s.Name, err)
	}
	if !validSHA256(f.SHA256) {
		return nil, fmt.Errorf("original of %s: bad sha256 %q", s.Name, f.SHA256)
	}
	if s.Primary {
		// A file that no longer decodes keeps no session index:
		// Restore matches its activity by start time.
		acts, _ := format.Decode(f.Data)
		starts = make([]int64, len(acts))
		for i, a := range acts {
			starts[i] = a.Start.Unix()
		}
		x.sessions[s.SHA256] = starts
	}
	if written {
		return starts, nil
	}
	member := memberName(f.SHA256[:16], f.Name, f.Format)
	if x.taken[member] {
		member = memberName(f.SHA256, f.Name, f.Format) // two hashes alike in 64 bits
	}
	w, err := x.zw.CreateHeader(&zip.FileHeader{Name: member, Method: zip.Deflate, Modified: x.m.ExportedAt})
	if err == nil {
		_, err = w.Write(f.Data)
	}
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", member, err)
	}
	x.members[f.SHA256], x.taken[member] = member, true
	x.m.Files = append(x.m.Files, File{SHA256: f.SHA256, Name: f.Name, Format: f.Format, Member: member, SizeBytes: int64(len(f.Data))})
	x.n.Files++
	x.n.FileBytes += int64(len(f.Data))
	return starts, nil
}
