package store

import (
	"time"

	"github.com/easyrun/easyrun/activity"
)

// Candidate is a stored activity that may record the same session as a
// recording being saved: the summary fields activity.SameSession looks at
// (Sport, Start, Elapsed) and the stored recording's richness.
type Candidate struct {
	ID       int64
	Activity activity.Activity
	Richness int
}

// CandidateWindow is the range of start times, in Unix seconds inclusive,
// in which stored activities may record the same session as one starting
// at start. Stores look up candidates in it with an indexed range query.
func CandidateWindow(start time.Time) (fromUnix, toUnix int64) {
	// Stored starts are whole seconds; widen by one so truncation never
	// drops a candidate. SameSession makes the exact decision.
	return start.Add(-activity.SameStartWithin).Unix() - 1, start.Add(activity.SameStartWithin).Unix() + 1
}

// Match decides what saving recording a does, given the stored candidates
// from CandidateWindow. When none is the same session it returns
// Imported; otherwise it picks the one whose start is closest to a's and
// returns Replaced when a is richer than the stored recording, else
// SameSession.
func Match(a *activity.Activity, candidates []Candidate) (id int64, o Outcome) {
	best := -1
	var bestGap time.Duration
	for i := range candidates {
		c := &candidates[i]
		stored := c.Activity
		if stored.SportTagged {
			// The runner corrected the sport the files state: another
			// recording is matched by its time alone.
			stored.Sport = a.Sport
		}
		if !activity.SameSession(a, &stored) {
			continue
		}
		gap := a.Start.Sub(c.Activity.Start).Abs()
		if best < 0 || gap < bestGap {
			best, bestGap = i, gap
		}
	}
	if best < 0 {
		return 0, Imported
	}
	c := &candidates[best]
	if activity.Richness(a) > c.Richness {
		return c.ID, Replaced
	}
	return c.ID, SameSession
}

// KeepRunnerInput returns the recording a that replaces the stored
// recording of the same session, with what the runner wrote about the
// session kept where a has none: its name, RPE and notes, and the sport
// the runner tagged (SportTagged) and their word that it was a race
// (Race) always. A watch's FIT
// file carries none of them, so replacing a Strava export with it must
// not lose the runner's title or effort. a itself is not changed.
func KeepRunnerInput(a, stored *activity.Activity) *activity.Activity {
	kept := *a
	if kept.Name == "" {
		kept.Name = stored.Name
	}
	if kept.RPE == 0 {
		kept.RPE = stored.RPE
	}
	if kept.Notes == "" {
		kept.Notes = stored.Notes
	}
	if stored.SportTagged {
		kept.Sport, kept.SportTagged = stored.Sport, true
	}
	kept.Race = kept.Race || stored.Race
	return &kept
}
