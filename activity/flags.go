package activity

// FlagCode names a data-quality finding made while reading a file.
type FlagCode string

// The findings of the importer. Analysis adds its own (spikes, cadence lock).
const (
	// BadChecksum: the file's CRC did not match; the data was read anyway.
	BadChecksum FlagCode = "bad_checksum"
	// Partial: the file stops early (truncated, battery died); every
	// record before the break was kept.
	Partial FlagCode = "partial"
	// NoHeartRate: the file carries no heart-rate samples.
	NoHeartRate FlagCode = "no_heart_rate"
	// NoStreams: only a summary was recorded, no per-second samples.
	NoStreams FlagCode = "no_streams"
	// NoTimestamps: the samples carry no time; streams could not be placed.
	NoTimestamps FlagCode = "no_timestamps"
	// ClockJump: timestamps went backwards or jumped; the detail says
	// whether the samples after the jump were followed or dropped.
	ClockJump FlagCode = "clock_jump"
	// SummaryMismatch: the file's summary and its samples disagree; the
	// detail says which was used.
	SummaryMismatch FlagCode = "summary_mismatch"
	// SportInferred: the file states no sport; the detail says which was
	// inferred and why.
	SportInferred FlagCode = "sport_inferred"
	// UnsetClock: the activity is dated before any real file, from a
	// device whose clock was not set.
	UnsetClock FlagCode = "unset_clock"
)

// Flag is one finding with the detail a person needs ("truncated at byte 768").
type Flag struct {
	Code   FlagCode `json:"code"`
	Detail string   `json:"detail,omitempty"`
}

// Flags is the list of findings for one activity.
type Flags []Flag

// Has reports whether a finding with code c is present.
func (f Flags) Has(c FlagCode) bool {
	for _, x := range f {
		if x.Code == c {
			return true
		}
	}
	return false
}

// Add appends a finding unless one with the same code is already there.
func (f *Flags) Add(c FlagCode, detail string) {
	if !f.Has(c) {
		*f = append(*f, Flag{Code: c, Detail: detail})
	}
}
