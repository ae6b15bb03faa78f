package store

import "fmt"

// MaxRPE is the top of the session RPE scale (CR-10); 0 means not logged.
const MaxRPE = 10

// CheckRPE reports an error unless rpe is a session RPE a store accepts:
// 1 to MaxRPE, or 0 to clear it.
func CheckRPE(rpe int) error {
	if rpe < 0 || rpe > MaxRPE {
		return fmt.Errorf("rpe %d is outside 0-%d", rpe, MaxRPE)
	}
	return nil
}
