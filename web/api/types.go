package api

import (
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/training"
)

// The API's own types for what the plan and the recovery audit answer:
// the domain types are also the stored and the backup formats, whose
// durations are Go's nanoseconds. Here every duration is in seconds,
// duration_s, beside the nanoseconds the first clients of v1 read
// (duration, deprecated); times are RFC 3339. A change to the domain
// types changes these only through the functions below.

// Plan is the runner's plan.
type Plan struct {
	Request   PlanRequest     `json:"request"`
	Weeks     []PlanWeek      `json:"weeks"`
	Cancelled []PlanCancelled `json:"cancelled,omitempty"`
}

// PlanRequest is what a plan was made from: a PUT /plan body as the
// planner read it, and a refusal's proposal to send back as it is.
type PlanRequest struct {
	Hard       []plan.HardChoice   `json:"hard"`
	Volume     PlanVolume          `json:"volume"`
	Experience activity.Experience `json:"experience"`
	Doubles    bool                `json:"doubles,omitempty"`
	Start      plan.Date           `json:"start"`
	Weeks      int                 `json:"weeks,omitempty"`
	Race       *plan.Goal          `json:"race,omitempty"`
	TaperOnly  bool                `json:"taper_only,omitempty"`
}

// PlanVolume is a weekly volume: a running time or a distance.
type PlanVolume struct {
	DurationS float64 `json:"duration_s,omitempty"`
	// Duration is DurationS in nanoseconds, for the clients that read it.
	Duration  time.Duration `json:"duration,omitempty"`
	DistanceM float64       `json:"distance_m,omitempty"`
}

// PlanWeek is the plan of one Monday-to-Sunday week.
type PlanWeek struct {
	Monday   plan.Date     `json:"monday"`
	Number   int           `json:"number"`
	Phase    string        `json:"phase"`
	Target   PlanVolume    `json:"target"`
	Planned  PlanVolume    `json:"planned"`
	Sessions []PlanSession `json:"sessions"`
	Notes    []string      `json:"notes,omitempty"`
}

// PlanSession is one planned session.
type PlanSession struct {
	Date      plan.Date `json:"date"`
	Kind      plan.Kind `json:"kind"`
	Hard      bool      `json:"hard"`
	Slot      plan.Slot `json:"slot"`
	DurationS float64   `json:"duration_s"`
	// Duration is DurationS in nanoseconds, for the clients that read it.
	Duration    time.Duration  `json:"duration"`
	DistanceM   float64        `json:"distance_m"`
	Distance    float64        `json:"distance"`
	Unit        activity.Units `json:"unit"`
	Approximate bool           `json:"approximate,omitempty"`
	HR          plan.HR        `json:"hr"`
	RPE         int            `json:"rpe"`
	When        string         `json:"when"`
	Purpose     string         `json:"purpose"`
	Why         string         `json:"why"`
	Workout     Workout        `json:"workout"`
	Revision    int            `json:"revision,omitempty"`
}

// PlanCancelled is a session a revision of the plan took away.
type PlanCancelled struct {
	Date      plan.Date `json:"date"`
	Slot      plan.Slot `json:"slot"`
	Title     string    `json:"title"`
	DurationS float64   `json:"duration_s,omitempty"`
	// Duration is DurationS in nanoseconds, for the clients that read it.
	Duration time.Duration `json:"duration,omitempty"`
	Revision int           `json:"revision"`
}

// Workout is a session as a watch runs it.
type Workout struct {
	Name  string         `json:"name"`
	Sport activity.Sport `json:"sport"`
	Notes string         `json:"notes,omitempty"`
	Steps []WorkoutStep  `json:"steps"`
}

// WorkoutStep is one step of a workout, or a repeat of steps.
type WorkoutStep struct {
	Name      string                 `json:"name,omitempty"`
	Intensity activity.StepIntensity `json:"intensity,omitempty"`
	DurationS float64                `json:"duration_s,omitempty"`
	// Duration is DurationS in nanoseconds, for the clients that read it.
	Duration  time.Duration `json:"duration,omitempty"`
	DistanceM float64       `json:"distance_m,omitempty"`
	HRLowBPM  int           `json:"hr_low_bpm,omitempty"`
	HRHighBPM int           `json:"hr_high_bpm,omitempty"`
	// UntilHRBelowBPM ends the step once heart rate falls below it.
	UntilHRBelowBPM int           `json:"until_hr_below_bpm,omitempty"`
	Notes           string        `json:"notes,omitempty"`
	Repeat          int           `json:"repeat,omitempty"`
	Steps           []WorkoutStep `json:"steps,omitempty"`
}

// Refusal is a plan request the rules refuse, with the nearest they
// accept: plan_refused's details.
type Refusal struct {
	Reason       string            `json:"reason"`
	Change       string            `json:"change"`
	Proposal     PlanRequest       `json:"proposal"`
	Alternatives []PlanAlternative `json:"alternatives,omitempty"`
}

// PlanAlternative is one safe plan to choose from instead.
type PlanAlternative struct {
	Change   string      `json:"change"`
	Proposal PlanRequest `json:"proposal"`
}

// PlanDay is the plan's side of a day.
type PlanDay struct {
	Date     plan.Date      `json:"date"`
	Planned  []PlanSession  `json:"planned"`
	Verdicts []plan.Verdict `json:"verdicts"`
	Changes  []plan.Change  `json:"changes,omitempty"`
	Note     string         `json:"note,omitempty"`
}

// Report is the recovery audit.
type Report struct {
	HardDays []recovery.HardDay `json:"hard_days"`
	Verdicts []Verdict          `json:"verdicts"`
	Weeks    []recovery.Week    `json:"weeks"`
	Trend    recovery.Trend     `json:"trend"`
	Missing  []string           `json:"missing,omitempty"`
}

// Verdict is the audit's verdict on one run.
type Verdict struct {
	ActivityID int64           `json:"activity_id"`
	At         time.Time       `json:"at"`
	Kind       recovery.Kind   `json:"kind"`
	Failed     []recovery.Kind `json:"failed,omitempty"`
	Title      string          `json:"title"`
	Reasons    []string        `json:"reasons"`
	AfterHard  *HardRef        `json:"after_hard,omitempty"`
	FollowUp   bool            `json:"follow_up"`
}

// HardRef is the hard session a run or today follows.
type HardRef struct {
	ActivityID int64     `json:"activity_id"`
	Date       string    `json:"date"`
	End        time.Time `json:"end"`
	GapS       float64   `json:"gap_s"`
	// Gap is GapS in nanoseconds, for the clients that read it.
	Gap time.Duration `json:"gap"`
}

// Recommendation is today's recommendation.
type Recommendation struct {
	Date     string            `json:"date"`
	Advice   recovery.Advice   `json:"advice"`
	Title    string            `json:"title"`
	Reasons  []string          `json:"reasons"`
	Run      *recovery.RunSpec `json:"run,omitempty"`
	LastHard *HardRef          `json:"last_hard,omitempty"`
	Missing  []string          `json:"missing,omitempty"`
}

func planOf(p *plan.Plan) Plan {
	out := Plan{Request: planRequestOf(p.Request), Weeks: make([]PlanWeek, len(p.Weeks))}
	for i, w := range p.Weeks {
		out.Weeks[i] = PlanWeek{Monday: w.Monday, Number: w.Number, Phase: w.Phase, Target: volumeOf(w.Target),
			Planned: volumeOf(w.Planned), Sessions: sessionsOf(w.Sessions), Notes: w.Notes}
	}
	for _, c := range p.Cancelled {
		out.Cancelled = append(out.Cancelled, PlanCancelled{Date: c.Date, Slot: c.Slot, Title: c.Title,
			DurationS: c.Duration.Seconds(), Duration: c.Duration, Revision: c.Revision})
	}
	return out
}

func planRequestOf(r plan.Request) PlanRequest {
	return PlanRequest{Hard: r.Hard, Volume: volumeOf(r.Volume), Experience: r.Experience, Doubles: r.Doubles,
		Start: r.Start, Weeks: r.Weeks, Race: r.Race, TaperOnly: r.TaperOnly}
}

func volumeOf(v plan.Volume) PlanVolume {
	return PlanVolume{DurationS: v.Duration.Seconds(), Duration: v.Duration, DistanceM: v.DistanceM}
}

func sessionsOf(ss []plan.Session) []PlanSession {
	out := make([]PlanSession, len(ss))
	for i, s := range ss {
		out[i] = PlanSession{Date: s.Date, Kind: s.Kind, Hard: s.Hard, Slot: s.Slot, DurationS: s.Duration.Seconds(),
			Duration: s.Duration, DistanceM: s.DistanceM, Distance: s.Distance, Unit: s.Unit, Approximate: s.Approximate,
			HR: s.HR, RPE: s.RPE, When: s.When, Purpose: s.Purpose, Why: s.Why, Workout: workoutOf(s.Workout), Revision: s.Revision}
	}
	return out
}

func workoutOf(w activity.Workout) Workout {
	return Workout{Name: w.Name, Sport: w.Sport, Notes: w.Notes, Steps: stepsOf(w.Steps)}
}

func stepsOf(ss []activity.Step) []WorkoutStep {
	if ss == nil {
		return nil
	}
	out := make([]WorkoutStep, len(ss))
	for i, s := range ss {
		out[i] = WorkoutStep{Name: s.Name, Intensity: s.Intensity, DurationS: s.Duration.Seconds(), Duration: s.Duration,
			DistanceM: s.DistanceM, HRLowBPM: s.HRLowBPM, HRHighBPM: s.HRHighBPM, UntilHRBelowBPM: s.UntilHRBelowBPM,
			Notes: s.Notes, Repeat: s.Repeat,
			Steps: stepsOf(s.Steps)}
	}
	return out
}

func refusalOf(r *plan.Refusal) Refusal {
	out := Refusal{Reason: r.Reason, Change: r.Change, Proposal: planRequestOf(r.Proposal)}
	for _, a := range r.Alternatives {
		out.Alternatives = append(out.Alternatives, PlanAlternative{Change: a.Change, Proposal: planRequestOf(a.Proposal)})
	}
	return out
}

func planDayOf(d training.PlanDay) PlanDay {
	return PlanDay{Date: d.Date, Planned: sessionsOf(d.Planned), Verdicts: d.Verdicts, Changes: d.Changes, Note: d.Note}
}

func reportOf(r *recovery.Report) Report {
	return Report{HardDays: r.HardDays, Verdicts: verdictsOf(r.Verdicts), Weeks: r.Weeks, Trend: r.Trend, Missing: r.Missing}
}

// verdictsOf is never nil: no verdicts are an empty list, not null.
func verdictsOf(vs []recovery.Verdict) []Verdict {
	out := make([]Verdict, len(vs))
	for i, v := range vs {
		out[i] = Verdict{ActivityID: v.ActivityID, At: v.At, Kind: v.Kind, Failed: v.Failed, Title: v.Title,
			Reasons: v.Reasons, AfterHard: hardRefOf(v.AfterHard), FollowUp: v.FollowUp}
	}
	return out
}

func hardRefOf(h *recovery.HardRef) *HardRef {
	if h == nil {
		return nil
	}
	return &HardRef{ActivityID: h.ActivityID, Date: h.Date, End: h.End, GapS: h.Gap.Seconds(), Gap: h.Gap}
}

func recommendationOf(r recovery.Recommendation) Recommendation {
	return Recommendation{Date: r.Date, Advice: r.Advice, Title: r.Title, Reasons: r.Reasons, Run: r.Run,
		LastHard: hardRefOf(r.LastHard), Missing: r.Missing}
}
