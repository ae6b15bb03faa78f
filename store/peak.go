package store

import (
	"fmt"

	"github.com/segmentio/encoding/json"
)

// EncodePeak returns the JSON stored for a peak: its heart rate and its
// bests, each in a column of its own.
func EncodePeak(p *Peak) (hr, bests []byte, err error) {
	if hr, err = json.Marshal(&p.HR); err == nil {
		if p.Bests == nil {
			bests = []byte("[]")
		} else {
			bests, err = json.Marshal(p.Bests)
		}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("encode peak of activity %d: %w", p.ActivityID, err)
	}
	return hr, bests, nil
}

// DecodePeak fills p, whose ActivityID is set, from the JSON EncodePeak
// wrote, marking it measured; hr nil leaves it unmeasured.
func DecodePeak(p *Peak, hr, bests []byte) error {
	if hr == nil {
		return nil
	}
	if err := json.Unmarshal(hr, &p.HR); err != nil {
		return fmt.Errorf("peak of activity %d: %v: %w", p.ActivityID, err, ErrCorrupt)
	}
	if err := json.Unmarshal(bests, &p.Bests); err != nil {
		return fmt.Errorf("bests of activity %d: %v: %w", p.ActivityID, err, ErrCorrupt)
	}
	if len(p.Bests) == 0 {
		p.Bests = nil
	}
	// A peak is its activity's alone: one derived before the activity
	// was stored (Derived) could not name it.
	if p.HR.Known() {
		p.HR.ActivityID = p.ActivityID
	}
	p.Measured = true
	return nil
}
