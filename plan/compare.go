package plan

import (
	"fmt"
	"time"

	"github.com/easyrun/easyrun/internal/say"
	"github.com/easyrun/easyrun/rules"
)

// Compare says how what was run compares with the planned session s: ran
// are the runs done for it (none when it was missed or, on a rest day,
// when the runner rested; several are added up). The tolerances are the
// recovery rules': rules.MaxAboveCap above the ceiling of a recovery,
// easy or long run, rules.Tolerance on the length. The text reads
// "planned recovery 35 min ≤ 133 bpm; ran 42 min, 12 min above".
func Compare(s Session, ran []Run, rules rules.Set) Verdict {
	v := Verdict{Date: s.Date, Planned: s.Kind}
	planned := "planned " + string(s.Kind)
	if s.Kind != Rest {
		planned += " " + say.Minutes(s.Duration) + " " + s.HR.text(s.RPE)
	}
	var dur, above time.Duration
	var hard bool
	var maxHR, sumHR, hrDur float64
	for _, r := range ran {
		dur += r.Duration
		above += r.AboveCeiling
		hard = hard || r.Hard
		maxHR = max(maxHR, r.MaxHRBPM)
		if r.AvgHRBPM > 0 {
			sumHR += r.AvgHRBPM * r.Duration.Seconds()
			hrDur += r.Duration.Seconds()
		}
	}
	switch {
	case s.Kind == Rest && len(ran) == 0:
		v.Status, v.Text = AsPlanned, planned+"; rested"
		return v
	case s.Kind == Rest:
		v.Status, v.Text = RanOnRest, fmt.Sprintf("%s; ran %s", planned, say.Minutes(dur))
		return v
	case len(ran) == 0:
		v.Status, v.Text = Missed, planned+"; not run"
		return v
	}
	got := "ran " + say.Minutes(dur)
	structured := s.Hard && s.Kind != Long
	switch {
	case structured && hard:
		got += ", hard"
	case structured:
		got += ", not hard"
		v.Status = NotHard
	case s.HR.HighBPM > 0 && hrDur > 0:
		got += ", " + aboveText(above)
		if above > rules.MaxAboveCap {
			v.Status = TooHard
		}
	case hard:
		got += ", a hard session"
	}
	if hard && !s.Hard {
		v.Status = TooHard
	}
	if structured && hrDur > 0 {
		got += fmt.Sprintf(" (avg %.0f, max %.0f bpm)", sumHR/hrDur, maxHR)
	}
	if v.Status == "" {
		switch {
		case dur > s.Duration+rules.Tolerance:
			v.Status = TooLong
		case dur < s.Duration-rules.Tolerance:
			v.Status = TooShort
		default:
			v.Status = AsPlanned
		}
	}
	v.Text = planned + "; " + got
	return v
}

// text writes the target for a sentence: "≤ 133 bpm", "152–171 bpm", or
// "at RPE 3" when there is no heart-rate target.
func (h HR) text(rpe int) string {
	if s := h.String(); s != "" {
		return s
	}
	return fmt.Sprintf("at RPE %d", rpe)
}

// aboveText says how long a run spent above its ceiling: "12 min above".
func aboveText(d time.Duration) string {
	switch {
	case d <= 0:
		return "none above"
	case d < time.Minute:
		return fmt.Sprintf("%d s above", int(d.Round(time.Second)/time.Second))
	}
	return say.Minutes(d) + " above"
}
