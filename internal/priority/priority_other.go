//go:build !linux

package priority

// Other systems set priorities per process, or not as nice(1) does: the
// work runs at the priority it has.
func lower(int) error { return nil }

func thread() (int, error) { return 0, nil }
