package training

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

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
// times in loc. Each session's UID is its athlete, day and slot, so that
// importing a changed plan again updates its events rather than adding
// copies; stamp is when the feed was made, and marks the events modified.
func Calendar(w io.Writer, athlete store.AthleteID, p *plan.Plan, loc *time.Location, stamp time.Time) error {
	c := ical.Calendar{Name: "easyrun plan"}
	for _, wk := range p.Weeks {
		for _, s := range wk.Sessions {
			day := s.Date.Time()
			e := ical.Event{
				UID:         fmt.Sprintf("%s-%s.athlete-%d@easyrun", s.Date, s.Slot, athlete),
				Stamp:       stamp,
				Modified:    stamp,
				Start:       day,
				AllDay:      true,
				Summary:     s.Title(),
				Description: strings.Join(s.Targets(), "\n"),
				Categories:  []string{string(s.Kind)},
			}
			if s.Hard {
				e.Categories = append(e.Categories, "hard")
			}
			if at, ok := slotStart[s.Slot]; ok && s.Duration > 0 {
				e.AllDay = false
				e.Start = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc).Add(at)
				e.End = e.Start.Add(s.Duration)
			}
			c.Events = append(c.Events, e)
		}
	}
	if err := ical.Write(w, c); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
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
// it appears among the watch's workouts.
func Workouts(p *plan.Plan, created time.Time) ([]Workout, error) {
	var out []Workout
	for _, wk := range p.Weeks {
		for _, s := range wk.Sessions {
			if len(s.Workout.Steps) == 0 {
				continue
			}
			var b bytes.Buffer
			if err := fit.EncodeWorkout(&b, s.Workout, created); err != nil {
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
