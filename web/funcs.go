package web

import (
	"fmt"
	"html/template"
	"path"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
)

// funcs are the templates' helpers in the runner's units u: the display
// package's formats, so a number reads the same in the terminal and on
// the page, and every distance, pace, speed and height in one unit system.
func funcs(u display.Units) template.FuncMap {
	return template.FuncMap{
		"dist":     u.Distance,
		"pace":     u.Pace,
		"rate":     u.Rate,
		"elev":     u.Elevation,
		"unit":     u.Unit,
		"rateName": func(s activity.Sport) string { return string(display.RateOf(s)) },
		"repsLine": u.RepsSummary,
		"repPace":  u.RepPace,
	}
}

// common are the helpers that do not depend on the runner's units.
var common = template.FuncMap{
	"clock": display.Clock,
	"sport": display.SportName,
	// base is a file's name without the folders it was imported from:
	// the server's paths are nobody's business.
	"base":    func(p string) string { return path.Base(strings.ReplaceAll(p, "\\", "/")) },
	"bpm":     display.BPM,
	"class":   display.ClassName,
	"seconds": func(s int) string { return display.Clock(time.Duration(s) * time.Second) },
	"minutes": func(s float64) string { return fmt.Sprintf("%.0f min", s/60) },
	"pct":     func(f float64) string { return fmt.Sprintf("%.0f %%", 100*f) },
	"num":     func(format string, v float64) string { return fmt.Sprintf(format, v) },
	"date":    func(t time.Time) string { return t.Format("Mon 2 Jan 2006") },
	"when":    func(t time.Time) string { return t.Format("Mon 2 Jan 15:04") },
	"iso":     func(t time.Time) string { return t.Format(time.DateOnly) },
	"isoDate": func(s string) string {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return s
		}
		return t.Format("Mon 2 Jan 2006")
	},
	"verdict": func(k recovery.Kind) string { return label(string(k)) },
	"status":  func(s plan.Status) string { return label(string(s)) },
	// statusKind colours a day against its plan as verdictKind colours
	// a recovery verdict.
	"statusKind": func(s plan.Status) string {
		switch s {
		case plan.AsPlanned:
			return "good"
		case plan.TooLong, plan.TooShort, plan.NotHard, plan.Missed:
			return "fair"
		default:
			return "bad"
		}
	},
	// planKind colours a planned session as a run of its kind is coloured.
	"planKind": func(k plan.Kind) string {
		if k == plan.Threshold {
			return kindOf(analysis.Tempo, true)
		}
		return "k-" + string(k)
	},
	"kindOf": kindOf,
	"verdictKind": func(k recovery.Kind) string {
		switch k {
		case recovery.TrueRecovery, recovery.Double, recovery.Rested:
			return "good"
		case recovery.Due, recovery.Unknown:
			return "neutral"
		case recovery.TooLong, recovery.TooShort, recovery.ProbablyTooHard:
			return "fair"
		default:
			return "bad"
		}
	},
	"advice": func(a recovery.Advice) string { return "advice-" + string(a) },
	"origin": func(v activity.Value) string {
		if v.Detail != "" {
			return v.Detail
		}
		return string(v.Origin)
	},
	"loadMethod": func(m analysis.LoadMethod) string {
		switch m {
		case analysis.HRTSS:
			return "hrTSS"
		case analysis.BanisterTRIMP:
			return "TRIMP"
		case analysis.SessionRPE:
			return "session-RPE"
		}
		return ""
	},
	"inc": func(i int) int { return i + 1 },
	// The plan form's days and their field names.
	"weekdays": func() [7]time.Weekday { return weekdays },
	"dayKey":   dayKey,
}

// label is a verdict's kind or status in words: "Too long".
func label(k string) string {
	s := strings.ReplaceAll(k, "_", " ")
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
