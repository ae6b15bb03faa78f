package plan

import (
	"cmp"
	"encoding/json"
	"slices"
	"time"
)

// Cancelled is a session that a saved plan no longer holds, kept so that
// a calendar export can cancel the event it was.
type Cancelled struct {
	Date Date `json:"date"`
	Slot Slot `json:"slot"`
	// Title and Duration are the session's, for the event's summary and
	// times.
	Title    string        `json:"title"`
	Duration time.Duration `json:"duration,omitempty"`
	// Revision is one more than the session's last.
	Revision int `json:"revision"`
}

// sessionKey identifies a session across saved plans: a calendar event's UID.
type sessionKey struct {
	date Date
	slot Slot
}

// Revise readies next to replace prev (nil when there was none) as the
// saved plan, so that exports of next update what was exported of prev.
// A session of next keeps the revision of prev's session of its day and
// slot when it is the same, and gets one more when it changed or comes
// back after being cancelled; a new one starts at 0. Next's Cancelled
// are prev's sessions next does not hold, at one more than their
// revision, and prev's cancelled sessions still absent, in date order.
// Revise is idempotent: revising a plan against itself changes nothing.
func Revise(prev, next *Plan) {
	last := map[sessionKey]int{}       // the highest revision of each slot so far
	content := map[sessionKey]string{} // prev's sessions, revision aside
	gone := map[sessionKey]Cancelled{}
	if prev != nil {
		for _, c := range prev.Cancelled {
			k := sessionKey{c.Date, c.Slot}
			gone[k], last[k] = c, c.Revision
		}
		for _, w := range prev.Weeks {
			for _, s := range w.Sessions {
				k := sessionKey{s.Date, s.Slot}
				content[k], last[k] = sessionContent(s), max(last[k], s.Revision)
				delete(gone, k)
			}
		}
	}
	for wi := range next.Weeks {
		// A copy: an adapted plan shares the sessions of its unchanged
		// weeks with the plan it came from.
		ss := slices.Clone(next.Weeks[wi].Sessions)
		for i := range ss {
			k := sessionKey{ss[i].Date, ss[i].Slot}
			rev, seen := last[k]
			c, held := content[k]
			switch {
			case held && c == sessionContent(ss[i]):
				ss[i].Revision = rev
			case seen:
				ss[i].Revision = rev + 1
			default:
				ss[i].Revision = 0
			}
			delete(gone, k)
			delete(content, k)
		}
		next.Weeks[wi].Sessions = ss
	}
	// What is left of content are prev's sessions next does not hold.
	if prev != nil {
		for _, w := range prev.Weeks {
			for _, s := range w.Sessions {
				k := sessionKey{s.Date, s.Slot}
				if _, dropped := content[k]; dropped {
					gone[k] = Cancelled{Date: s.Date, Slot: s.Slot, Title: s.Title(), Duration: s.Duration, Revision: last[k] + 1}
				}
			}
		}
	}
	next.Cancelled = nil
	for _, c := range gone {
		next.Cancelled = append(next.Cancelled, c)
	}
	slices.SortFunc(next.Cancelled, func(a, b Cancelled) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(slotOrder[a.Slot], slotOrder[b.Slot]))
	})
}

// slotOrder puts a day's sessions in order: a morning before an evening.
var slotOrder = map[Slot]int{Any: 0, Morning: 1, Evening: 2}

// sessionContent is everything a session says but its revision, as it
// is stored, to tell whether it changed between saved plans: the stored
// form, since the previous plan was read back from it, and whole, so
// that a field added later counts without a change here.
func sessionContent(s Session) string {
	s.Revision = 0
	b, err := json.Marshal(s)
	if err != nil { // a NaN distance, which no store keeps either
		return "unstorable: " + err.Error()
	}
	return string(b)
}
