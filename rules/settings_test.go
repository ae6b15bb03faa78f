package rules

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/easyrun/easyrun/activity"
)

// Every setting describes itself whole, its default lies in its range,
// and writing its default gives the defaults back.
func TestSettingsDescribeThemselves(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Settings() {
		if s.Name == "" || s.Label == "" || s.Unit == "" || s.Reason == "" || s.Source == "" || s.Group == "" {
			t.Errorf("%q: incomplete: %+v", s.Name, s)
		}
		if seen[s.Name] {
			t.Errorf("%q twice", s.Name)
		}
		seen[s.Name] = true
		if d := s.Default(); d < s.Min || d > s.Max {
			t.Errorf("%s: default %v outside %v–%v", s.Name, d, s.Min, s.Max)
		}
		rl, err := Of(map[string]float64{s.Name: s.Default()})
		if err != nil || !reflect.DeepEqual(rl, Default()) {
			t.Errorf("%s: its default written gives %v, %+v", s.Name, err, rl)
		}
	}
}

func TestOf(t *testing.T) {
	rl, err := Of(map[string]float64{"max_above_cap": 5, "sustained_share": 85, "high_volume": 6.5, "heavy_fatigue": -40})
	if err != nil {
		t.Fatal(err)
	}
	if rl.MaxAboveCap.Minutes() != 5 || rl.SustainedShare != 0.85 || rl.HighVolume.Hours() != 6.5 || rl.HeavyFatigue != -0.4 {
		t.Errorf("got %+v", rl)
	}
	if got := rl.Changes(); got != "max_above_cap 5 min, sustained_share 85 % of max HR, high_volume 6.5 h a week, heavy_fatigue -40 % of fitness" {
		t.Errorf("Changes = %q", got)
	}
	back, err := Of(rl.Overrides())
	if err != nil || !reflect.DeepEqual(back, rl) {
		t.Errorf("Overrides do not give the set back: %v %+v", err, back)
	}
	if Default().Changes() != "" || len(Default().Overrides()) != 0 {
		t.Error("the defaults are not a change")
	}
	for _, tc := range []struct {
		over map[string]float64
		want string
	}{
		{map[string]float64{"max_above_cap": 31}, "max_above_cap 31: want 0 to 30 min"},
		{map[string]float64{"max_rpe": 3.5}, "max_rpe 3.5: want a number with at most 0 decimals"},
		{map[string]float64{"beginner_min": 40}, "beginner_min 40 min: want at most beginner_max (30 min)"},
		{map[string]float64{"tolerated_rpe": 2}, "tolerated_rpe 2: want at least max_rpe (3)"},
		{map[string]float64{"heavy_fatigue": -5, "ready_form": -10}, "heavy_fatigue -5 %: want below ready_form (-10 %)"},
		{map[string]float64{"no_such_rule": 1}, "no_such_rule is not a setting"},
	} {
		_, err := Of(tc.over)
		var in *activity.InputError
		if !errors.As(err, &in) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Of(%v) = %v, want an input error with %q", tc.over, err, tc.want)
		}
	}
}
