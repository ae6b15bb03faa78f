package cli

import (
	"fmt"
	"math"
	"time"
)

// clock formats a duration as h:mm:ss, or m:ss under an hour.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// km formats metres as kilometres.
func km(m float64) string {
	if m <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f km", m/1000)
}

// pace formats the pace of a distance over a moving time, per kilometre.
func pace(m float64, moving time.Duration) string {
	if m < 10 || moving <= 0 {
		return "—"
	}
	secPerKm := moving.Seconds() / (m / 1000)
	if secPerKm > 3600 {
		return "—"
	}
	s := int(math.Round(secPerKm))
	return fmt.Sprintf("%d:%02d /km", s/60, s%60)
}

// bpm formats a heart rate, or a dash when unknown.
func bpm(v float64) string {
	if v <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f bpm", v)
}
