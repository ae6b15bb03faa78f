package storetest

import (
	"math"
	"testing"

	"github.com/easyrun/easyrun/activity"
)

func TestCompareStreams(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	want := activity.Streams{HeartRate: []float64{120, nan, 121}, Lat: []float64{52.1234567}}
	tests := []struct {
		name string
		got  activity.Streams
		ok   bool
	}{
		{"within half a quantum", activity.Streams{HeartRate: []float64{120.004, nan, 120.996}, Lat: []float64{52.12345674}}, true},
		{"off by a quantum", activity.Streams{HeartRate: []float64{120.01, nan, 121}, Lat: []float64{52.1234567}}, false},
		{"gap moved", activity.Streams{HeartRate: []float64{120, 120.5, nan}, Lat: []float64{52.1234567}}, false},
		{"shorter", activity.Streams{HeartRate: []float64{120, nan}, Lat: []float64{52.1234567}}, false},
		{"channel missing", activity.Streams{HeartRate: []float64{120, nan, 121}}, false},
		{"extra channel", activity.Streams{HeartRate: []float64{120, nan, 121}, Lat: []float64{52.1234567}, PowerW: []float64{200}}, false},
	}
	for _, tt := range tests {
		if err := CompareStreams(&tt.got, &want); (err == nil) != tt.ok {
			t.Errorf("%s: CompareStreams = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}
