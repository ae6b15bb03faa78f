// Package ical writes calendars in the iCalendar format (RFC 5545), so
// that a runner's plan shows in any calendar app and, imported again
// after a change, updates the events it showed before.
package ical

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"
)

// DefaultProdID names easyrun as the program that wrote a calendar.
const DefaultProdID = "-//easyrun//easyrun//EN"

// Calendar is a published calendar: a name and its events.
type Calendar struct {
	// Name is what calendar apps call the calendar (X-WR-CALNAME).
	Name string
	// ProdID names the program that wrote it (PRODID); empty is
	// DefaultProdID.
	ProdID string
	// Refresh is how often a calendar app that subscribed to the calendar
	// should fetch it again (REFRESH-INTERVAL of RFC 7986, and
	// X-PUBLISHED-TTL, which Apple's and Microsoft's apps read instead);
	// zero leaves both out. It is written in whole seconds.
	Refresh time.Duration
	Events  []Event
}

// Event is one entry of a calendar (VEVENT).
type Event struct {
	// UID identifies the event across exports, so that importing it
	// again updates it instead of adding a copy; it must be globally
	// unique, such as "2026-03-24-recovery@easyrun.example".
	UID string
	// Stamp is when this version of the event was written (DTSTAMP).
	Stamp time.Time
	// Start and End bound the event, End excluded. For an all-day event
	// they are dates: their year, month and day where they are, and a
	// zero End is the day after Start. Otherwise they are instants,
	// written in UTC to the second, and End must follow Start.
	Start, End time.Time
	AllDay     bool
	Summary    string
	// Description is the event's text; it may span lines.
	Description string
	Categories  []string
	// Modified is when the event last changed (LAST-MODIFIED); zero
	// leaves it out.
	Modified time.Time
	// Sequence counts the event's revisions (SEQUENCE): raising it on
	// every change makes calendars replace what they hold.
	Sequence int
	// Status is the event's state (STATUS); empty leaves it out.
	Status Status
}

// Status is the state of an event (RFC 5545 3.8.1.11).
type Status string

// The states of an event. A calendar that imports a Cancelled event with a
// higher Sequence than the one it holds drops it or strikes it through.
const (
	Tentative Status = "TENTATIVE"
	Confirmed Status = "CONFIRMED"
	Cancelled Status = "CANCELLED"
)

// Write writes c to w as an iCalendar file: CRLF line endings, lines
// folded at 75 octets between characters, text escaped. Text loses only
// what iCalendar cannot hold: control characters other than tab and line
// breaks, and invalid UTF-8 becomes U+FFFD. An event without a UID or
// stamp, with dates outside years 1–9999, an end not after its start, a
// negative sequence or an unknown status is an error, and nothing is
// written; so is a refresh interval that is negative or under a second.
func Write(w io.Writer, c Calendar) error {
	if c.Refresh < 0 || (c.Refresh > 0 && c.Refresh < time.Second) {
		return fmt.Errorf("ical: refresh interval %v: want zero or at least a second", c.Refresh)
	}
	for i, e := range c.Events {
		if err := e.check(); err != nil {
			return fmt.Errorf("ical: event %d %q: %w", i+1, e.UID, err)
		}
	}
	prodID := c.ProdID
	if prodID == "" {
		prodID = DefaultProdID
	}
	lw := &lineWriter{w: bufio.NewWriter(w)}
	lw.line("BEGIN:VCALENDAR")
	lw.line("VERSION:2.0")
	lw.text("PRODID", prodID)
	lw.line("CALSCALE:GREGORIAN")
	lw.line("METHOD:PUBLISH")
	if c.Name != "" {
		lw.text("X-WR-CALNAME", c.Name)
	}
	if c.Refresh > 0 {
		d := duration(c.Refresh)
		lw.line("REFRESH-INTERVAL;VALUE=DURATION:" + d)
		lw.line("X-PUBLISHED-TTL:" + d)
	}
	for _, e := range c.Events {
		e.write(lw)
	}
	lw.line("END:VCALENDAR")
	if err := lw.w.Flush(); err != nil {
		return fmt.Errorf("ical: %w", err)
	}
	return nil
}

// check reports why e cannot be written, if it cannot.
func (e *Event) check() error {
	start, end := e.bounds()
	switch {
	case e.UID == "":
		return errors.New("no UID")
	case e.Stamp.IsZero():
		return errors.New("no stamp (DTSTAMP)")
	case e.Sequence < 0:
		return fmt.Errorf("negative sequence %d", e.Sequence)
	case e.Status != "" && e.Status != Tentative && e.Status != Confirmed && e.Status != Cancelled:
		return fmt.Errorf("status %q is none of TENTATIVE, CONFIRMED, CANCELLED", e.Status)
	case !end.After(start):
		return fmt.Errorf("ends at %v, not after its start %v", end, start)
	}
	for _, t := range []time.Time{e.Stamp, start, end, e.Modified} {
		if y := t.UTC().Year(); y < 1 || y > 9999 { // four digits
			return fmt.Errorf("date %v outside years 1–9999", t)
		}
	}
	return nil
}

// bounds are e's start and end as written: whole days for an all-day
// event, seconds otherwise.
func (e *Event) bounds() (start, end time.Time) {
	if !e.AllDay {
		return e.Start.Truncate(time.Second), e.End.Truncate(time.Second)
	}
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	start = day(e.Start)
	if e.End.IsZero() {
		return start, start.AddDate(0, 0, 1)
	}
	return start, day(e.End)
}

func (e *Event) write(lw *lineWriter) {
	lw.line("BEGIN:VEVENT")
	lw.text("UID", e.UID)
	lw.line("DTSTAMP:" + utc(e.Stamp))
	start, end := e.bounds()
	if e.AllDay {
		lw.line("DTSTART;VALUE=DATE:" + start.Format("20060102"))
		lw.line("DTEND;VALUE=DATE:" + end.Format("20060102"))
	} else {
		lw.line("DTSTART:" + utc(start))
		lw.line("DTEND:" + utc(end))
	}
	lw.text("SUMMARY", e.Summary)
	if e.Description != "" {
		lw.text("DESCRIPTION", e.Description)
	}
	var cats []byte
	for _, c := range e.Categories {
		if c == "" {
			continue
		}
		if len(cats) > 0 {
			cats = append(cats, ',')
		}
		cats = appendText(cats, c)
	}
	if len(cats) > 0 {
		lw.line("CATEGORIES:" + string(cats))
	}
	if !e.Modified.IsZero() {
		lw.line("LAST-MODIFIED:" + utc(e.Modified))
	}
	if e.Sequence > 0 {
		lw.line("SEQUENCE:" + strconv.Itoa(e.Sequence))
	}
	if e.Status != "" {
		lw.line("STATUS:" + string(e.Status))
	}
	lw.line("END:VEVENT")
}

// utc is t as an iCalendar date-time in UTC.
func utc(t time.Time) string {
	return t.UTC().Format("20060102T150405Z")
}

// duration is d, at least a second, as an iCalendar DURATION (RFC 5545
// 3.3.6) in whole seconds: days, then hours, minutes and seconds, such as
// "P1D", "PT1H30M" or "PT1H0M5S", since a unit may only follow the one
// before it.
func duration(d time.Duration) string {
	secs := int64(d / time.Second)
	days, secs := secs/86400, secs%86400
	b := []byte("P")
	if days > 0 {
		b = append(strconv.AppendInt(b, days, 10), 'D')
	}
	if secs == 0 {
		return string(b)
	}
	b = append(b, 'T')
	h, m, s := secs/3600, secs/60%60, secs%60
	if h > 0 {
		b = append(strconv.AppendInt(b, h, 10), 'H')
	}
	if m > 0 || (h > 0 && s > 0) {
		b = append(strconv.AppendInt(b, m, 10), 'M')
	}
	if s > 0 {
		b = append(strconv.AppendInt(b, s, 10), 'S')
	}
	return string(b)
}

// appendText appends s to b escaped as an iCalendar TEXT value (RFC 5545
// 3.3.11): a backslash before backslashes, semicolons and commas, \n for
// a line break (CRLF, CR or LF). Other control characters, which TEXT
// cannot hold, are dropped; invalid UTF-8 becomes U+FFFD.
func appendText(b []byte, s string) []byte {
	for i, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b = append(b, '\\', byte(r))
		case r == '\n':
			if i > 0 && s[i-1] == '\r' {
				continue // the CR wrote the break
			}
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'n')
		case r == '\t' || (r >= ' ' && r != 0x7f):
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// maxLineOctets is the longest a line may be, without its CRLF (RFC 5545
// 3.1).
const maxLineOctets = 75

// lineWriter writes content lines, folded.
type lineWriter struct {
	w *bufio.Writer // keeps the first write error for Flush to report
}

// text writes the property name with the TEXT value v.
func (lw *lineWriter) text(name, v string) {
	lw.line(string(appendText([]byte(name+":"), v)))
}

// line writes one content line, folding it into lines of at most
// maxLineOctets octets, the continuations starting with a space, and
// never inside a character.
func (lw *lineWriter) line(s string) {
	limit := maxLineOctets
	for len(s) > limit {
		cut := limit
		for !utf8.RuneStart(s[cut]) {
			cut--
		}
		lw.w.WriteString(s[:cut])
		lw.w.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLineOctets - 1 // after the space
	}
	lw.w.WriteString(s)
	lw.w.WriteString("\r\n")
}
