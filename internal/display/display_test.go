package display

import (
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
)

func TestFormats(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"clock under an hour", Clock(35*time.Minute + 7*time.Second), "35:07"},
		{"clock over an hour", Clock(time.Hour + 2*time.Minute + 3*time.Second), "1:02:03"},
		{"km", Km(5012), "5.01 km"},
		{"km unknown", Km(0), "—"},
		{"pace", Pace(10000, 50*time.Minute), "5:00 /km"},
		{"pace too short", Pace(5, time.Minute), "—"},
		{"pace standing still", Pace(100, 2*time.Hour), "—"},
		{"speed in km", Speed(30000, time.Hour, activity.Kilometres), "30.0 km/h"},
		{"speed in miles", Speed(30000, time.Hour, activity.Miles), "18.6 mph"},
		{"speed, no units set", Speed(12500, 30*time.Minute, ""), "25.0 km/h"},
		{"speed too short", Speed(5, time.Minute, activity.Kilometres), "—"},
		{"a ride by its speed", PaceOrSpeed(activity.Cycling, 30000, time.Hour, activity.Kilometres), "30.0 km/h"},
		{"a run by its pace", PaceOrSpeed(activity.Running, 10000, 50*time.Minute, activity.Miles), "5:00 /km"},
		{"bpm", BPM(141.6), "142 bpm"},
		{"bpm unknown", BPM(0), "—"},
		{"class tempo", ClassName(analysis.Tempo), "tempo / threshold"},
		{"class recovery", ClassName(analysis.Recovery), "recovery"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
