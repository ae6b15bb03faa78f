package store_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

func TestLapsRoundTrip(t *testing.T) {
	t.Parallel()
	odd := []activity.Lap{{Start: t0.Add(1500 * time.Millisecond), Elapsed: 1234567891 * time.Nanosecond, DistanceM: 1000.25}}
	for _, laps := range [][]activity.Lap{nil, storetest.Run(t0, 600, activity.FIT).Laps, odd} {
		b, err := store.EncodeLaps(laps)
		if err != nil {
			t.Fatalf("EncodeLaps: %v", err)
		}
		got, err := store.DecodeLaps(b)
		if err != nil {
			t.Fatalf("DecodeLaps: %v", err)
		}
		if !reflect.DeepEqual(got, laps) {
			t.Errorf("round trip of %s = %+v, want %+v", b, got, laps)
		}
	}
}

func TestDecodeLapsCorrupt(t *testing.T) {
	t.Parallel()
	if _, err := store.DecodeLaps([]byte(`[{"start": 5}]`)); !errors.Is(err, store.ErrCorrupt) {
		t.Errorf("err = %v, want ErrCorrupt", err)
	}
}

func TestOriginalRoundTrip(t *testing.T) {
	t.Parallel()
	data := []byte("<?xml version=\"1.0\"?><gpx><trk><trkseg></trkseg></trk></gpx>")
	b := store.PackOriginal(data)
	got, err := store.UnpackOriginal(b, int64(len(data)))
	if err != nil || string(got) != string(data) {
		t.Errorf("UnpackOriginal = %q, %v; want %q", got, err, data)
	}
	// Originals stored with flate before issue 19 are read as they are.
	got, err = store.UnpackOriginal(blob(t, 1, data), int64(len(data)))
	if err != nil || string(got) != string(data) {
		t.Errorf("UnpackOriginal of a flate blob = %q, %v; want %q", got, err, data)
	}
	for _, size := range []int64{-1, int64(len(data)) - 1, int64(len(data)) + 1} {
		if _, err := store.UnpackOriginal(b, size); !errors.Is(err, store.ErrCorrupt) {
			t.Errorf("UnpackOriginal(size %d): err = %v, want ErrCorrupt", size, err)
		}
	}
}
