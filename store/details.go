package store

import (
	"fmt"
	"unicode/utf8"
)

// Bounds of what a runner writes about an activity.
const (
	MaxNameBytes  = 200
	MaxNotesBytes = 10_000
)

// Details is what the runner writes about an activity: its name, notes,
// and whether it was a race.
type Details struct {
	Name  string `json:"name"`
	Notes string `json:"notes"`
	Race  bool   `json:"race"`
}

// CheckDetails reports an error unless name and notes are text a store
// accepts: valid UTF-8 within MaxNameBytes and MaxNotesBytes.
func CheckDetails(name, notes string) error {
	switch {
	case !utf8.ValidString(name) || !utf8.ValidString(notes):
		return fmt.Errorf("name and notes must be UTF-8 text")
	case len(name) > MaxNameBytes:
		return fmt.Errorf("the name has %d bytes: at most %d", len(name), MaxNameBytes)
	case len(notes) > MaxNotesBytes:
		return fmt.Errorf("the notes have %d bytes: at most %d", len(notes), MaxNotesBytes)
	}
	return nil
}
