package physio

import (
	"fmt"
	"math"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// Artefact rules for heart-rate streams (science.md §1 and §9).
const (
	// maxJumpBPM is the largest change in 1 s a heart can make; a bigger
	// jump is a sensor artefact.
	maxJumpBPM = 20
	// sustainS is how long a heart rate must be held to count as a max.
	sustainS = 10
	// lockToleranceBPM and lockMinS define optical cadence lock: heart
	// rate within ±3 bpm of step cadence for more than a minute.
	lockToleranceBPM = 3
	lockMinS         = 60
	// lockGraceS bridges brief departures inside a locked stretch, so a
	// wobbling lock is still seen as one stretch.
	lockGraceS = 5
)

// Span is a stretch of seconds on a stream's 1 s grid: [StartS, EndS).
type Span struct {
	StartS, EndS int
}

// DurationS is the span's length in seconds.
func (s Span) DurationS() int { return s.EndS - s.StartS }

// CadenceLock finds the stretches where an optical sensor reported step
// cadence instead of heart rate: heart rate within ±3 bpm of cadence
// (steps per minute, both feet) for more than 60 s, usually at 150-185
// (science.md §9). Departures of up to 5 s inside a stretch are bridged;
// the span runs from the first to the last matching second.
//
// A steady run with heart rate truly equal to cadence looks the same; the
// caller should word the finding as a likely lock, not a certainty.
func CadenceLock(hr, cadence []float64) []Span {
	var spans []Span
	start, last := -1, -1
	closeSpan := func() {
		if start >= 0 && last+1-start > lockMinS {
			spans = append(spans, Span{StartS: start, EndS: last + 1})
		}
		start, last = -1, -1
	}
	for i := range min(len(hr), len(cadence)) {
		if plausible(hr[i]) && cadence[i] > 0 && math.Abs(hr[i]-cadence[i]) <= lockToleranceBPM {
			if start < 0 {
				start = i
			}
			last = i
			continue
		}
		if start >= 0 && i-last > lockGraceS {
			closeSpan()
		}
	}
	closeSpan()
	return spans
}

// Candidate is one activity DetectMaxHR may look at. The caller chooses
// which (for example, the runs of the last 12 months).
type Candidate struct {
	ActivityID int64
	// Start is the time of the first sample, in the zone the runner reads
	// the result in (Activity.LocalStart).
	Start   time.Time
	Streams *activity.Streams
}

// DetectMaxHR finds the highest heart rate held for 10 s across the
// candidates, after removing artefacts (science.md §1): values outside
// 30-230 bpm, jumps of more than 20 bpm in 1 s (a jump starts a new
// stretch, so a spike never lasts 10 s), and stretches of cadence lock.
// The held value of a 10 s window is its minimum, so a single spike is
// never a max.
//
// The result has origin Detected and locates the effort (ActivityID, At,
// Detail). It reports false when no candidate has 10 clean seconds.
// Ties go to the earlier candidate in the slice.
func DetectMaxHR(cands []Candidate) (activity.Value, bool) {
	var best activity.Value
	for _, c := range cands {
		if c.Streams == nil {
			continue
		}
		bpm, atS, ok := sustainedMax(c.Streams.HeartRate, c.Streams.Cadence)
		if !ok || bpm <= best.V {
			continue
		}
		at := c.Start.Add(time.Duration(atS) * time.Second)
		best = activity.Value{
			V:          bpm,
			Origin:     activity.Detected,
			Detail:     fmt.Sprintf("detected: %.0f bpm sustained %d s in your run of %s (spikes and cadence lock ignored)", bpm, sustainS, at.Format("2006-01-02 15:04")),
			ActivityID: c.ActivityID,
			At:         at,
		}
	}
	return best, best.Known()
}

// sustainedMax is the highest minimum over any 10 s window of clean
// samples in one stream, and the second the window starts.
func sustainedMax(hr, cadence []float64) (bpm float64, atS int, ok bool) {
	locked := make([]bool, len(hr))
	for _, s := range CadenceLock(hr, cadence) {
		for i := s.StartS; i < s.EndS; i++ {
			locked[i] = true
		}
	}
	segStart := 0 // first second of the current clean stretch
	for i, v := range hr {
		if !plausible(v) || locked[i] {
			segStart = i + 1
			continue
		}
		if i > segStart && math.Abs(v-hr[i-1]) > maxJumpBPM {
			segStart = i
		}
		if i+1-segStart < sustainS {
			continue
		}
		held := v
		for _, w := range hr[i+1-sustainS : i] {
			held = min(held, w)
		}
		if held > bpm {
			bpm, atS, ok = held, i+1-sustainS, true
		}
	}
	return bpm, atS, ok
}
