// Package plan builds training weeks and blocks of weeks around the hard
// sessions a runner chooses, with a recovery run (or rest) the day after
// every hard day, and compares what was run with what was planned. It
// applies the recovery-run rules of PRODUCT.md, sizing recovery runs by the
// same rule as recovery.Today. It is pure and deterministic: no I/O and
// no clock; the caller passes the dates.
package plan

import (
	"errors"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/rules"
)

// Kind is what a planned session is.
type Kind string

// The kinds of session. Threshold, intervals, race and a long run are
// hard: they need a recovery day after them.
const (
	Rest      Kind = "rest"
	Recovery  Kind = "recovery"
	Easy      Kind = "easy"
	Long      Kind = "long"
	Threshold Kind = "threshold"
	Intervals Kind = "intervals"
	Race      Kind = "race"
)

// hardKinds are the kinds a runner may choose as a hard day.
var hardKinds = []Kind{Intervals, Threshold, Long, Race}

// Hard reports whether a session of kind k is a hard session.
func (k Kind) Hard() bool {
	switch k {
	case Long, Threshold, Intervals, Race:
		return true
	}
	return false
}

// noun names a session of kind k in a sentence: "long run", "intervals".
func (k Kind) noun() string {
	switch k {
	case Long, Recovery, Easy:
		return string(k) + " run"
	case Threshold:
		return "threshold session"
	}
	return string(k)
}

// Slot is the time of day a session is meant for.
type Slot string

// The slots. A double is a hard morning and a very light evening jog.
const (
	Any     Slot = "any"
	Morning Slot = "morning"
	Evening Slot = "evening"
)

// HR is a heart-rate target in beats per minute, with why: a ceiling alone
// (LowBPM zero) for recovery and easy running, a range for hard work. Both
// zero when max HR is unknown: the Reason then says to go by RPE.
type HR struct {
	LowBPM  int    `json:"low_bpm,omitempty"`
	HighBPM int    `json:"high_bpm,omitempty"`
	Reason  string `json:"reason"`
}

// Session is one planned session.
type Session struct {
	Date Date `json:"date"`
	Kind Kind `json:"kind"`
	// Hard is true for the hard sessions, which need recovery after them.
	Hard bool `json:"hard"`
	Slot Slot `json:"slot"`
	// Duration is the target length; zero on a rest day.
	Duration time.Duration `json:"duration"`
	// DistanceM is what Duration covers at the runner's easy pace (the
	// race's own distance on race day); Distance is the same in Unit.
	DistanceM float64        `json:"distance_m"`
	Distance  float64        `json:"distance"`
	Unit      activity.Units `json:"unit"`
	// Approximate: the distance comes from a typical pace, not the
	// runner's own (or, on race day, the duration is an estimate).
	Approximate bool `json:"approximate,omitempty"`
	HR          HR   `json:"hr"`
	// RPE is the effort on Foster's CR-10 scale (science.md §3).
	RPE int `json:"rpe"`
	// When says when in the day, and why: "this evening, at least 4 h
	// after the morning's intervals".
	When string `json:"when"`
	// Purpose is what the session is for, in one line.
	Purpose string `json:"purpose"`
	// Why says why the session is on this day.
	Why string `json:"why"`
	// Workout is the session as a watch runs it; no steps on a rest day.
	Workout activity.Workout `json:"workout"`
	// Revision counts the times a saved plan changed the session of this
	// day and slot, so that a calendar export raises its SEQUENCE; Revise
	// sets it.
	Revision int `json:"revision,omitempty"`
}

// Volume is a weekly volume target: a running time or a distance, one of
// them set.
type Volume struct {
	Duration  time.Duration `json:"duration,omitempty"`
	DistanceM float64       `json:"distance_m,omitempty"`
}

// Week is the plan of one Monday-to-Sunday week.
type Week struct {
	Monday Date `json:"monday"`
	// Number is the week's position in its plan, from 1.
	Number int `json:"number"`
	// Phase is "build", "lighter", "taper" or "race".
	Phase string `json:"phase"`
	// Target is the week's volume target and Planned what the sessions
	// add up to, in the same measure.
	Target  Volume `json:"target"`
	Planned Volume `json:"planned"`
	// Sessions are in date order, a morning before an evening. Every
	// day has at least one session; a rest day has one of Kind Rest.
	Sessions []Session `json:"sessions"`
	// Notes explain the week's choices: the volume, the rules applied,
	// what was left out and why.
	Notes []string `json:"notes,omitempty"`
}

// Plan is a week or a block of weeks, and the request it was made from.
type Plan struct {
	Request Request `json:"request"`
	Weeks   []Week  `json:"weeks"`
	// Cancelled are the sessions earlier saved plans held and this one
	// does not, by date and slot; Revise keeps them.
	Cancelled []Cancelled `json:"cancelled,omitempty"`
}

// HardChoice is a hard session the runner chooses for a day of the week.
// In text and JSON it is written "tue:intervals".
type HardChoice struct {
	Day  time.Weekday
	Kind Kind
}

// Goal is a goal race: the block of weeks ends with it.
type Goal struct {
	Date      Date    `json:"date"`
	DistanceM float64 `json:"distance_m"`
	// Name is the distance's name: "5k", "10k", "half", "marathon", or the
	// distance as given.
	Name string `json:"name"`
}

// Request is what a plan is made from.
type Request struct {
	// Hard are the hard sessions of a normal week, at most one a day.
	Hard []HardChoice `json:"hard"`
	// Volume is the weekly volume to plan: for a block, the first week's.
	Volume     Volume              `json:"volume"`
	Experience activity.Experience `json:"experience"`
	// Doubles allows an evening recovery jog after a hard morning; only
	// experienced runners get one.
	Doubles bool `json:"doubles,omitempty"`
	// Start is the Monday of the first week; any other day means its
	// week's Monday. It may be zero when Race is set.
	Start Date `json:"start"`
	// Weeks is the length of the block; 0 means one week, or with a race
	// every week from Start to the race's week.
	Weeks int `json:"weeks,omitempty"`
	// Race is the goal race, if any: the last week is its week.
	Race *Goal `json:"race,omitempty"`
	// TaperOnly plans a race too close for a block: the volume held, then
	// the taper, for a runner whose week already holds the distance.
	TaperOnly bool `json:"taper_only,omitempty"`
}

// Profile is what the planner takes from the runner's profile.
type Profile struct {
	// Cap is the recovery cap; BPM is zero when max HR is unknown.
	Cap physio.Cap `json:"cap"`
	// Zones are the runner's heart-rate zones; empty when unknown.
	Zones []physio.Zone `json:"zones,omitempty"`
	// EasySpeedMS is the runner's own easy speed in m/s, zero when not
	// known yet: distances then use Rules.ApproxSpeedMS.
	EasySpeedMS float64        `json:"easy_speed_ms,omitempty"`
	Units       activity.Units `json:"units"`
	Rules       rules.Set      `json:"rules"`
	// Missing says what is not known and what the plan does instead.
	Missing []string `json:"missing,omitempty"`
}

// NewProfile is the planner's Profile of the athlete a, whose max HR
// should come from physio's resolution; easySpeedMS is the runner's
// measured easy speed (0 when unknown). Without max HR the plan keeps to
// RPE, and Missing says so.
func NewProfile(a activity.Athlete, easySpeedMS float64, rules rules.Set) Profile {
	p := Profile{EasySpeedMS: easySpeedMS, Units: a.Units, Rules: rules}
	if p.Units != activity.Miles {
		p.Units = activity.Kilometres
	}
	c, err := physio.RecoveryCap(a, physio.Preset(a.RecoveryCap))
	if err != nil {
		p.Missing = append(p.Missing, fmt.Sprintf("no heart-rate targets: %v; keep to the RPE of each session", err))
		return p
	}
	p.Cap = c
	z, err := physio.Zones(a.Zones, a)
	if err != nil {
		p.Missing = append(p.Missing, fmt.Sprintf("hard sessions have no heart-rate range: %v; keep to their RPE", err))
		return p
	}
	p.Zones = z
	return p
}

// Refusal is the error of a request whose week cannot respect the rules:
// why, and the nearest request that can.
type Refusal struct {
	Reason string `json:"reason"`
	// Change says what Proposal changes: "move threshold from Wed to Thu".
	Change   string  `json:"change"`
	Proposal Request `json:"proposal"`
	// Alternatives are the safe plans to choose from when there is more
	// than one way (a race: the taper only, a shorter race, a later date,
	// more base first), nearest first; the first is Change and Proposal.
	Alternatives []Alternative `json:"alternatives,omitempty"`
}

// Error says why the request was refused and what would do instead.
func (r *Refusal) Error() string {
	return fmt.Sprintf("cannot plan this: %s; nearest that works: %s", r.Reason, r.Change)
}

// ErrInvalid is wrapped by the errors of a request that is not a plan at
// all (no volume, a race before the start), as opposed to a Refusal.
var ErrInvalid = errors.New("invalid plan request")

// Run is what was actually run on a day, for Compare and Adapt: from a
// stored activity and its analysis, or logged by hand.
type Run struct {
	Date Date `json:"date"`
	// Kind is the class the analysis gave the run, in the plan's words
	// (Easy for an unclassified easy run).
	Kind     Kind          `json:"kind"`
	Hard     bool          `json:"hard"`
	Duration time.Duration `json:"duration"`
	// AboveCeiling is the time above the planned session's heart-rate
	// ceiling (for a recovery run, its cap).
	AboveCeiling time.Duration `json:"above_ceiling"`
	// AvgHRBPM and MaxHRBPM are zero when no heart rate was recorded.
	AvgHRBPM float64 `json:"avg_hr_bpm,omitempty"`
	MaxHRBPM float64 `json:"max_hr_bpm,omitempty"`
}

// Status is how a day went against its plan.
type Status string

// The statuses of a Verdict.
const (
	AsPlanned Status = "as_planned"
	TooHard   Status = "too_hard"
	TooLong   Status = "too_long"
	TooShort  Status = "too_short"
	NotHard   Status = "not_hard" // a hard session run easy
	Missed    Status = "missed"
	RanOnRest Status = "ran_on_rest"
)

// Verdict is a planned session compared with what was run.
type Verdict struct {
	Date    Date   `json:"date"`
	Planned Kind   `json:"planned"`
	Status  Status `json:"status"`
	// Text says it in one line: "planned recovery 35 min ≤ 133 bpm; ran
	// 42 min, 12 min above".
	Text string `json:"text"`
}

// Change is one way Adapt re-placed the rest of a week.
type Change struct {
	// From is the day a session was planned on and To where it went;
	// To is zero when it was dropped.
	From Date   `json:"from"`
	To   Date   `json:"to,omitzero"`
	Kind Kind   `json:"kind"`
	Text string `json:"text"`
}
