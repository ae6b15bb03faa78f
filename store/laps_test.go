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
	if b[0] != 3 {
		t.Errorf("PackOriginal wrote codec %d, want s2 (3)", b[0])
	}
	// Originals stored with flate before issue 19, and with zstd before
	// s2, are read as they are.
	for _, old := range [][]byte{blob(t, 1, data), zstdBlob(t, data)} {
		got, err = store.UnpackOriginal(old, int64(len(data)))
		if err != nil || string(got) != string(data) {
			t.Errorf("UnpackOriginal of a codec %d blob = %q, %v; want %q", old[0], got, err, data)
		}
	}
	for _, size := range []int64{-1, int64(len(data)) - 1, int64(len(data)) + 1} {
		if _, err := store.UnpackOriginal(b, size); !errors.Is(err, store.ErrCorrupt) {
			t.Errorf("UnpackOriginal(size %d): err = %v, want ErrCorrupt", size, err)
		}
	}
}

// FuzzUnpackOriginal feeds stored originals of every codec, whole and
// damaged, with any claimed size: UnpackOriginal returns exactly that
// many bytes or an error, and never allocates past the size.
func FuzzUnpackOriginal(f *testing.F) {
	data := []byte("<?xml version=\"1.0\"?><gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>")
	for _, b := range [][]byte{store.PackOriginal(data), blob(f, 1, data), zstdBlob(f, data)} {
		f.Add(b, int64(len(data)))
		f.Add(b[:len(b)/2], int64(len(data)))
	}
	f.Add([]byte{3, 0xff, 0xff, 0xff, 0xff, 0x0f}, int64(1<<20))
	f.Fuzz(func(t *testing.T, b []byte, size int64) {
		if size > 1<<20 {
			size = 1 << 20 // a stored file's size column is bounded by the upload limit
		}
		got, err := store.UnpackOriginal(b, size)
		if err == nil && int64(len(got)) != size {
			t.Fatalf("UnpackOriginal gave %d bytes, want %d", len(got), size)
		}
		if err != nil && !errors.Is(err, store.ErrCorrupt) {
			t.Fatalf("err = %v, want ErrCorrupt", err)
		}
	})
}
