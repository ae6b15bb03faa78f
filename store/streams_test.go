package store_test

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"testing"
	"time"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/fit"
	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

var t0 = time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC)

func TestStreamsRoundTrip(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	tests := []struct {
		name string
		s    activity.Streams
	}{
		{"empty", activity.Streams{}},
		{"hour, every channel", storetest.Run(t0, 3600, activity.FIT).Streams},
		{"gpx channels only", storetest.Run(t0, 300, activity.GPX).Streams},
		{"gaps at the edges", activity.Streams{HeartRate: []float64{nan, nan, 120, 121.5, nan, 119.99, nan}}},
		{"only gaps", activity.Streams{PowerW: []float64{nan, nan, nan}}},
		{"channels of unequal length", activity.Streams{DistanceM: []float64{0, 3.004, 6.01}, Cadence: []float64{170}}},
		{"negative and extreme", activity.Streams{
			AltitudeM: []float64{-430.5, 8848.86, -0.004, 0.005},
			Lat:       []float64{-90, 90, 0.00000005, -33.8688197},
			Lon:       []float64{-180, 180, 179.9999999, 151.2092955},
			SpeedMS:   []float64{0, 12.3456, 0.0004999},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := store.EncodeStreams(&tt.s)
			if err != nil {
				t.Fatalf("EncodeStreams: %v", err)
			}
			got, err := store.DecodeStreams(b)
			if err != nil {
				t.Fatalf("DecodeStreams: %v", err)
			}
			if err := storetest.CompareStreams(&got, &tt.s); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestDecodeStreamsEveryCodec reads one payload stored by each codec
// easyrun has written: stored rows are never rewritten.
func TestDecodeStreamsEveryCodec(t *testing.T) {
	t.Parallel()
	s := storetest.Run(t0, 300, activity.FIT).Streams
	b, err := store.EncodeStreams(&s)
	if err != nil {
		t.Fatal(err)
	}
	if b[0] != 3 {
		t.Fatalf("EncodeStreams wrote codec %d, want s2 (3)", b[0])
	}
	payload, err := s2.Decode(nil, b[1:])
	if err != nil {
		t.Fatal(err)
	}
	for _, old := range [][]byte{blob(t, 1, payload), zstdBlob(t, payload), b} {
		got, err := store.DecodeStreams(old)
		if err != nil {
			t.Fatalf("DecodeStreams of codec %d: %v", old[0], err)
		}
		if err := storetest.CompareStreams(&got, &s); err != nil {
			t.Errorf("codec %d: %v", old[0], err)
		}
	}
}

func TestEncodeStreamsRejectsUnquantisable(t *testing.T) {
	t.Parallel()
	for _, v := range []float64{math.Inf(1), math.Inf(-1), 1e300, -1e17} {
		s := activity.Streams{DistanceM: []float64{0, v}}
		if _, err := store.EncodeStreams(&s); err == nil {
			t.Errorf("EncodeStreams(%v): no error", v)
		}
	}
}

// blob builds a packed streams blob around a hand-made payload.
func blob(t testing.TB, version byte, payload []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteByte(version)
	w, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(payload)
	w.Close()
	return buf.Bytes()
}

// zstdBlob is payload as easyrun stored it with zstd (codec 2), before s2.
func zstdBlob(t testing.TB, payload []byte) []byte {
	t.Helper()
	w, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	return w.EncodeAll(payload, []byte{2})
}

// uvarints is the concatenation of vs as uvarints.
func uvarints(vs ...uint64) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.AppendUvarint(b, v)
	}
	return b
}

func TestDecodeStreamsCorrupt(t *testing.T) {
	t.Parallel()
	s := storetest.Run(t0, 120, activity.FIT).Streams
	good, err := store.EncodeStreams(&s)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		b    []byte
	}{
		{"nil", nil},
		{"unknown version", blob(t, 9, uvarints(0))},
		{"zstd version holding flate", blob(t, 2, uvarints(0))},
		{"not flate", append([]byte{1}, "hello, world"...)},
		{"truncated", good[:len(good)/2]},
		{"empty payload", blob(t, 1, nil)},
		{"too many channels", blob(t, 1, uvarints(9))},
		{"length beyond the payload", blob(t, 1, uvarints(1, 1000, 5))},
		{"unterminated varint", blob(t, 1, append(uvarints(1, 2, 5), 0x80))},
		{"trailing bytes", blob(t, 1, uvarints(1, 1, 5, 7))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := store.DecodeStreams(tt.b)
			if !errors.Is(err, store.ErrCorrupt) {
				t.Errorf("DecodeStreams: err = %v, want ErrCorrupt", err)
			}
		})
	}
}

func FuzzDecodeStreams(f *testing.F) {
	for _, src := range []activity.Format{activity.FIT, activity.GPX} {
		s := storetest.Run(t0, 90, src).Streams
		b, err := store.EncodeStreams(&s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(blob(f, 1, uvarints(3, 2, 0, 5, 0, 4, 1, 2, 3, 4)))
	f.Add(blob(f, 1, uvarints(8, 1, 1<<63, 0, 0, 0, 0, 0, 0, 0)))
	f.Add(zstdBlob(f, uvarints(3, 2, 0, 5, 0, 4, 1, 2, 3, 4)))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := store.DecodeStreams(b)
		if err != nil {
			return
		}
		// What decodes must survive another round trip unchanged.
		b2, err := store.EncodeStreams(&s)
		if err != nil {
			return // wrapped-around values beyond the quantisable range
		}
		s2, err := store.DecodeStreams(b2)
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if err := storetest.CompareStreams(&s2, &s); err != nil {
			t.Error(err)
		}
	})
}

// rawBytes is what s takes as plain float64s.
func rawBytes(s *activity.Streams) int {
	n := 0
	for _, c := range s.Channels() {
		n += 8 * len(*c.Values)
	}
	return n
}

// The throughput figures are of raw float64 data (b.SetBytes), so they
// compare directly with writing the samples uncompressed.
func BenchmarkEncodeStreams(b *testing.B) {
	s := storetest.Run(t0, 3600, activity.FIT).Streams
	b.SetBytes(int64(rawBytes(&s)))
	var size int
	for b.Loop() {
		p, err := store.EncodeStreams(&s)
		if err != nil {
			b.Fatal(err)
		}
		size = len(p)
	}
	b.ReportMetric(float64(size), "B/activity")
	b.ReportMetric(float64(rawBytes(&s)), "rawB/activity")
}

func BenchmarkDecodeStreams(b *testing.B) {
	s := storetest.Run(t0, 3600, activity.FIT).Streams
	p, err := store.EncodeStreams(&s)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(rawBytes(&s)))
	for b.Loop() {
		if _, err := store.DecodeStreams(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompress compares codecs on what the store compresses: the
// streams payload of an hour of data, the original of a simulated
// hour-long FIT file and the originals of the corpus's real FIT files,
// each compressed alone as the store does, to choose the codec and level
// (README, Benchmarks). It reports the compression ratio and the CPU time
// per MB of input for compressing and for decompressing.
func BenchmarkCompress(b *testing.B) {
	a := storetest.Run(t0, 3600, activity.FIT)
	p, err := store.EncodeStreams(&a.Streams)
	if err != nil {
		b.Fatal(err)
	}
	zdec, _ := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	payload, err := s2.Decode(nil, p[1:])
	if err != nil {
		b.Fatal(err)
	}
	original, err := fit.EncodeActivity(a)
	if err != nil {
		b.Fatal(err)
	}
	zfast, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	zdef, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
	flateWith := func(level int) func([]byte) []byte {
		w, _ := flate.NewWriter(nil, level)
		return func(in []byte) []byte {
			var buf bytes.Buffer
			w.Reset(&buf)
			w.Write(in)
			w.Close()
			return buf.Bytes()
		}
	}
	inflate := func(in []byte) ([]byte, error) { return io.ReadAll(flate.NewReader(bytes.NewReader(in))) }
	unzstd := func(in []byte) ([]byte, error) { return zdec.DecodeAll(in, nil) }
	codecs := []struct {
		name     string
		compress func([]byte) []byte
		expand   func([]byte) ([]byte, error)
	}{
		{"flate-1", flateWith(flate.BestSpeed), inflate},
		{"flate-6", flateWith(flate.DefaultCompression), inflate},
		{"zstd-fastest", func(in []byte) []byte { return zfast.EncodeAll(in, nil) }, unzstd},
		{"zstd-default", func(in []byte) []byte { return zdef.EncodeAll(in, nil) }, unzstd},
		{"s2", func(in []byte) []byte { return s2.Encode(nil, in) }, func(in []byte) ([]byte, error) { return s2.Decode(nil, in) }},
		{"s2-better", func(in []byte) []byte { return s2.EncodeBetter(nil, in) }, func(in []byte) ([]byte, error) { return s2.Decode(nil, in) }},
	}
	var real, realStreams [][]byte
	for _, path := range corpus.Files(b, "fit", "fit") {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		real = append(real, data)
		acts, _ := fit.Decode(data) // files of other kinds hold no activity
		for _, a := range acts {
			p, err := store.EncodeStreams(&a.Streams)
			if err != nil {
				b.Fatal(err)
			}
			if payload, err := s2.Decode(nil, p[1:]); err != nil {
				b.Fatal(err)
			} else if len(payload) > 64 {
				realStreams = append(realStreams, payload)
			}
		}
	}
	for _, in := range []struct {
		name  string
		files [][]byte
	}{{"streams", [][]byte{payload}}, {"original", [][]byte{original}}, {"corpus-streams", realStreams}, {"corpus-fit", real}} {
		size := 0
		for _, f := range in.files {
			size += len(f)
		}
		for _, c := range codecs {
			b.Run(in.name+"/"+c.name+"/compress", func(b *testing.B) {
				b.SetBytes(int64(size))
				packed := 0
				for b.Loop() {
					packed = 0
					for _, f := range in.files {
						packed += len(c.compress(f))
					}
				}
				b.ReportMetric(float64(size)/float64(packed), "ratio")
			})
			b.Run(in.name+"/"+c.name+"/expand", func(b *testing.B) {
				var packed [][]byte
				for _, f := range in.files {
					packed = append(packed, c.compress(f))
				}
				b.SetBytes(int64(size))
				for b.Loop() {
					for _, p := range packed {
						if _, err := c.expand(p); err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	}
}
