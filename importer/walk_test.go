package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/internal/hostile"
)

func TestWalk(t *testing.T) {
	t.Parallel()
	run, walk, bike := corpus.Read(t, fitRun), corpus.Read(t, fitWalk), corpus.Read(t, fitBike)
	settings, gpx, tcx := corpus.Read(t, fitSettings), corpus.Read(t, gpxFile), corpus.Read(t, tcxFile)

	tests := []struct {
		name  string
		files map[string][]byte
		setup func(t *testing.T, dir string) // extra layout: links
		paths []string                       // under dir; default: dir itself
		want  []string
	}{
		{
			name: "folder recursive with a symlink loop",
			files: map[string][]byte{
				"runs/a.fit":          run,
				"runs/2024/b.gpx":     gpx,
				"runs/2024/deep/c.x":  tcx, // recognised from content, not the name
				"runs/notes.txt":      []byte("easy week"),
				"runs/activities.csv": []byte("a,b\n1,2\n"), // no Strava export without activities/
			},
			setup: func(t *testing.T, dir string) {
				symlink(t, "..", filepath.Join(dir, "runs/2024/loop"))
			},
			want: []string{
				"runs/2024/b.gpx: 2720 bytes",
				"runs/2024/deep/c.x: 184221 bytes",
				"runs/a.fit: 5597 bytes",
				"runs/activities.csv: not an activity: content not recognised as FIT, GPX or TCX",
				"runs/notes.txt: not an activity: content not recognised as FIT, GPX or TCX",
			},
		},
		{
			name:  "gzip",
			files: map[string][]byte{"a.fit.gz": gzipOf(t, run), "b.gz": gzipOf(t, gzipOf(t, gpx))},
			want:  []string{"a.fit.gz: 5597 bytes", "b.gz: 2720 bytes"},
		},
		{
			name: "zip with a folder, a gzip member and a nested zip",
			files: map[string][]byte{"sub/all.zip": zipOf(t,
				member{"x/", nil},
				member{"x/a.fit", run},
				member{"b.gpx.gz", gzipOf(t, gpx)},
				member{"inner.zip", zipOf(t, member{"c.fit", walk}, member{"d.fit.gz", gzipOf(t, bike)})},
			)},
			want: []string{
				"sub/all.zip!b.gpx.gz: 2720 bytes",
				"sub/all.zip!inner.zip!c.fit: 5187 bytes",
				"sub/all.zip!inner.zip!d.fit.gz: 4664 bytes",
				"sub/all.zip!x/a.fit: 5597 bytes",
			},
		},
		{
			name: "Garmin Connect export",
			files: map[string][]byte{"garmin.zip": zipOf(t,
				member{"DI_CONNECT/DI-Connect-Fitness/user_summary.json", []byte(`{"a":1}`)},
				member{"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", zipOf(t,
					member{"1.fit", run}, member{"2.fit", settings})},
			)},
			want: []string{
				"garmin.zip!DI_CONNECT/DI-Connect-Fitness/user_summary.json: not an activity: content not recognised as FIT, GPX or TCX",
				"garmin.zip!DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip!1.fit: 5597 bytes",
				"garmin.zip!DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip!2.fit: 1287 bytes",
			},
		},
		{
			name: "watch over USB: only GARMIN/Activity",
			files: map[string][]byte{
				"watch/GARMIN/Activity/a.fit":   run,
				"watch/GARMIN/Settings/s.fit":   settings,
				"watch/GARMIN/Monitor/m.fit":    settings,
				"watch/Music/song.mp3":          []byte("ID3"),
				"watch/GARMIN/Activity/b.fit":   walk,
				"watch2/garmin/activity/c.fit":  bike,
				"watch2/garmin/settings/s2.fit": settings,
			},
			paths: []string{"watch", "watch2/garmin"},
			want: []string{
				"watch/GARMIN/Activity/a.fit: 5597 bytes",
				"watch/GARMIN/Activity/b.fit: 5187 bytes",
				"watch2/garmin/activity/c.fit: 4664 bytes",
			},
		},
		{
			name: "zip slip entries rejected by name, the others go on",
			files: map[string][]byte{"slip.zip": zipOf(t,
				member{"../../evil.fit", run},
				member{"/abs.fit", run},
				member{`dir\win.fit`, run},
				member{"C:/drive.fit", run},
				member{"ok/../../up.fit", run},
				member{"good.fit", walk},
			)},
			want: []string{
				"slip.zip!../../evil.fit: zip entry escaping its folder: ../../evil.fit",
				"slip.zip!/abs.fit: zip entry escaping its folder: /abs.fit",
				"slip.zip!C:/drive.fit: zip entry escaping its folder: C:/drive.fit",
				`slip.zip!dir\win.fit: zip entry escaping its folder: dir\win.fit`,
				"slip.zip!good.fit: 5187 bytes",
				"slip.zip!ok/../../up.fit: zip entry escaping its folder: ok/../../up.fit",
			},
		},
		{
			name: "broken archives and an empty file",
			files: map[string][]byte{
				"cut.fit.gz":  gzipOf(t, run)[:1000],
				"bad.zip":     append([]byte("PK\x03\x04"), bytes.Repeat([]byte{7}, 100)...),
				"empty.fit":   {},
				"cutzip.zip":  cut(zipOf(t, member{"a.fit", run}), 10),
				"badgz.gz":    {0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff},
				"zipgz.zip":   zipOf(t, member{"x.fit.gz", gzipOf(t, run)[:500]}, member{"y.fit", walk}),
				"empty.other": {},
			},
			want: []string{
				"bad.zip: open zip: zip: not a valid zip file",
				"badgz.gz: read gzip: flate: corrupt input before offset 1",
				"cut.fit.gz: gzip truncated: unexpected EOF",
				"cutzip.zip: open zip: zip: not a valid zip file",
				"empty.fit: empty file (0 bytes)",
				"empty.other: not an activity: empty file (0 bytes)",
				"zipgz.zip!x.fit.gz: gzip truncated: unexpected EOF",
				"zipgz.zip!y.fit: 5187 bytes",
			},
		},
		{
			name: "a broken Strava index is reported, its files still read",
			files: map[string][]byte{
				"export/activities.csv":   []byte("Activity ID,Activity Name\n1,Run\n"),
				"export/activities/1.fit": run,
			},
			want: []string{
				"export/activities.csv: activities.csv has no Filename column",
				"export/activities/1.fit: 5597 bytes",
			},
		},
		{
			name:  "a missing path",
			paths: []string{"nothing-here"},
			want:  []string{"nothing-here: stat nothing-here: no such file or directory"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeTree(t, dir, tt.files)
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			paths := []string{dir}
			if tt.paths != nil {
				paths = nil
				for _, p := range tt.paths {
					paths = append(paths, filepath.Join(dir, p))
				}
			}
			got := walked(t, dir, Limits{}, paths...)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Walk got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// cut drops the last n bytes of data: a file whose download broke off.
func cut(data []byte, n int) []byte { return data[:len(data)-n] }

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

func TestWalkStravaExport(t *testing.T) {
	t.Parallel()
	run, walk, gpx, tcx := corpus.Read(t, fitRun), corpus.Read(t, fitWalk), corpus.Read(t, gpxFile), corpus.Read(t, tcxFile)
	// A header from a recent export: "Elapsed Time" and "Distance" come
	// twice, the second in other units; the file-less row is a manual entry.
	csv := "\uFEFFActivity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Elapsed Time,Distance,Perceived Exertion,Prefer Perceived Exertion\n" +
		`1,"Jan 1, 2024",Morning Run,Run,300,1.2,activities/1.fit.gz,300,1200.0,3.0,1` + "\n" +
		`2,"Jan 2, 2024","Tempo ""fast"" Tuesday",Trail Run,60,0.5,activities/2.gpx.gz,60,500.0,,` + "\n" +
		`3,"Jan 3, 2024",Treadmill,Run,1800,5.0,,1800,5000.0,7.0,1` + "\n" +
		`4,"Jan 4, 2024",Stroll,Walk,100,1,activities/4.tcx.gz` + "\n"
	files := []member{
		{"activities.csv", []byte(csv)},
		{"activities/1.fit.gz", gzipOf(t, run)},
		{"activities/2.gpx.gz", gzipOf(t, gpx)},
		{"activities/4.tcx.gz", gzipOf(t, tcx)},
		{"activities/5.fit", walk}, // not in the index
		{"profile.csv", []byte("Athlete ID\n1\n")},
	}
	want := func(prefix string) []string {
		return []string{
			prefix + "activities.csv, row 4: 0 bytes manual 2024-01-03T00:00:00Z running Treadmill 30m0s 5000 m RPE 7",
			prefix + "activities/1.fit.gz: 5597 bytes {Name:Morning Run Sport:running RPE:3}",
			prefix + `activities/2.gpx.gz: 2720 bytes {Name:Tempo "fast" Tuesday Sport:running RPE:0}`,
			prefix + "activities/4.tcx.gz: 184221 bytes {Name:Stroll Sport:walking RPE:0}",
			prefix + "activities/5.fit: 5187 bytes",
			prefix + "profile.csv: not an activity: content not recognised as FIT, GPX or TCX",
		}
	}

	t.Run("folder", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		tree := map[string][]byte{}
		for _, f := range files {
			tree["export_1/"+f.name] = f.data
		}
		writeTree(t, dir, tree)
		got := walked(t, dir, Limits{}, dir)
		if w := want("export_1/"); !slices.Equal(got, w) {
			t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
		}
	})
	t.Run("zip", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		// The index comes last in the zip; it must be read first.
		rev := slices.Clone(files)
		slices.Reverse(rev)
		writeTree(t, dir, map[string][]byte{"export_1.zip": zipOf(t, rev...)})
		got := walked(t, dir, Limits{}, dir)
		if w := want("export_1.zip!"); !slices.Equal(got, w) {
			t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
		}
	})
}

func TestWalkLimits(t *testing.T) {
	t.Parallel()
	run, walk := corpus.Read(t, fitRun), corpus.Read(t, fitWalk)
	noise := make([]byte, 600<<10) // incompressible: only size limits apply
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	nested := zipOf(t, member{"a.fit", run})
	for range 3 {
		nested = zipOf(t, member{"n.zip", nested})
	}

	tests := []struct {
		name   string
		limits Limits
		zip    []byte
		want   []string
	}{
		{
			name:   "archive expands beyond its limit: the rest is not read",
			limits: Limits{MaxArchiveBytes: 1 << 20},
			zip:    zipOf(t, member{"a.fit", run}, member{"n1.fit", noise}, member{"n2.fit", noise}, member{"b.fit", walk}),
			want: []string{
				"x.zip!a.fit: 5597 bytes",
				"x.zip!n1.fit: 614400 bytes",
				"x.zip: import too large when expanded: more than 1 MiB, reached in x.zip",
			},
		},
		{
			name:   "one entry too large, the others go on",
			limits: Limits{MaxEntryBytes: 512 << 10},
			zip:    zipOf(t, member{"n1.fit", noise}, member{"b.fit", walk}),
			want: []string{
				"x.zip!b.fit: 5187 bytes",
				"x.zip!n1.fit: file too large when expanded: x.zip!n1.fit exceeds 512 KiB",
			},
		},
		{
			name:   "too many entries",
			limits: Limits{MaxEntries: 2},
			zip:    zipOf(t, member{"a.fit", run}, member{"b.fit", walk}, member{"c.fit", run}, member{"d.fit", walk}),
			want: []string{
				"x.zip!a.fit: 5597 bytes",
				"x.zip!b.fit: 5187 bytes",
				"x.zip: too many files in one import: more than 2, reached in x.zip",
			},
		},
		{
			name:   "nested too deep: that archive stops, its parents go on",
			limits: Limits{MaxDepth: 3},
			zip:    zipOf(t, member{"n.zip", nested}, member{"b.fit", walk}),
			want: []string{
				"x.zip!b.fit: 5187 bytes",
				"x.zip!n.zip!n.zip!n.zip: archives nested too deep: x.zip!n.zip!n.zip!n.zip is inside 3 others",
			},
		},
		{
			name: "nested within the default depth",
			zip:  nested,
			want: []string{"x.zip!n.zip!n.zip!n.zip!a.fit: 5597 bytes"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeTree(t, dir, map[string][]byte{"x.zip": tt.zip})
			got := walked(t, dir, tt.limits, dir)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestWalkZipBomb builds 1 GiB of zeros zipped (about 1 MB) and 256 MiB
// gzipped, and checks that the walk stops each at the ratio limit,
// quickly, naming the entry.
func TestWalkZipBomb(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bombZip := filepath.Join(dir, "bomb.zip")
	bombGz := filepath.Join(dir, "bomb.fit.gz")
	writeBomb(t, bombZip, 1<<30, func(w io.Writer) (io.WriteCloser, error) {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		m, err := zw.Create("zeros.fit")
		return closeBoth{m, zw}, err
	})
	writeBomb(t, bombGz, 256<<20, func(w io.Writer) (io.WriteCloser, error) {
		return gzip.NewWriterLevel(w, flate.BestSpeed)
	})

	for _, tt := range []struct {
		path string
		want string
	}{
		{bombZip, "compression ratio too high: bomb.zip!zeros.fit expands more than 100:1"},
		{bombGz, "compression ratio too high: bomb.fit.gz expands more than 100:1"},
	} {
		start := time.Now()
		var errs []error
		err := Walk(context.Background(), []string{tt.path}, Limits{}, func(e Entry) error {
			errs = append(errs, e.Err)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("%s: stopping the bomb took %v", tt.path, took)
		}
		if len(errs) != 1 || errs[0] == nil || !errors.Is(errs[0], ErrLimit) ||
			strings.ReplaceAll(errs[0].Error(), dir+"/", "") != tt.want {
			t.Errorf("%s: got errors %v, want one: %s", tt.path, errs, tt.want)
		}
	}
}

// closeBoth closes a zip member's writer, then the zip.
type closeBoth struct {
	io.Writer
	zw *zip.Writer
}

func (c closeBoth) Close() error { return c.zw.Close() }

// writeBomb writes size zero bytes to path through the compressor made
// by compress, streaming: the zeros are never held in memory.
func writeBomb(t *testing.T, path string, size int64, compress func(io.Writer) (io.WriteCloser, error)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := compress(f)
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range size / int64(len(zeros)) {
		if _, err := w.Write(zeros); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestWalkStopsOnCallbackError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	run := corpus.Read(t, fitRun)
	writeTree(t, dir, map[string][]byte{"a.fit": run, "b.zip": zipOf(t, member{"c.fit", run}, member{"d.fit", run})})
	stop := errors.New("stop")
	calls := 0
	err := Walk(context.Background(), []string{dir}, Limits{}, func(Entry) error {
		calls++
		if calls == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 2 {
		t.Errorf("Walk returned %v after %d calls, want %v after 2", err, calls, stop)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, []string{dir}, Limits{}, func(Entry) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("Walk with a cancelled context returned %v", err)
	}
}

// FuzzWalkZip feeds arbitrary bytes to the archive walker as the content
// of an archive member: it must never panic, and every entry has data or
// an error.
func FuzzWalkZip(f *testing.F) {
	run := hostile.FIT(1, 30, 20*time.Minute) // generated: the corpus is absent from a fresh clone
	f.Add(zipOf(f, member{"a.fit", run[:200]}, member{"b.gz", gzipOf(f, run[:100])}))
	f.Add(zipOf(f, member{"in.zip", zipOf(f, member{"../x.fit", run[:50]})}))
	f.Add(gzipOf(f, zipOf(f, member{"activities.csv", []byte("Filename,Activity Name\nx.fit,A\n")}, member{"x.fit", run[:64]})))
	f.Add(gzipOf(f, run[:300]))
	limits := Limits{MaxEntryBytes: 1 << 20, MaxArchiveBytes: 4 << 20, MaxEntries: 100}.withDefaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		w := walker{limits: limits, found: func(int, int64) {}, emit: func(e Entry) error {
			if e.Name == "" || (e.Err != nil) == (e.Data != nil) {
				t.Errorf("entry %q: want data or an error, not both or neither", e.Name)
			}
			return nil
		}}
		if err := w.content(source{name: "fuzz.zip"}, data); err != nil {
			t.Fatalf("content: %v", err)
		}
	})
}
