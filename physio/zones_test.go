package physio

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

func athlete(restBPM, maxBPM, lthrBPM float64) activity.Athlete {
	return activity.Athlete{
		RestingHR: activity.Value{V: restBPM},
		MaxHR:     activity.Value{V: maxBPM},
		LTHR:      activity.Value{V: lthrBPM},
	}
}

func TestZonesExamples(t *testing.T) {
	t.Parallel()
	a := athlete(50, 190, 170)
	// science.md §2: max 190 → Z2 114-133; Karvonen rest 50 max 190: 60 % → 134, 70 % → 148.
	tests := []struct {
		model     activity.ZoneModel
		zone      int
		low, high float64
	}{
		{activity.PercentMax, 2, 114, 133},
		{"", 2, 114, 133},
		{activity.Reserve, 2, 134, 148},
		{activity.Threshold, 2, 144.5, 153},
		{activity.Threshold, 5, 170, 175.1},
		{activity.Threshold, 7, 181.9, 190},
	}
	for _, tt := range tests {
		zones, err := Zones(tt.model, a)
		if err != nil {
			t.Fatalf("Zones(%q): %v", tt.model, err)
		}
		z := zones[tt.zone-1]
		if !near(z.LowBPM, tt.low, 0.01) || !near(z.HighBPM, tt.high, 0.01) {
			t.Errorf("Zones(%q) zone %d = %.2f-%.2f, want %.2f-%.2f", tt.model, tt.zone, z.LowBPM, z.HighBPM, tt.low, tt.high)
		}
		if z.Reason == "" {
			t.Errorf("Zones(%q) zone %d has no reason", tt.model, tt.zone)
		}
	}
}

func TestZonesErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		model activity.ZoneModel
		a     activity.Athlete
	}{
		{activity.PercentMax, activity.Athlete{}},
		{activity.Threshold, athlete(50, 190, 0)},
		{"nonsense", athlete(50, 190, 170)},
	} {
		if _, err := Zones(tt.model, tt.a); err == nil {
			t.Errorf("Zones(%q, %+v) gave no error", tt.model, tt.a)
		}
	}
}

// Property: for any plausible profile every model's zones are numbered,
// ordered and contiguous, and ZoneOf agrees with the bounds.
func TestZonesContiguous(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		rest := 35 + r.Float64()*50
		maxBPM := rest + 40 + r.Float64()*(225-rest-40)
		lthr := rest + 1 + r.Float64()*(maxBPM-rest-1)
		a := athlete(rest, maxBPM, lthr)
		for _, model := range []activity.ZoneModel{activity.PercentMax, activity.Reserve, activity.Threshold} {
			zones, err := Zones(model, a)
			if err != nil {
				t.Fatalf("Zones(%q, %+v): %v", model, a, err)
			}
			for i, z := range zones {
				if z.Number != i+1 || z.LowBPM > z.HighBPM {
					t.Fatalf("%q zone %d = %+v: misnumbered or inverted", model, i, z)
				}
				if i > 0 && zones[i-1].HighBPM != z.LowBPM {
					t.Fatalf("%q zones %d and %d are not contiguous: %+v %+v", model, i, i+1, zones[i-1], z)
				}
				if z.HighBPM > z.LowBPM {
					if got, ok := ZoneOf(zones, z.LowBPM); !ok || got.Number != z.Number {
						t.Fatalf("%q ZoneOf(%.2f) = %+v %v, want zone %d", model, z.LowBPM, got, ok, z.Number)
					}
				}
			}
			if _, ok := ZoneOf(zones, zones[0].LowBPM-1); ok {
				t.Fatalf("%q: a value below zone 1 was placed in a zone", model)
			}
			if got, ok := ZoneOf(zones, zones[len(zones)-1].HighBPM+10); !ok || got.Number != len(zones) {
				t.Fatalf("%q: a value above the top zone was not placed in it", model)
			}
		}
	}
}

func TestRecoveryCap(t *testing.T) {
	t.Parallel()
	a := athlete(50, 190, 0)
	tests := []struct {
		preset Preset
		want   float64
		reason string
	}{
		{"", 133, "70 % of max HR 190 bpm (the recovery-run rule: top of zone 2); max HR set by you"},
		{Article, 133, "70 % of max HR 190 bpm (the recovery-run rule: top of zone 2); max HR set by you"},
		{Pfitzinger, 144.4, "76 % of max HR 190 bpm (Pfitzinger: recovery runs below 76 %); max HR set by you"},
		{Daniels, 150.1, "79 % of max HR 190 bpm (Daniels: the top of easy running, 65-79 %); max HR set by you"},
		{ReserveCap, 148, "resting 50 + 70 % of heart-rate reserve 140 bpm (your choice of a reserve-based cap; it sits above 70 % of max HR); max HR set by you"},
	}
	for _, tt := range tests {
		c, err := RecoveryCap(a, tt.preset)
		if err != nil {
			t.Fatalf("RecoveryCap(%q): %v", tt.preset, err)
		}
		if !near(c.BPM, tt.want, 0.01) || c.Reason != tt.reason {
			t.Errorf("RecoveryCap(%q) = %.2f %q, want %.2f %q", tt.preset, c.BPM, c.Reason, tt.want, tt.reason)
		}
	}
	if _, err := RecoveryCap(a, "fast"); err == nil {
		t.Error("unknown preset accepted")
	}
	if _, err := RecoveryCap(activity.Athlete{}, Article); err == nil {
		t.Error("cap without max HR accepted")
	}
}

func TestRPEWords(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		rpe  int
		want string
		ok   bool
	}{
		{3, "easy: full conversation, could keep going for hours (recovery)", true},
		{7, "comfortably hard (threshold)", true},
		{10, "all-out", true},
		{11, "", false},
		{-1, "", false},
	} {
		got, ok := RPEWords(tt.rpe)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RPEWords(%d) = %q %v, want %q %v", tt.rpe, got, ok, tt.want, tt.ok)
		}
	}
}

// TestCapUncertainty: a max HR the runner did not set gives a cap with a
// top (coaching.md: a detected max is a lower bound, an estimate ± 10).
func TestCapUncertainty(t *testing.T) {
	t.Parallel()
	tests := []struct {
		origin     activity.Origin
		high       float64
		sourceWord string
	}{
		{activity.SetByRunner, 133, "set by you"},
		{activity.Detected, 136.5, "detected from your training"},
		{activity.Estimated, 140, "estimated from your age"},
	}
	for _, tt := range tests {
		a := athlete(50, 190, 0)
		a.MaxHR.Origin = tt.origin
		c, err := RecoveryCap(a, Article)
		if err != nil {
			t.Fatalf("%s: %v", tt.origin, err)
		}
		if !near(c.BPM, 133, 0.01) || !near(c.HighBPM, tt.high, 0.01) || !strings.Contains(c.Reason, tt.sourceWord) {
			t.Errorf("%s: cap %.1f, top %.1f, %q; want 133, %.1f, saying %q", tt.origin, c.BPM, c.HighBPM, c.Reason, tt.high, tt.sourceWord)
		}
	}
}

// TestResolveDetectedBelowAge: a detected max below the age estimate is
// a lower bound; the estimate is used and says so.
func TestResolveDetectedBelowAge(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	detected := activity.Value{V: 172, Origin: activity.Detected}
	got, err := Resolve(activity.Athlete{BirthYear: 1986}, now, detected) // age 40: Tanaka 180
	if err != nil {
		t.Fatal(err)
	}
	if got.MaxHR.V != 180 || got.MaxHR.Origin != activity.Estimated || !strings.Contains(got.MaxHR.Detail, "higher than the 172 bpm detected") {
		t.Errorf("max HR = %+v, want the estimate 180 saying it is higher than the detected 172", got.MaxHR)
	}
	got, _ = Resolve(activity.Athlete{BirthYear: 1986}, now, activity.Value{V: 186, Origin: activity.Detected})
	if got.MaxHR.V != 186 || got.MaxHR.Origin != activity.Detected {
		t.Errorf("max HR = %+v, want the detected 186 above the estimate", got.MaxHR)
	}
	// A max from a race comes closest to the true max: it beats the estimate.
	got, _ = Resolve(activity.Athlete{BirthYear: 1986}, now, activity.Value{V: 176, Origin: activity.Raced})
	if got.MaxHR.V != 176 || got.MaxHR.Origin != activity.Raced || MaxHRUncertainty(got.MaxHR) != 2 {
		t.Errorf("max HR = %+v, want the 176 from a race, ± 2 bpm", got.MaxHR)
	}
}
