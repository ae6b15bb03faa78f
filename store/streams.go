package store

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"

	"github.com/easyrun/easyrun/activity"
)

// The packed streams format:
//
//	blob    = version(1 byte) compressed(payload)
//	payload = uvarint(channel count) channel...
//	channel = uvarint(n) code{n}                  n = 0: channel absent
//	code    = uvarint: 0 for a gap, else zigzag(q - previous q) + 1
//
// where q is the value in whole quanta of the channel (streamQuanta) and
// the previous q is that of the last non-gap sample (0 at the start).
// Channels come in activity.Streams.Channels order; a blob holding fewer
// channels than the code knows (written before a channel was appended)
// leaves the rest absent. The version names the compression (codecFlate,
// codecZstd, codecS2): blobs of every version stay readable.

// streamQuanta is, per channel, the number of quanta in one unit: values
// are stored to 1/quanta of their unit. These are part of the format.
var streamQuanta = map[string]float64{
	"distance_m": 100,  // 1 cm
	"speed_ms":   1000, // 1 mm/s
	"heart_rate": 100,  // 0.01 bpm
	"cadence":    100,  // 0.01 spm
	"altitude_m": 100,  // 1 cm
	"lat":        1e7,  // 1e-7 degree, about 1 cm
	"lon":        1e7,
	"power_w":    100, // 0.01 W
}

// maxStreamsPayload bounds the decompressed payload, so that a corrupt
// blob cannot make DecodeStreams allocate without limit. A week at 1 Hz
// on every channel needs well under a tenth of it.
const maxStreamsPayload = 256 << 20

// maxQuanta is the largest magnitude a quantised value may have: beyond
// 2^53 float64 no longer holds every integer.
const maxQuanta = 1 << 53

// The compressions of stored blobs, named by their first byte. Rows
// written with an earlier codec are read as they are, never rewritten.
const (
	// codecFlate is flate at BestSpeed, what easyrun wrote until issue 19.
	codecFlate = 1
	// codecZstd is zstd at its fastest level, what easyrun wrote next.
	codecZstd = 2
	// codecS2 is s2 (Snappy's successor) at its default level, what
	// easyrun writes. Every import compresses a file's original and its
	// streams, and most blobs are read back seldom or never, so the
	// compression's CPU counts most. On the corpus's real files
	// (BenchmarkCompress; README, Benchmarks) s2 compresses originals 3.8
	// and streams 4.2 times faster than zstd, and reads streams back 2.4
	// times faster, for blobs 35 % and 21 % larger: 4.9 MB more a year of
	// the simulated runner's history (bench growth).
	codecS2 = 3
)

var (
	zstdReaders = sync.Pool{New: func() any {
		r, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			panic(err) // only for invalid options
		}
		return r
	}}
	flateReaders = sync.Pool{New: func() any { return flate.NewReader(nil) }}
)

// ErrCorrupt is wrapped by the decoders of stored blobs when the bytes do
// not hold what they should.
var ErrCorrupt = errors.New("corrupt stored data")

// EncodeStreams packs s into one compressed blob, quantising each channel
// to a fixed step (1 cm, 1 mm/s, 0.01 bpm, 1e-7 degree, ...). Gaps (NaN)
// are kept exactly. Infinite values and values too large to quantise are
// an error.
func EncodeStreams(s *activity.Streams) ([]byte, error) {
	chans := s.Channels()
	scratch := scratches.Get().(*[]byte)
	defer scratches.Put(scratch)
	payload := binary.AppendUvarint(slices.Grow((*scratch)[:0], 3*s.Len()*len(chans)+16), uint64(len(chans)))
	defer func() { *scratch = payload[:0] }() // the grown buffer, for the next
	for _, c := range chans {
		var err error
		if payload, err = appendChannel(payload, c); err != nil {
			return nil, err
		}
	}
	if len(payload) > maxStreamsPayload {
		return nil, fmt.Errorf("encode streams: %d bytes exceed the limit of %d", len(payload), maxStreamsPayload)
	}
	return compress(payload), nil
}

// appendChannel appends one channel's length and codes to b.
func appendChannel(b []byte, c activity.Channel) ([]byte, error) {
	perUnit, ok := streamQuanta[c.Name]
	if !ok {
		return nil, fmt.Errorf("encode streams: channel %s has no quantum", c.Name)
	}
	vals := *c.Values
	b = binary.AppendUvarint(b, uint64(len(vals)))
	prev := int64(0)
	for i, v := range vals {
		if math.IsNaN(v) {
			b = append(b, 0)
			continue
		}
		q := math.Round(v * perUnit)
		if math.Abs(q) > maxQuanta { // also catches ±Inf
			return nil, fmt.Errorf("encode streams: %s[%d] = %v is out of range", c.Name, i, v)
		}
		d := int64(q) - prev
		prev = int64(q)
		b = binary.AppendUvarint(b, uint64(d<<1^d>>63)+1)
	}
	return b, nil
}

// DecodeStreams unpacks a blob written by EncodeStreams. Each value comes
// back within half a quantum of what was stored, and every gap as NaN.
// Corrupt input gives an error wrapping ErrCorrupt.
func DecodeStreams(b []byte) (activity.Streams, error) {
	var s activity.Streams
	payload, err := decompress(b, maxStreamsPayload)
	if err != nil {
		return s, fmt.Errorf("decode streams: %w", err)
	}
	chans := s.Channels()
	n, k := binary.Uvarint(payload)
	if k <= 0 || n > uint64(len(chans)) {
		return s, fmt.Errorf("decode streams: bad channel count: %w", ErrCorrupt)
	}
	payload = payload[k:]
	for _, c := range chans[:n] {
		if payload, err = readChannel(payload, c); err != nil {
			return activity.Streams{}, fmt.Errorf("decode streams: channel %s: %w", c.Name, err)
		}
	}
	if len(payload) != 0 {
		return activity.Streams{}, fmt.Errorf("decode streams: %d trailing bytes: %w", len(payload), ErrCorrupt)
	}
	return s, nil
}

// readChannel decodes one channel from the front of b into c and returns
// the rest of b.
func readChannel(b []byte, c activity.Channel) ([]byte, error) {
	n, k := binary.Uvarint(b)
	// Every code takes at least one byte, so n can be checked before allocating.
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, fmt.Errorf("bad length: %w", ErrCorrupt)
	}
	b = b[k:]
	if n == 0 {
		return b, nil
	}
	perUnit := streamQuanta[c.Name]
	vals := make([]float64, n)
	prev := int64(0)
	for i := range vals {
		u, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, fmt.Errorf("bad value %d: %w", i, ErrCorrupt)
		}
		b = b[k:]
		if u == 0 {
			vals[i] = math.NaN()
			continue
		}
		u--
		prev += int64(u>>1) ^ -int64(u&1)
		vals[i] = float64(prev) / perUnit
	}
	*c.Values = vals
	return b, nil
}

// scratches holds the buffers blobs are packed and compressed in before
// they are copied out at their final size. Every import makes a payload
// and a compressed original and streams for each file; made for the
// worst case each time, they were zeroed in full and, kept in the blob,
// held at that size.
var scratches = sync.Pool{New: func() any { return new([]byte) }}

// compress returns the codec byte followed by data compressed with s2.
func compress(data []byte) []byte {
	scratch := scratches.Get().(*[]byte)
	defer scratches.Put(scratch)
	packed := s2.Encode((*scratch)[:cap(*scratch)], data) // a larger one when it does not fit
	if cap(packed) > cap(*scratch) {
		*scratch = packed[:0]
	}
	return append([]byte{codecS2}, packed...)
}

// decompress reads the codec byte of b and decompresses the rest, refusing
// to produce more than limit bytes.
func decompress(b []byte, limit int) ([]byte, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("empty blob: %w", ErrCorrupt)
	}
	src := bytes.NewReader(b[1:])
	var r io.Reader
	switch b[0] {
	case codecS2:
		return decompressBlock(b[1:], limit)
	case codecFlate:
		fr := flateReaders.Get().(io.ReadCloser)
		defer flateReaders.Put(fr)
		if err := fr.(flate.Resetter).Reset(src, nil); err != nil {
			return nil, fmt.Errorf("inflate: %w", err)
		}
		r = fr
	case codecZstd:
		zr := zstdReaders.Get().(*zstd.Decoder)
		defer func() {
			zr.Reset(nil) // drop the reference to b
			zstdReaders.Put(zr)
		}()
		if err := zr.Reset(src); err != nil {
			return nil, fmt.Errorf("zstd: %v: %w", err, ErrCorrupt)
		}
		r = zr
	default:
		return nil, fmt.Errorf("unknown format version %d: %w", b[0], ErrCorrupt)
	}
	out, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("decompress: %v: %w", err, ErrCorrupt)
	}
	if len(out) > limit {
		return nil, fmt.Errorf("decompressed size exceeds %d bytes: %w", limit, ErrCorrupt)
	}
	return out, nil
}

// decompressBlock decompresses an s2 block, checking the length it
// declares against limit before allocating: s2 is a block format, read
// whole rather than streamed.
func decompressBlock(b []byte, limit int) ([]byte, error) {
	n, err := s2.DecodedLen(b)
	if err != nil {
		return nil, fmt.Errorf("s2: %v: %w", err, ErrCorrupt)
	}
	if n > limit {
		return nil, fmt.Errorf("decompressed size exceeds %d bytes: %w", limit, ErrCorrupt)
	}
	out, err := s2.Decode(make([]byte, n), b)
	if err != nil {
		return nil, fmt.Errorf("s2: %v: %w", err, ErrCorrupt)
	}
	return out, nil
}
