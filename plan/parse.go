package plan

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/internal/say"
)

// metresPerMile converts the runner's miles.
const metresPerMile = 1609.344

// The bounds of a weekly volume a request may ask for: beyond them the
// number is a typo, not a plan.
const (
	maxWeeklyDuration  = 40 * time.Hour
	maxWeeklyDistanceM = 400_000
)

// weekdays are the days of the week as the command line writes them.
var weekdays = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// String writes c as "tue:intervals".
func (c HardChoice) String() string { return weekdayName(c.Day) + ":" + string(c.Kind) }

// MarshalText writes c as "tue:intervals".
func (c HardChoice) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads a choice written "tue:intervals".
func (c *HardChoice) UnmarshalText(b []byte) error {
	v, err := parseChoice(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// ParseHard reads the hard sessions of a week as the command line writes
// them: "tue:intervals,thu:threshold,sun:long". Days are the first three
// letters of their English names (or the whole name); kinds are
// intervals, threshold (or tempo), long and race. A day may appear once.
func ParseHard(s string) ([]HardChoice, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var out []HardChoice
	for _, part := range strings.Split(s, ",") {
		c, err := parseChoice(part)
		if err != nil {
			return nil, err
		}
		for _, o := range out {
			if o.Day == c.Day {
				return nil, fmt.Errorf("hard sessions %q: %s appears twice; one hard session a day", s, weekdayName(c.Day))
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// parseChoice reads one "day:kind".
func parseChoice(s string) (HardChoice, error) {
	day, kind, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), ":")
	if !ok {
		return HardChoice{}, fmt.Errorf("hard session %q: want day:kind, e.g. tue:intervals", s)
	}
	d, err := parseWeekday(strings.TrimSpace(day))
	if err != nil {
		return HardChoice{}, fmt.Errorf("hard session %q: %w", s, err)
	}
	k := Kind(strings.TrimSpace(kind))
	if k == "tempo" {
		k = Threshold
	}
	if !k.Hard() {
		return HardChoice{}, fmt.Errorf("hard session %q: kind %q is not a hard session: want intervals, threshold, long or race", s, kind)
	}
	return HardChoice{Day: d, Kind: k}, nil
}

// parseWeekday reads "tue" or "tuesday".
func parseWeekday(s string) (time.Weekday, error) {
	if len(s) >= 3 {
		for d := time.Sunday; d <= time.Saturday; d++ {
			if strings.HasPrefix(strings.ToLower(d.String()), s) {
				return d, nil
			}
		}
	}
	return 0, fmt.Errorf("unknown day %q: want mon, tue, wed, thu, fri, sat or sun", s)
}

// weekdayName is the short lower-case name: "tue".
func weekdayName(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return fmt.Sprintf("day%d", int(d))
	}
	return weekdays[d]
}

// ParseVolume reads a weekly volume: a time ("5h", "4h30m", "300min") or a
// distance ("50km", "30mi").
func ParseVolume(s string) (Volume, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if num, ok := strings.CutSuffix(t, "km"); ok {
		return distanceVolume(s, num, 1000)
	}
	if num, ok := strings.CutSuffix(t, "mi"); ok {
		return distanceVolume(s, num, metresPerMile)
	}
	if num, ok := strings.CutSuffix(t, "min"); ok {
		t = num + "m"
	}
	d, err := time.ParseDuration(t)
	if err != nil {
		return Volume{}, fmt.Errorf("weekly volume %q: want a time (5h, 4h30m, 300min) or a distance (50km, 30mi)", s)
	}
	if d <= 0 || d > maxWeeklyDuration {
		return Volume{}, fmt.Errorf("weekly volume %q: want more than 0 and at most %s a week", s, say.Minutes(maxWeeklyDuration))
	}
	return Volume{Duration: d}, nil
}

// distanceVolume reads the number of a distance volume in units of perM metres.
func distanceVolume(s, num string, perM float64) (Volume, error) {
	x, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(x) {
		return Volume{}, fmt.Errorf("weekly volume %q: want a number before the unit, e.g. 50km", s)
	}
	m := x * perM
	if m <= 0 || m > maxWeeklyDistanceM {
		return Volume{}, fmt.Errorf("weekly volume %q: want more than 0 and at most %.0f km a week", s, maxWeeklyDistanceM/1000.0)
	}
	return Volume{DistanceM: m}, nil
}

// raceDistances are the named race distances, in metres.
var raceDistances = []struct {
	names []string
	m     float64
}{
	{[]string{"5k"}, 5000},
	{[]string{"10k"}, 10000},
	{[]string{"half", "half-marathon", "halfmarathon"}, 21097.5},
	{[]string{"marathon"}, 42195},
}

// ParseRaceDistance reads a race distance: 5k, 10k, half, marathon, or a
// distance such as "15km" or "10mi". It returns the metres and the name.
func ParseRaceDistance(s string) (float64, string, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	for _, r := range raceDistances {
		for _, n := range r.names {
			if t == n {
				return r.m, r.names[0], nil
			}
		}
	}
	v, err := ParseVolume(t)
	if err != nil || v.DistanceM == 0 || v.DistanceM > 1_000_000 {
		return 0, "", fmt.Errorf("race distance %q: want 5k, 10k, half, marathon or a distance such as 15km or 10mi", s)
	}
	return v.DistanceM, t, nil
}
