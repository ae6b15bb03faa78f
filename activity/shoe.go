package activity

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Shoe wear: running shoes are commonly retired at 500–800 km, when the
// midsole no longer cushions as it did; easyrun warns at 700 km unless
// the runner sets another limit.
const (
	DefaultRetireAtM = 700_000
	MinRetireAtM     = 100_000
	MaxRetireAtM     = 2_000_000
	// MaxShoeTextBytes bounds a shoe's name and brand.
	MaxShoeTextBytes = 200
)

// Shoe is a pair of running shoes the runner runs in.
type Shoe struct {
	ID      int64     `json:"id"`
	Name    string    `json:"name"`            // "Blue pair"
	Brand   string    `json:"brand,omitempty"` // brand and model, optional
	Started time.Time `json:"started"`         // the day of its first run, a date
	// RetireAtM is the distance at which the runner retires it.
	RetireAtM float64 `json:"retire_at_m"`
	Retired   bool    `json:"retired"`
	// Default marks the shoe new runs are assigned to; one at most.
	Default bool `json:"default"`
	// DistanceM is the distance of the runs assigned to it (filled by
	// the store).
	DistanceM float64 `json:"distance_m"`
}

// Worn reports whether the shoe has run its limit.
func (s Shoe) Worn() bool { return s.DistanceM >= s.RetireAtM }

// Validate checks what the runner sets of a shoe: a name, short text, and
// a retirement distance in [MinRetireAtM, MaxRetireAtM].
func (s Shoe) Validate() error {
	for _, f := range []struct{ field, v string }{{"shoe name", s.Name}, {"shoe brand", s.Brand}} {
		switch {
		case !utf8.ValidString(f.v):
			return &InputError{Field: f.field, Msg: "must be UTF-8 text"}
		case len(f.v) > MaxShoeTextBytes:
			return &InputError{Field: f.field, Msg: fmt.Sprintf("has %d bytes: at most %d", len(f.v), MaxShoeTextBytes)}
		}
	}
	if strings.TrimSpace(s.Name) == "" {
		return &InputError{Field: "shoe name", Msg: "is empty: name the pair, e.g. \"blue Pegasus\""}
	}
	if s.RetireAtM < MinRetireAtM || s.RetireAtM > MaxRetireAtM {
		return &InputError{Field: "retire at", Msg: fmt.Sprintf("%.0f km: want %d to %d km (shoes are commonly retired at 500–800 km)",
			s.RetireAtM/1000, MinRetireAtM/1000, MaxRetireAtM/1000)}
	}
	if s.Retired && s.Default {
		return &InputError{Field: "default shoe", Msg: "is retired: new runs cannot go to a retired pair"}
	}
	if s.Started.IsZero() {
		return &InputError{Field: "shoe start", Msg: "is missing: the day of its first run"}
	}
	return nil
}
