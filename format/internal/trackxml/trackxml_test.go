package trackxml

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// names scans doc and returns the text of every <name>.
func names(t *testing.T, doc string) []string {
	t.Helper()
	s := NewScanner([]byte(doc))
	var got []string
	for {
		ev, err := s.Next()
		if errors.Is(err, io.EOF) {
			return got
		}
		if err != nil {
			t.Fatal(err)
		}
		if ev == End && s.Name() == "name" {
			got = append(got, s.Text())
		}
	}
}

func TestScannerCharsets(t *testing.T) {
	tests := []struct {
		label string
		bytes string // the name as the file holds it
		want  string
	}{
		{"ISO-8859-1", "Caf\xe9", "Café"},
		{"latin1", "Caf\xe9", "Café"},
		{"windows-1252", "Caf\xe9 \x80", "Café €"},
		{"cp1252", "Caf\xe9 \x80", "Café €"},
		{"ascii", "Caf\xe9", "Café"}, // browsers read it as windows-1252, so do we
		{"utf8", "Café", "Café"},
		{"UTF-8", "Café", "Café"},
		{"Shift_JIS", "\x93\x8c\x8b\x9e", "東京"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			got := names(t, `<?xml version="1.0" encoding="`+tt.label+`"?><gpx><name>`+tt.bytes+`</name></gpx>`)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("names %q, want [%q]", got, tt.want)
			}
		})
	}
}

func TestScannerPaths(t *testing.T) {
	doc := "\ufeff \n<?xml version=\"1.0\"?>\n<!-- c -->\n" +
		`<a:root xmlns:a="urn:a" xmlns:b="urn:b" k="v"><b:mid><leaf> 7.5 </leaf></b:mid><leaf>x</leaf></a:root>` +
		"trailing bytes after the root are not read"
	s := NewScanner([]byte(doc))
	var log []string
	for {
		ev, err := s.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case ev == Start && s.Depth() == 1:
			if s.Name() != "root" || s.Attr("k") != "v" || s.Attr("missing") != "" {
				t.Errorf("root %q, k=%q", s.Name(), s.Attr("k"))
			}
		case ev == End && s.At("mid", "leaf"):
			if v, ok := s.Float(); !ok || v != 7.5 || !s.Within("root") || s.Within("leaf") {
				t.Errorf("leaf in mid: %v %v, within root %v", v, ok, s.Within("root"))
			}
			log = append(log, "mid/leaf")
		case ev == End && s.At("root", "leaf"):
			log = append(log, "root/leaf="+s.Text())
		}
	}
	if len(log) != 2 || log[0] != "mid/leaf" || log[1] != "root/leaf=x" {
		t.Errorf("events %q", log)
	}
	if got := Root([]byte(doc)); got != "root" {
		t.Errorf("Root = %q", got)
	}
}

func TestScannerErrors(t *testing.T) {
	tests := []struct {
		doc  string
		want string
	}{
		{"<a>\n<b>\n</a>", "bad XML at line 3: element <b> closed by </a>"},
		{"<a>\n&bogus;</a>", "bad XML at line 2: invalid character entity &bogus;"},
		{`<?xml version="1.0" encoding="klingon"?><a/>`, `bad XML: xml: opening charset "klingon": unsupported charset "klingon"`},
		{"<a><b>", "bad XML at line 1: unexpected EOF"},
		{strings.Repeat("<a>\n", MaxDepth) + "<b/>", "bad XML at line 101: elements nested deeper than the limit of 100"},
	}
	for _, tt := range tests {
		s := NewScanner([]byte(tt.doc))
		var err error
		for err == nil {
			_, err = s.Next()
		}
		if err.Error() != tt.want {
			t.Errorf("%q: err %q, want %q", tt.doc, err, tt.want)
		}
	}
	if got := names(t, "<a>&nbsp;<name>A&nbsp;B</name></a>"); len(got) != 1 || got[0] != "A\u00a0B" {
		t.Errorf("HTML entity: %q", got)
	}
}

func TestParseTime(t *testing.T) {
	utc := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2024-05-01T10:00:00Z", utc, true},
		{" 2024-05-01T10:00:00.250Z\n", utc.Add(250 * time.Millisecond), true},
		{"2024-05-01T12:00:00+02:00", utc, true},
		{"2024-05-01T10:00:00", utc, true}, // no zone: UTC
		{"2025-04-22T19:23:27.586350", time.Date(2025, 4, 22, 19, 23, 27, 586350000, time.UTC), true},
		{"yesterday", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseTime(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("ParseTime(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestOffset(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2026-03-03T18:00:00+01:00", time.Hour, true},
		{" 2026-03-03T18:00:00.250-05:30\n", -5*time.Hour - 30*time.Minute, true},
		{"2026-03-03T18:00:00+00:00", 0, true},  // a local time that is UTC
		{"2026-03-03T18:00:00Z", 0, false},      // converted to UTC: no local time
		{"2026-03-03T18:00:00-00:00", 0, false}, // RFC 3339: offset unknown
		{"2026-03-03T18:00:00", 0, false},
		{"2026-03-03T18:00:00+25:00", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		if got, ok := Offset(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("Offset(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseFloat(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12.5", 12.5, true},
		{" -3 ", -3, true},
		{"1e3", 1000, true},
		{"NaN", 0, false},
		{"Inf", 0, false},
		{"1e999", 0, false},
		{"12,5", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		if got, ok := ParseFloat(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("ParseFloat(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSeconds(t *testing.T) {
	tests := []struct {
		in   float64
		want time.Duration
		ok   bool
	}{
		{1992.78, 1992780 * time.Millisecond, true},
		{0, 0, true},
		{-1, 0, false},
		{MaxSpan.Seconds() + 1, 0, false},
	}
	for _, tt := range tests {
		if got, ok := Seconds(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("Seconds(%v) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDevice(t *testing.T) {
	tests := []struct {
		creator string
		want    activity.Device
	}{
		{"StravaGPX Android", activity.Device{Maker: "strava", Product: "StravaGPX Android"}},
		{"Garmin Connect", activity.Device{Maker: "garmin", Product: "Garmin Connect"}},
		{"Forerunner 910XT", activity.Device{Maker: "garmin", Product: "Forerunner 910XT"}},
		{"vívoactive HR", activity.Device{Maker: "garmin", Product: "vívoactive HR"}},
		{"eTrex 10", activity.Device{Maker: "garmin", Product: "eTrex 10"}},
		{"Runkeeper - http://www.runkeeper.com", activity.Device{Maker: "runkeeper", Product: "Runkeeper"}},
		{"GPSBabel - http://www.gpsbabel.org", activity.Device{Product: "GPSBabel"}},
		{"Knowledge Base Exporter", activity.Device{Product: "Knowledge Base Exporter"}}, // "edge" inside a word is not Garmin's Edge
		{"", activity.Device{}},
	}
	for _, tt := range tests {
		if got := Device(tt.creator); got != tt.want {
			t.Errorf("Device(%q) = %+v, want %+v", tt.creator, got, tt.want)
		}
	}
}

func TestTrack(t *testing.T) {
	t0 := time.Date(2024, 5, 1, 10, 0, 0, 500e6, time.UTC)
	at := func(sec int, hr float64) activity.Sample {
		s := activity.NewSample(t0.Add(time.Duration(sec) * time.Second))
		s.HeartRate = hr
		return s
	}
	var tr Track
	for _, s := range []activity.Sample{at(0, 100), activity.NewSample(time.Time{}), at(2, 120), at(1, 999), at(4, 140)} {
		tr.Add(s)
	}
	if len(tr.Samples()) != 3 || tr.Untimed() != 1 || tr.Span() != 4*time.Second {
		t.Fatalf("kept %d, untimed %d, span %v", len(tr.Samples()), tr.Untimed(), tr.Span())
	}
	var a activity.Activity
	if err := tr.Finish(&a, activity.Bounds{}.Budget()); err != nil {
		t.Fatal(err)
	}
	if !a.Start.Equal(t0.Truncate(time.Second)) || !a.Flags.Has(activity.NoTimestamps) || !a.Flags.Has(activity.ClockJump) {
		t.Errorf("start %v, flags %v", a.Start, a.Flags)
	}
	if hr := a.Streams.HeartRate; len(hr) != 5 || hr[2] == 999 {
		t.Errorf("heart rate %v", hr)
	}

	a = activity.Activity{Moving: MaxSpan + time.Second}
	if err := tr.Finish(&a, activity.Bounds{}.Budget()); err == nil {
		t.Error("a timer time beyond MaxSpan was accepted")
	}
}
