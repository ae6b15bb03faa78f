package recovery

import (
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/rules"
)

// Session is what the audit needs of one stored activity and its
// analysis: no streams, so a runner's whole history fits in memory.
type Session struct {
	ID int64 `json:"id"`
	// Start and End are in the runner's local time: at the offset the
	// file gave (Activity.LocalStartIn), else in the runner's time zone.
	// Each session's own calendar day and time of day come from them.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// DurationS is the time judged: timer time when known.
	DurationS int     `json:"duration_s"`
	DistanceM float64 `json:"distance_m,omitempty"`

	Sport    activity.Sport `json:"sport"`
	SubSport string         `json:"sub_sport,omitempty"`
	// Run is false for walks, rides and other cross-training, and for
	// recordings too short to be a run: rest for running, though their
	// load still counts.
	Run bool `json:"run"`
	// Manual marks a run logged by hand, without a device.
	Manual bool   `json:"manual,omitempty"`
	Name   string `json:"name,omitempty"`
	Notes  string `json:"notes,omitempty"`
	RPE    int    `json:"rpe,omitempty"`

	Class       analysis.Class `json:"class"`
	Hard        bool           `json:"hard"`
	HardReasons []string       `json:"hard_reasons,omitempty"`
	// Intense marks a session hard by its intensity (a race, intervals,
	// tempo, or a long run with hard segments), not by its length or load
	// alone: only such a day can be very hard.
	Intense bool    `json:"intense,omitempty"`
	Load    float64 `json:"load"`

	// HRSeconds is the time with usable heart rate; the heart-rate
	// fields below mean nothing when it is zero.
	HRSeconds       int     `json:"hr_seconds"`
	AvgHR           float64 `json:"avg_hr,omitempty"`
	MaxHR           float64 `json:"max_hr,omitempty"`
	CapBPM          float64 `json:"cap_bpm,omitempty"`
	CapReason       string  `json:"cap_reason,omitempty"`
	MinutesAboveCap float64 `json:"minutes_above_cap"`
	// SustainedS is the longest stretch at or above the rules' sustained
	// share of max HR.
	SustainedS int `json:"sustained_s"`
	// CapHighBPM, MinutesAboveCapHigh and SustainedHighS are the same at
	// the top of the max HR's uncertainty; CapHighBPM is 0 when the runner
	// set their max.
	CapHighBPM          float64             `json:"cap_high_bpm,omitempty"`
	MinutesAboveCapHigh float64             `json:"minutes_above_cap_high,omitempty"`
	SustainedHighS      int                 `json:"sustained_high_s,omitempty"`
	Zones               []analysis.ZoneTime `json:"zones,omitempty"`
	// CadenceLockS is the time of likely optical cadence lock, already
	// left out of the heart-rate numbers (science.md §9).
	CadenceLockS int `json:"cadence_lock_s,omitempty"`
	// CadenceSPM is the mean cadence while moving, steps per minute; 0
	// when unknown.
	CadenceSPM float64 `json:"cadence_spm,omitempty"`
}

// NewSession is the Session of the activity a with analysis r, stored
// under id, read in loc, the runner's time zone, when its file gave no
// offset. a needs no streams.
func NewSession(id int64, a *activity.Activity, r *analysis.Result, loc *time.Location) Session {
	start := a.LocalStartIn(loc)
	s := Session{
		ID:                  id,
		Start:               start,
		End:                 start.Add(a.Elapsed),
		DurationS:           r.DurationS,
		DistanceM:           a.DistanceM,
		Sport:               a.Sport,
		SubSport:            a.SubSport,
		Run:                 r.Class != analysis.CrossTraining && r.Class != analysis.Fragment,
		Manual:              a.Source == activity.Manual,
		Name:                a.Name,
		Notes:               a.Notes,
		RPE:                 a.RPE,
		Class:               r.Class,
		Hard:                r.Hard,
		HardReasons:         r.HardReasons,
		Intense:             r.Hard && (r.LongHard || r.Class == analysis.Race || r.Class == analysis.Intervals || r.Class == analysis.Tempo),
		Load:                r.Load.Value,
		HRSeconds:           r.HRSeconds,
		AvgHR:               a.AvgHeartRate,
		MaxHR:               r.MaxHR,
		CapBPM:              r.CapBPM,
		CapReason:           r.CapReason,
		MinutesAboveCap:     r.MinutesAboveCap,
		SustainedS:          r.SustainedS,
		CapHighBPM:          r.CapHighBPM,
		MinutesAboveCapHigh: r.MinutesAboveCapHigh,
		SustainedHighS:      r.SustainedHighS,
		Zones:               r.Zones,
		CadenceSPM:          r.CadenceSPM,
	}
	if a.Elapsed <= 0 { // a logged run may give only its duration
		s.End = start.Add(time.Duration(r.DurationS) * time.Second)
	}
	for _, f := range r.Quality {
		if f.Code == analysis.HRCadenceLock {
			s.CadenceLockS += f.Seconds
		}
	}
	return s
}

// Treadmill reports whether the run was on a treadmill, where distance
// comes from a foot pod and is not used for pace.
func (s Session) Treadmill() bool { return s.SubSport == "treadmill" }

// Date is the session's local calendar day.
func (s Session) Date() time.Time { return rules.Day(s.Start) }
