package trackxml

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/easyrun/easyrun/activity"
)

// MaxSpan is the longest activity the XML formats accept. Longer spans
// come from broken clocks (GPX writers emit 1901 and 2099 alike) and would
// make the 1 s grid absurdly large; a week covers any ultra.
const MaxSpan = 7 * 24 * time.Hour

// Track collects the samples of one activity in file order. Samples that
// cannot be placed in time are counted and left out: those without a time,
// and those that go back in time (a clock jump; keeping them would put
// distance out of order).
type Track struct {
	samples   []activity.Sample
	untimed   int
	backwards int
}

// Add appends s and reports whether it was kept.
func (t *Track) Add(s activity.Sample) bool {
	switch {
	case s.Time.IsZero():
		t.untimed++
		return false
	case len(t.samples) > 0 && s.Time.Before(t.samples[len(t.samples)-1].Time):
		t.backwards++
		return false
	}
	t.samples = append(t.samples, s)
	return true
}

// Samples are the kept samples, in order; callers may edit their values.
func (t *Track) Samples() []activity.Sample { return t.samples }

// Untimed is the number of samples left out for carrying no time.
func (t *Track) Untimed() int { return t.untimed }

// Span is the time from the first kept sample to the last.
func (t *Track) Span() time.Duration {
	if len(t.samples) == 0 {
		return 0
	}
	return t.samples[len(t.samples)-1].Time.Sub(t.samples[0].Time)
}

// Finish places the samples on a's 1 s grid and records what was left
// out. a.Start, when set, is kept unless a sample comes earlier; it ends
// truncated to the second, as the grid is. Finish fails when the activity
// would span more than MaxSpan or than what is left of the file's budget,
// before any grid is made.
func (t *Track) Finish(a *activity.Activity, b *activity.Budget) error {
	if len(t.samples) > 0 {
		if first := t.samples[0].Time; a.Start.IsZero() || first.Before(a.Start) {
			a.Start = first
		}
	}
	a.Start = a.Start.Truncate(time.Second)
	end := a.Start.Add(max(a.Elapsed, a.Moving))
	if len(t.samples) > 0 {
		end = maxTime(end, t.samples[len(t.samples)-1].Time)
	}
	if span := end.Sub(a.Start); span > MaxSpan || a.Elapsed < 0 || a.Moving < 0 {
		return fmt.Errorf("timestamps span %v, more than %v: the clock is broken", span.Round(time.Hour), MaxSpan)
	}
	if err := b.Span(end.Sub(a.Start)); err != nil {
		return err
	}
	total := len(t.samples) + t.untimed + t.backwards
	if t.untimed > 0 {
		a.Flags.Add(activity.NoTimestamps, fmt.Sprintf("%d of %d points carry no time and were left out", t.untimed, total))
	}
	if t.backwards > 0 {
		a.Flags.Add(activity.ClockJump, fmt.Sprintf("%d of %d points went back in time and were left out", t.backwards, total))
	}
	a.Streams = activity.Resample(a.Start, t.samples)
	return nil
}

// AddDistance fills the cumulative distance of samples with positions and,
// where a sample states none, its speed since the previous position.
// Nothing is counted across a pause.
func AddDistance(samples []activity.Sample) {
	distM := 0.0
	var prev *activity.Sample
	for i := range samples {
		s := &samples[i]
		if s.Resume {
			prev = nil
		}
		if math.IsNaN(s.Lat) || math.IsNaN(s.Lon) {
			continue
		}
		if prev != nil {
			stepM := activity.DistanceBetween(prev.Lat, prev.Lon, s.Lat, s.Lon)
			distM += stepM
			if dt := s.Time.Sub(prev.Time).Seconds(); dt > 0 && math.IsNaN(s.SpeedMS) {
				s.SpeedMS = stepM / dt
			}
		}
		s.DistanceM = distM
		prev = s
	}
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// Seconds converts a count of seconds from a file to a duration, refusing
// negative values and any beyond MaxSpan.
func Seconds(s float64) (time.Duration, bool) {
	if s < 0 || s > MaxSpan.Seconds() || math.IsNaN(s) {
		return 0, false
	}
	return time.Duration(s * float64(time.Second)), true
}

// makers maps words found in creator strings to device makers, in FIT's
// manufacturer vocabulary. Garmin's own products often name only the model.
var makers = []struct{ word, maker string }{
	{"garmin", "garmin"},
	{"forerunner", "garmin"},
	{"fenix", "garmin"},
	{"etrex", "garmin"},
	{"edge", "garmin"},
	{"vivoactive", "garmin"},
	{"vívoactive", "garmin"},
	{"strava", "strava"},
	{"suunto", "suunto"},
	{"polar", "polar"},
	{"coros", "coros"},
	{"wahoo", "wahoo_fitness"},
	{"apple", "apple"},
	{"zwift", "zwift"},
	{"runkeeper", "runkeeper"},
}

// Device describes the recording device or program from a creator string
// ("Garmin Connect", "StravaGPX Android", "Forerunner 910XT",
// "GPSBabel - http://www.gpsbabel.org"): the product is the string without
// a trailing web address, the maker is recognised from a word that starts
// with a known name ("StravaGPX" is Strava's).
func Device(creator string) activity.Device {
	product, _, _ := strings.Cut(creator, " - http")
	product = strings.TrimSpace(product)
	d := activity.Device{Product: product}
	words := strings.FieldsFunc(strings.ToLower(product), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for _, w := range words {
		for _, m := range makers {
			if strings.HasPrefix(w, m.word) {
				d.Maker = m.maker
				return d
			}
		}
	}
	return d
}
