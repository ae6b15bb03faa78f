// Package activity holds easyrun's domain types: a recorded or logged
// session, its laps, its per-second streams and the data-quality flags
// attached on the way in. It does no I/O.
package activity

import (
	"errors"
	"time"
)

// Sport is what kind of activity a session was, in FIT's vocabulary
// ("running", "cycling", "walking", ...). Unknown sports keep the name
// the file gave them.
type Sport string

// The sports easyrun reasons about. Anything else is cross-training.
const (
	Running    Sport = "running"
	Walking    Sport = "walking"
	Hiking     Sport = "hiking"
	Cycling    Sport = "cycling"
	Swimming   Sport = "swimming"
	Training   Sport = "training"
	Transition Sport = "transition"
	Generic    Sport = "generic"
	Unknown    Sport = ""
)

// Format names where an activity's data came from.
type Format string

// The formats easyrun reads, and the manual entry of a device-free run.
const (
	FIT    Format = "fit"
	GPX    Format = "gpx"
	TCX    Format = "tcx"
	Manual Format = "manual"
)

// Activity is one session: a run, a ride, a walk, or a run logged by hand.
// Times are UTC; LocalOffset says how far the runner's clock was from UTC
// when the file tells (HasLocalOffset).
type Activity struct {
	Sport    Sport
	SubSport string // FIT's words: "treadmill", "trail", "track"; empty when not given
	// SportTagged says the runner set Sport (easyrun tag), correcting what
	// the file stated or easyrun inferred: a later recording keeps it.
	SportTagged bool
	// Race says the runner marked the session as a race: it is one,
	// whatever its heart rate.
	Race bool
	Name string // from the file or the export, if any

	Start          time.Time     // UTC, first sample or session start
	LocalOffset    time.Duration // local time = Start + LocalOffset
	HasLocalOffset bool

	Elapsed time.Duration // wall-clock time from start to end
	Moving  time.Duration // timer time, pauses and auto-pause removed

	DistanceM    float64 // metres; 0 when unknown
	AvgHeartRate float64 // bpm over recorded samples; 0 when none
	MaxHeartRate float64 // bpm; 0 when none
	AscentM      float64 // metres climbed; 0 when unknown

	RPE   int    // session RPE 1-10 (Foster CR-10); 0 when not given
	Notes string // free text from the runner

	Device Device
	Source Format
	Laps   []Lap

	// Streams holds per-second samples on a regular 1 s grid from Start.
	Streams Streams

	// Flags records what was noticed about the data on the way in.
	Flags Flags
}

// LocalStart is the start in the runner's local time when known, else UTC.
func (a *Activity) LocalStart() time.Time {
	if !a.HasLocalOffset {
		return a.Start
	}
	return a.Start.In(time.FixedZone("", int(a.LocalOffset/time.Second)))
}

// LocalStartIn is the start in the runner's local time: at the offset
// the file recorded when it did, else in loc, the runner's time zone.
func (a *Activity) LocalStartIn(loc *time.Location) time.Time {
	if !a.HasLocalOffset {
		return a.Start.In(loc)
	}
	return a.LocalStart()
}

// OtherClock says whether t's clock (its offset) differs from zone's at
// that instant, zone being the runner's of origin: a run recorded abroad.
// A zone detected from the watch is the watch's own clock, and an
// unresolved one ("") has nothing to compare with: never another clock.
func OtherClock(t time.Time, zone *time.Location, origin Origin) bool {
	if origin == Detected || origin == "" {
		return false
	}
	_, offset := t.Zone()
	_, at := t.In(zone).Zone()
	return offset != at
}

// End is Start plus Elapsed.
func (a *Activity) End() time.Time { return a.Start.Add(a.Elapsed) }

// Device names the recording device, as far as the file says.
type Device struct {
	Maker   string // "garmin", "coros", "strava", ...
	Product string // model name or number
	Serial  string
}

// Lap is one lap or split of a session.
type Lap struct {
	Start        time.Time
	Elapsed      time.Duration
	Moving       time.Duration
	DistanceM    float64
	AvgHeartRate float64
	MaxHeartRate float64
	// Intensity is the lap's role in a structured workout when the device
	// says so: "active", "rest", "warmup", "cooldown"; empty otherwise.
	Intensity string
	Trigger   string // "manual", "distance", "time", ... when known
}

// ErrNotActivity is wrapped by decoders for a valid file that holds no
// activity (settings, monitoring, sleep, course, workout), with the reason.
var ErrNotActivity = errors.New("not an activity")
