package training

import (
	"context"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// Zone is the runner's time zone as used: the zone every page and
// command shows times in, the local day of a run whose file states no
// offset, and "today".
type Zone struct {
	Location *time.Location
	// Name is the IANA name, or a fixed offset ("UTC+01:00").
	Name string
	// Origin is SetByRunner, Detected (from their watch) or DefaultValue
	// (the server's zone); Detail says it in words.
	Origin activity.Origin
	Detail string
}

// LoadZone checks the IANA time zone name the runner sets (the profile's
// time_zone) and loads it.
func LoadZone(name string) (*time.Location, error) {
	// LoadLocation takes "" and "Local" for UTC and the server's zone: not
	// a runner's.
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("time zone %q: want an IANA time zone name such as Europe/Berlin", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: not a known IANA time zone name; want e.g. Europe/Berlin or America/New_York", name)
	}
	return loc, nil
}

// Zone resolves the runner's time zone: the one they set; else the one
// their watch records, the offset of their latest activity whose file
// states one, as a fixed offset; else the server's zone (time.Local).
// Service.Location overrides them all.
//
// With a Cache, the last one resolved is kept as Advice is: a server
// resolves it on every request, and its Location, the same pointer while
// kept, is what the cached Advice is kept for.
func (s *Service) Zone(ctx context.Context) (Zone, error) {
	resolve := func() (Zone, error) {
		set, err := s.Store.Athlete(ctx, s.Athlete)
		if err != nil {
			return Zone{}, err
		}
		return s.zone(ctx, set)
	}
	z, err := Keep(s.Cache, "zone", s.Athlete, s.Location, s.now(), resolve)
	if err != nil {
		return Zone{}, err
	}
	s.resolved = &z
	return z, nil
}

// Local is the runner's time zone as Zone last resolved it: a server
// resolves it once per request, a command once, as a service serves one.
// Before that it is Location, else the server's zone.
func (s *Service) Local() *time.Location {
	switch {
	case s.resolved != nil:
		return s.resolved.Location
	case s.Location != nil:
		return s.Location
	}
	return time.Local
}

// Resolved is the runner's time zone as Zone last resolved it; before
// that, Local's zone.
func (s *Service) Resolved() Zone {
	if s.resolved != nil {
		return *s.resolved
	}
	loc := s.Local()
	return Zone{Location: loc, Name: loc.String(), Origin: activity.DefaultValue}
}

func (s *Service) zone(ctx context.Context, set activity.Athlete) (Zone, error) {
	if s.Location != nil {
		name := s.Location.String()
		if name == "" { // an unnamed fixed offset: say which
			name = s.now().In(s.Location).Format("UTC-07:00")
		}
		return Zone{Location: s.Location, Name: name, Origin: activity.DefaultValue,
			Detail: "fixed for this server or command"}, nil
	}
	if set.TimeZone != "" {
		loc, err := LoadZone(set.TimeZone)
		if err != nil {
			return Zone{}, err
		}
		return Zone{Location: loc, Name: set.TimeZone, Origin: activity.SetByRunner, Detail: "set by you"}, nil
	}
	recs, err := s.Store.Activities(ctx, s.Athlete, store.Filter{LocalOffset: true, Limit: 1})
	if err != nil {
		return Zone{}, fmt.Errorf("detect time zone: %w", err)
	}
	if len(recs) > 0 {
		a := &recs[0].Activity
		name := a.LocalStart().Format("UTC-07:00")
		return Zone{Location: time.FixedZone(name, int(a.LocalOffset/time.Second)), Name: name, Origin: activity.Detected,
			Detail: fmt.Sprintf("detected from your watch: the offset your run of %s recorded (a fixed offset, "+
				"so summer time is not followed: set your time zone to follow it)", a.LocalStart().Format("2006-01-02 15:04"))}, nil
	}
	return Zone{Location: time.Local, Name: time.Local.String(), Origin: activity.DefaultValue,
		Detail: "the server's time zone: no file of yours records one yet"}, nil
}

// TimeSource says where an activity's local time comes from.
type TimeSource string

// Time sources.
const (
	// FromFile: the offset the file recorded.
	FromFile TimeSource = "file"
	// FromZone: the file gave none; the runner's time zone.
	FromZone TimeSource = "time_zone"
)

// LocalStart is when a started on the clock where it was run — the
// offset its file recorded, else loc, the runner's time zone — and where
// that comes from. The audit's calendar days follow this clock (a run
// abroad belongs to the day the runner lived it); data for programs (the
// JSON of the API and the CLI) carries it with its offset.
func LocalStart(a *activity.Activity, loc *time.Location) (time.Time, TimeSource) {
	src := FromZone
	if a.HasLocalOffset {
		src = FromFile
	}
	return a.LocalStartIn(loc), src
}

// Start is when a started in the runner's time zone: every page and
// command shows runs in this one zone. A zone detected from the watch is
// the watch's clock, so a run whose file recorded its offset is shown on
// it (summer time included).
func (z Zone) Start(a *activity.Activity) time.Time {
	if z.Origin == activity.Detected && a.HasLocalOffset {
		return a.LocalStart()
	}
	return a.Start.In(z.Location)
}

// Elsewhere is when a started on the clock its file recorded, when that
// clock differed from the zone the runner set (activity.OtherClock): a
// run abroad. Pages add it beside Start.
func (z Zone) Elsewhere(a *activity.Activity) (time.Time, bool) {
	if !a.HasLocalOffset || !activity.OtherClock(a.LocalStart(), z.Location, z.Origin) {
		return time.Time{}, false
	}
	return a.LocalStart(), true
}

// StartNote says in words which zone a's start is shown in and, for a
// run recorded on another clock, its local time there.
func (z Zone) StartNote(a *activity.Activity) string {
	if !a.HasLocalOffset {
		return "the file gives no local time: in your time zone, " + z.String()
	}
	if local, ok := z.Elsewhere(a); ok {
		return fmt.Sprintf("in your time zone, %s; %s where it was recorded (the day the recovery audit counts)",
			z, ElsewhereNote(local))
	}
	if z.Origin == activity.Detected {
		return "as your watch recorded it, " + a.LocalStart().Format("UTC-07:00")
	}
	return "in your time zone, " + z.String()
}

// ElsewhereNote is a start from Elsewhere in short words: "Tue 3 Mar
// 07:30 local time, UTC+09:00".
func ElsewhereNote(local time.Time) string {
	return local.Format("Mon 2 Jan 15:04") + " local time, " + local.Format("UTC-07:00")
}

// Times says in a sentence which zone times are shown in.
func (z Zone) Times() string {
	if z.Origin == activity.Detected {
		return "Times as your watch recorded them (lately " + z.Name + "); set your time zone to choose one."
	}
	return "Times in your time zone, " + z.String() + "."
}

// String is the zone's name and, briefly, where it came from.
func (z Zone) String() string {
	switch z.Origin {
	case activity.SetByRunner:
		return z.Name + " (set by you)"
	case activity.Detected:
		return z.Name + " (detected from your watch)"
	}
	return z.Name + " (the server's)"
}
