package analysis

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/say"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/rules"
)

// Class is what kind of session an activity was.
type Class string

// The classes, from the recovery-run rules of PRODUCT.md and science.md §10.
const (
	Recovery      Class = "recovery"
	Easy          Class = "easy"
	Long          Class = "long"
	Steady        Class = "steady"
	Tempo         Class = "tempo" // tempo or threshold
	Intervals     Class = "intervals"
	Race          Class = "race"
	CrossTraining Class = "cross_training" // any sport but running: walking is not a run
	// Fragment is a recording too short to be a run: a forgotten stop or
	// a test (coaching.md, "Only runs are runs").
	Fragment Class = "fragment"
	Unknown  Class = "unknown" // no heart rate, no RPE, no pace model
)

// The rules, as fractions of max HR and durations (PRODUCT.md,
// science.md §10). Each is stated in the reasons with its numbers.
const (
	// Intervals: at least minBouts bouts of boutWorkS at or above
	// boutPct, each ending when heart rate stays below boutEndPct for
	// boutRestS, so there is a recovery between bouts.
	boutPct    = 0.85
	boutEndPct = 0.80
	boutWorkS  = 60
	boutRestS  = 30
	minBouts   = 3
	// Tempo/threshold: tempoZ4S continuously in zone 4 (from 80 %), or
	// thresholdS continuously at or above thresholdPct; dips shorter than
	// boutRestS do not break a stretch.
	z4Pct        = 0.80
	tempoZ4S     = 20 * 60
	thresholdPct = 0.88
	thresholdS   = 15 * 60
	// Threshold reps (cruise intervals, 2 × 15 or 3 × 10 min): at least
	// two bouts of cruiseRepS or more, tempoZ4S in all, are threshold
	// work broken by short jogs, not intervals. Heart rate takes a minute
	// to rise, so a 15 min rep never shows 15 min on end.
	cruiseRepS = 8 * 60
	// Race: at least raceShare of the heart-rate time at or above racePct
	// over at least raceMinS.
	racePct   = 0.92
	raceShare = 0.75
	raceMinS  = 10 * 60
	// Steady: marathon effort, median at or above z4Pct, or steadyZ4S in
	// zone 4 in all.
	steadyZ4S = 20 * 60
	// Recovery: within the rules' time above the cap and sustained time
	// (rules.Set), at most recoveryMaxS long.
	recoveryMaxS = 60 * 60
	// Long: at least longS, or longRatio × the runner's typical run.
	longS     = 90 * 60
	longRatio = 1.5
	// A long run is hard with at least longHardZ4S above zone 3.
	longHardZ4S = 15 * 60
	// A session is hard when its load exceeds hardLoadRatio × the median
	// daily load; cross-training only above crossHardLoadRatio ×.
	hardLoadRatio      = 1.5
	crossHardLoadRatio = 2.0
	// minJudgedS is the least heart-rate time worth judging; below it the
	// run is judged as if it had none.
	minJudgedS = 5 * 60
)

// judge sets r's Class, Reasons, Hard and HardReasons from the cleaned
// heart rate hr, else the RPE, else the speed speedMS, else says it
// cannot.
func judge(a *activity.Activity, c Context, r *Result, hr, speedMS []float64) {
	if !isRun(a.Sport) {
		judgeCrossTraining(a, c, r)
		return
	}
	rl := c.rules()
	if min := int(rl.MinRun / time.Second); r.DurationS < min {
		r.Class = Fragment
		r.Reasons = append(r.Reasons, fmt.Sprintf("a recording of %s, under %s: not a run (a forgotten stop or a test), so neither a recovery nor an easy run; its load still counts",
			say.Seconds(r.DurationS), say.Seconds(min)))
		return
	}
	maxBPM := c.Athlete.MaxHR.V
	long, longWhy := isLong(r.DurationS, c.TypicalRunDuration)
	switch {
	case a.Race:
		r.Class = Race
		r.Reasons = append(r.Reasons, "you marked it as a race")
		r.HardReasons = append(r.HardReasons, "race")
	case raceName(a.Name):
		r.Class = Race
		r.Reasons = append(r.Reasons, fmt.Sprintf("the name says race: %q", a.Name))
		r.HardReasons = append(r.HardReasons, "race")
	case a.RPE >= 1 && a.RPE <= 10 && c.Athlete.Intensity == activity.ByRPE:
		judgeRPE(r, a.RPE, long, longWhy)
		r.Reasons = append(r.Reasons, "you chose RPE only: heart rate is not used to judge intensity")
	case r.HRSeconds >= min(minJudgedS, r.DurationS/2) && r.HRSeconds > 0 && maxBPM > 0:
		judgeHR(r, hr, maxBPM, rl, long, longWhy)
		if feel, ok := physio.RPEWords(a.RPE); ok && a.RPE > 0 {
			r.Reasons = append(r.Reasons, fmt.Sprintf("RPE %d logged (%s); heart rate decided the class", a.RPE, feel))
		}
	case a.RPE >= 1 && a.RPE <= 10:
		judgeRPE(r, a.RPE, long, longWhy)
	default:
		judgeWithoutHR(a, c, r, speedMS, long, longWhy)
	}
	if r.HRSeconds > 0 && r.Class != Unknown {
		for _, f := range r.Quality {
			if f.Code == HRCadenceLock {
				r.Reasons = append(r.Reasons, fmt.Sprintf("%s of likely cadence lock were left out of this judgement", say.Seconds(f.Seconds)))
			}
		}
	}
	if r.Class == Long && !r.LongHard {
		r.HardReasons = append(r.HardReasons, "a long run, easy throughout: a hard day for placement only, so the day after it is easy (coaching.md)")
	}
	hardByLoad(r, c.MedianDailyLoad, hardLoadRatio)
	r.Hard = len(r.HardReasons) > 0
}

// isRun reports whether sport is running; a file that names no sport is
// taken for a run, since easyrun is for runners.
func isRun(sport activity.Sport) bool {
	return sport == activity.Running || sport == activity.Unknown
}

// raceName reports whether an activity's name says it was a race.
func raceName(name string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !('a' <= r && r <= 'z')
	}) {
		switch w {
		case "race", "racing", "parkrun", "wettkampf", "competition":
			return true
		}
	}
	return false
}

// isLong applies the long-run rule to a duration and says why.
func isLong(durationS int, typical time.Duration) (bool, string) {
	if durationS >= longS {
		return true, fmt.Sprintf("%s, at least %s: long", say.Seconds(durationS), say.Seconds(longS))
	}
	if t := int(typical / time.Second); t > 0 && float64(durationS) >= longRatio*float64(t) {
		return true, fmt.Sprintf("%s, at least %g × your typical run of %s: long", say.Seconds(durationS), longRatio, say.Seconds(t))
	}
	return false, ""
}

// pctOf formats a heart rate as "162 bpm (85 % of max 190)".
func pctOf(bpm, maxBPM float64) string {
	return fmt.Sprintf("%.0f bpm (%.0f %% of max %.0f)", bpm, 100*bpm/maxBPM, maxBPM)
}

// judgeHR classifies a run by its cleaned heart rate.
func judgeHR(r *Result, hr []float64, maxBPM float64, rl rules.Set, long bool, longWhy string) {
	at := func(p float64) float64 { return p * maxBPM }
	bouts := findBouts(hr, at(boutPct), at(boutEndPct), boutWorkS, boutRestS, 1)
	z4 := findBouts(hr, at(z4Pct), at(z4Pct), 0, boutRestS, 1)
	thr := findBouts(hr, at(thresholdPct), at(thresholdPct), 0, boutRestS, 1)
	z4S := secondsAtOrAbove(hr, at(z4Pct))
	raceS := secondsAtOrAbove(hr, at(racePct))
	med := medianBPM(hr)

	isCruise := bouts.count >= 2 && bouts.shortestS >= cruiseRepS && bouts.totalS >= tempoZ4S
	isIntervals := bouts.count >= minBouts && !isCruise
	isRace := r.DurationS >= raceMinS && float64(raceS) >= raceShare*float64(r.HRSeconds)
	isTempo := isCruise || z4.longestS >= tempoZ4S || thr.longestS >= thresholdS
	isSteady := med >= at(z4Pct) || z4S >= steadyZ4S

	var why []string
	if isRace {
		why = append(why, fmt.Sprintf("%s of %s at or above %s: race effort",
			say.Seconds(raceS), say.Seconds(r.HRSeconds), pctOf(at(racePct), maxBPM)))
		r.HardReasons = append(r.HardReasons, why[len(why)-1])
	}
	if isIntervals {
		why = append(why, fmt.Sprintf("%d bouts of %s at or above %s with recoveries below %s between: intervals",
			bouts.count, clockRange(bouts.shortestS, bouts.longestS), pctOf(at(boutPct), maxBPM), pctOf(at(boutEndPct), maxBPM)))
		r.HardReasons = append(r.HardReasons, why[len(why)-1])
	}
	if isTempo && !isIntervals && !isRace {
		switch {
		case thr.longestS >= thresholdS:
			why = append(why, fmt.Sprintf("%s continuously at or above %s: threshold", say.Seconds(thr.longestS), pctOf(at(thresholdPct), maxBPM)))
		case z4.longestS >= tempoZ4S:
			why = append(why, fmt.Sprintf("%s continuously in zone 4, at or above %s: tempo", say.Seconds(z4.longestS), pctOf(at(z4Pct), maxBPM)))
		default:
			why = append(why, fmt.Sprintf("%d bouts of %s at or above %s, %s in all, with recoveries below %s between: threshold reps",
				bouts.count, clockRange(bouts.shortestS, bouts.longestS), pctOf(at(boutPct), maxBPM), say.Seconds(bouts.totalS), pctOf(at(boutEndPct), maxBPM)))
		}
		r.HardReasons = append(r.HardReasons, why[len(why)-1])
	}
	if long {
		why = append(why, longWhy)
		if z4S >= longHardZ4S && !isTempo && !isIntervals {
			r.LongHard = true
			r.HardReasons = append(r.HardReasons, fmt.Sprintf("long run with %s above zone 3 (at or above %s)", say.Seconds(z4S), pctOf(at(z4Pct), maxBPM)))
		}
	}
	capS := secondsAtOrAbove(hr, r.CapBPM)
	fewMinutesS, sustainedS := int(rl.MaxAboveCap/time.Second), int(rl.MaxSustained/time.Second)
	switch {
	case isRace:
		r.Class = Race
	case isIntervals:
		r.Class = Intervals
	case long:
		r.Class = Long
	case isTempo:
		r.Class = Tempo
	case isSteady:
		r.Class = Steady
		if med >= at(z4Pct) {
			why = append(why, fmt.Sprintf("median heart rate %s, in zone 4 without a stretch of %s: steady, marathon effort", pctOf(med, maxBPM), say.Seconds(tempoZ4S)))
		} else {
			why = append(why, fmt.Sprintf("%s in zone 4 (at or above %s), none of it for %s on end: steady", say.Seconds(z4S), pctOf(at(z4Pct), maxBPM), say.Seconds(tempoZ4S)))
		}
	case capS <= fewMinutesS && r.SustainedS <= sustainedS && r.DurationS <= recoveryMaxS:
		r.Class = Recovery
		why = append(why, fmt.Sprintf("%s of %s below the recovery cap of %s, no sustained time above %s, %s long: recovery",
			say.Seconds(r.HRSeconds-capS), say.Seconds(r.HRSeconds), pctOf(r.CapBPM, maxBPM), pctOf(rl.SustainedShare*maxBPM, maxBPM), say.Seconds(r.DurationS)))
	default:
		r.Class = Easy
		var not []string
		if capS > fewMinutesS {
			not = append(not, fmt.Sprintf("%s above the recovery cap of %s, more than %s", say.Seconds(capS), pctOf(r.CapBPM, maxBPM), say.Seconds(fewMinutesS)))
		}
		if r.SustainedS > sustainedS {
			not = append(not, fmt.Sprintf("%s on end at or above %s", say.Seconds(r.SustainedS), pctOf(rl.SustainedShare*maxBPM, maxBPM)))
		}
		if r.DurationS > recoveryMaxS {
			not = append(not, fmt.Sprintf("%s long, over the %s of a recovery run", say.Seconds(r.DurationS), say.Seconds(recoveryMaxS)))
		}
		why = append(why, fmt.Sprintf("median heart rate %s: easy, not recovery: %s", pctOf(med, maxBPM), strings.Join(not, "; ")))
	}
	r.Reasons = append(r.Reasons, why...)
}

// judgeRPE classifies a run without usable heart rate by the RPE the
// runner logged, in the CR-10 words of science.md §3.
func judgeRPE(r *Result, rpe int, long bool, longWhy string) {
	feel, _ := physio.RPEWords(rpe)
	switch {
	case rpe == 10:
		r.Class = Race
	case rpe >= 8:
		r.Class = Intervals
	case rpe == 7:
		r.Class = Tempo
	case long:
		r.Class = Long
	case rpe >= 5:
		r.Class = Steady
	case rpe == 4 || r.DurationS > recoveryMaxS:
		r.Class = Easy
	default:
		r.Class = Recovery
	}
	why := fmt.Sprintf("no usable heart rate; RPE %d logged (%s), %s: %s", rpe, feel, say.Seconds(r.DurationS), r.Class)
	r.Reasons = append(r.Reasons, why)
	if long {
		r.Reasons = append(r.Reasons, longWhy)
	}
	if rpe >= hardRPE {
		r.HardReasons = append(r.HardReasons, fmt.Sprintf("RPE %d (%s)", rpe, feel))
	}
}

// judgeWithoutHR classifies a run with neither heart rate nor RPE: as
// intervals from the structure of its speed, else it says it cannot.
// Pace is ignored on purpose, so it never guesses an intensity from it
// (coaching.md, "Every verdict explains itself").
func judgeWithoutHR(a *activity.Activity, c Context, r *Result, speedMS []float64, long bool, longWhy string) {
	maxBPM := c.Athlete.MaxHR.V
	if med := medianSpeedMS(speedMS); med > 0 {
		b := findBouts(speedMS, speedBoutRatio*med, speedBoutEndRatio*med, boutWorkS, boutRestS, speedSmoothS)
		if b.count >= minBouts {
			r.Class = Intervals
			why := fmt.Sprintf("no heart rate or RPE; %d bouts of %s at least %.0f %% faster than the median pace %s, with recoveries between: intervals",
				b.count, clockRange(b.shortestS, b.longestS), 100*(speedBoutRatio-1), pace(med, c.Athlete.Units))
			r.Reasons = append(r.Reasons, why)
			r.HardReasons = append(r.HardReasons, why)
			return
		}
	}
	r.Class = Unknown
	r.Reasons = append(r.Reasons, unknownReason(r, maxBPM))
}

// The speed rule for intervals recorded without heart rate: bouts well
// above the run's median moving speed, smoothed over speedSmoothS.
const (
	speedBoutRatio    = 1.20
	speedBoutEndRatio = 1.10
	speedSmoothS      = 10
)

// unknownReason says why a run could not be classified.
func unknownReason(r *Result, maxBPM float64) string {
	switch {
	case r.HRSeconds > 0 && maxBPM <= 0:
		return "max heart rate unknown and no RPE logged: intensity unknown; set your birth year or max heart rate"
	case r.HRSeconds > 0:
		return fmt.Sprintf("only %s of usable heart rate in %s and no RPE logged: intensity unknown; log an RPE to classify it", say.Seconds(r.HRSeconds), say.Seconds(r.DurationS))
	default:
		return "no heart rate and no RPE logged, and pace is ignored on purpose: intensity unknown; log an RPE to classify it"
	}
}

// judgeCrossTraining handles any sport but running: its load and energy
// count, but it is not a run, hard only when its load is very high.
func judgeCrossTraining(a *activity.Activity, c Context, r *Result) {
	r.Class = CrossTraining
	sport := string(a.Sport)
	if a.Sport == activity.Walking || a.Sport == activity.Hiking {
		r.Reasons = append(r.Reasons, fmt.Sprintf("%s is not a run: cross-training; its load and energy still count", sport))
	} else {
		r.Reasons = append(r.Reasons, fmt.Sprintf("%s: cross-training; its load and energy count, but it is not judged as a run", sport))
	}
	if feel, ok := physio.RPEWords(a.RPE); ok && a.RPE >= hardRPE {
		r.HardReasons = append(r.HardReasons, fmt.Sprintf("RPE %d logged (%s): a hard %s session is a hard day for running too", a.RPE, feel, sport))
	}
	hardByLoad(r, c.MedianDailyLoad, crossHardLoadRatio)
	r.Hard = len(r.HardReasons) > 0
}

// hardRPE is the least RPE of a hard session: 7, comfortably hard
// (threshold), on Foster's CR-10 (science.md §3).
const hardRPE = 7

// hardByLoad adds the load rule of science.md §10: a load above ratio ×
// the runner's median daily load is hard whatever its intensity.
func hardByLoad(r *Result, medianDailyLoad, ratio float64) {
	if medianDailyLoad <= 0 || r.Load.Method == NoLoad || r.Load.Value <= ratio*medianDailyLoad {
		return
	}
	r.HardReasons = append(r.HardReasons, fmt.Sprintf("load %.0f is %.1f × your median daily load of %.0f, over %g ×",
		r.Load.Value, r.Load.Value/medianDailyLoad, medianDailyLoad, ratio))
}

// medianSpeedMS is the median of the moving speeds in v, to 0.05 m/s,
// from a histogram: linear time, no allocation.
func medianSpeedMS(v []float64) float64 {
	const binMS = 0.05
	var hist [256]int
	n := 0
	for _, x := range v {
		if x >= activity.MovingSpeedMS { // false for NaN
			hist[min(int(x/binMS), len(hist)-1)]++
			n++
		}
	}
	seen := 0
	for i, k := range hist {
		seen += k
		if n > 0 && 2*seen >= n {
			return (float64(i) + 0.5) * binMS
		}
	}
	return 0
}

// clockRange formats a range of durations: "3 min", "2 min 50 s to 3 min".
func clockRange(shortS, longS int) string {
	if shortS == longS {
		return say.Seconds(shortS)
	}
	return say.Seconds(shortS) + " to " + say.Seconds(longS)
}

// pace formats a speed as time per kilometre or mile, as the runner
// reads distances: "5:20 /km".
func pace(speedMS float64, units activity.Units) string {
	if speedMS <= 0 {
		return "no pace"
	}
	unitM, unit := 1000.0, "km"
	if units == activity.Miles {
		unitM, unit = 1609.344, "mi"
	}
	s := int(math.Round(unitM / speedMS))
	return fmt.Sprintf("%d:%02d /%s", s/60, s%60, unit)
}
