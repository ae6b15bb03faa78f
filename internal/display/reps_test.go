package display

import (
	"testing"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
)

// reps builds a session of reps of the given seconds and metres, with
// recoveries of restS and restM between.
func reps(seconds []int, metres []float64, restS int, restM float64) *analysis.Reps {
	r := &analysis.Reps{From: analysis.RepsFromLaps}
	for i := range seconds {
		rep := analysis.Rep{DurationS: seconds[i], DistanceM: metres[i]}
		if i < len(seconds)-1 {
			rep.Recovery = &analysis.Rest{DurationS: restS, DistanceM: restM}
		}
		r.Reps = append(r.Reps, rep)
	}
	return r
}

func TestRepsSummary(t *testing.T) {
	t.Parallel()
	km, mi := In(activity.Kilometres), In(activity.Miles)
	for _, tt := range []struct {
		name string
		u    Units
		r    *analysis.Reps
		want string
	}{
		{"by distance, jogged", km, reps([]int{185, 188, 192, 190, 187, 186}, []float64{800, 801, 799, 800, 802, 800}, 120, 300),
			"6 × 800 m in 3:05–3:12, recoveries 2:00 jog"},
		{"by time, walked", km, reps([]int{180, 180, 180, 180}, []float64{745, 760, 752, 738}, 90, 120),
			"4 × 3:00 at 3:57–4:04 /km, recoveries 1:30 walk"},
		{"by distance in miles, standing", mi, reps([]int{400, 410, 405}, []float64{1609, 1610, 1608}, 180, 20),
			"3 × 1 mi in 6:40–6:50, recoveries 3:00 standing"},
		{"kilometre reps", km, reps([]int{195, 197, 198, 199}, []float64{1000, 1000, 1002, 1003}, 300, 0),
			"4 × 1 km in 3:15–3:19, recoveries 5:00"},
		{"no distance", km, reps([]int{170, 175}, []float64{0, 0}, 120, 0), "2 × 2:50–2:55, recoveries 2:00"},
		{"none", km, nil, ""},
	} {
		if got := tt.u.RepsSummary(tt.r); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
