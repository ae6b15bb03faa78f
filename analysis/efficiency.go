package analysis

import (
	"fmt"
	"math"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/say"
)

// When aerobic decoupling means something (science.md §8): a steady
// effort, long enough for drift to show, on ground flat enough that pace
// and heart rate move together.
const (
	minDecouplingS       = 30 * 60
	maxClimbMPerKm       = 15  // more climb per km than this is a hilly run
	decouplingGoodPct    = 5.0 // Friel: under 5 % means good aerobic endurance
	climbHysteresisM     = 3.0 // altitude noise below this is not a climb
	minDecouplingSpeedMS = activity.MovingSpeedMS
)

// Decoupling is aerobic decoupling (Pa:HR, Friel): how much the ratio of
// speed to heart rate fell from the first half of the run to the second,
// in percent. Applies says whether the run allows the measure at all;
// Reason says why not, or what the value means.
type Decoupling struct {
	Pct     float64 `json:"pct"`
	Applies bool    `json:"applies"`
	Reason  string  `json:"reason"`
}

// halves holds the means of speed and heart rate over the first and the
// second half of the seconds where both are known and the runner moves.
type halves struct {
	seconds        int
	speed1, speed2 float64 // m/s
	hr1, hr2       float64 // bpm
}

// splitHalves splits the seconds with both a valid heart rate and a
// moving speed into two halves of equal count and averages each. With no
// speed stream at all (nil) it splits the seconds with heart rate alone.
func splitHalves(hr, speedMS []float64) halves {
	paired := func(i int) bool {
		if speedMS == nil {
			return !math.IsNaN(hr[i])
		}
		return i < len(speedMS) && !math.IsNaN(hr[i]) && speedMS[i] >= minDecouplingSpeedMS
	}
	var h halves
	for i := range hr {
		if paired(i) {
			h.seconds++
		}
	}
	if h.seconds < 2 {
		return h
	}
	var sum [2]struct{ speed, hr float64 }
	k := 0
	for i := range hr {
		if !paired(i) {
			continue
		}
		half := min(2*k/h.seconds, 1)
		if speedMS != nil {
			sum[half].speed += speedMS[i]
		}
		sum[half].hr += hr[i]
		k++
	}
	n1 := float64(h.seconds / 2)
	n2 := float64(h.seconds - h.seconds/2)
	h.speed1, h.hr1 = sum[0].speed/n1, sum[0].hr/n1
	h.speed2, h.hr2 = sum[1].speed/n2, sum[1].hr/n2
	return h
}

// efficiency is the efficiency factor: speed in m/min per beat.
func efficiency(speedMS, hrBPM float64) float64 {
	if hrBPM <= 0 {
		return 0
	}
	return speedMS * 60 / hrBPM
}

// decoupling judges and computes Pa:HR for the halves h. intervals says
// the run was structured; climbMPerKm is its climb per kilometre.
func decoupling(h halves, intervals bool, climbMPerKm float64) Decoupling {
	switch {
	case h.seconds == 0:
		return Decoupling{Reason: "needs heart rate and speed together: not both recorded"}
	case h.seconds < minDecouplingS:
		return Decoupling{Reason: fmt.Sprintf("too short: %s with heart rate and speed, needs %s of steady running",
			say.Seconds(h.seconds), say.Seconds(minDecouplingS))}
	case intervals:
		return Decoupling{Reason: "does not apply to intervals: it needs one steady effort"}
	case climbMPerKm > maxClimbMPerKm:
		return Decoupling{Reason: fmt.Sprintf("does not apply on hills: %.0f m of climb per km (over %d m/km) changes pace for the same effort",
			climbMPerKm, maxClimbMPerKm)}
	}
	ef1, ef2 := efficiency(h.speed1, h.hr1), efficiency(h.speed2, h.hr2)
	d := Decoupling{Pct: round((ef1-ef2)/ef1*100, 1), Applies: true}
	what := fmt.Sprintf("efficiency %.2f m/min per beat in the first half, %.2f in the second", ef1, ef2)
	if d.Pct < decouplingGoodPct {
		d.Reason = fmt.Sprintf("%s: %.1f %%, under %g %%: heart rate held steady against pace, good aerobic endurance", what, d.Pct, decouplingGoodPct)
	} else {
		d.Reason = fmt.Sprintf("%s: %.1f %%, over %g %%: heart rate drifted up against pace, aerobic endurance for this duration is still building", what, d.Pct, decouplingGoodPct)
	}
	return d
}

// climbM is the metres climbed in an altitude trace, counting only rises
// that exceed climbHysteresisM so barometer and GPS noise do not add up.
func climbM(altM []float64) float64 {
	climb, ref := 0.0, math.NaN()
	for _, v := range altM {
		switch {
		case math.IsNaN(v):
		case math.IsNaN(ref) || v < ref:
			ref = v
		case v-ref >= climbHysteresisM:
			climb += v - ref
			ref = v
		}
	}
	return climb
}

// round rounds x to the given number of decimals, so stored results and
// golden files do not carry float noise.
func round(x float64, decimals int) float64 {
	p := math.Pow10(decimals)
	return math.Round(x*p) / p
}
