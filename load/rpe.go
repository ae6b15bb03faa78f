package load

import (
	"fmt"

	"github.com/easyrun/easyrun/internal/stats"
)

// RPEScale turns session-RPE loads (RPE × minutes, in arbitrary units)
// into the units of heart-rate loads, so that a run logged without a
// watch counts in fitness and fatigue beside the others (science.md §4:
// "session-RPE scaled to TRIMP-like units by the runner's own history").
type RPEScale struct {
	Factor float64 // heart-rate load per session-RPE unit
	Pairs  int     // sessions with both that measured it; 0 for the default
	Reason string
}

// DefaultRPEFactor is the scale used until the runner has MinRPEPairs
// sessions with both heart rate and RPE: a 35-min run at RPE 3 (105 AU)
// at 65 % of max 190 with rest 50 is about 32 TRIMP, a factor of 0.3.
const DefaultRPEFactor = 0.3

// MinRPEPairs is how many sessions with both heart rate and RPE measure
// a runner's own scale.
const MinRPEPairs = 3

// NewRPEScale measures the scale from sessions that have both a heart-rate
// load and a session-RPE load: the median of their ratios, robust to the
// odd mislogged RPE. Pairs where either is not positive are ignored.
func NewRPEScale(hrLoads, rpeLoads []float64) RPEScale {
	var ratios []float64
	for i := range min(len(hrLoads), len(rpeLoads)) {
		if hrLoads[i] > 0 && rpeLoads[i] > 0 {
			ratios = append(ratios, hrLoads[i]/rpeLoads[i])
		}
	}
	if len(ratios) < MinRPEPairs {
		return RPEScaleOf(DefaultRPEFactor, len(ratios))
	}
	return RPEScaleOf(stats.Median(ratios), len(ratios))
}

// RPEScaleOf is the scale NewRPEScale gives when pairs sessions measured
// factor, with its reason: a scale kept as its two numbers comes back
// whole. Fewer than MinRPEPairs pairs give the default factor.
func RPEScaleOf(factor float64, pairs int) RPEScale {
	if pairs < MinRPEPairs {
		return RPEScale{Factor: DefaultRPEFactor, Pairs: pairs, Reason: fmt.Sprintf(
			"session-RPE × %.2f, a default: fewer than %d of your sessions have both heart rate and RPE to measure your own scale",
			DefaultRPEFactor, MinRPEPairs)}
	}
	return RPEScale{Factor: factor, Pairs: pairs, Reason: fmt.Sprintf(
		"session-RPE × %.2f, the median ratio of heart-rate load to session-RPE in %d of your sessions with both", factor, pairs)}
}

// Apply converts a session-RPE load into heart-rate load units.
func (s RPEScale) Apply(rpeLoad float64) float64 { return rpeLoad * s.Factor }
