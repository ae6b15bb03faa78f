package analysis

import (
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/say"
	"github.com/easyrun/easyrun/physio"
)

// LoadMethod names how a session's training load was computed.
type LoadMethod string

// Load methods, in the order Analyze prefers them (science.md §4).
const (
	HRTSS         LoadMethod = "hrtss"          // heart rate and LTHR known
	BanisterTRIMP LoadMethod = "banister_trimp" // heart rate known: the default
	SessionRPE    LoadMethod = "session_rpe"    // only RPE known: RPE × minutes
	NoLoad        LoadMethod = ""               // nothing to compute it from
)

// Load is a session's training load, the method and its inputs.
type Load struct {
	Value  float64    `json:"value"`
	Method LoadMethod `json:"method"`
	Reason string     `json:"reason"`
}

// sessionLoad computes the load of a session from the cleaned heart rate
// hr (validS usable seconds) when max HR is known, else from RPE over
// durationS, else says why there is none.
func sessionLoad(a *activity.Activity, ath activity.Athlete, hr []float64, validS, durationS int) Load {
	if validS > 0 && ath.MaxHR.Known() {
		method, compute := BanisterTRIMP, physio.BanisterTRIMP
		if ath.LTHR.Known() {
			method, compute = HRTSS, physio.HRTSS
		}
		if l, err := compute(hr, ath); err == nil {
			reason := l.Method + ": " + l.Detail
			if missing := durationS - validS; missing > 60 && missing*10 > durationS {
				reason += fmt.Sprintf("; %s without usable heart rate count nothing, so this is a low estimate", say.Seconds(missing))
			}
			return Load{Value: round(l.Value, 1), Method: method, Reason: reason}
		}
	}
	if a.RPE > 0 {
		l, err := physio.SessionRPE(time.Duration(durationS)*time.Second, a.RPE)
		if err != nil {
			return Load{Reason: fmt.Sprintf("no usable heart rate, and %v", err)}
		}
		return Load{Value: round(l.Value, 1), Method: SessionRPE, Reason: l.Method + ": " + l.Detail}
	}
	if validS > 0 {
		return Load{Reason: "max heart rate unknown and no RPE logged: load cannot be computed"}
	}
	return Load{Reason: "no heart rate and no RPE logged: load cannot be computed"}
}
