package recovery

import (
	"slices"
	"time"
)

// Kind is the verdict on what followed a hard day, or on a run meant as
// recovery.
type Kind string

// The verdicts.
const (
	// TrueRecovery: easy enough, the right length, within the window.
	TrueRecovery Kind = "true_recovery"
	// TooHard: too long above the cap or above 80 %, or too high an RPE.
	TooHard Kind = "too_hard"
	// ProbablyTooHard: above the limits by less than the uncertainty of
	// a max HR that was detected or estimated, not set: set the max to be
	// sure.
	ProbablyTooHard Kind = "probably_too_hard"
	// TooLong and TooShort: easy, but outside this runner's range.
	TooLong  Kind = "too_long"
	TooShort Kind = "too_short"
	// Rested: no run later on a hard day or the next calendar day: rest,
	// also fine.
	Rested Kind = "rested"
	// Stacked: another hard session followed on the next calendar day.
	Stacked Kind = "stacked"
	// Double: an experienced runner's light jog later the same day as a
	// hard morning.
	Double Kind = "double"
	// Unknown: neither heart rate nor RPE tell how easy the run was.
	Unknown Kind = "unknown"
	// Due: the hard day or the day after is today, and nothing followed
	// yet.
	Due Kind = "due"
)

// HardRef names the hard day a verdict follows: its last hard session.
type HardRef struct {
	ActivityID int64 `json:"activity_id"`
	// Date is the hard day's local date, "2006-01-02".
	Date string `json:"date"`
	// End is when its last hard session ended, in its local time.
	End time.Time `json:"end"`
	// Gap is how long after End the judged run started; zero for Rested.
	Gap time.Duration `json:"gap"`
}

// Verdict is the audit of one run, or of the rest after a hard day, in
// plain words with the rule and the runner's numbers. It is stored as
// JSON, so the CLI, the web UI and the API say the same.
type Verdict struct {
	// ActivityID is the judged run; for Rested, the hard day's last hard
	// session; for Stacked, the first hard session of the next hard day.
	// An activity can carry two verdicts: a hard session that was stacked
	// and then followed by rest.
	ActivityID int64 `json:"activity_id"`
	// At is when the judged run started, or for Rested when the hard
	// day ended, in local time.
	At   time.Time `json:"at"`
	Kind Kind      `json:"kind"`
	// Failed names every rule the run broke, the most serious first (Kind
	// is the first): too hard and too long, not only the first.
	Failed  []Kind   `json:"failed,omitempty"`
	Title   string   `json:"title"`
	Reasons []string `json:"reasons"`
	// AfterHard is the hard day the run followed, nil for a run meant as
	// recovery with no hard day before it.
	AfterHard *HardRef `json:"after_hard,omitempty"`
	// FollowUp marks the one verdict that answers "what followed this
	// hard day?": every hard day has exactly one.
	FollowUp bool `json:"follow_up"`
}

// HardDay is one local calendar day with at least one hard session.
type HardDay struct {
	Date string `json:"date"` // "2006-01-02"
	// SessionIDs are the day's hard sessions, in order.
	SessionIDs []int64 `json:"session_ids"`
	// End is when the last of them ended: the window starts there.
	End     time.Time `json:"end"`
	Reasons []string  `json:"reasons"`
	// VeryHard: a race, or a hard session with a load far above the
	// runner's usual; the recovery run after it is shorter. A long run
	// that was easy throughout is hard for placement, never very hard.
	VeryHard bool `json:"very_hard"`
	// FollowUp is the kind of the day's follow-up verdict.
	FollowUp Kind `json:"follow_up"`
}

// Week is the audit of one local Monday-to-Sunday week.
type Week struct {
	Monday string `json:"monday"` // "2006-01-02"

	HardDays int `json:"hard_days"`
	// RecoveryRuns are the audited runs; Easy those that were easy
	// enough, whatever their length or timing.
	RecoveryRuns int `json:"recovery_runs"`
	Easy         int `json:"easy"`
	Rested       int `json:"rested"`
	Stacked      int `json:"stacked"`
	// Sandwiches counts easy days between two hard days, counted in
	// the week of the easy day.
	Sandwiches int `json:"sandwiches"`

	// RunS is the week's running time; BelowCapShare the share of its
	// heart-rate time (HRS) spent below the recovery cap.
	RunS          int     `json:"run_s"`
	HRS           int     `json:"hr_s"`
	BelowCapShare float64 `json:"below_cap_share"`
	// RecoveryS and RecoveryM are the volume the audited runs added.
	RecoveryS int     `json:"recovery_s"`
	RecoveryM float64 `json:"recovery_m"`

	// Score is 0–100 when Scored; ScoreHow says how it was computed.
	Score    int    `json:"score"`
	Scored   bool   `json:"scored"`
	ScoreHow string `json:"score_how"`
	// Summary says the week in plain words with its numbers.
	Summary []string `json:"summary"`
}

// Direction is where the recovery score is heading.
type Direction string

// Directions of the trend.
const (
	Better  Direction = "better"
	Worse   Direction = "worse"
	Steady  Direction = "steady"
	NoTrend Direction = "unknown" // too few scored weeks
)

// Trend compares the recent scored weeks with the ones before.
type Trend struct {
	Direction Direction `json:"direction"`
	Reason    string    `json:"reason"`
}

// Report is the audit of a runner's history.
type Report struct {
	HardDays []HardDay `json:"hard_days"`
	// Verdicts are in the order of At.
	Verdicts []Verdict `json:"verdicts"`
	// Weeks run from the first week with a session to the last.
	Weeks []Week `json:"weeks"`
	Trend Trend  `json:"trend"`
	// Missing says what the history lacks for a fuller audit.
	Missing []string `json:"missing,omitempty"`
}

// From is the part of r from the local midnight from on: the hard days,
// verdicts and weeks that start at or after it, with the trend and what
// is missing kept. It slices rather than deletes, so r, perhaps cached,
// is left whole.
func (r Report) From(from time.Time) Report {
	day := from.Format(dateLayout)
	// Each list is in time order.
	r.Weeks = since(r.Weeks, func(w Week) bool { return w.Monday >= day })
	r.Verdicts = since(r.Verdicts, func(v Verdict) bool { return !v.At.Before(from) })
	r.HardDays = since(r.HardDays, func(h HardDay) bool { return h.Date >= day })
	return r
}

// since is the tail of list, which is in time order, from its first
// element in the span; empty when none is.
func since[T any](list []T, in func(T) bool) []T {
	if i := slices.IndexFunc(list, in); i >= 0 {
		return list[i:]
	}
	return list[len(list):]
}
