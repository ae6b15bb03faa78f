package format_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format"
	"github.com/easyrun/easyrun/internal/hostile"
)

// TestDecodeWithinRefusesHostileFiles checks the files of a few kilobytes
// that once took gigabytes to decode: each is refused, naming the limit,
// before its grid is made.
func TestDecodeWithinRefusesHostileFiles(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		data   []byte
		bounds activity.Bounds
		want   string
	}{
		{"GPX of 20 week-long tracks", hostile.GPX(20, 3, hostile.Week), activity.Bounds{}, "more than the limit of 96h0m0s per file"},
		{"GPX of 100 week-long tracks", hostile.GPX(100, 3, hostile.Week), activity.Bounds{}, "more than the limit of 96h0m0s per file"},
		{"TCX of 150 week-long activities", hostile.TCX(150, 3, hostile.Week), activity.Bounds{}, "more than the limit of 96h0m0s per file"},
		{"FIT of 1,400 week-long sessions", hostile.FIT(1400, 2, hostile.Week), activity.Bounds{}, "more than the limit of 96h0m0s per file"},
		{"FIT of 1,400 hour-long sessions", hostile.FIT(1400, 2, time.Hour), activity.Bounds{}, "more than the limit of 96h0m0s per file"},
		{"GPX over a set duration", hostile.GPX(3, 3, 2*time.Hour), activity.Bounds{MaxDuration: 5 * time.Hour}, "more than the limit of 5h0m0s per file"},
		{"GPX over a set point count", hostile.GPX(1, 11, time.Hour), activity.Bounds{MaxPoints: 10}, "more than the limit of 10 points per file"},
		{"TCX over a set point count", hostile.TCX(1, 11, time.Hour), activity.Bounds{MaxPoints: 10}, "more than the limit of 10 points per file"},
		{"FIT over a set point count", hostile.FIT(1, 11, time.Hour), activity.Bounds{MaxPoints: 10}, "more than the limit of 10 points per file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			acts, err := format.DecodeWithin(tc.data, tc.bounds)
			if !errors.Is(err, activity.ErrBounds) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%d bytes: got %d activities, error %v; want ErrBounds saying %q", len(tc.data), len(acts), err, tc.want)
			}
		})
	}
}

// TestDecodeWithinKeepsFilesInBounds checks that the limits leave real
// recordings alone: a long ultra, and a day of many short tracks.
func TestDecodeWithinKeepsFilesInBounds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		data []byte
		want int
	}{
		{"GPX of a 90 h ultra", hostile.GPX(1, 2000, 90*time.Hour), 1},
		{"TCX of 20 one-hour runs", hostile.TCX(20, 50, time.Hour), 20},
		{"FIT of 3 sessions", hostile.FIT(3, 100, time.Hour), 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			acts, err := format.DecodeWithin(tc.data, activity.Bounds{})
			if err != nil || len(acts) != tc.want {
				t.Fatalf("got %d activities, error %v; want %d", len(acts), err, tc.want)
			}
		})
	}
}
