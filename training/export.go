package training

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/format/fit"
	"github.com/easyrun/easyrun/format/ical"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
)

// Where a slot puts a session on the calendar, in the runner's time: a
// session for any time of day is an all-day event.
var slotStart = map[plan.Slot]time.Duration{
	plan.Morning: 7 * time.Hour,
	plan.Evening: 18*time.Hour + 30*time.Minute,
}

// Calendar writes p as an iCalendar feed (RFC 5545) for athlete, with
// times in loc. Each session's UID is its athlete, day and slot, and its
// SEQUENCE the session's revision, so that importing a changed plan again
// updates its events rather than adding copies; the sessions earlier
// plans held and p does not come as cancelled events, so that they go
// too. stamp is when the feed was made, and marks the events modified:
// the same plan and stamp give the same bytes.
func Calendar(w io.Writer, athlete store.AthleteID, p *plan.Plan, loc *time.Location, stamp time.Time) error {
	return writeCalendar(w, calendar(athlete, p, loc, stamp))
}

// calendar is the iCalendar of Calendar.
func calendar(athlete store.AthleteID, p *plan.Plan, loc *time.Location, stamp time.Time) ical.Calendar {
	c := ical.Calendar{Name: "easyrun plan"}
	for _, wk := range p.Weeks {
		for _, s := range wk.Sessions {
			e := event(athlete, s.Date, s.Slot, s.Duration, loc, stamp)
			e.Sequence = s.Revision
			e.Summary = s.Title()
			e.Description = strings.Join(s.Targets(), "\n")
			e.Categories = []string{string(s.Kind)}
			if s.Hard {
				e.Categories = append(e.Categories, "hard")
			}
			c.Events = append(c.Events, e)
		}
	}
	for _, x := range p.Cancelled {
		e := event(athlete, x.Date, x.Slot, x.Duration, loc, stamp)
		e.Sequence, e.Status = x.Revision, ical.Cancelled
		e.Summary = x.Title
		e.Description = "No longer in your easyrun plan."
		c.Events = append(c.Events, e)
	}
	return c
}

func writeCalendar(w io.Writer, c ical.Calendar) error {
	if err := ical.Write(w, c); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}

// event is the calendar event of the session of athlete on date in slot,
// lasting dur, stamped stamp: timed from the slot's start in loc when it
// has one, else all day.
func event(athlete store.AthleteID, date plan.Date, slot plan.Slot, dur time.Duration, loc *time.Location, stamp time.Time) ical.Event {
	day := date.Time()
	e := ical.Event{
		UID:      fmt.Sprintf("%s-%s.athlete-%d@easyrun", date, slot, athlete),
		Stamp:    stamp,
		Modified: stamp,
		Start:    day,
		AllDay:   true,
	}
	if at, ok := slotStart[slot]; ok && dur > 0 {
		e.AllDay = false
		e.Start = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc).Add(at)
		e.End = e.Start.Add(dur)
	}
	return e
}

// Workout is one FIT workout file of a plan.
type Workout struct {
	// Name is the file's name: the day, the slot when there is one, and
	// the kind, such as "2026-11-24-morning-intervals.fit".
	Name string
	Data []byte
}

// Workouts writes every session of p that is a run as a FIT workout file
// a watch can load: copied into a Garmin watch's GARMIN/NewFiles folder,
// it appears among the watch's workouts, named by watchName.
func Workouts(p *plan.Plan, created time.Time) ([]Workout, error) {
	var out []Workout
	for _, wk := range p.Weeks {
		for _, s := range wk.Sessions {
			if len(s.Workout.Steps) == 0 {
				continue
			}
			wk := s.Workout
			wk.Name = watchName(s)
			var b bytes.Buffer
			if err := fit.EncodeWorkout(&b, wk, created); err != nil {
				return nil, fmt.Errorf("workout of %s: %w", s.Date, err)
			}
			name := fmt.Sprintf("%s-%s-%s.fit", s.Date, s.Slot, s.Kind)
			if s.Slot == plan.Any {
				name = fmt.Sprintf("%s-%s.fit", s.Date, s.Kind)
			}
			out = append(out, Workout{Name: name, Data: b.Bytes()})
		}
	}
	return out, nil
}

// watchName is the name of s's workout on a watch: the day first, since
// a watch lists workouts by name and cuts long ones, then what it is:
// intervals by their repeats, other runs by the session's title without
// its heart rate, which the steps carry. "Tue 8 Dec intervals 6×3 min",
// "Sat 12 Dec long run 1 h 45 min": far within FIT's MaxStringBytes.
func watchName(s plan.Session) string {
	day := s.Date.Time().Format("Mon 2 Jan")
	for _, b := range s.Workout.Steps {
		if b.Repeat > 0 && len(b.Steps) > 0 {
			return day + " " + string(s.Kind) + " " + repeats(b)
		}
	}
	s.HR = plan.HR{}
	title := s.Title()
	return day + " " + strings.ToLower(title[:1]) + title[1:]
}

// repeats is a repeat block by its count and the length of its first
// step: "6×3 min", "8×90 s", "5×800 m".
func repeats(b activity.Step) string {
	work := b.Steps[0]
	switch {
	case work.Duration > 0 && work.Duration%time.Minute == 0:
		return fmt.Sprintf("%d×%d min", b.Repeat, work.Duration/time.Minute)
	case work.Duration > 0:
		return fmt.Sprintf("%d×%d s", b.Repeat, int(work.Duration.Round(time.Second).Seconds()))
	case work.DistanceM > 0:
		return fmt.Sprintf("%d×%.0f m", b.Repeat, work.DistanceM)
	}
	return fmt.Sprintf("%d×", b.Repeat)
}
