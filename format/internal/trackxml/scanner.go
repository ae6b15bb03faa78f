// Package trackxml holds what the XML activity formats (GPX, TCX) share:
// a scanner that walks a document element by element under local names,
// parsers for the values it finds, and the assembly of timed samples into
// an activity's streams.
package trackxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// Event is what Scanner.Next found.
type Event int

// The events of a scan.
const (
	Start Event = iota + 1 // an element opened
	End                    // an element closed
)

// MaxDepth is how deep elements may nest. The deepest element the formats
// define is nine levels down (TCX's speed in a trackpoint's extensions);
// the limit leaves room for writers' own wrappers. Unbounded nesting
// would make every lookup of an enclosing element (Within) cost the
// depth: a few hundred kilobytes of nested tags took seconds.
const MaxDepth = 100

// Scanner walks an XML document element by element. Elements are known by
// their local name only: writers disagree on namespace prefixes (gpxtpx:,
// ns3:, ax:), so matching on the prefix would lose data for no gain.
// Character data is kept for leaf elements; the scan stops at the end of
// the root element, so trailing bytes after it do not matter.
type Scanner struct {
	d     *xml.Decoder
	open  []string // local names of the open elements, root first
	attrs []xml.Attr
	text  []byte
	ended bool // the last event was End: pop its element on the next call
	done  bool // the root element has closed

	offset    time.Duration // stated by the first timestamp that states one
	hasOffset bool
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// NewScanner reads data, which may start with a byte-order mark and
// whitespace, and may declare any charset IANA names (Strava and older
// tools write ISO-8859-1 and windows-1252).
func NewScanner(data []byte) *Scanner {
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, utf8BOM)))
	d.CharsetReader = charsetReader
	// Names typed into web tools sometimes carry HTML entities (&nbsp;).
	d.Entity = xml.HTMLEntity
	return &Scanner{d: d}
}

// charsetReader decodes the charsets IANA names and, failing that, the
// looser labels browsers accept ("utf8", "cp1252", "ascii"), which
// hand-written exporters use.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil {
		enc, err = htmlindex.Get(label)
	}
	if err != nil || enc == nil {
		// The decoder must never get a nil reader: it panics on one.
		return nil, fmt.Errorf("unsupported charset %q", label)
	}
	return enc.NewDecoder().Reader(r), nil
}

// Next advances to the next element start or end. It returns io.EOF after
// the root element has closed (or when the document has none), and an
// error naming the line for malformed XML and for elements nested deeper
// than MaxDepth.
func (s *Scanner) Next() (Event, error) {
	if s.ended {
		s.open = s.open[:len(s.open)-1]
		s.ended = false
		s.done = len(s.open) == 0
	}
	for !s.done {
		tok, err := s.d.Token()
		if err != nil {
			return 0, xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(s.open) == MaxDepth {
				line, _ := s.d.InputPos()
				return 0, fmt.Errorf("bad XML at line %d: elements nested deeper than the limit of %d", line, MaxDepth)
			}
			s.open = append(s.open, t.Name.Local)
			s.attrs = t.Attr
			s.text = s.text[:0]
			return Start, nil
		case xml.EndElement:
			s.ended = true
			return End, nil
		case xml.CharData:
			if len(s.open) > 0 {
				s.text = append(s.text, t...)
			}
		}
	}
	return 0, io.EOF
}

func xmlError(err error) error {
	if err == io.EOF {
		return io.EOF
	}
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("bad XML at line %d: %s", syn.Line, syn.Msg)
	}
	return fmt.Errorf("bad XML: %w", err)
}

// Walk scans the document to its end, calling start as each element
// opens and end as it closes, and fails unless the root element is named
// root. It stops at the first error, its own or a handler's.
func (s *Scanner) Walk(root string, start, end func() error) error {
	for {
		ev, err := s.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if ev == Start && s.Depth() == 1 && s.Name() != root {
			return fmt.Errorf("root element is <%s>, not <%s>", s.Name(), root)
		}
		if ev == Start {
			err = start()
		} else {
			err = end()
		}
		if err != nil {
			return err
		}
	}
}

// Name is the local name of the element that just opened or closed.
func (s *Scanner) Name() string {
	if len(s.open) == 0 {
		return ""
	}
	return s.open[len(s.open)-1]
}

// Depth is the nesting depth of the current element: 1 for the root.
func (s *Scanner) Depth() int { return len(s.open) }

// At reports whether the innermost open elements, ending with the current
// one, have the local names path: At("Lap", "TotalTimeSeconds").
func (s *Scanner) At(path ...string) bool {
	if len(path) > len(s.open) {
		return false
	}
	tail := s.open[len(s.open)-len(path):]
	for i, name := range path {
		if tail[i] != name {
			return false
		}
	}
	return true
}

// Within reports whether an element named name encloses the current one.
func (s *Scanner) Within(name string) bool {
	for i := len(s.open) - 2; i >= 0; i-- {
		if s.open[i] == name {
			return true
		}
	}
	return false
}

// Attr is the value of the current start element's attribute with local
// name local, or "".
func (s *Scanner) Attr(local string) string {
	for _, a := range s.attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// Text is the character data of the element that just closed, trimmed of
// surrounding space. It is meaningful for leaf elements only.
func (s *Scanner) Text() string {
	return string(bytes.TrimSpace(s.text))
}

// Float is the element's text as a finite number (see ParseFloat).
func (s *Scanner) Float() (float64, bool) { return ParseFloat(s.Text()) }

// Time is the element's text as a timestamp (see ParseTime).
func (s *Scanner) Time() (time.Time, bool) { return s.parseTime(s.Text()) }

// AttrTime is the attribute's value as a timestamp (see ParseTime).
func (s *Scanner) AttrTime(name string) (time.Time, bool) { return s.parseTime(s.Attr(name)) }

// parseTime parses a timestamp and notes the offset it states.
func (s *Scanner) parseTime(text string) (time.Time, bool) {
	t, ok := ParseTime(text)
	if ok && !s.hasOffset {
		s.offset, s.hasOffset = Offset(text)
	}
	return t, ok
}

// Offset is the UTC offset stated by the first timestamp read (Time,
// AttrTime) that states one: the recording's local time, which the
// timestamps themselves are normalised to UTC without.
func (s *Scanner) Offset() (time.Duration, bool) { return s.offset, s.hasOffset }

// Root is the local name of data's root element, or "" when data is not
// XML. It reads no further than the root's start tag.
func Root(data []byte) string {
	s := NewScanner(data)
	if ev, err := s.Next(); err != nil || ev != Start {
		return ""
	}
	return s.Name()
}

// ParseFloat parses a decimal number, refusing NaN and infinities, which
// strconv accepts but no recording means.
func ParseFloat(text string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// ParseTime parses an XML Schema dateTime as GPX and TCX write it. A time
// without a zone is taken as UTC, which both formats prescribe.
func ParseTime(text string) (time.Time, bool) {
	text = strings.TrimSpace(text)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, text); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// Offset is the UTC offset a timestamp states as a local time, such as
// "+01:00" in 2026-03-03T19:00:00+01:00 (ParseTime must accept the text).
// "Z" states no local time: it is how services such as Garmin Connect
// and Strava write every time, converted to UTC, whatever the runner's
// clock said; "-00:00" is RFC 3339's "offset unknown", and a time without
// a zone states none either. "+00:00" does state one: a local time that
// is UTC, as in London in winter.
func Offset(text string) (time.Duration, bool) {
	text = strings.TrimSpace(text)
	n := len(text)
	if n < 6 || (text[n-6] != '+' && text[n-6] != '-') || text[n-3] != ':' || text[n-6:] == "-00:00" {
		return 0, false
	}
	h, errH := strconv.Atoi(text[n-5 : n-3])
	m, errM := strconv.Atoi(text[n-2:])
	if errH != nil || errM != nil || h > 23 || m > 59 {
		return 0, false
	}
	off := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	if text[n-6] == '-' {
		off = -off
	}
	return off, true
}
