package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// PaceModel relates a runner's own mean speed to the heart rate it cost
// them, as a fraction of max HR, fitted by least squares over their
// steady runs with heart rate. It judges runs recorded without heart
// rate; it is an estimate and every reason built on it says so.
type PaceModel struct {
	InterceptPct  float64 `json:"intercept_pct"`    // fraction of max HR at speed 0
	SlopePctPerMS float64 `json:"slope_pct_per_ms"` // added fraction per m/s
	MinSpeedMS    float64 `json:"min_speed_ms"`     // the range of speeds it was fitted on;
	MaxSpeedMS    float64 `json:"max_speed_ms"`     // beyond it, the edge value holds
	Runs          int     `json:"runs"`
}

// What a pace model needs: enough runs over a spread of speeds to fit a
// slope that says faster costs more.
const (
	minPaceRuns      = 5
	minPaceSpreadMS  = 0.3
	minPaceHRSeconds = 10 * 60
)

// ErrTooFewRuns means there were not enough steady runs with heart rate
// and speed, over a wide enough spread of speeds, to fit a pace model.
var ErrTooFewRuns = errors.New("too few steady runs with heart rate and speed")

// paceClasses are the steady efforts whose mean speed and heart rate
// belong together; intervals mix two efforts into one mean.
var paceClasses = []Class{Recovery, Easy, Long, Steady, Tempo, Race}

// NewPaceModel fits a pace model to analysed runs, using those of a
// steady class with at least 10 min of heart rate, a mean speed, and no
// cadence lock, with heart rate as a fraction of maxBPM (the runner's
// max HR now, so that results stored under an older max still count).
func NewPaceModel(results []Result, maxBPM float64) (*PaceModel, error) {
	if maxBPM <= 0 {
		return nil, errors.New("pace model: max heart rate unknown")
	}
	var sx, sy, sxx, sxy float64
	m := PaceModel{MinSpeedMS: math.Inf(1), MaxSpeedMS: math.Inf(-1)}
	for i := range results {
		r := &results[i]
		if !slices.Contains(paceClasses, r.Class) || r.HRSeconds < minPaceHRSeconds || r.AvgSpeedMS <= 0 || r.AvgHR <= 0 ||
			slices.ContainsFunc(r.Quality, func(f Flag) bool { return f.Code == HRCadenceLock }) {
			continue
		}
		x, y := r.AvgSpeedMS, r.AvgHR/maxBPM
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
		m.MinSpeedMS, m.MaxSpeedMS = math.Min(m.MinSpeedMS, x), math.Max(m.MaxSpeedMS, x)
		m.Runs++
	}
	if m.Runs < minPaceRuns || m.MaxSpeedMS-m.MinSpeedMS < minPaceSpreadMS {
		return nil, fmt.Errorf("pace model: %w: %d usable, need %d over %.1f m/s of speeds", ErrTooFewRuns, m.Runs, minPaceRuns, minPaceSpreadMS)
	}
	n := float64(m.Runs)
	m.SlopePctPerMS = (n*sxy - sx*sy) / (n*sxx - sx*sx)
	m.InterceptPct = (sy - m.SlopePctPerMS*sx) / n
	if m.SlopePctPerMS <= 0 {
		return nil, fmt.Errorf("pace model: heart rate does not rise with speed over your %d runs", m.Runs)
	}
	return &m, nil
}

// PercentMax is the fraction of max HR the model predicts at speedMS,
// holding the edge value outside the speeds it was fitted on.
func (m *PaceModel) PercentMax(speedMS float64) float64 {
	x := min(max(speedMS, m.MinSpeedMS), m.MaxSpeedMS)
	return m.InterceptPct + m.SlopePctPerMS*x
}

// String names the model for a reason: "pace model from 24 runs".
func (m *PaceModel) String() string {
	return fmt.Sprintf("pace model from %d runs", m.Runs)
}
