package storetest

import (
	"fmt"
	"math"

	"github.com/easyrun/easyrun/activity"
)

// quanta are the steps store.EncodeStreams promises per channel, in units.
var quanta = map[string]float64{
	"distance_m": 0.01, "speed_ms": 0.001, "heart_rate": 0.01, "cadence": 0.01,
	"altitude_m": 0.01, "lat": 1e-7, "lon": 1e-7, "power_w": 0.01,
}

// CompareStreams reports how got differs from want beyond what packing
// allows: a channel present in one only, a different length, a gap moved,
// or a value off by more than half its channel's quantum.
func CompareStreams(got, want *activity.Streams) error {
	gc, wc := got.Channels(), want.Channels()
	for i := range wc {
		g, w, name := *gc[i].Values, *wc[i].Values, wc[i].Name
		q, ok := quanta[name]
		if !ok {
			return fmt.Errorf("%s: no quantum known", name)
		}
		if len(g) != len(w) {
			return fmt.Errorf("%s: len = %d, want %d", name, len(g), len(w))
		}
		if len(w) == 0 && g != nil {
			return fmt.Errorf("%s: empty channel not nil", name)
		}
		for k := range w {
			// A hair over half a quantum: the decoded value is itself a float.
			tol := q/2 + 1e-12*math.Max(1, math.Abs(w[k]))
			switch {
			case math.IsNaN(w[k]) != math.IsNaN(g[k]):
				return fmt.Errorf("%s[%d] = %v, want %v", name, k, g[k], w[k])
			case math.Abs(g[k]-w[k]) > tol:
				return fmt.Errorf("%s[%d] = %v, want %v ± %v", name, k, g[k], w[k], q/2)
			}
		}
	}
	return nil
}
