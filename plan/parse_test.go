package plan

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseHard(t *testing.T) {
	tests := []struct {
		in      string
		want    []HardChoice
		wantErr string
	}{
		{"tue:intervals,thu:threshold,sun:long", []HardChoice{{time.Tuesday, Intervals}, {time.Thursday, Threshold}, {time.Sunday, Long}}, ""},
		{" Wednesday : tempo , sat:race", []HardChoice{{time.Wednesday, Threshold}, {time.Saturday, Race}}, ""},
		{"", nil, ""},
		{"tue", nil, "want day:kind"},
		{"tu:intervals", nil, "unknown day"},
		{"tue:easy", nil, "not a hard session"},
		{"tue:intervals,tue:long", nil, "tue appears twice"},
	}
	for _, tt := range tests {
		got, err := ParseHard(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseHard(%q) error %v; want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseHard(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestHardChoiceJSON(t *testing.T) {
	in := []HardChoice{{time.Tuesday, Intervals}, {time.Sunday, Long}}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `["tue:intervals","sun:long"]` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var out []HardChoice
	if err := json.Unmarshal(b, &out); err != nil || !reflect.DeepEqual(out, in) {
		t.Errorf("Unmarshal = %v, %v; want %v", out, err, in)
	}
}

func TestParseVolume(t *testing.T) {
	tests := []struct {
		in      string
		want    Volume
		wantErr bool
	}{
		{"5h", Volume{Duration: 5 * time.Hour}, false},
		{"4h30m", Volume{Duration: 270 * time.Minute}, false},
		{"300min", Volume{Duration: 300 * time.Minute}, false},
		{"50km", Volume{DistanceM: 50000}, false},
		{"50 km", Volume{DistanceM: 50000}, false},
		{"30mi", Volume{DistanceM: 30 * metresPerMile}, false},
		{"0h", Volume{}, true},
		{"-5km", Volume{}, true},
		{"NaNkm", Volume{}, true},
		{"100h", Volume{}, true},
		{"fast", Volume{}, true},
		{"km", Volume{}, true},
	}
	for _, tt := range tests {
		got, err := ParseVolume(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseVolume(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseRaceDistance(t *testing.T) {
	tests := []struct {
		in       string
		wantM    float64
		wantName string
		wantErr  bool
	}{
		{"marathon", 42195, "marathon", false},
		{"Half", 21097.5, "half", false},
		{"half-marathon", 21097.5, "half", false},
		{"10k", 10000, "10k", false},
		{"5K", 5000, "5k", false},
		{"15km", 15000, "15km", false},
		{"10mi", 10 * metresPerMile, "10mi", false},
		{"3h", 0, "", true},
		{"ultra", 0, "", true},
	}
	for _, tt := range tests {
		m, name, err := ParseRaceDistance(tt.in)
		if (err != nil) != tt.wantErr || m != tt.wantM || name != tt.wantName {
			t.Errorf("ParseRaceDistance(%q) = %v, %q, %v; want %v, %q, error %v", tt.in, m, name, err, tt.wantM, tt.wantName, tt.wantErr)
		}
	}
}

func TestDate(t *testing.T) {
	d := date(t, "2027-04-11") // a Sunday
	if got := d.Monday().String(); got != "2027-04-05" {
		t.Errorf("Monday = %s; want 2027-04-05", got)
	}
	if got := d.AddDays(1).DaysSince(d.Monday()); got != 7 {
		t.Errorf("DaysSince = %d; want 7", got)
	}
	var z Date
	b, _ := json.Marshal(struct{ D, Z Date }{d, z})
	if string(b) != `{"D":"2027-04-11","Z":""}` {
		t.Errorf("JSON = %s", b)
	}
	if _, err := ParseDate("2027-13-01"); err == nil {
		t.Error("ParseDate accepted month 13")
	}
}

func FuzzParseHard(f *testing.F) {
	for _, s := range []string{"tue:intervals,thu:threshold,sun:long", "mon:race", "x:y,", "sunday:tempo"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHard(s)
		if err != nil {
			return
		}
		var parts []string
		for _, c := range h {
			parts = append(parts, c.String())
		}
		again, err := ParseHard(strings.Join(parts, ","))
		if err != nil || !reflect.DeepEqual(again, h) {
			t.Errorf("%q → %v does not read back: %v, %v", s, h, again, err)
		}
	})
}

func FuzzParseVolume(f *testing.F) {
	for _, s := range []string{"5h", "50km", "30mi", "300min", "1e308km", "-0h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseVolume(s)
		if err == nil && !((v.Duration > 0 && v.Duration <= maxWeeklyDuration) != (v.DistanceM > 0 && v.DistanceM <= maxWeeklyDistanceM)) {
			t.Errorf("ParseVolume(%q) = %+v: want exactly one measure in range", s, v)
		}
	})
}
