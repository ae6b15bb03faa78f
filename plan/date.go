package plan

import (
	"fmt"
	"time"
)

// dateLayout is how a Date is written: the runner's local calendar day.
const dateLayout = "2006-01-02"

// Date is a civil calendar day in the runner's time zone, with no time of
// day. It is written as "2006-01-02" in JSON and text. The zero Date is
// no date at all.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a date written "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time is the start of d in UTC, for date arithmetic.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays is the date n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DaysSince is how many days d comes after e; negative when before.
func (d Date) DaysSince(e Date) int { return int(d.Time().Sub(e.Time()).Hours()/24 + 0.5) }

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Monday is the Monday of d's week: weeks run Monday to Sunday.
func (d Date) Monday() Date { return d.AddDays(-weekIndex(d.Weekday())) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int { return d.Time().Compare(e.Time()) }

// String is d written "2006-01-02"; empty for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(dateLayout)
}

// MarshalText writes d as "2006-01-02".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a date written "2006-01-02"; empty is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// weekIndex is the position of w in a Monday-first week: Monday 0, Sunday 6.
func weekIndex(w time.Weekday) int { return (int(w) + 6) % 7 }

// dayName is a date for a sentence: "Tue 3 Mar".
func (d Date) dayName() string { return d.Time().Format("Mon 2 Jan") }
