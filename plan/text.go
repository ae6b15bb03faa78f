package plan

import (
	"fmt"
	"strings"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/say"
)

// String writes the target in bpm: "≤ 133 bpm", "171–190 bpm", or empty
// when there is none.
func (h HR) String() string {
	switch {
	case h.HighBPM > 0 && h.LowBPM > 0:
		return fmt.Sprintf("%d–%d bpm", h.LowBPM, h.HighBPM)
	case h.HighBPM > 0:
		return fmt.Sprintf("≤ %d bpm", h.HighBPM)
	case h.LowBPM > 0:
		return fmt.Sprintf("≥ %d bpm", h.LowBPM)
	}
	return ""
}

// Title names the session in a few words: "Recovery run 35 min ≤ 133 bpm",
// "Intervals 1 h 05 min 171–190 bpm", "Rest".
func (s Session) Title() string {
	if s.Kind == Rest {
		return "Rest"
	}
	name := capitalKind(s.Kind)
	if s.Kind == Recovery || s.Kind == Easy || s.Kind == Long {
		name += " run"
	}
	parts := []string{name, say.Minutes(s.Duration)}
	if hr := s.HR.String(); hr != "" {
		parts = append(parts, hr)
	}
	return strings.Join(parts, " ")
}

// Targets lists what the session asks for, each with its unit and
// reason, one a line: length, distance, heart rate, effort, time of day.
func (s Session) Targets() []string {
	if s.Kind == Rest {
		return []string{s.Purpose}
	}
	lines := []string{"Length: " + say.Minutes(s.Duration)}
	if s.Distance > 0 {
		about := ""
		if s.Approximate {
			about = "about "
		}
		lines = append(lines, fmt.Sprintf("Distance: %s%.1f %s", about, s.Distance, s.Unit))
	}
	if s.HR.Reason != "" {
		lines = append(lines, "Heart rate: "+s.HR.Reason)
	}
	if s.RPE > 0 {
		lines = append(lines, fmt.Sprintf("Effort: RPE %d of 10", s.RPE))
	}
	if s.When != "" {
		lines = append(lines, "When: "+s.When)
	}
	return append(lines, "Purpose: "+s.Purpose)
}

// Text writes a volume in its own measure: "5 h", "50.0 km", "31.1 mi".
func (v Volume) Text(u activity.Units) string {
	if v.Duration > 0 {
		return say.Minutes(v.Duration)
	}
	per := 1000.0
	if u == activity.Miles {
		per = metresPerMile
	}
	return fmt.Sprintf("%.1f %s", v.DistanceM/per, u)
}
