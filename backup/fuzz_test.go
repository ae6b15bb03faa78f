package backup

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzReadZip reads arbitrary zips as exports, seeded from a real one: no
// input may panic, and whatever is accepted is a manifest Restore can use.
func FuzzReadZip(f *testing.F) {
	st := openSQLite(f)
	populate(f, st, false)
	zipped, _ := export(f, st)
	small := hollow(f, zipped)
	f.Add(small)
	f.Add(small[:len(small)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		m, err := readZip(zr)
		if err != nil {
			return
		}
		if err := m.check(); err != nil {
			t.Fatalf("readZip accepted a manifest that check refuses: %v", err)
		}
		newIndex(m) // must not panic on anything accepted
	})
}

// hollow is the export zipped with every file but the manifest replaced
// by zeros of its size, which compress to almost nothing: readZip checks
// the sizes, not the bytes, and a seed of a few KB rather than hundreds
// keeps each input fast.
func hollow(tb testing.TB, zipped []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, m := range zr.File {
		w, err := zw.Create(m.Name)
		if err != nil {
			tb.Fatal(err)
		}
		if m.Name == ManifestName {
			rc, err := m.Open()
			if err != nil {
				tb.Fatal(err)
			}
			_, err = io.Copy(w, rc)
			rc.Close()
		} else {
			_, err = w.Write(make([]byte, m.UncompressedSize64))
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// FuzzReadManifest reads arbitrary manifests, seeded from a real one.
func FuzzReadManifest(f *testing.F) {
	st := openSQLite(f)
	populate(f, st, false)
	zipped, _ := export(f, st)
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		f.Fatal(err)
	}
	for _, m := range zr.File {
		if m.Name != ManifestName {
			continue
		}
		rc, err := m.Open()
		if err != nil {
			f.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := b.ReadFrom(rc); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Add([]byte(`{"format":"easyrun-export","version":1,"activities":[{"start":"2026-01-01T00:00:00Z","manual":{"elapsed_s":1e300}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := readManifest(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		x := newIndex(m)
		for i := range m.Activities {
			if a := &m.Activities[i]; a.Manual != nil {
				if got := a.activity(); got.Elapsed <= 0 {
					t.Fatalf("accepted a logged run of %v", got.Elapsed)
				}
			} else if len(a.Sources) > 0 {
				x.activity(a.Sources[0].SHA256, 0, a.Start)
			}
		}
	})
}
