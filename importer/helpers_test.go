package importer

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Small corpus files of each kind.
const (
	fitRun      = "fit/dtcooper__garmin-fenix-5-run.fit"
	fitWalk     = "fit/dtcooper__garmin-fenix-5-walk.fit"
	fitBike     = "fit/dtcooper__garmin-fenix-5-bike.fit"
	fitSettings = "fit/dtcooper__Settings.fit"
	gpxFile     = "gpx/gpxgo__file.gpx"
	tcxFile     = "tcx/tcxparser__test.tcx"
)

// member is one file of a zip built in a test.
type member struct {
	name string
	data []byte
}

// zipOf builds a zip archive holding members, in order, deflated.
func zipOf(t testing.TB, members ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(m.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// gzipOf compresses data with gzip.
func gzipOf(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeTree writes files, by slash-separated path under dir.
func writeTree(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// walked runs Walk and describes each entry in a line, names relative to
// dir: "a.zip!x.fit: 771 bytes" or "a.zip!y.fit: error text", sorted.
func walked(t testing.TB, dir string, limits Limits, paths ...string) []string {
	t.Helper()
	var got []string
	err := Walk(context.Background(), paths, limits, func(e Entry) error {
		got = append(got, describe(dir, e))
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	slices.Sort(got)
	return got
}

func describe(dir string, e Entry) string {
	var s string
	if e.Err != nil {
		s = fmt.Sprintf("%s: %v", e.Name, e.Err)
	} else {
		s = fmt.Sprintf("%s: %d bytes", e.Name, len(e.Data))
	}
	if e.Meta != nil {
		s += fmt.Sprintf(" %+v", *e.Meta)
	}
	if a := e.Manual; a != nil {
		s += fmt.Sprintf(" manual %s %s %s %s %.0f m RPE %d", a.Start.Format(time.RFC3339), a.Sport, a.Name, a.Moving, a.DistanceM, a.RPE)
	}
	return strings.ReplaceAll(s, dir+string(filepath.Separator), "")
}
