package analysis

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// Reps is the rep summary of an interval session: each rep with the
// recovery after it, and how the reps were found.
type Reps struct {
	From RepsFrom `json:"from"`
	// Reason says how the reps were told from the rest, with the numbers.
	Reason string `json:"reason"`
	Reps   []Rep  `json:"reps"`
}

// RepsFrom says where a session's reps were found.
type RepsFrom string

// The sources of reps, best first.
const (
	// RepsFromLaps: the device's laps, one a rep.
	RepsFromLaps RepsFrom = "laps"
	// RepsFromSpeed: stretches of the speed well above the session's median.
	RepsFromSpeed RepsFrom = "speed"
	// RepsFromHeartRate: stretches of high heart rate, which lag the effort.
	RepsFromHeartRate RepsFrom = "heart_rate"
)

// Rep is one work bout of an interval session.
type Rep struct {
	// StartS is when it started, in seconds from the start of the streams.
	StartS    int     `json:"start_s"`
	DurationS int     `json:"duration_s"`
	DistanceM float64 `json:"distance_m,omitempty"` // 0 when unknown
	AvgHR     float64 `json:"avg_hr,omitempty"`     // bpm
	MaxHR     float64 `json:"max_hr,omitempty"`     // bpm
	// Recovery is the rest between this rep and the next; nil after the
	// last.
	Recovery *Rest `json:"recovery,omitempty"`
}

// Rest is the recovery between two reps: a jog, a walk or standing.
type Rest struct {
	DurationS int     `json:"duration_s"`
	DistanceM float64 `json:"distance_m,omitempty"` // 0 when unknown
	// LowHR is the lowest heart rate of the recovery, reached as it ends,
	// and DropBPM how far it fell from the peak of the rep before: how
	// far the runner recovered. Both 0 without heart rate.
	LowHR   float64 `json:"low_hr,omitempty"`
	DropBPM float64 `json:"drop_bpm,omitempty"`
}

// minReps is the fewest reps a summary lists.
const minReps = 2

// minLapS is the shortest lap judged by its speed: shorter laps (a
// button pressed twice, the end of the recording) say nothing of effort.
const minLapS = 20

// findReps finds the reps of an interval session a: the device's laps
// when it recorded one lap per rep, else the stretches of speed, else of
// heart rate (hr, cleaned), the rules that classify intervals. Nil when
// it finds fewer than minReps.
func findReps(a *activity.Activity, hr, speedMS []float64, maxBPM float64, units activity.Units) *Reps {
	if r := lapReps(a, hr); r != nil {
		return r
	}
	var spans [][2]int
	collect := func(from, to int) { spans = append(spans, [2]int{from, to}) }
	if med := medianSpeedMS(speedMS); med > 0 {
		scanBouts(speedMS, speedBoutRatio*med, speedBoutEndRatio*med, boutWorkS, boutRestS, speedSmoothS, collect)
		// The trailing mean runs half its window late: move it back.
		for i := range spans {
			spans[i][0] = max(0, spans[i][0]-speedSmoothS/2)
			spans[i][1] = max(spans[i][0]+1, spans[i][1]-speedSmoothS/2)
		}
		if len(spans) >= minReps {
			why := fmt.Sprintf("%d stretches at least %.0f %% faster than the median pace %s, found in the speed: the laps do not mark the reps",
				len(spans), 100*(speedBoutRatio-1), pace(med, units))
			return streamReps(a, hr, spans, RepsFromSpeed, why)
		}
	}
	spans = spans[:0]
	if maxBPM > 0 {
		scanBouts(hr, boutPct*maxBPM, boutEndPct*maxBPM, boutWorkS, boutRestS, 1, collect)
		if len(spans) >= minReps {
			why := fmt.Sprintf("%d stretches at or above %.0f bpm (%.0f %% of max), found in the heart rate: without laps or speed to mark the reps, their times lag the effort by up to a minute",
				len(spans), boutPct*maxBPM, 100*boutPct)
			return streamReps(a, hr, spans, RepsFromHeartRate, why)
		}
	}
	return nil
}

// lapReps reads the reps from a's laps: the laps the device marked
// active with rest laps between, else laps well faster than the laps
// between them, no two in a row. Nil when the laps do not mark reps.
func lapReps(a *activity.Activity, hr []float64) *Reps {
	laps := a.Laps
	var work []int
	rests := 0
	for i, l := range laps {
		switch l.Intensity {
		case "active":
			work = append(work, i)
		case "rest", "recovery":
			rests++
		}
	}
	why := fmt.Sprintf("%d laps the device marked active, with rest laps between: one lap a rep", len(work))
	if len(work) < minReps || rests == 0 {
		work, why = fastLaps(laps)
	}
	if len(work) < minReps {
		return nil
	}
	r := &Reps{From: RepsFromLaps, Reason: why}
	for k, i := range work {
		l := laps[i]
		from := secondsSince(a.Start, l.Start)
		rep := Rep{StartS: from, DurationS: lapSeconds(l), DistanceM: round(l.DistanceM, 1), AvgHR: round(l.AvgHeartRate, 1), MaxHR: round(l.MaxHeartRate, 1)}
		to := from + secondsOf(l.Elapsed)
		if rep.AvgHR == 0 {
			rep.AvgHR, rep.MaxHR = spanHR(hr, from, to)
		}
		if k+1 < len(work) {
			rec := &Rest{}
			for _, between := range laps[i+1 : work[k+1]] {
				rec.DurationS += lapSeconds(between)
				rec.DistanceM += between.DistanceM
			}
			rec.DistanceM = round(rec.DistanceM, 1)
			next := secondsSince(a.Start, laps[work[k+1]].Start)
			rec.LowHR, rec.DropBPM = hrDrop(hr, rep.MaxHR, to, next)
			rep.Recovery = rec
		}
		r.Reps = append(r.Reps, rep)
	}
	return r
}

// fastLaps finds reps in laps without roles: sorted by speed, the laps
// of at least minLapS split where the speed jumps most; the laps above
// the jump are reps when it is at least speedBoutRatio, there are
// minReps of them and no two come one after the other. It returns their
// indices and the reason, or nil.
func fastLaps(laps []activity.Lap) ([]int, string) {
	var speeds []float64
	for _, l := range laps {
		if s := lapSeconds(l); s >= minLapS && l.DistanceM > 0 {
			speeds = append(speeds, l.DistanceM/float64(s))
		}
	}
	if len(speeds) < 2*minReps-1 {
		return nil, ""
	}
	slices.Sort(speeds)
	cut, jump := 0.0, 0.0
	for i := 1; i < len(speeds); i++ {
		if r := speeds[i] / speeds[i-1]; r > jump {
			cut, jump = speeds[i], r
		}
	}
	if jump < speedBoutRatio {
		return nil, ""
	}
	var work []int
	for i, l := range laps {
		s := lapSeconds(l)
		if s < minLapS || l.DistanceM/float64(s) < cut {
			continue
		}
		if n := len(work); n > 0 && work[n-1] == i-1 {
			return nil, "" // two fast laps in a row: a faster stretch, not reps
		}
		work = append(work, i)
	}
	return work, fmt.Sprintf("%d laps %.0f %% faster than the laps between them: one lap a rep", len(work), 100*(jump-1))
}

// streamReps measures the reps at spans of the streams.
func streamReps(a *activity.Activity, hr []float64, spans [][2]int, from RepsFrom, why string) *Reps {
	r := &Reps{From: from, Reason: why}
	d := a.Streams.DistanceM
	for k, sp := range spans {
		rep := Rep{StartS: sp[0], DurationS: sp[1] - sp[0], DistanceM: round(distanceBetween(d, sp[0], sp[1]), 1)}
		rep.AvgHR, rep.MaxHR = spanHR(hr, sp[0], sp[1])
		if k+1 < len(spans) {
			next := spans[k+1][0]
			rec := &Rest{DurationS: next - sp[1], DistanceM: round(distanceBetween(d, sp[1], next), 1)}
			rec.LowHR, rec.DropBPM = hrDrop(hr, rep.MaxHR, sp[1], next)
			rep.Recovery = rec
		}
		r.Reps = append(r.Reps, rep)
	}
	return r
}

// spanHR is the mean and the peak of the known heart rates in [from, to).
func spanHR(hr []float64, from, to int) (avg, peak float64) {
	from, to = max(0, from), min(len(hr), to)
	if from >= to {
		return 0, 0
	}
	avg, peak = meanMax(hr[from:to])
	return round(avg, 1), round(peak, 1)
}

// hrDrop is the lowest heart rate of the recovery [from, to) after a rep
// that peaked at peakBPM, and how far it fell; zeros unless both are
// known.
func hrDrop(hr []float64, peakBPM float64, from, to int) (low, drop float64) {
	from, to = max(0, from), min(len(hr), to)
	low = math.Inf(1)
	for _, v := range hr[min(from, to):to] {
		if v < low { // false for NaN: a gap is no low
			low = v
		}
	}
	if peakBPM <= 0 || math.IsInf(low, 1) {
		return 0, 0
	}
	return round(low, 1), round(peakBPM-low, 1)
}

// lastKnown is the last value of x in [from, to) that is a number.
func lastKnown(x []float64, from, to int) (float64, bool) {
	for i := min(len(x), to) - 1; i >= max(0, from); i-- {
		if !math.IsNaN(x[i]) {
			return x[i], true
		}
	}
	return 0, false
}

// distanceBetween is the distance covered from second from to second to
// of the cumulative distance d, from the known values nearest inside;
// 0 when unknown.
func distanceBetween(d []float64, from, to int) float64 {
	end, ok1 := lastKnown(d, from, to+1)
	var start float64
	ok2 := false
	for i := max(0, from); i < min(len(d), to+1); i++ {
		if !math.IsNaN(d[i]) {
			start, ok2 = d[i], true
			break
		}
	}
	if !ok1 || !ok2 || end < start {
		return 0
	}
	return end - start
}

// lapSeconds is a lap's moving time in whole seconds, else its elapsed.
func lapSeconds(l activity.Lap) int {
	if l.Moving > 0 {
		return secondsOf(l.Moving)
	}
	return secondsOf(l.Elapsed)
}

// secondsSince is the whole seconds from start to t.
func secondsSince(start, t time.Time) int { return secondsOf(t.Sub(start)) }

func secondsOf(d time.Duration) int { return int(d.Round(time.Second) / time.Second) }
