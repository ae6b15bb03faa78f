package ical

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/easyrun/easyrun/internal/golden"
	"github.com/easyrun/easyrun/internal/interop"
)

var (
	stamp = time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC)
	cet   = time.FixedZone("CET", 3600)
)

// plan is a week's calendar: all-day and timed events, unicode, long
// descriptions, every character TEXT escapes, and a cancelled event.
func plan() Calendar {
	return Calendar{
		Name:    "easyrun — plan, semaine 13",
		Refresh: 90 * time.Minute,
		Events: []Event{
			{
				UID: "2026-03-24-recovery@easyrun", Stamp: stamp, AllDay: true,
				Start:   time.Date(2026, 3, 24, 0, 0, 0, 0, cet),
				Summary: "Recovery run 30–40 min, below 131 bpm",
				Description: "Why: the day after Monday's intervals, a recovery run lets the hard work pay off.\n" +
					"How: conversational, RPE 3 of 10; heart rate below 131 bpm (70 % of your max HR of 187 bpm).\n" +
					"Form: upright torso, relaxed arm swing, no overstriding.\n" +
					"Lauf locker — très facile — ゆっくり走る 🏃‍♀️",
				Categories: []string{"easyrun", "recovery"},
			},
			{
				UID: "2026-03-25-intervals@easyrun", Stamp: stamp,
				Start:       time.Date(2026, 3, 25, 7, 30, 0, 0, cet),
				End:         time.Date(2026, 3, 25, 8, 40, 0, 0, cet),
				Summary:     "Intervals 6 × 800 m; warm up, cool down",
				Description: "Hard: 6 × 800 m at 165–178 bpm, 2 min jog between.\n\nSaved in C:\\runs\\plan; commas, too.",
				Categories:  []string{"easyrun", "intervals, hard", ""},
				Modified:    stamp, Sequence: 2,
			},
			{
				UID: "2026-03-28-rest@easyrun", Stamp: stamp, AllDay: true,
				Start:   time.Date(2026, 3, 28, 0, 0, 0, 0, time.UTC),
				End:     time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC),
				Summary: "Rest weekend",
			},
			{
				UID: "2026-03-26-threshold@easyrun", Stamp: stamp,
				Start:   time.Date(2026, 3, 26, 18, 30, 0, 0, cet),
				End:     time.Date(2026, 3, 26, 19, 25, 0, 0, cet),
				Summary: "Threshold 55 min", Description: "No longer in your plan.",
				Modified: stamp, Sequence: 1, Status: Cancelled,
			},
		},
	}
}

func write(t testing.TB, c Calendar) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, c); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestWriteGolden(t *testing.T) {
	out := write(t, plan())
	checkLines(t, out)
	golden.Check(t, filepath.Join("testdata", "plan.ics"), []byte(out))
}

// checkLines checks the physical lines of out: each ends in CRLF, holds
// no other line break, is valid UTF-8 and at most 75 octets long.
func checkLines(t *testing.T, out string) {
	t.Helper()
	if !strings.HasSuffix(out, "\r\n") {
		t.Errorf("output does not end in CRLF: %q", out[max(0, len(out)-10):])
	}
	for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > maxLineOctets || !utf8.ValidString(l) || strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d (%d octets) is too long, invalid UTF-8 or holds a line break: %q", i+1, len(l), l)
		}
	}
}

// unfold returns the content lines of out, undoing folding (RFC 5545
// 3.1): a line break followed by a space or tab is removed.
func unfold(out string) []string {
	out = strings.NewReplacer("\r\n ", "", "\r\n\t", "").Replace(out)
	return strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
}

// unescape undoes the escaping of a TEXT value.
func unescape(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
			if v[i] == 'n' || v[i] == 'N' {
				b.WriteByte('\n')
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// values returns the raw values of the content lines of out named name.
func values(out, name string) []string {
	var vs []string
	for _, l := range unfold(out) {
		if v, ok := strings.CutPrefix(l, name); ok && v != "" && (v[0] == ':' || v[0] == ';') {
			vs = append(vs, v)
		}
	}
	return vs
}

func TestDates(t *testing.T) {
	tests := []struct {
		name       string
		e          Event
		start, end string
	}{
		{"all day", Event{AllDay: true, Start: time.Date(2026, 3, 24, 0, 0, 0, 0, time.UTC)},
			";VALUE=DATE:20260324", ";VALUE=DATE:20260325"},
		{"all day is the local date", Event{AllDay: true, Start: time.Date(2026, 3, 24, 23, 30, 0, 0, cet)},
			";VALUE=DATE:20260324", ";VALUE=DATE:20260325"},
		{"all day across a month", Event{AllDay: true, Start: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC),
			End: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC)}, ";VALUE=DATE:20260331", ";VALUE=DATE:20260402"},
		{"timed in UTC", Event{Start: time.Date(2026, 3, 24, 17, 45, 0, 0, cet), End: time.Date(2026, 3, 24, 18, 25, 30, 0, cet)},
			":20260324T164500Z", ":20260324T172530Z"},
		{"timed to the second", Event{Start: time.Date(2026, 12, 31, 23, 0, 0, 999, time.UTC), End: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
			":20261231T230000Z", ":20270101T000000Z"},
	}
	for _, tt := range tests {
		tt.e.UID, tt.e.Stamp = "u@easyrun", stamp
		out := write(t, Calendar{Events: []Event{tt.e}})
		start, end := values(out, "DTSTART"), values(out, "DTEND")
		if len(start) != 1 || start[0] != tt.start || len(end) != 1 || end[0] != tt.end {
			t.Errorf("%s: DTSTART%q DTEND%q, want DTSTART%s DTEND%s", tt.name, start, end, tt.start, tt.end)
		}
	}
}

func TestAppendText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Easy run", "Easy run"},
		{`a\b;c,d`, `a\\b\;c\,d`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"\r\n\r\n", `\n\n`},
		{"tab\tstays, bell\a and NUL\x00 go, DEL\x7f too", `tab	stays\, bell and NUL go\, DEL too`},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"Lauf — 走る 🏃", "Lauf — 走る 🏃"},
	}
	for _, tt := range tests {
		if got := string(appendText(nil, tt.in)); got != tt.want {
			t.Errorf("appendText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name, in string
		want     []string // physical lines
	}{
		{"short", "SUMMARY:x", []string{"SUMMARY:x"}},
		{"75 octets", a(75), []string{a(75)}},
		{"76 octets", a(76), []string{a(75), " a"}},
		{"continuations hold 74", a(75 + 74 + 1), []string{a(75), " " + a(74), " a"}},
		{"é across the fold", a(74) + "éb", []string{a(74), " éb"}},
		{"é just fits", a(73) + "éb", []string{a(73) + "é", " b"}},
		{"emoji across the fold", a(73) + "🏃", []string{a(73), " 🏃"}},
		{"all multibyte", strings.Repeat("走", 30), []string{strings.Repeat("走", 25), " " + strings.Repeat("走", 5)}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		lw := &lineWriter{w: bufio.NewWriter(&buf)}
		lw.line(tt.in)
		if err := lw.w.Flush(); err != nil {
			t.Fatal(err)
		}
		if got, want := buf.String(), strings.Join(tt.want, "\r\n")+"\r\n"; got != want {
			t.Errorf("%s: got %q, want %q", tt.name, got, want)
		}
	}
}

func TestWriteInvalid(t *testing.T) {
	day := time.Date(2026, 3, 24, 0, 0, 0, 0, time.UTC)
	ok := Event{UID: "u@easyrun", Stamp: stamp, Start: day, AllDay: true}
	tests := []struct {
		name    string
		change  func(*Event)
		wantErr string
	}{
		{"no UID", func(e *Event) { e.UID = "" }, `event 3 "": no UID`},
		{"no stamp", func(e *Event) { e.Stamp = time.Time{} }, "no stamp"},
		{"negative sequence", func(e *Event) { e.Sequence = -1 }, "negative sequence -1"},
		{"timed without end", func(e *Event) { e.AllDay = false }, "not after its start"},
		{"timed ending at its start", func(e *Event) { e.AllDay, e.End = false, day.Add(time.Millisecond) }, "not after its start"},
		{"all day ending before it starts", func(e *Event) { e.End = day.AddDate(0, 0, -1) }, "not after its start"},
		{"all day ending the same day", func(e *Event) { e.End = day.Add(5 * time.Hour) }, "not after its start"},
		{"year 10000", func(e *Event) { e.Start = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "outside years 1–9999"},
		{"modified in year 0", func(e *Event) { e.Modified = time.Date(0, 6, 1, 0, 0, 0, 0, time.UTC) }, "outside years 1–9999"},
		{"unknown status", func(e *Event) { e.Status = "DELETED" }, `status "DELETED" is none of`},
	}
	for _, tt := range tests {
		bad := ok
		tt.change(&bad)
		var buf bytes.Buffer
		err := Write(&buf, Calendar{Events: []Event{ok, ok, bad}})
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
		}
		if buf.Len() > 0 {
			t.Errorf("%s: wrote %d bytes of an invalid calendar", tt.name, buf.Len())
		}
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{time.Second, "PT1S"},
		{time.Hour, "PT1H"},
		{90 * time.Minute, "PT1H30M"},
		{time.Hour + 5*time.Second, "PT1H0M5S"},
		{5*time.Minute + 1500*time.Millisecond, "PT5M1S"},
		{24 * time.Hour, "P1D"},
		{49*time.Hour + 30*time.Second, "P2DT1H0M30S"},
	}
	for _, tt := range tests {
		if got := duration(tt.d); got != tt.want {
			t.Errorf("duration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestWriteBadRefresh(t *testing.T) {
	for _, d := range []time.Duration{-time.Hour, time.Millisecond} {
		var buf bytes.Buffer
		err := Write(&buf, Calendar{Refresh: d})
		if err == nil || !strings.Contains(err.Error(), "refresh interval") || buf.Len() > 0 {
			t.Errorf("Write with refresh %v: err = %v, %d bytes written; want an error naming the refresh interval, nothing written", d, err, buf.Len())
		}
	}
}

type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	if err := Write(errWriter{}, plan()); err == nil || err.Error() != "ical: disk full" {
		t.Errorf("err = %v, want ical: disk full", err)
	}
}

// TestICalJS checks what Mozilla's ical.js, Thunderbird's parser, reads
// back from the plan.
func TestICalJS(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.ics")
	if err := os.WriteFile(path, []byte(write(t, plan())), 0o644); err != nil {
		t.Fatal(err)
	}
	type jsTime struct {
		Value  string `json:"value"`
		IsDate bool   `json:"isDate"`
		TZ     string `json:"tz"`
	}
	var got []struct {
		Version, ProdID, CalScale, Method, Name string
		Refresh, TTL                            string
		Events                                  []struct {
			UID, Summary, Description, Status string
			Start, End, Stamp                 jsTime
			LastModified                      *jsTime
			IsDate                            bool
			Categories                        []string
			Sequence                          int
		}
	}
	interop.Run(t, "ics.mjs", &got, path)
	if len(got) != 1 {
		t.Fatalf("ical.js read %d calendars, want 1", len(got))
	}
	c, want := got[0], plan()
	if c.Version != "2.0" || c.ProdID != DefaultProdID || c.CalScale != "GREGORIAN" || c.Method != "PUBLISH" || c.Name != want.Name {
		t.Errorf("calendar = %s %q %s %s %q, want 2.0 %q GREGORIAN PUBLISH %q",
			c.Version, c.ProdID, c.CalScale, c.Method, c.Name, DefaultProdID, want.Name)
	}
	if c.Refresh != "PT1H30M" || c.TTL != "PT1H30M" {
		t.Errorf("refresh interval %q, published TTL %q; want both PT1H30M", c.Refresh, c.TTL)
	}
	if len(c.Events) != len(want.Events) {
		t.Fatalf("ical.js read %d events, want %d", len(c.Events), len(want.Events))
	}
	stampUTC := jsTime{"2026-03-20T09:00:00Z", false, "UTC"}
	wantTimes := []struct{ start, end jsTime }{
		{jsTime{"2026-03-24", true, "floating"}, jsTime{"2026-03-25", true, "floating"}},
		{jsTime{"2026-03-25T06:30:00Z", false, "UTC"}, jsTime{"2026-03-25T07:40:00Z", false, "UTC"}},
		{jsTime{"2026-03-28", true, "floating"}, jsTime{"2026-03-30", true, "floating"}},
		{jsTime{"2026-03-26T17:30:00Z", false, "UTC"}, jsTime{"2026-03-26T18:25:00Z", false, "UTC"}},
	}
	for i, e := range c.Events {
		w := want.Events[i]
		if e.UID != w.UID || e.Summary != w.Summary || e.Description != w.Description {
			t.Errorf("event %d = %q %q %q, want %q %q %q", i, e.UID, e.Summary, e.Description, w.UID, w.Summary, w.Description)
		}
		if e.Start != wantTimes[i].start || e.End != wantTimes[i].end || e.IsDate != w.AllDay || e.Stamp != stampUTC {
			t.Errorf("event %d: %+v to %+v stamped %+v, want %+v to %+v stamped %+v",
				i, e.Start, e.End, e.Stamp, wantTimes[i].start, wantTimes[i].end, stampUTC)
		}
		var cats []string
		for _, cat := range w.Categories {
			if cat != "" {
				cats = append(cats, cat)
			}
		}
		if strings.Join(e.Categories, "|") != strings.Join(cats, "|") || e.Sequence != w.Sequence || e.Status != string(w.Status) {
			t.Errorf("event %d: categories %q, sequence %d, status %q; want %q, %d, %q",
				i, e.Categories, e.Sequence, e.Status, cats, w.Sequence, w.Status)
		}
		if modified := w.Modified.IsZero(); modified != (e.LastModified == nil) ||
			(e.LastModified != nil && *e.LastModified != stampUTC) {
			t.Errorf("event %d: last modified %+v, want %v", i, e.LastModified, w.Modified)
		}
	}
}

// clean is s as a TEXT value keeps it: line breaks as LF, no other
// control characters but tab, U+FFFD for each invalid byte.
func clean(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(string([]rune(s)))
	return strings.Map(func(r rune) rune {
		if r < ' ' && r != '\t' && r != '\n' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// FuzzText checks that any text comes back through unfolding and
// unescaping, and that no line is longer than 75 octets.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "Easy run", `a\b;c,d`, "one\r\ntwo\rthree\n", strings.Repeat("é🏃,", 40), "\xff\xfe\r\x00\\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		c := Calendar{Name: s, Events: []Event{{UID: s + "@fuzz", Stamp: stamp, Start: stamp, AllDay: true,
			Summary: s, Description: s, Categories: []string{s, "x"}}}}
		if err := Write(&buf, c); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		checkLines(t, out)
		want := clean(s)
		text := func(name string) string {
			vs := values(out, name)
			if len(vs) != 1 {
				t.Fatalf("%d %s lines, want 1", len(vs), name)
			}
			return unescape(strings.TrimPrefix(vs[0], ":"))
		}
		if got := text("SUMMARY"); got != want {
			t.Errorf("SUMMARY = %q, want %q", got, want)
		}
		if got := text("UID"); got != want+"@fuzz" {
			t.Errorf("UID = %q, want %q", got, want+"@fuzz")
		}
		if s == "" {
			return // no name, no description
		}
		if got := text("DESCRIPTION"); got != want {
			t.Errorf("DESCRIPTION = %q, want %q", got, want)
		}
		if got := text("X-WR-CALNAME"); got != want {
			t.Errorf("X-WR-CALNAME = %q, want %q", got, want)
		}
	})
}
