package physio

import (
	"fmt"
	"math"
)

// polarizedPI is the index above which a distribution counts as polarized.
const polarizedPI = 2.00

// PolarizationIndex is Treff et al.'s (2019) polarization index,
// log10((Z1/Z2) × Z3 × 100) with the fractions of time in the three-zone
// model (science.md §6). The times may be in any one unit; they are
// turned into fractions here. The reason always says what the number
// means; ok is false when the index is undefined (no time in zone 2 or
// zone 3, or negative or missing times).
func PolarizationIndex(z1, z2, z3 float64) (pi float64, reason string, ok bool) {
	total := z1 + z2 + z3
	switch {
	case !(z1 >= 0 && z2 >= 0 && z3 >= 0) || math.IsInf(total, 0):
		return 0, fmt.Sprintf("polarization index undefined: times in zones %v, %v, %v are not all valid", z1, z2, z3), false
	case z2 == 0:
		return 0, "polarization index undefined: no time in zone 2", false
	case z3 == 0:
		return 0, "polarization index undefined: no time in zone 3", false
	case z1 == 0:
		// log10(0) is −∞: as unpolarized as a distribution gets.
		return 0, "polarization index undefined: no time in zone 1", false
	}
	pi = math.Log10(z1 / z2 * (z3 / total) * 100)
	if pi > polarizedPI {
		return pi, fmt.Sprintf("polarization index %.2f > %.2f: polarized", pi, polarizedPI), true
	}
	return pi, fmt.Sprintf("polarization index %.2f ≤ %.2f: not polarized", pi, polarizedPI), true
}
