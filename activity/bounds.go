package activity

import (
	"errors"
	"fmt"
	"time"
)

// Bounds limit the work one file may cause. Each activity becomes a grid
// of one value per second and channel, so a file of a few kilobytes that
// claims weeks of recording would otherwise take gigabytes to decode. A
// zero field takes its default.
type Bounds struct {
	// MaxDuration bounds the time all the activities of one file span
	// together: their per-second grids (default 96 h; the longest
	// mountain ultras take about four days).
	MaxDuration time.Duration
	// MaxPoints bounds the points one file records (default 1,000,000:
	// four days at one point a second, with room for loggers that record
	// several a second).
	MaxPoints int
}

// Defaults for the zero fields of Bounds.
const (
	DefaultMaxDuration = 96 * time.Hour
	DefaultMaxPoints   = 1_000_000
)

// WithDefaults fills the zero fields of b with their defaults.
func (b Bounds) WithDefaults() Bounds {
	if b.MaxDuration <= 0 {
		b.MaxDuration = DefaultMaxDuration
	}
	if b.MaxPoints <= 0 {
		b.MaxPoints = DefaultMaxPoints
	}
	return b
}

// ErrBounds is wrapped by the error of a file that would take more work
// than its Bounds allow.
var ErrBounds = errors.New("file beyond bounds")

// Budget is what is left of Bounds while one file is decoded. Decoders
// draw on it before they allocate, so that a refusal costs nothing.
type Budget struct {
	bounds   Bounds
	duration time.Duration
	points   int
}

// Budget starts the budget of one file.
func (b Bounds) Budget() *Budget { return &Budget{bounds: b.WithDefaults()} }

// Point counts one recorded point, failing once the file has more than
// MaxPoints.
func (b *Budget) Point() error {
	if b.points++; b.points > b.bounds.MaxPoints {
		return fmt.Errorf("%w: more than the limit of %d points per file", ErrBounds, b.bounds.MaxPoints)
	}
	return nil
}

// Span reserves a grid of span for one more activity, failing when the
// activities of the file would span more than MaxDuration together.
func (b *Budget) Span(span time.Duration) error {
	if b.duration += span; b.duration > b.bounds.MaxDuration {
		return fmt.Errorf("%w: activities spanning %v together, more than the limit of %v per file",
			ErrBounds, b.duration.Round(time.Minute), b.bounds.MaxDuration)
	}
	return nil
}
