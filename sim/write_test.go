package sim

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/fit"
)

// nameEncoder stands in for the FIT encoder: the file holds the title.
func nameEncoder(a *activity.Activity) ([]byte, error) { return []byte(a.Name), nil }

func TestWriteFiles(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	sessions := r.History(from, 1)
	// A second session in the same minute gets its own file.
	sessions = append(sessions, Session{Kind: sessions[len(sessions)-1].Kind, Start: sessions[len(sessions)-1].Start.Add(10 * time.Second)})
	dir := filepath.Join(t.TempDir(), "out")
	paths, err := r.writeFiles(context.Background(), dir, sessions, ".fit", nameEncoder)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"2026-03-03-1910-intervals.fit",
		"2026-03-04-0615-recovery.fit",
		"2026-03-05-0605-threshold.fit",
		"2026-03-07-0845-easy.fit",
		"2026-03-08-0935-long.fit",
		"2026-03-08-0935-long-2.fit",
	}
	if len(paths) != len(want) {
		t.Fatalf("%d paths, want %d: %v", len(paths), len(want), paths)
	}
	for i, p := range paths {
		if filepath.Base(p) != want[i] || filepath.Dir(p) != dir {
			t.Errorf("path %d = %s, want %s in %s", i, p, want[i], dir)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if a := simulate(t, r, sessions[i]); string(data) != a.Name {
			t.Errorf("%s holds %q, want %q", p, data, a.Name)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != len(want) {
		t.Errorf("%d files in %s (%v), want %d", len(entries), dir, err, len(want))
	}
}

func TestWriteFilesErrors(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	sessions := r.History(from, 2)
	errBroken := errors.New("broken encoder")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name     string
		ctx      context.Context
		sessions []Session
		encode   func(*activity.Activity) ([]byte, error)
		want     error
		inError  string
	}{
		{"encoder fails", context.Background(), sessions, func(a *activity.Activity) ([]byte, error) {
			if strings.Contains(a.Name, "threshold") {
				return nil, errBroken
			}
			return nil, nil
		}, errBroken, "threshold.fit"},
		{"cancelled", cancelled, sessions, nameEncoder, context.Canceled, ""},
		{"bad session", context.Background(), []Session{{Kind: "../escape", Segments: []Segment{{Duration: time.Minute, HRFraction: 0.7}}}}, nameEncoder, ErrInvalid, ""},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		paths, err := r.writeFiles(tt.ctx, dir, tt.sessions, ".fit", tt.encode)
		if !errors.Is(err, tt.want) || paths != nil || !strings.Contains(err.Error(), tt.inError) {
			t.Errorf("%s: got %v, %v; want %v", tt.name, paths, err, tt.want)
		}
		if tt.want != errBroken {
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("%s: wrote %d files", tt.name, len(entries))
			}
		}
	}
}

// TestWriteFITRoundTrip writes a week as FIT files and reads them back
// with the project's decoder.
func TestWriteFITRoundTrip(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	sessions := r.History(from, 1)
	sessions[0].CadenceLock, sessions[1].Dropouts = true, 2
	paths, err := r.WriteFIT(context.Background(), t.TempDir(), sessions)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range paths {
		want := simulate(t, r, sessions[i])
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		acts, err := fit.Decode(data)
		if err != nil || len(acts) != 1 {
			t.Fatalf("%s: %d activities, %v", p, len(acts), err)
		}
		got := acts[0]
		if !got.Start.Equal(want.Start) || got.Elapsed != want.Elapsed || got.Sport != activity.Running {
			t.Errorf("%s: start %v elapsed %v sport %q; want %v, %v", p, got.Start, got.Elapsed, got.Sport, want.Start, want.Elapsed)
		}
		if g, w := activity.Count(got.Streams.HeartRate), activity.Count(want.Streams.HeartRate); g != w {
			t.Errorf("%s: %d heart-rate samples, want %d", p, g, w)
		}
		if math.Abs(got.DistanceM-want.DistanceM) > 1 || len(got.Laps) != len(want.Laps) {
			t.Errorf("%s: %.1f m in %d laps, want %.1f m in %d", p, got.DistanceM, len(got.Laps), want.DistanceM, len(want.Laps))
		}
		if got.Device.Product != Device.Product {
			t.Errorf("%s: device %+v", p, got.Device)
		}
	}
}
