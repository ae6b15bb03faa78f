package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/say"
)

// Setting is one number of Set that a runner may change, described
// whole: the settings page, the CLI, the API, validation and storage all
// iterate Settings, so a new setting is one row there and a field of Set.
type Setting struct {
	// Name is the key in storage, the CLI and the API: "max_above_cap".
	Name string `json:"name"`
	// Group gathers related settings on the page: "Intensity".
	Group string `json:"group"`
	// Label says what the number is, in words: "Time above the cap".
	Label string `json:"label"`
	// Unit is what the number counts: "min", "% of max HR", "days".
	Unit string `json:"unit"`
	// Min and Max bound the value, in Unit.
	Min float64 `json:"min"`
	Max float64 `json:"max"`
	// Decimals is how many decimals the value may have: 0 for whole
	// numbers.
	Decimals int `json:"decimals"`
	// Reason says why the default is what it is.
	Reason string `json:"reason"`
	// Source names where the default comes from: "PRODUCT.md",
	// "coaching.md", "Gabbett 2016".
	Source string `json:"source"`

	field
}

// field reads and writes a setting's field of Set in the setting's unit.
type field struct {
	get func(*Set) float64
	set func(*Set, float64)
}

// Value is the setting's value in rl, in Unit.
func (s Setting) Value(rl Set) float64 { return s.get(&rl) }

// Default is the setting's value in Default(), in Unit.
func (s Setting) Default() float64 { d := Default(); return s.get(&d) }

// Format writes v in the setting's unit: "3 min", "80 % of max HR".
func (s Setting) Format(v float64) string {
	return s.Number(v) + " " + s.Unit
}

// Number writes v with the setting's decimals and no unit: "3", "1.5".
func (s Setting) Number(v float64) string {
	return strconv.FormatFloat(v, 'f', s.Decimals, 64)
}

// Step is the least change of the value: 1 for whole numbers, 0.1 for
// one decimal.
func (s Setting) Step() float64 { return math.Pow10(-s.Decimals) }

// check reports v outside the setting's range, or with more decimals
// than it has, as an *activity.InputError naming the range.
func (s Setting) check(v float64) error {
	if math.IsNaN(v) || v < s.Min || v > s.Max {
		return &activity.InputError{Field: s.Name, Msg: fmt.Sprintf("%s: want %s to %s (%s)",
			strconv.FormatFloat(v, 'g', -1, 64), s.Number(s.Min), s.Format(s.Max), s.Label)}
	}
	if r := math.Round(v*math.Pow10(s.Decimals)) / math.Pow10(s.Decimals); math.Abs(r-v) > 1e-9 {
		return &activity.InputError{Field: s.Name, Msg: fmt.Sprintf("%s: want a number with at most %d decimals (%s)",
			strconv.FormatFloat(v, 'g', -1, 64), s.Decimals, s.Label)}
	}
	return nil
}

// Lookup finds the setting called name.
func Lookup(name string) (Setting, bool) {
	for _, s := range settings {
		if s.Name == name {
			return s, true
		}
	}
	return Setting{}, false
}

// Settings is every setting, in the order the settings page shows them.
func Settings() []Setting { return append([]Setting(nil), settings...) }

// Of is Default with the runner's overrides, by setting name and in each
// setting's unit. A name no setting has is refused, as is a value outside
// its setting's range, or a set whose ranges run backwards (a shortest
// run longer than the longest), each as an *activity.InputError.
func Of(overrides map[string]float64) (Set, error) {
	rl := Default()
	for _, s := range settings {
		v, ok := overrides[s.Name]
		if !ok {
			continue
		}
		if err := s.check(v); err != nil {
			return Default(), err
		}
		s.set(&rl, v)
	}
	for name := range overrides {
		if _, ok := Lookup(name); !ok {
			return Default(), &activity.InputError{Field: name, Msg: "is not a setting: `easyrun rules` lists them"}
		}
	}
	return rl, rl.consistent()
}

// Overrides is the runner's values in rl that differ from the defaults,
// by setting name: what Of needs to make rl again.
func (rl Set) Overrides() map[string]float64 {
	out := map[string]float64{}
	for _, s := range settings {
		if v := s.Value(rl); v != s.Default() {
			out[s.Name] = v
		}
	}
	return out
}

// Changes names the runner's values that differ from the defaults, in
// the order of Settings: "max_above_cap 5 min, min_run 8 min"; empty
// for the defaults. An analysis's basis includes it, so a change of a
// rule analyses again.
func (rl Set) Changes() string {
	var out []string
	for _, s := range settings {
		if v := s.Value(rl); v != s.Default() {
			out = append(out, s.Name+" "+s.Format(v))
		}
	}
	return strings.Join(out, ", ")
}

// consistent checks what no single setting can: each range's shortest
// end at most its longest, RPE and break lengths in order, heavy fatigue
// below readiness.
func (rl Set) consistent() error {
	bad := func(field, format string, args ...any) error {
		return &activity.InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	for _, r := range []struct {
		name string
		r    Range
	}{{"beginner", rl.Beginner}, {"intermediate", rl.Intermediate}, {"experienced_low", rl.ExperiencedLow},
		{"experienced_high", rl.ExperiencedHigh}, {"after_very_hard", rl.AfterVeryHard}, {"easy_beginner", rl.EasyBeginner},
		{"easy_intermediate", rl.EasyIntermediate}, {"easy_experienced", rl.EasyExperienced}, {"double", rl.Double}} {
		if r.r.Min > r.r.Max {
			return bad(r.name+"_min", "%s: want at most %s_max (%s)", say.Minutes(r.r.Min), r.name, say.Minutes(r.r.Max))
		}
	}
	switch {
	case rl.ToleratedRPE < rl.MaxRPE:
		return bad("tolerated_rpe", "%d: want at least max_rpe (%d)", rl.ToleratedRPE, rl.MaxRPE)
	case rl.LongBreakDays < rl.BreakDays:
		return bad("long_break_days", "%d: want at least break_days (%d)", rl.LongBreakDays, rl.BreakDays)
	case rl.RebuildDays < rl.LongBreakDays:
		return bad("rebuild_days", "%d: want at least long_break_days (%d)", rl.RebuildDays, rl.LongBreakDays)
	case rl.HeavyFatigue >= rl.ReadyForm:
		return bad("heavy_fatigue", "%.0f %%: want below ready_form (%.0f %%)", 100*rl.HeavyFatigue, 100*rl.ReadyForm)
	}
	return nil
}

// minutes, hours, seconds, whole and percent read and write a field of
// Set in a setting's unit.
func minutes(f func(*Set) *time.Duration) field {
	return durationIn(time.Minute, f)
}

func hours(f func(*Set) *time.Duration) field {
	return durationIn(time.Hour, f)
}

func seconds(f func(*Set) *time.Duration) field {
	return durationIn(time.Second, f)
}

func durationIn(unit time.Duration, f func(*Set) *time.Duration) field {
	return field{func(s *Set) float64 { return float64(*f(s)) / float64(unit) },
		func(s *Set, v float64) { *f(s) = time.Duration(math.Round(v * float64(unit))) }}
}

func whole(f func(*Set) *int) field {
	return field{func(s *Set) float64 { return float64(*f(s)) },
		func(s *Set, v float64) { *f(s) = int(math.Round(v)) }}
}

func number(f func(*Set) *float64) field {
	return field{func(s *Set) float64 { return *f(s) }, func(s *Set, v float64) { *f(s) = v }}
}

// percent shows a share (0.8) as a percentage (80), rounded so that the
// shown value compares equal to the default.
func percent(f func(*Set) *float64) field {
	return field{func(s *Set) float64 { return math.Round(100**f(s)*1e6) / 1e6 },
		func(s *Set, v float64) { *f(s) = v / 100 }}
}

// with fills a Setting's accessors.
func with(s Setting, f field) Setting {
	s.field = f
	return s
}

// lengths are the two settings of a Range: its shortest and longest end,
// in minutes.
func lengths(name, group, label, reason, source string, lo, hi float64, f func(*Set) *Range) []Setting {
	short := Setting{Name: name + "_min", Group: group, Label: label + ": shortest", Unit: "min", Min: lo, Max: hi, Reason: reason, Source: source}
	long := Setting{Name: name + "_max", Group: group, Label: label + ": longest", Unit: "min", Min: lo, Max: hi, Reason: reason, Source: source}
	return []Setting{
		with(short, minutes(func(s *Set) *time.Duration { return &f(s).Min })),
		with(long, minutes(func(s *Set) *time.Duration { return &f(s).Max })),
	}
}

// settings is the table of every setting. The window (the same or the
// next calendar day) and "never two hard days in a row" are the method
// and not here (coaching.md); nor are the numbers of presentation (the
// trend's weeks) and of estimation (ApproxSpeedMS).
var settings = concat(
	[]Setting{
		with(Setting{Name: "max_above_cap", Group: "Intensity", Label: "Time above the recovery cap", Unit: "min", Max: 30,
			Reason: "more than a few minutes above the cap is huffing and puffing, not recovery", Source: "PRODUCT.md"},
			minutes(func(s *Set) *time.Duration { return &s.MaxAboveCap })),
		with(Setting{Name: "sustained_share", Group: "Intensity", Label: "Too high for any sustained time", Unit: "% of max HR", Min: 70, Max: 95,
			Reason: "any sustained time above 80 % means it was not a recovery run", Source: "PRODUCT.md"},
			percent(func(s *Set) *float64 { return &s.SustainedShare })),
		with(Setting{Name: "max_sustained", Group: "Intensity", Label: "Longest time that high", Unit: "s", Max: 600,
			Reason: "a minute on end is sustained; a few seconds up a hill are not", Source: "PRODUCT.md"},
			seconds(func(s *Set) *time.Duration { return &s.MaxSustained })),
		with(Setting{Name: "max_rpe", Group: "Intensity", Label: "Effort of a recovery run, RPE", Unit: "of 10", Min: 1, Max: 6,
			Reason: "conversational: RPE about 3; without heart rate RPE decides; pace is ignored on purpose", Source: "PRODUCT.md"},
			whole(func(s *Set) *int { return &s.MaxRPE })),
		with(Setting{Name: "tolerated_rpe", Group: "Intensity", Label: "Effort tolerated when heart rate stayed under the cap, RPE", Unit: "of 10", Min: 1, Max: 7,
			Reason: "comfortable is still easy when the heart says so", Source: "coaching.md"},
			whole(func(s *Set) *int { return &s.ToleratedRPE })),
	},
	lengths("beginner", "Length", "Recovery run, beginner", "shorter rather than longer while the body adapts", "PRODUCT.md", 10, 90,
		func(s *Set) *Range { return &s.Beginner }),
	lengths("intermediate", "Length", "Recovery run, intermediate", "the typical recovery run: about 5–8 km", "PRODUCT.md", 10, 90,
		func(s *Set) *Range { return &s.Intermediate }),
	lengths("experienced_low", "Length", "Recovery run, experienced", "experienced runners on modest volume", "PRODUCT.md", 10, 90,
		func(s *Set) *Range { return &s.ExperiencedLow }),
	lengths("experienced_high", "Length", "Recovery run, experienced, high volume", "experienced, high-mileage runners may go up to about an hour", "PRODUCT.md", 10, 120,
		func(s *Set) *Range { return &s.ExperiencedHigh }),
	[]Setting{
		with(Setting{Name: "high_volume", Group: "Length", Label: "High volume from", Unit: "h a week", Min: 1, Max: 20, Decimals: 1,
			Reason: "the running a week from which an experienced runner's recovery runs may be longer", Source: "coaching.md"},
			hours(func(s *Set) *time.Duration { return &s.HighVolume })),
	},
	lengths("after_very_hard", "Length", "Recovery run after a very hard session", "after a race or a very hard session, recover with less", "coaching.md", 10, 90,
		func(s *Set) *Range { return &s.AfterVeryHard }),
	[]Setting{
		with(Setting{Name: "very_hard_load_ratio", Group: "Length", Label: "Very hard from", Unit: "× your median day's load", Min: 1.2, Max: 5, Decimals: 1,
			Reason: "a session far above your usual load is very hard", Source: "science.md §10"},
			number(func(s *Set) *float64 { return &s.VeryHardLoadRatio })),
	},
	lengths("easy_beginner", "Length", "Easy run, beginner", "easy mileage that a beginner recovers from by the next day", "coaching.md", 10, 120,
		func(s *Set) *Range { return &s.EasyBeginner }),
	lengths("easy_intermediate", "Length", "Easy run, intermediate", "easy mileage at low intensity", "coaching.md", 10, 120,
		func(s *Set) *Range { return &s.EasyIntermediate }),
	lengths("easy_experienced", "Length", "Easy run, experienced", "easy mileage at low intensity", "coaching.md", 10, 150,
		func(s *Set) *Range { return &s.EasyExperienced }),
	lengths("double", "Length", "Evening double", "experienced runners may add a very light evening jog after a hard morning: 15–30 very easy minutes", "coaching.md", 5, 60,
		func(s *Set) *Range { return &s.Double }),
	[]Setting{
		with(Setting{Name: "tolerance", Group: "Length", Label: "Length tolerance", Unit: "min", Max: 20,
			Reason: "a few minutes either way is still the right length", Source: "coaching.md"},
			minutes(func(s *Set) *time.Duration { return &s.Tolerance })),
		with(Setting{Name: "min_run", Group: "Length", Label: "Shortest run", Unit: "min", Min: 1, Max: 15,
			Reason: "a shorter recording is a forgotten stop or a test: neither a recovery nor an easy run", Source: "coaching.md"},
			minutes(func(s *Set) *time.Duration { return &s.MinRun })),
		with(Setting{Name: "cool_down", Group: "Timing", Label: "Cool-down window", Unit: "min", Max: 120,
			Reason: "a run this soon after a hard session, on its day, is its cool-down, not the recovery run", Source: "coaching.md"},
			minutes(func(s *Set) *time.Duration { return &s.CoolDown })),
		with(Setting{Name: "double_gap", Group: "Timing", Label: "Evening jog at the earliest after a hard morning", Unit: "h", Min: 1, Max: 12, Decimals: 1,
			Reason: "evenings are good for a recovery jog: a few hours after the session, not straight after", Source: "PRODUCT.md"},
			hours(func(s *Set) *time.Duration { return &s.DoubleGap })),
		with(Setting{Name: "evening_end", Group: "Timing", Label: "Too late for this evening's jog after", Unit: "h (clock)", Min: 17, Max: 24, Decimals: 1,
			Reason: "a jog late at night costs sleep, which recovers more", Source: "coaching.md"},
			hours(func(s *Set) *time.Duration { return &s.EveningEnd })),
		with(Setting{Name: "break_days", Group: "Readiness", Label: "A break from", Unit: "days off", Min: 3, Max: 30,
			Reason: "a few days off change nothing; a week or more does: easy runs first", Source: "coaching.md"},
			whole(func(s *Set) *int { return &s.BreakDays })),
		with(Setting{Name: "long_break_days", Group: "Readiness", Label: "A long break from", Unit: "days off", Min: 7, Max: 60,
			Reason: "after two to four weeks off, about half the old volume at first", Source: "Daniels' Running Formula"},
			whole(func(s *Set) *int { return &s.LongBreakDays })),
		with(Setting{Name: "rebuild_days", Group: "Readiness", Label: "Rebuild over weeks from", Unit: "days off", Min: 14, Max: 120,
			Reason: "after longer, rebuild over several weeks", Source: "Daniels' Running Formula"},
			whole(func(s *Set) *int { return &s.RebuildDays })),
		with(Setting{Name: "acwr_spike", Group: "Readiness", Label: "Load spike above", Unit: "acute:chronic", Min: 1.1, Max: 3, Decimals: 2,
			Reason: "a sudden jump in load means rest or recovery, never hard", Source: "Gabbett 2016"},
			number(func(s *Set) *float64 { return &s.ACWRSpike })),
		with(Setting{Name: "load_min_days", Group: "Readiness", Label: "History before form decides", Unit: "days", Min: 14, Max: 90,
			Reason: "form and the load ratio average 28 to 42 days: a new runner's first weeks always look like a spike", Source: "science.md"},
			whole(func(s *Set) *int { return &s.LoadMinDays })),
		with(Setting{Name: "heavy_fatigue", Group: "Readiness", Label: "Heavy fatigue at form of", Unit: "% of fitness", Min: -80, Max: -5,
			Reason: "so tired that today should be rest or a recovery run", Source: "science.md"},
			percent(func(s *Set) *float64 { return &s.HeavyFatigue })),
		with(Setting{Name: "ready_form", Group: "Readiness", Label: "Ready for hard above form of", Unit: "% of fitness", Min: -50, Max: 20,
			Reason: "fresh enough for a hard session", Source: "science.md"},
			percent(func(s *Set) *float64 { return &s.ReadyForm })),
		with(Setting{Name: "poor_score", Group: "Readiness", Label: "Poor recovery score below", Unit: "of 100", Max: 100,
			Reason: "a hard session waits until the easy days really are easy", Source: "coaching.md"},
			whole(func(s *Set) *int { return &s.PoorScore })),
		with(Setting{Name: "low_cadence_spm", Group: "Form", Label: "Low cadence below", Unit: "steps/min", Min: 140, Max: 190,
			Reason: "easy runs below it get the cue: short, quick steps, no overstriding", Source: "PRODUCT.md"},
			number(func(s *Set) *float64 { return &s.LowCadenceSPM })),
		with(Setting{Name: "hrv_band_sd", Group: "Morning", Label: "HRV normal band, either side of the 60-day mean", Unit: "SD of ln rMSSD", Min: 0.25, Max: 2, Decimals: 2,
			Reason: "a 7-day mean of HRV below the band is a sign the body has not absorbed the training; half an SD is the smallest change that matters", Source: "Plews et al. 2012"},
			number(func(s *Set) *float64 { return &s.HRVBandSD })),
		with(Setting{Name: "rhr_rise", Group: "Morning", Label: "Resting HR clearly up from", Unit: "bpm above the 60-day mean", Min: 3, Max: 15,
			Reason: "a rise of more than about 5–7 bpm on waking is a sign of fatigue or illness", Source: "Buchheit 2014"},
			number(func(s *Set) *float64 { return &s.RHRRise })),
		with(Setting{Name: "short_sleep", Group: "Morning", Label: "Short night under", Unit: "h of sleep", Min: 3, Max: 9, Decimals: 1,
			Reason: "under about 6 hours, recovery and the next hard session both suffer", Source: "Fullagar et al. 2015"},
			hours(func(s *Set) *time.Duration { return &s.ShortSleep })),
		with(Setting{Name: "heavy_legs", Group: "Morning", Label: "Heavy legs from", Unit: "of 5 (" + activity.LegsScale + ")", Min: 2, Max: 5,
			Reason: "legs that are heavy and sore on waking have not recovered, whatever the numbers say", Source: "Hooper & Mackinnon 1995"},
			whole(func(s *Set) *int { return &s.HeavyLegs })),
	},
)

func concat(parts ...[]Setting) []Setting {
	var out []Setting
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Value is a setting with the runner's value of it: a row of the
// settings page, of `easyrun rules` and of the API's /rules.
type Value struct {
	Setting
	Value   float64 `json:"value"`
	Default float64 `json:"default"`
	// Changed is whether the runner's value differs from the default.
	Changed bool `json:"changed"`
}

// Values is every setting with its value in rl, in the order of
// Settings.
func (rl Set) Values() []Value {
	out := make([]Value, len(settings))
	for i, s := range settings {
		v, d := s.Value(rl), s.Default()
		out[i] = Value{Setting: s, Value: v, Default: d, Changed: v != d}
	}
	return out
}
