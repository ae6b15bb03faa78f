// Package fit reads activities from FIT files and writes activities as FIT files.
package fit

import (
	"errors"

	"github.com/easyrun/easyrun/activity"
)

// Decode reads a FIT file (possibly several chained FIT files) and returns
// its activities, one per session.
func Decode(data []byte) ([]*activity.Activity, error) {
	return nil, errors.New("fit: decoder not implemented yet")
}
