package activity

import (
	"testing"
)

func TestInferSport(t *testing.T) {
	steady := func(n int, v float64) []float64 {
		s := make([]float64, n)
		for i := range s {
			s[i] = v
		}
		return s
	}
	tests := []struct {
		name string
		a    Activity
		want Sport
	}{
		{"bike computer at 23 km/h, no type", Activity{Streams: Streams{SpeedMS: steady(600, 23/3.6)}}, Cycling},
		{"23 km/h at a running cadence", Activity{Streams: Streams{SpeedMS: steady(600, 23/3.6), Cadence: steady(600, 180)}}, Unknown},
		{"an Edge says cycling", Activity{Device: Device{Maker: "garmin", Product: "edge_1040"}}, Cycling},
		{"named Cycling", Activity{Name: "Cycling – Lunch loop"}, Cycling},
		{"named a walk", Activity{Name: "Evening walk"}, Walking},
		{"a run at 12 km/h", Activity{Name: "Morning Run", Streams: Streams{SpeedMS: steady(600, 12/3.6)}}, Unknown},
		{"a stated sport stays", Activity{Sport: Running, Name: "Cycling club run"}, Running},
		{"generic is no sport", Activity{Sport: Generic, Name: "Bike commute"}, Cycling},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.Source = FIT
			a.Summarize()
			if a.Sport != tt.want {
				t.Errorf("sport %q, want %q (flags %v)", a.Sport, tt.want, a.Flags)
			}
			if inferred := a.Flags.Has(SportInferred); inferred != (tt.want != tt.a.Sport) {
				t.Errorf("sport_inferred flag %v, want %v", inferred, !inferred)
			}
		})
	}
}
