// Package fit reads activities from FIT files, the binary format of
// Garmin, Coros, Wahoo, Suunto and most other sports watches, and writes
// activities as FIT files.
package fit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/muktihari/fit/decoder"

	"github.com/easyrun/easyrun/activity"
)

// A FIT file (or each file of a chain) is a header, data records and a
// two-byte CRC. The header is 12 or 14 bytes: size, protocol version,
// profile version, data size, ".FIT" and, in the 14-byte form, a header CRC.
const (
	minHeaderSize = 12
	crcSize       = 2
	// recordBytes is about the least a record message takes in the files
	// of watches (a compressed timestamp, position, distance, speed, heart
	// rate, cadence and altitude): 20-30 bytes.
	recordBytes = 20
)

// scratch is what one decode needs and the next can reuse: a decoder,
// which holds several kilobytes of buffers, and the collector's buffers
// of records, hr readings and samples, which grow to the size of a file.
// The importer decodes thousands of files, and growing these afresh for
// each was a sixth of its decode.
type scratch struct {
	dec     *decoder.Decoder
	records []record
	hrs     []hrSample
	samples []activity.Sample
}

var scratches = sync.Pool{New: func() any { return &scratch{dec: decoder.New(nil)} }}

// Decode reads a FIT file (possibly several chained FIT files) and returns
// its activities, one per session.
//
// Damaged files give what they hold: a file with a bad CRC is read and
// flagged activity.BadChecksum; a truncated file keeps every record before
// the break and is flagged activity.Partial. A valid FIT file that holds no
// activity (settings, workout, monitoring, ...) gives an error wrapping
// activity.ErrNotActivity. When Decode returns an error it returns no
// activities. Decode works within the default activity.Bounds.
func Decode(data []byte) ([]*activity.Activity, error) {
	return DecodeWithin(data, activity.Bounds{})
}

// DecodeWithin is Decode within bounds: a file with more points (records,
// hr messages, laps and sessions), or sessions spanning more time
// together, fails with activity.ErrBounds.
func DecodeWithin(data []byte, bounds activity.Bounds) (acts []*activity.Activity, err error) {
	// The library validates its input, but a panic deep inside it on some
	// unforeseen byte pattern must not take the importer down with it.
	defer func() {
		if r := recover(); r != nil {
			acts, err = nil, fmt.Errorf("FIT decoder failed: %v", r)
		}
	}()

	if _, _, ok := parseHeader(data); !ok {
		return nil, errors.New("not a FIT file: bad header")
	}

	sc := scratches.Get().(*scratch)
	c := &collector{budget: bounds.Budget(), records: sc.records[:0], hrs: sc.hrs[:0], samples: sc.samples[:0]}
	// Records are most of a file's bytes, rarely fewer than recordBytes
	// each: room for them all at once spares the copies of growing.
	if n := min(len(data)/recordBytes, bounds.WithDefaults().MaxPoints); cap(c.records) < n {
		c.records = make([]record, 0, n)
	}
	defer func() {
		sc.records, sc.hrs, sc.samples = c.records[:0], c.hrs[:0], c.samples[:0]
		scratches.Put(sc)
	}()
	dec := sc.dec
	// Checksums are verified here, per file of the chain, so that a bad
	// CRC flags the data instead of discarding it.
	dec.Reset(bytes.NewReader(data),
		decoder.WithMesgListener(c),
		decoder.WithBroadcastOnly(),
		decoder.WithIgnoreChecksum(),
	)
	defer dec.Reset(nil) // drop references to data and the collector

	var derr error // why decoding stopped early
	for off := 0; off < len(data) && derr == nil; {
		size, end, ok := parseHeader(data[off:])
		if !ok {
			// Trailing bytes that do not start another FIT file (padding,
			// a damaged chained header) hold nothing readable.
			break
		}
		end += off
		var findings activity.Flags
		switch {
		case end > len(data):
			findings.Add(activity.BadChecksum, fmt.Sprintf("the FIT file at byte %d ends before its CRC", off))
		case !checksumOK(data[off:end], size):
			findings.Add(activity.BadChecksum, fmt.Sprintf("CRC mismatch in the FIT file at byte %d", off))
		}
		c.beginFile(findings)
		_, derr = dec.Decode()
		switch {
		case derr == nil:
		case isTruncation(derr):
			c.flag(activity.Partial, fmt.Sprintf("truncated at byte %d", len(data)))
		default:
			// Corrupt data rather than a short file: what came before is kept.
			c.flag(activity.Partial, fmt.Sprintf("unreadable data: %v", derr))
		}
		off = end
	}
	acts, err = c.finish()
	switch {
	case err == nil:
		return acts, nil
	case !errors.Is(err, errNoData) || derr == nil:
		return nil, err
	case isTruncation(derr):
		return nil, fmt.Errorf("truncated at byte %d before any activity data", len(data))
	default:
		return nil, fmt.Errorf("unreadable FIT data before any activity data: %w", derr)
	}
}

// parseHeader checks that b starts with a FIT file header and returns the
// header size and the offset of the end of that file, CRC included.
func parseHeader(b []byte) (size, end int, ok bool) {
	if len(b) < minHeaderSize {
		return 0, 0, false
	}
	size = int(b[0])
	if (size != 12 && size != 14) || len(b) < size || string(b[8:12]) != ".FIT" {
		return 0, 0, false
	}
	dataSize := int(binary.LittleEndian.Uint32(b[4:8]))
	if dataSize == 0 {
		return 0, 0, false
	}
	return size, size + dataSize + crcSize, true
}

// checksumOK verifies the CRCs of one complete FIT file b with a header of
// the given size. The file CRC covers the header and the data records, as
// Garmin's SDK computes it. A 14-byte header also carries its own CRC (0
// when unset); when that is right the running CRC is back to 0 after the
// header, so covering the header changes nothing, but when it is unset
// only this reading matches what devices write.
func checksumOK(b []byte, headerSize int) bool {
	if headerSize == 14 {
		if want := binary.LittleEndian.Uint16(b[12:14]); want != 0 && want != crc16(0, b[:12]) {
			return false
		}
	}
	return crc16(0, b[:len(b)-crcSize]) == binary.LittleEndian.Uint16(b[len(b)-crcSize:])
}

// isTruncation reports whether a decode error means the data ran out.
func isTruncation(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}
