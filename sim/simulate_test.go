package sim

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

var tuesday = time.Date(2026, 3, 3, 6, 0, 0, 0, time.UTC)

func simulate(t testing.TB, r Runner, s Session) *activity.Activity {
	t.Helper()
	a, err := r.Simulate(s)
	if err != nil {
		t.Fatalf("Simulate(%+v): %v", s, err)
	}
	return a
}

func TestSimulateShape(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	for _, k := range []Kind{Recovery, Easy, Long, Steady, Threshold, Intervals, Race} {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			a := simulate(t, r, Session{Kind: k, Start: tuesday.Add(30 * time.Second), DriftBPMPerHour: 4, Dropouts: 2})
			if a.Sport != activity.Running || a.Source != activity.FIT || a.Device != Device {
				t.Errorf("sport %q source %q device %+v", a.Sport, a.Source, a.Device)
			}
			if !strings.HasPrefix(a.Name, "Simulated "+string(k)) {
				t.Errorf("name %q is not labelled as simulated %s", a.Name, k)
			}
			if !a.HasLocalOffset || a.LocalOffset != r.UTCOffset || !a.Start.Equal(tuesday.Add(30*time.Second)) {
				t.Errorf("start %v offset %v (%v)", a.Start, a.LocalOffset, a.HasLocalOffset)
			}
			plan, err := Session{Kind: k}.Plan()
			if err != nil {
				t.Fatal(err)
			}
			var want time.Duration
			for _, seg := range plan {
				want += seg.Duration
			}
			if a.Elapsed != want || a.Moving != want {
				t.Errorf("elapsed %v moving %v, want %v", a.Elapsed, a.Moving, want)
			}
			n := int(want/time.Second) + 1
			for _, c := range a.Streams.Channels() {
				if got := len(*c.Values); got != n && !(c.Name == "power_w" && got == 0) {
					t.Errorf("%s has %d samples on the 1 s grid, want %d", c.Name, got, n)
				}
			}
			if gaps := n - activity.Count(a.Streams.HeartRate); gaps < 10 || gaps > 60 {
				t.Errorf("%d heart-rate gaps from 2 dropouts of 5-30 s", gaps)
			}
			d := a.Streams.DistanceM
			for i := 1; i < len(d); i++ {
				if d[i] <= d[i-1] {
					t.Fatalf("distance not increasing at %d s: %v → %v", i, d[i-1], d[i])
				}
			}
			if a.DistanceM != d[len(d)-1] {
				t.Errorf("distance %v, stream ends at %v", a.DistanceM, d[len(d)-1])
			}
			if pace := a.Elapsed.Seconds() / (a.DistanceM / 1000); pace < 180 || pace > 480 {
				t.Errorf("mean pace %.0f s/km, want 3:00-8:00 min/km", pace)
			}
			for _, c := range a.Streams.Cadence {
				if c < 150 || c > 200 {
					t.Fatalf("cadence %v spm", c)
				}
			}
			if a.AscentM < 5 || a.AscentM > 40*a.DistanceM/1000 {
				t.Errorf("ascent %.0f m over %.0f m: not gentle hills", a.AscentM, a.DistanceM)
			}
			if a.AvgHeartRate == 0 || a.MaxHeartRate > r.MaxHR {
				t.Errorf("avg HR %v max %v", a.AvgHeartRate, a.MaxHeartRate)
			}
			checkLaps(t, a)
			checkRoute(t, r, a)
		})
	}
}

// checkLaps asserts that laps tile the activity and add up.
func checkLaps(t *testing.T, a *activity.Activity) {
	t.Helper()
	if len(a.Laps) == 0 {
		t.Fatal("no laps")
	}
	at := a.Start
	var elapsed time.Duration
	var distM float64
	for i, l := range a.Laps {
		if !l.Start.Equal(at) {
			t.Errorf("lap %d starts %v, previous ended %v", i+1, l.Start, at)
		}
		at = l.Start.Add(l.Elapsed)
		elapsed += l.Elapsed
		distM += l.DistanceM
		if l.AvgHeartRate <= 0 || l.MaxHeartRate < l.AvgHeartRate {
			t.Errorf("lap %d heart rate avg %v max %v", i+1, l.AvgHeartRate, l.MaxHeartRate)
		}
	}
	if elapsed != a.Elapsed {
		t.Errorf("laps sum to %v, activity lasts %v", elapsed, a.Elapsed)
	}
	if math.Abs(distM-a.DistanceM) > 0.01 {
		t.Errorf("laps sum to %.2f m, activity %.2f m", distM, a.DistanceM)
	}
}

// checkRoute asserts the track starts at home, stays near it and moves
// about as far as the distance stream says.
func checkRoute(t *testing.T, r Runner, a *activity.Activity) {
	t.Helper()
	s := &a.Streams
	if d := activity.DistanceBetween(r.HomeLat, r.HomeLon, s.Lat[0], s.Lon[0]); d > 10 {
		t.Errorf("starts %.0f m from home", d)
	}
	trackM := 0.0
	for i := 1; i < len(s.Lat); i++ {
		trackM += activity.DistanceBetween(s.Lat[i-1], s.Lon[i-1], s.Lat[i], s.Lon[i])
		if d := activity.DistanceBetween(r.HomeLat, r.HomeLon, s.Lat[i], s.Lon[i]); d > 5000 {
			t.Fatalf("%.0f m from home at %d s", d, i)
		}
	}
	if ratio := trackM / a.DistanceM; ratio < 0.97 || ratio > 1.06 {
		t.Errorf("GPS track %.0f m, distance %.0f m", trackM, a.DistanceM)
	}
}

func TestSimulateDeterministic(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	s := Session{Kind: Easy, Start: tuesday, DriftBPMPerHour: 3, Dropouts: 1, CadenceLock: true}
	a, b := simulate(t, r, s), simulate(t, r, s)
	if !sameActivity(a, b) {
		t.Error("same seed and session gave different activities")
	}
	r.Seed++
	if c := simulate(t, r, s); sameActivity(a, c) {
		t.Error("a different seed gave the same activity")
	}
}

// sameActivity compares two activities field by field, NaN equal to NaN.
func sameActivity(a, b *activity.Activity) bool {
	as, bs := a.Streams.Channels(), b.Streams.Channels()
	for i := range as {
		x, y := *as[i].Values, *bs[i].Values
		if len(x) != len(y) {
			return false
		}
		for j := range x {
			if math.Float64bits(x[j]) != math.Float64bits(y[j]) {
				return false
			}
		}
	}
	a2, b2 := *a, *b
	a2.Streams, b2.Streams = activity.Streams{}, activity.Streams{}
	return reflect.DeepEqual(a2, b2)
}

func TestRecoveryRunStaysUnderCap(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	for _, start := range []time.Time{tuesday, tuesday.Add(36 * time.Hour), tuesday.AddDate(0, 5, 0)} {
		a := simulate(t, r, Session{Kind: Recovery, Start: start, Duration: 35 * time.Minute, HRFraction: 0.65, DriftBPMPerHour: 5})
		hr := a.Streams.HeartRate
		if got, want := mean(hr[300:]), 0.65*r.MaxHR; math.Abs(got-want) > 3 {
			t.Errorf("%v: mean heart rate after 5 min %.1f, want %.1f ± 3", start, got, want)
		}
		for m := 0; m+60 <= len(hr); m += 60 {
			if v := mean(hr[m : m+60]); v > 0.70*r.MaxHR {
				t.Errorf("%v: minute %d averages %.1f bpm, above the 70 %% cap", start, m/60+1, v)
			}
		}
	}
}

func TestIntervalsHaveBouts(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	tests := []struct {
		s      Session
		bouts  int
		aboveS int // each bout's least time above 85 % of max
	}{
		{Session{Kind: Intervals}, 6, 100},
		{Session{Kind: Intervals, Reps: 10, Work: time.Minute, Rest: time.Minute, HRFraction: 0.99}, 10, 20},
		{Session{Kind: Intervals, Reps: 5, Work: 4 * time.Minute, Rest: 150 * time.Second}, 5, 150},
		{Session{Kind: Threshold}, 2, 780},
		{Session{Kind: Threshold, Reps: 1, Work: 25 * time.Minute}, 1, 1380},
	}
	for _, tt := range tests {
		tt.s.Start = tuesday
		a := simulate(t, r, tt.s)
		hard := runs(a.Streams.HeartRate, func(v float64) bool { return v > 0.85*r.MaxHR }, tt.aboveS)
		if len(hard) != tt.bouts {
			t.Errorf("%s: %d bouts above 85 %% of max, want %d: %v", a.Name, len(hard), tt.bouts, hard)
			continue
		}
		for i := 1; i < len(hard); i++ {
			if low := minimum(a.Streams.HeartRate[hard[i-1].to:hard[i].from]); low > 0.82*r.MaxHR {
				t.Errorf("%s: no recovery between bouts %d and %d (lowest %.0f bpm)", a.Name, i, i+1, low)
			}
		}
		active := 0
		for _, l := range a.Laps {
			if l.Intensity == Active {
				active++
			}
		}
		if active != tt.bouts {
			t.Errorf("%s: %d active laps, want %d", a.Name, active, tt.bouts)
		}
	}
}

func TestCadenceLock(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	// locked is the longest stretch in seconds where heart rate is within
	// 3 bpm of cadence.
	locked := func(a *activity.Activity) int {
		longest, run := 0, 0
		for i, v := range a.Streams.HeartRate {
			if math.Abs(v-a.Streams.Cadence[i]) <= 3 {
				run++
				longest = max(longest, run)
			} else {
				run = 0
			}
		}
		return longest
	}
	for _, k := range []Kind{Recovery, Easy, Long, Steady, Threshold, Intervals, Race} {
		for _, lock := range []bool{false, true} {
			a := simulate(t, r, Session{Kind: k, Start: tuesday, CadenceLock: lock, DriftBPMPerHour: 6})
			got := locked(a)
			switch {
			case lock && got < 180:
				t.Errorf("%s with cadence lock: heart rate within 3 of cadence for %d s at most, want ≥ 180", k, got)
			case !lock && got >= 30:
				t.Errorf("%s without cadence lock: heart rate within 3 of cadence for %d s", k, got)
			}
			if lock != strings.Contains(a.Notes, "locked onto cadence") {
				t.Errorf("%s lock %v, notes %q", k, lock, a.Notes)
			}
		}
	}
}

func TestNoHeartRate(t *testing.T) {
	t.Parallel()
	r := DefaultRunner()
	s := Session{Kind: Easy, Start: tuesday}
	with := simulate(t, r, s)
	s.NoHR = true
	without := simulate(t, r, s)
	if without.Streams.HeartRate != nil || !without.Flags.Has(activity.NoHeartRate) || without.AvgHeartRate != 0 {
		t.Errorf("NoHR: %d heart-rate samples, flags %v", len(without.Streams.HeartRate), without.Flags)
	}
	if without.DistanceM != with.DistanceM {
		t.Errorf("switching heart rate off changed the distance: %v → %v", with.DistanceM, without.DistanceM)
	}
}

func TestSimulateRejects(t *testing.T) {
	t.Parallel()
	bad := DefaultRunner()
	bad.LTHR = 100
	tests := []struct {
		name string
		r    Runner
		s    Session
	}{
		{"zero runner", Runner{}, Session{Kind: Easy}},
		{"LTHR below the cap", bad, Session{Kind: Easy}},
		{"unknown kind", DefaultRunner(), Session{Kind: "swim"}},
		{"effort above max", DefaultRunner(), Session{Kind: Easy, HRFraction: 1.2}},
		{"negative duration", DefaultRunner(), Session{Kind: Easy, Duration: -time.Minute}},
		{"two days", DefaultRunner(), Session{Kind: Long, Duration: 48 * time.Hour}},
		{"no reps", DefaultRunner(), Session{Kind: Intervals, Reps: -1}},
		{"bad segment", DefaultRunner(), Session{Kind: Long, Segments: []Segment{{Duration: time.Hour, HRFraction: math.NaN()}}}},
		{"drift", DefaultRunner(), Session{Kind: Easy, DriftBPMPerHour: math.Inf(1)}},
		{"dropouts", DefaultRunner(), Session{Kind: Easy, Dropouts: -1}},
	}
	for _, tt := range tests {
		if a, err := tt.r.Simulate(tt.s); !errors.Is(err, ErrInvalid) || a != nil {
			t.Errorf("%s: got %v, %v; want ErrInvalid", tt.name, a, err)
		}
	}
}

func TestPlan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s       Session
		total   time.Duration
		roles   string
		maxFrac float64
		name    string
	}{
		{Session{Kind: Recovery}, 35 * time.Minute, "-", 0.65, "Simulated recovery run 35 min"},
		{Session{Kind: Easy, Duration: 45 * time.Minute, HRFraction: 0.7}, 45 * time.Minute, "-", 0.7, "Simulated easy run 45 min"},
		{Session{Kind: Intervals}, 53 * time.Minute, "warmup active rest active rest active rest active rest active rest active cooldown", 0.93, "Simulated intervals 6×3 min"},
		{Session{Kind: Intervals, Reps: 8, Work: 90 * time.Second, Rest: time.Minute}, 53 * time.Minute, "warmup active rest active rest active rest active rest active rest active rest active rest active cooldown", 0.93, "Simulated intervals 8×90 s"},
		{Session{Kind: Threshold, Reps: 1, Work: 30 * time.Minute, Duration: 40 * time.Minute}, 40 * time.Minute, "warmup active cooldown", 0.89, "Simulated threshold 1×30 min"},
		{Session{Kind: Threshold, Duration: time.Minute}, 43 * time.Minute, "warmup active rest active cooldown", 0.89, "Simulated threshold 2×15 min"},
		{Session{Kind: Race}, time.Hour, "warmup active cooldown", 0.92, "Simulated race 40 min"},
		{Session{Kind: Long, Segments: []Segment{{Duration: 90 * time.Minute, HRFraction: 0.72}, {Duration: 20 * time.Minute, HRFraction: 0.86}}},
			110 * time.Minute, "- -", 0.86, "Simulated long run 110 min"},
	}
	for _, tt := range tests {
		plan, err := tt.s.Plan()
		if err != nil {
			t.Errorf("%+v: %v", tt.s, err)
			continue
		}
		var total time.Duration
		var roles []string
		maxFrac := 0.0
		for _, seg := range plan {
			total += seg.Duration
			roles = append(roles, cmpOr(seg.Intensity, "-"))
			maxFrac = max(maxFrac, seg.HRFraction)
		}
		if total != tt.total || strings.Join(roles, " ") != tt.roles || maxFrac != tt.maxFrac {
			t.Errorf("%+v: %v, %q, hardest %v; want %v, %q, %v", tt.s, total, strings.Join(roles, " "), maxFrac, tt.total, tt.roles, tt.maxFrac)
		}
		if got := tt.s.name(plan); got != tt.name {
			t.Errorf("%+v: name %q, want %q", tt.s, got, tt.name)
		}
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// runs is the list of maximal stretches of at least minLen samples
// where keep holds (keep nil: where the sample is recorded).
func runs(v []float64, keep func(float64) bool, minLen int) []window {
	var out []window
	from := -1
	for i := 0; i <= len(v); i++ {
		in := i < len(v) && !math.IsNaN(v[i]) && (keep == nil || keep(v[i]))
		switch {
		case in && from < 0:
			from = i
		case !in && from >= 0:
			if i-from >= minLen {
				out = append(out, window{from, i})
			}
			from = -1
		}
	}
	return out
}

func mean(v []float64) float64 {
	sum, n := 0.0, 0
	for _, x := range v {
		if !math.IsNaN(x) {
			sum += x
			n++
		}
	}
	return sum / float64(n)
}

func minimum(v []float64) float64 {
	low := math.Inf(1)
	for _, x := range v {
		if !math.IsNaN(x) {
			low = min(low, x)
		}
	}
	return low
}

func FuzzSimulate(f *testing.F) {
	f.Add(uint8(0), int64(2100), 0.65, 0, int64(0), int64(0), false, uint8(0))
	f.Add(uint8(5), int64(0), 0.0, 10, int64(60), int64(60), true, uint8(3))
	f.Add(uint8(6), int64(1), 1.05, 1, int64(1), int64(0), false, uint8(1))
	kinds := []Kind{Recovery, Easy, Long, Steady, Threshold, Intervals, Race, "walk"}
	r := DefaultRunner()
	f.Fuzz(func(t *testing.T, kind uint8, durationS int64, frac float64, reps int, workS, restS int64, lock bool, dropouts uint8) {
		s := Session{
			Kind: kinds[int(kind)%len(kinds)], Start: tuesday, Duration: time.Duration(durationS % 20000 * int64(time.Second)),
			HRFraction: frac, Reps: reps, Work: time.Duration(workS % 4000 * int64(time.Second)), Rest: time.Duration(restS % 4000 * int64(time.Second)),
			CadenceLock: lock, Dropouts: int(dropouts),
		}
		a, err := r.Simulate(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if n := a.Streams.Len(); n != int(a.Elapsed/time.Second)+1 {
			t.Fatalf("%d samples for %v", n, a.Elapsed)
		}
		for _, c := range a.Streams.Channels() {
			for _, v := range *c.Values {
				if math.IsInf(v, 0) || (math.IsNaN(v) && c.Name != "heart_rate") {
					t.Fatalf("%s holds %v", c.Name, v)
				}
			}
		}
	})
}
