package load

import (
	"math"
	"strings"
	"testing"
)

func TestRPEScale(t *testing.T) {
	def := NewRPEScale([]float64{32}, []float64{105})
	if def.Factor != DefaultRPEFactor || !strings.Contains(def.Reason, "default") {
		t.Errorf("one pair: got %+v, want the default that says so", def)
	}
	// Ratios 0.2, 0.4, 0.5 and a mislogged 5.0: the median 0.45 ignores it.
	s := NewRPEScale([]float64{20, 40, 50, 500, 30}, []float64{100, 100, 100, 100, 0})
	if math.Abs(s.Factor-0.45) > 1e-9 || s.Pairs != 4 {
		t.Errorf("got %+v, want factor 0.45 from 4 pairs", s)
	}
	if got := s.Apply(200); math.Abs(got-90) > 1e-9 {
		t.Errorf("Apply(200) = %v, want 90", got)
	}
}
