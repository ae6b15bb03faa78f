package physio

import (
	"fmt"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// GasExchangeFuel is fat and carbohydrate oxidation in g/min from oxygen
// uptake and carbon dioxide output in L/min, by Péronnet & Massicotte
// 1991 (science.md §7). Lab data only; a watch cannot measure these.
func GasExchangeFuel(vo2LPerMin, vco2LPerMin float64) (fatGPerMin, carbGPerMin float64) {
	return 1.695*vo2LPerMin - 1.701*vco2LPerMin, 4.585*vco2LPerMin - 3.226*vo2LPerMin
}

// rerPoint is one row of the RER table.
type rerPoint struct {
	intensity float64 // fraction of VO2 reserve
	rer       float64 // respiratory exchange ratio
}

// rerTable is easyrun's one model of fuel use against intensity: the
// respiratory exchange ratio as intensity rises, after the crossover
// concept (Brooks & Mercier 1994). Fat supplies most energy at low
// intensity and half at about 68 % (the crossover, within the 65-75 %
// of science.md §7); fat oxidation in g/min peaks between 45 and 65 %
// (FATmax, Achten & Jeukendrup). The tests hold the table to both.
// Intensity is read as %VO2 reserve ≈ %HR reserve (Swain & Leutholtz 1997).
var rerTable = []rerPoint{
	{0.00, 0.770},
	{0.25, 0.785},
	{0.45, 0.800},
	{0.55, 0.815},
	{0.65, 0.840},
	{0.75, 0.870},
	{0.85, 0.910},
	{0.95, 0.970},
	{1.00, 1.000},
}

// rerAt interpolates rerTable at intensity, clamped to the table.
func rerAt(intensity float64) float64 {
	if intensity <= rerTable[0].intensity {
		return rerTable[0].rer
	}
	for i := 1; i < len(rerTable); i++ {
		lo, hi := rerTable[i-1], rerTable[i]
		if intensity <= hi.intensity {
			return lo.rer + (hi.rer-lo.rer)*(intensity-lo.intensity)/(hi.intensity-lo.intensity)
		}
	}
	return rerTable[len(rerTable)-1].rer
}

// FatShare is the non-protein share of energy from fat at a respiratory
// exchange ratio: (1 − RER)/0.30, clamped to RER 0.70-1.00 (science.md §7).
func FatShare(rer float64) float64 {
	return min(1, max(0, (1-rer)/0.30))
}

// Energy per gram oxidised (Atwater factors), to turn energy into grams.
const (
	fatKJPerG  = 9 * kJPerKcal
	carbKJPerG = 4 * kJPerKcal
)

// FuelModel names the model behind FuelFromHR, for the runner to read.
const FuelModel = "heart-rate model: %HR reserve as %VO2 reserve (Swain & Leutholtz 1997), " +
	"RER from easyrun's crossover table (Brooks & Mercier 1994), fat share (1 − RER)/0.30; not a measurement"

// FuelUncertaintyPoints is the uncertainty of the fat share FuelFromHR
// gives, in percentage points either way. Individual RER at one intensity
// varies with training, diet and glycogen by about this much.
const FuelUncertaintyPoints = 15

// Fuel is an estimate of where a session's energy came from. It is a
// model, never a measurement: show it with its uncertainty (String does).
type Fuel struct {
	FatShare          float64 // fraction of energy from fat, 0-1
	FatG, CarbG       float64 // grams oxidised
	UncertaintyPoints float64 // ± percentage points on FatShare
	Model             string
}

// String words the estimate: "estimate: 58 % of energy from fat (± 15
// points), about 24 g fat and 120 g carbohydrate (heart-rate model: …)".
func (f Fuel) String() string {
	return fmt.Sprintf("estimate: %.0f %% of energy from fat (± %.0f points), about %.0f g fat and %.0f g carbohydrate (%s)",
		f.FatShare*100, f.UncertaintyPoints, f.FatG, f.CarbG, f.Model)
}

// FuelFromHR estimates the fat and carbohydrate a 1 s heart-rate stream
// burnt: each second's energy (Keytel) split by the fat share at its
// intensity in rerTable (science.md §7). It needs max HR, birth year and
// mass; resting HR defaults as in Resolve.
func FuelFromHR(hr []float64, a activity.Athlete, at time.Time) (Fuel, error) {
	restBPM, maxBPM, err := limits(a)
	if err != nil {
		return Fuel{}, fmt.Errorf("fuel estimate: %w", err)
	}
	massKg, ageY, _, err := keytelInputs(a, at)
	if err != nil {
		return Fuel{}, fmt.Errorf("fuel estimate: %w", err)
	}
	var fatKJ, carbKJ float64
	for _, bpm := range hr {
		if !plausible(bpm) {
			continue
		}
		kJ := sampleMin * KeytelKJPerMin(a.Sex, bpm, massKg, ageY)
		share := FatShare(rerAt((bpm - restBPM) / (maxBPM - restBPM)))
		fatKJ += kJ * share
		carbKJ += kJ * (1 - share)
	}
	if fatKJ+carbKJ == 0 {
		return Fuel{}, fmt.Errorf("fuel estimate: %w", ErrNoHeartRate)
	}
	return Fuel{
		FatShare:          fatKJ / (fatKJ + carbKJ),
		FatG:              fatKJ / fatKJPerG,
		CarbG:             carbKJ / carbKJPerG,
		UncertaintyPoints: FuelUncertaintyPoints,
		Model:             FuelModel,
	}, nil
}
