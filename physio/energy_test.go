package physio

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

func TestKeytel(t *testing.T) {
	t.Parallel()
	// science.md §7: man, 130 bpm, 70 kg, 40 y → 48.90 kJ/min = 11.69 kcal/min.
	kJ := KeytelKJPerMin(activity.Male, 130, 70, 40)
	if !near(kJ, 48.90, 0.01) || !near(kJ/kJPerKcal, 11.69, 0.01) {
		t.Errorf("Keytel man = %.3f kJ/min (%.3f kcal/min), want 48.90 (11.69)", kJ, kJ/kJPerKcal)
	}
	// Women: −20.4022 + 0.4472·130 − 0.1263·70 + 0.074·40 = 31.8528.
	if kJ := KeytelKJPerMin(activity.Female, 130, 70, 40); !near(kJ, 31.85, 0.01) {
		t.Errorf("Keytel woman = %.3f kJ/min, want 31.85", kJ)
	}
	if kJ := KeytelKJPerMin(activity.Female, 40, 120, 20); kJ != 0 {
		t.Errorf("Keytel at rest = %.3f kJ/min, want clamped to 0", kJ)
	}
}

func TestEnergy(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	a := activity.Athlete{BirthYear: 1986, MassKg: 70, Sex: activity.Male, MaxHR: activity.Value{V: 190}, RestingHR: activity.Value{V: 50}}
	e, err := EnergyFromHR(constant(130, 30*60), a, at)
	if err != nil {
		t.Fatal(err)
	}
	if !near(e.KJ, 30*48.904, 0.1) || !near(e.Kcal(), 30*11.688, 0.1) {
		t.Errorf("30 min at 130 = %.1f kJ (%.1f kcal), want %.1f", e.KJ, e.Kcal(), 30*48.904)
	}
	// No heart rate: 1 kcal per kg per km.
	d, err := EnergyFromDistance(8000, 70)
	if err != nil {
		t.Fatal(err)
	}
	if !near(d.Kcal(), 560, 1e-9) {
		t.Errorf("8 km at 70 kg = %.1f kcal, want 560", d.Kcal())
	}
	for _, bad := range []activity.Athlete{{MassKg: 70}, {BirthYear: 1986}} {
		if _, err := EnergyFromHR(constant(130, 60), bad, at); err == nil {
			t.Errorf("EnergyFromHR(%+v) accepted a profile missing inputs", bad)
		}
	}
	if _, err := EnergyFromDistance(8000, 0); err == nil {
		t.Error("EnergyFromDistance without mass accepted")
	}
}

func TestGasExchangeFuel(t *testing.T) {
	t.Parallel()
	// science.md §7: VO2 2.5, VCO2 2.125 → fat 0.623, carbohydrate 1.678 g/min.
	fat, carb := GasExchangeFuel(2.5, 2.125)
	if !near(fat, 0.623, 0.001) || !near(carb, 1.678, 0.001) {
		t.Errorf("GasExchangeFuel = %.4f, %.4f, want 0.623, 1.678", fat, carb)
	}
}

// The RER table must show the crossover (half the energy from fat) between
// 65 and 75 % and peak fat oxidation (FATmax) between 45 and 65 %, with
// energy rising with intensity as VO2 does (rest taken as 10 % of max).
func TestRERTableShape(t *testing.T) {
	t.Parallel()
	crossover, fatmax, bestFat := -1.0, 0.0, 0.0
	prevRER := 0.0
	for i := 0; i <= 1000; i++ {
		x := float64(i) / 1000
		rer := rerAt(x)
		if rer < prevRER {
			t.Fatalf("RER falls at %.3f", x)
		}
		prevRER = rer
		if crossover < 0 && FatShare(rer) <= 0.5 {
			crossover = x
		}
		if fat := (0.1 + 0.9*x) * FatShare(rer); fat > bestFat {
			bestFat, fatmax = fat, x
		}
	}
	if crossover < 0.65 || crossover > 0.75 {
		t.Errorf("crossover at %.2f, want 0.65-0.75", crossover)
	}
	if fatmax < 0.45 || fatmax > 0.65 {
		t.Errorf("FATmax at %.2f, want 0.45-0.65", fatmax)
	}
}

func TestFuelFromHR(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	a := activity.Athlete{BirthYear: 1986, MassKg: 70, Sex: activity.Male, MaxHR: activity.Value{V: 190}, RestingHR: activity.Value{V: 50}}
	easy, err := FuelFromHR(constant(125, 40*60), a, at)
	if err != nil {
		t.Fatal(err)
	}
	hard, err := FuelFromHR(constant(175, 40*60), a, at)
	if err != nil {
		t.Fatal(err)
	}
	// The article's point: a recovery run burns a larger share of fat.
	if easy.FatShare <= hard.FatShare {
		t.Errorf("fat share easy %.2f ≤ hard %.2f", easy.FatShare, hard.FatShare)
	}
	// 125 bpm is 53.6 % of reserve: RER 0.8129, fat share 0.624.
	if !near(easy.FatShare, 0.624, 0.001) {
		t.Errorf("easy fat share = %.4f, want 0.624", easy.FatShare)
	}
	e, _ := EnergyFromHR(constant(125, 40*60), a, at)
	if got := easy.FatG*fatKJPerG + easy.CarbG*carbKJPerG; !near(got, e.KJ, 1e-6) {
		t.Errorf("fuel grams account for %.1f kJ, energy is %.1f kJ", got, e.KJ)
	}
	s := easy.String()
	for _, want := range []string{"estimate", "± 15 points", "Swain", "not a measurement"} {
		if !strings.Contains(s, want) {
			t.Errorf("String %q lacks %q", s, want)
		}
	}
	if _, err := FuelFromHR(constant(math.NaN(), 10), a, at); err == nil {
		t.Error("fuel from an all-gap stream accepted")
	}
}

func TestPolarizationIndex(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		z1, z2, z3 float64
		want       float64
		ok         bool
		reason     string
	}{
		// science.md §6.
		{"example", 0.80, 0.05, 0.15, 2.380, true, "polarization index 2.38 > 2.00: polarized"},
		{"minutes, not fractions", 480, 30, 90, 2.380, true, "polarization index 2.38 > 2.00: polarized"},
		{"threshold-heavy", 0.60, 0.30, 0.10, 1.301, true, "polarization index 1.30 ≤ 2.00: not polarized"},
		{"no zone 2", 0.85, 0, 0.15, 0, false, "polarization index undefined: no time in zone 2"},
		{"no zone 3", 0.85, 0.15, 0, 0, false, "polarization index undefined: no time in zone 3"},
		{"no zone 1", 0, 0.5, 0.5, 0, false, "polarization index undefined: no time in zone 1"},
		{"NaN", math.NaN(), 0.5, 0.5, 0, false, "polarization index undefined: times in zones NaN, 0.5, 0.5 are not all valid"},
	}
	for _, tt := range tests {
		pi, reason, ok := PolarizationIndex(tt.z1, tt.z2, tt.z3)
		if !near(pi, tt.want, 0.001) || ok != tt.ok || reason != tt.reason {
			t.Errorf("%s: PolarizationIndex = %.4f %q %v, want %.3f %q %v", tt.name, pi, reason, ok, tt.want, tt.reason, tt.ok)
		}
	}
}
