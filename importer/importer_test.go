package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/internal/golden"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
)

// openStore opens a real SQLite store in t's temporary folder.
func openStore(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "easyrun.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

// countingProgress records what Progress is told.
type countingProgress struct {
	mu                    sync.Mutex
	files, done           int
	foundBytes, doneBytes int64
	names                 []string
}

func (p *countingProgress) Found(files int, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files += files
	p.foundBytes += bytes
}

func (p *countingProgress) Done(name string, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.doneBytes += bytes
	p.names = append(p.names, name)
}

// relative strips dir from the paths in s and sorts them (workers finish
// in any order), and zeroes the duration.
func relative(s *Summary, dir string) Summary {
	c := *s
	c.Duration = 0
	for _, list := range []*[]Problem{&c.Skipped, &c.Partial, &c.Failures} {
		var out []Problem
		for _, p := range *list {
			out = append(out, Problem{
				Path:   strings.TrimPrefix(p.Path, dir+string(filepath.Separator)),
				Reason: strings.ReplaceAll(p.Reason, dir+string(filepath.Separator), ""),
			})
		}
		slices.SortFunc(out, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
		*list = out
	}
	return c
}

func TestImport(t *testing.T) {
	t.Parallel()
	run, bike, tcx := corpus.Read(t, fitRun), corpus.Read(t, fitBike), corpus.Read(t, tcxFile)
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{
		"runs/a.fit":         run,
		"runs/copy/a.fit.gz": gzipOf(t, run), // the same bytes: counted once
		"runs/settings.fit":  corpus.Read(t, fitSettings),
		"runs/empty.fit":     {},
		"runs/bad.zip":       []byte("PK\x03\x04 broken"),
		"runs/cut.fit":       corpus.Read(t, "fit/dtcooper__activity-unexpected-eof.fit"),
		"runs/slip.zip":      zipOf(t, member{"../../evil.fit", corpus.Read(t, fitWalk)}, member{"good.fit", bike}),
		"runs/test.tcx":      tcx,
	})
	db := openStore(t)
	failures := []Problem{
		{"runs/bad.zip", "open zip: zip: not a valid zip file"},
		{"runs/empty.fit", "empty file (0 bytes)"},
		{"runs/slip.zip!../../evil.fit", "zip entry escaping its folder: ../../evil.fit"},
	}
	skipped := []Problem{{"runs/settings.fit", "not an activity: FIT settings file"}}
	tests := []struct {
		name string
		want Summary
	}{
		{"first import", Summary{
			Files: 9, Imported: 4, Duplicates: 1,
			Skipped:  skipped,
			Partial:  []Problem{{"runs/cut.fit", "truncated at byte 768"}},
			Failures: failures,
		}},
		{"again: nothing new", Summary{
			Files: 9, Duplicates: 5,
			Skipped:  skipped,
			Failures: failures,
		}},
	}
	for _, tt := range tests {
		p := &countingProgress{}
		im := &Importer{Store: db, Athlete: store.DefaultAthlete, Progress: p}
		sum, err := im.Import(context.Background(), filepath.Join(dir, "runs"))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !sum.Failed() {
			t.Errorf("%s: Failed() is false with failures", tt.name)
		}
		got := relative(sum, dir)
		got.Bytes = 0
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got\n%+v\nwant\n%+v", tt.name, got, tt.want)
		}
		// The decompressed bytes of every file read: the cut file has 768.
		if want := int64(2*len(run) + len(bike) + len(tcx) + 768 + 1287); sum.Bytes != want {
			t.Errorf("%s: %d bytes read, want %d", tt.name, sum.Bytes, want)
		}
		if p.files != 9 || p.done != 9 || p.doneBytes <= 0 || p.doneBytes > p.foundBytes {
			t.Errorf("%s: progress found %d files %d bytes, done %d files %d bytes", tt.name, p.files, p.foundBytes, p.done, p.doneBytes)
		}
	}
	recs, err := db.Activities(context.Background(), store.DefaultAthlete, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Errorf("%d activities stored, want 4", len(recs))
	}
}

func TestImportStravaExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	csv := "Activity ID,Activity Name,Activity Type,Elapsed Time,Filename,Elapsed Time,Perceived Exertion\n" +
		"1,Recovery jog,Run,57,activities/1.fit.gz,57,3.0\n" +
		"2,Lunch loop,Run,64,activities/2.gpx.gz,64,\n" +
		"3,Treadmill,Run,1800,,1800,7.0\n" +
		"4,Tempo,Run,1992,activities/4.tcx.gz,1992,8\n"
	writeTree(t, dir, map[string][]byte{"export_42.zip": zipOf(t,
		member{"activities/1.fit.gz", gzipOf(t, corpus.Read(t, fitRun))},
		member{"activities/2.gpx.gz", gzipOf(t, corpus.Read(t, gpxFile))},
		member{"activities/4.tcx.gz", gzipOf(t, corpus.Read(t, tcxFile))},
		member{"activities.csv", []byte(csv)},
	)})
	db := openStore(t)
	im := &Importer{Store: db, Athlete: store.DefaultAthlete}
	sum, err := im.Import(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 3 || sum.Files != 3 || sum.Failed() {
		t.Fatalf("summary %+v, want 3 files imported", sum)
	}
	recs, err := db.Activities(context.Background(), store.DefaultAthlete, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		got = append(got, fmt.Sprintf("%s %s RPE %d", r.Activity.Name, r.Activity.Sport, r.Activity.RPE))
	}
	want := []string{ // newest first
		"Recovery jog running RPE 3",
		"Tempo running RPE 8",
		"Lunch loop running RPE 0", // the GPX has no sport: the export's fills it
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored %q, want %q", got, want)
	}
}

// TestImportStravaManual imports a Strava export folder whose index holds
// manual entries (rows without a file): they are stored as device-free
// activities with their duration, distance and RPE, once however often
// the export is imported; a row that cannot be read is reported by row.
func TestImportStravaManual(t *testing.T) {
	t.Parallel()
	db := openStore(t)
	im := &Importer{Store: db, Athlete: store.DefaultAthlete}
	export := filepath.Join("testdata", "strava-manual")
	sum, err := im.Import(context.Background(), export)
	if err != nil {
		t.Fatal(err)
	}
	wantFailure := Problem{filepath.Join(export, "activities.csv") + ", row 5",
		`manual activity: Activity Date "yesterday": want a date like "Jan 2, 2006, 3:04:05 PM"`}
	if sum.Imported != 3 || sum.Files != 4 || len(sum.Failures) != 1 || sum.Failures[0] != wantFailure {
		t.Fatalf("summary %+v, want the file and 2 manual entries imported, row 5 failed", sum)
	}
	recs, err := db.Activities(context.Background(), store.DefaultAthlete, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		a := &r.Activity
		got = append(got, fmt.Sprintf("%s %s %s %s %s %.0f m RPE %d %q", a.Start.Format(time.RFC3339), a.Source, a.Sport, a.Name,
			a.Moving, a.DistanceM, a.RPE, a.Notes))
	}
	want := []string{ // newest first
		`2026-03-04T12:30:00Z manual cycling Spin class 1h0m0s 0 m RPE 5 ""`,
		`2026-03-03T18:12:45Z manual running Treadmill intervals 43m0s 8000 m RPE 7 "6 x 800 m"`,
		`2026-03-02T07:00:00Z gpx running Morning Run 1m30s 334 m RPE 0 ""`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	again, err := im.Import(context.Background(), export)
	if err != nil || again.Imported != 0 || again.Duplicates != 3 {
		t.Errorf("second import %+v, %v; want nothing new, 3 duplicates", again, err)
	}
}

func TestImportSameSessionAsFITAndGPX(t *testing.T) {
	t.Parallel()
	fitData := corpus.Read(t, "fit/dtcooper__2013-02-06-12-11-14.fit")
	acts, err := format.Decode(fitData)
	if err != nil || len(acts) != 1 {
		t.Fatalf("decode: %v, %d activities", err, len(acts))
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{"a/run.fit": fitData, "b/run.gpx": gpxOf(acts[0])})
	db := openStore(t)
	// One worker keeps the order: the FIT is stored first.
	im := &Importer{Store: db, Athlete: store.DefaultAthlete, Workers: 1}
	sum, err := im.Import(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 2 || sum.Imported != 1 || sum.Duplicates != 1 || sum.Failed() {
		t.Errorf("summary %+v, want one imported and one duplicate", sum)
	}
	recs, err := db.Activities(context.Background(), store.DefaultAthlete, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("%d activities stored, want 1", len(recs))
	}
	rec, err := db.Activity(context.Background(), store.DefaultAthlete, recs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Sources) != 2 || rec.Sources[0].Format != activity.FIT || !rec.Sources[0].Primary {
		t.Errorf("sources %+v, want the FIT primary and the GPX beside it", rec.Sources)
	}
}

// gpxOf writes a's track as GPX with heart rate, as Strava exports it.
func gpxOf(a *activity.Activity) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><trkseg>`)
	s := a.Streams
	for i := range s.Lat {
		if math.IsNaN(s.Lat[i]) || math.IsNaN(s.Lon[i]) {
			continue
		}
		fmt.Fprintf(&b, `<trkpt lat="%.7f" lon="%.7f"><time>%s</time>`, s.Lat[i], s.Lon[i],
			a.Start.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
		if i < len(s.HeartRate) && !math.IsNaN(s.HeartRate[i]) {
			fmt.Fprintf(&b, `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%.0f</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>`, s.HeartRate[i])
		}
		b.WriteString("</trkpt>\n")
	}
	b.WriteString("</trkseg></trk></gpx>\n")
	return b.Bytes()
}

// failingStore fails to save, as a full disk would.
type failingStore struct{ store.Store }

var errDiskFull = errors.New("disk full")

func (failingStore) SaveFiles(context.Context, store.AthleteID, []*store.Encoded) ([][]store.Saved, error) {
	return nil, errDiskFull
}

func TestImportFatal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string][]byte{}
	for i := range 50 { // more than the channels hold: nothing may block
		files[fmt.Sprintf("r%02d.fit", i)] = corpus.Read(t, fitRun)
		files[fmt.Sprintf("r%02d.gpx", i)] = append(corpus.Read(t, gpxFile), byte('\n'), byte(i))
	}
	writeTree(t, dir, files)

	im := &Importer{Store: failingStore{openStore(t)}, Athlete: store.DefaultAthlete}
	sum, err := im.Import(context.Background(), dir)
	if !errors.Is(err, errDiskFull) || sum == nil {
		t.Errorf("Import with a broken store: %v, %v; want %v and the summary so far", sum, err, errDiskFull)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	im = &Importer{Store: openStore(t), Athlete: store.DefaultAthlete}
	if _, err := im.Import(ctx, dir); !errors.Is(err, context.Canceled) {
		t.Errorf("Import with a cancelled context: %v", err)
	}
}

// TestImportUnstorable imports a file that decodes but holds a value no
// store can keep: that file fails, and the import goes on.
func TestImportUnstorable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeTree(t, dir, map[string][]byte{
		"a.fit": corpus.Read(t, fitRun),
		"high.gpx": []byte(`<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
<trkpt lat="52.1" lon="4.1"><ele>1e17</ele><time>2026-01-01T06:00:00Z</time></trkpt>
<trkpt lat="52.1001" lon="4.1001"><ele>10</ele><time>2026-01-01T06:00:01Z</time></trkpt>
</trkseg></trk></gpx>`),
	})
	sum, err := (&Importer{Store: openStore(t), Athlete: store.DefaultAthlete}).Import(context.Background(), dir)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if sum.Imported != 1 || len(sum.Failures) != 1 || sum.Failures[0].Path != filepath.Join(dir, "high.gpx") ||
		!strings.Contains(sum.Failures[0].Reason, "out of range") {
		t.Errorf("summary %+v, want a.fit imported and high.gpx failed as out of range", sum)
	}
}

func TestDecodeSafely(t *testing.T) {
	t.Parallel()
	_, err := decodeSafely(func([]byte) ([]*activity.Activity, error) {
		var s []int
		_ = s[3]
		return nil, nil
	}, []byte("x"))
	if err == nil || !strings.HasPrefix(err.Error(), "decoder failed on this file: runtime error: index out of range") {
		t.Errorf("a panicking decoder gave %v", err)
	}
}

// TestSummaryJSON keeps the --json output stable: scripts read it.
func TestSummaryJSON(t *testing.T) {
	t.Parallel()
	sum := Summary{
		Files: 7, Imported: 3, Replaced: 1, Duplicates: 1,
		Skipped:  []Problem{{"watch/GARMIN/Activity/s.fit", "not an activity: FIT settings file"}},
		Partial:  []Problem{{"cut.fit", "truncated at byte 768"}},
		Failures: []Problem{{"export.zip!../../evil.fit", "zip entry escaping its folder: ../../evil.fit"}},
		Bytes:    123456,
		Duration: 1500 * time.Millisecond,
	}
	golden.JSON(t, filepath.Join("testdata", "summary.json"), sum)
}
