package format_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/internal/corpus"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format"
	"github.com/easyrun/easyrun/format/fit"
	"github.com/easyrun/easyrun/format/gpx"
	"github.com/easyrun/easyrun/format/internal/corpustest"
	"github.com/easyrun/easyrun/format/tcx"
)

func TestSniffCorpus(t *testing.T) {
	for _, tt := range []struct {
		dir  string
		want format.Kind
	}{
		{"fit", fit.Kind},
		{"gpx", gpx.Kind},
		{"tcx", tcx.Kind},
	} {
		for _, path := range corpus.Files(t, tt.dir, tt.dir) {
			t.Run(filepath.Base(path), func(t *testing.T) {
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if got := format.Sniff(data); got != tt.want {
					t.Errorf("Sniff = %v, want %v", got, tt.want)
				}
			})
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want format.Kind
	}{
		{"gzip", gzipped(t, []byte("<gpx/>")), format.Gzip},
		{"zip", zipped(t, "run.fit"), format.Zip},
		{"empty zip", zipped(t), format.Zip},
		{"GPX after BOM, whitespace, declaration and comment",
			[]byte("\ufeff\n  <?xml version=\"1.0\"?>\n<!-- exported -->\n<gpx version=\"1.1\"></gpx>"), gpx.Kind},
		{"GPX with a prefix", []byte(`<g:gpx xmlns:g="http://www.topografix.com/GPX/1/1"/>`), gpx.Kind},
		{"TCX in ISO-8859-1", []byte(`<?xml version="1.0" encoding="ISO-8859-1"?><TrainingCenterDatabase/>`), tcx.Kind},
		{"FIT header of 12 bytes", []byte("\x0c\x10\x64\x00\x00\x00\x00\x00.FIT"), fit.Kind},
		{"FIT-like header of another size", []byte("\x0d\x10\x64\x00\x00\x00\x00\x00.FIT\x00"), format.Unknown},
		{"root element beyond the first 64 KiB", []byte("<!--" + strings.Repeat(" ", 64<<10) + "--><gpx/>"), format.Unknown},
		{"other XML", []byte(`<?xml version="1.0"?><kml/>`), format.Unknown},
		{"HTML", []byte("<!DOCTYPE html><html><body>Not found</body></html>"), format.Unknown},
		{"garbage", []byte("\x00\x01\x02 definitely not an activity"), format.Unknown},
		{"empty", nil, format.Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := format.Sniff(tt.data); got != tt.want {
				t.Errorf("Sniff = %v, want %v", got, tt.want)
			}
		})
	}
}

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zipped is a zip archive with an empty member of each name.
func zipped(t *testing.T, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, name := range names {
		if _, err := w.Create(name); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestKindString(t *testing.T) {
	for k, want := range map[format.Kind]string{
		format.Unknown: "unknown", fit.Kind: "FIT", gpx.Kind: "GPX", tcx.Kind: "TCX",
		format.Gzip: "gzip", format.Zip: "zip", format.Kind(99): "Kind(99)",
	} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

func TestDecode(t *testing.T) {
	corpus := func(kind, name string) []byte {
		data, err := os.ReadFile(filepath.Join(corpus.Dir(t, kind), name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	tests := []struct {
		name    string
		data    []byte
		source  activity.Format // of the activities, when they decode
		wantErr error
	}{
		{"GPX", corpus("gpx", "gpxgo__visnjan.gpx"), activity.GPX, nil},
		{"TCX", corpus("tcx", "tcxparser__test.tcx"), activity.TCX, nil},
		{"GPX without a track", corpus("gpx", "gogpx__fells_loop.gpx"), "", activity.ErrNotActivity},
		{"gzip", gzipped(t, corpus("gpx", "gpxgo__visnjan.gpx")), "", format.ErrArchive},
		{"zip", zipped(t, "a.gpx"), "", format.ErrArchive},
		{"garbage", []byte("hello"), "", format.ErrUnknownFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts, err := format.Decode(tt.data)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if acts != nil {
					t.Errorf("%d activities with the error", len(acts))
				}
				return
			}
			if len(acts) == 0 {
				t.Fatal("no activities")
			}
			for _, a := range acts {
				if a.Source != tt.source {
					t.Errorf("source %q, want %q", a.Source, tt.source)
				}
			}
		})
	}
}

// TestDecodeFIT checks that FIT files go to format/fit and come back as
// it decodes them.
func TestDecodeFIT(t *testing.T) {
	dir := corpus.Dir(t, "fit")
	// A run, a settings file (no activity) and a truncated file.
	for _, name := range []string{"dtcooper__garmin-fenix-5-run.fit", "dtcooper__Settings.fit", "dtcooper__activity-unexpected-eof.fit"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			want, wantErr := fit.Decode(data)
			got, err := format.Decode(data)
			if (err == nil) != (wantErr == nil) || len(got) != len(want) {
				t.Fatalf("format.Decode: %d activities, err %v; fit.Decode: %d, err %v", len(got), err, len(want), wantErr)
			}
			for i := range got {
				if got[i].Source != activity.FIT || !got[i].Start.Equal(want[i].Start) {
					t.Errorf("activity %d: source %q, start %v; want FIT, %v", i, got[i].Source, got[i].Start, want[i].Start)
				}
			}
		})
	}
}

func FuzzSniffDecode(f *testing.F) {
	corpustest.AddSeeds(f, "gpx/testdata/*.gpx", "tcx/testdata/*.tcx")
	f.Add([]byte("PK\x05\x06"))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, data []byte) {
		kind := format.Sniff(data)
		acts, err := format.DecodeWithin(data, corpustest.FuzzBounds)
		if err != nil {
			if acts != nil {
				t.Fatalf("%v: error %v with %d activities", kind, err, len(acts))
			}
			return
		}
		if kind != fit.Kind && kind != gpx.Kind && kind != tcx.Kind {
			t.Fatalf("decoded %d activities from %v content", len(acts), kind)
		}
	})
}

func TestRegistered(t *testing.T) {
	if got, want := format.Names(), "FIT, GPX or TCX"; got != want {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	for name, want := range map[string]bool{
		"run.fit": true, "RUN.FIT": true, "ride.gpx.gz": true, "a.tcx": true,
		"notes.txt": false, "fit": false, "run.fit.zip": false,
	} {
		if got := format.HasExt(name); got != want {
			t.Errorf("HasExt(%q) = %v, want %v", name, got, want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("registering FIT twice did not panic")
		}
	}()
	format.Register(format.Format{Name: "FIT", Ext: ".fit"})
}
