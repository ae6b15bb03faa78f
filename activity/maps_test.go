package activity

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestCheckTileURL(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ url, err string }{
		{DefaultTileURL, ""},
		{"https://tiles.example.org/osm/{z}/{x}/{y}@2x.png?key=k", ""},
		{"http://tile.openstreetmap.org/{z}/{x}/{y}.png", "want https"},
		{"https://tile.openstreetmap.org/{z}/{x}.png", "lacks {y}"},
		{"tile.openstreetmap.org/{z}/{x}/{y}.png", "not an address"},
		{"https:///{z}/{x}/{y}.png", "not an address"},
	} {
		err := CheckTileURL(tt.url)
		var ie *InputError
		if tt.err == "" && err != nil || tt.err != "" && (!errors.As(err, &ie) || ie.Field != "tile URL" || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("CheckTileURL(%q) = %v, want %q", tt.url, err, tt.err)
		}
	}
}

func TestParsePrivacyZones(t *testing.T) {
	t.Parallel()
	zones, err := ParsePrivacyZones("47.999, 7.8421\n\n 48.01,7.85, 250 \n")
	want := []PrivacyZone{{47.999, 7.8421, DefaultPrivacyRadiusM}, {48.01, 7.85, 250}}
	if err != nil || len(zones) != 2 || zones[0] != want[0] || zones[1] != want[1] {
		t.Fatalf("got %v, %v; want %v", zones, err, want)
	}
	if again, _ := ParsePrivacyZones(FormatPrivacyZones(zones)); len(again) != 2 || again[1] != want[1] {
		t.Errorf("formatted and read again: %v", again)
	}
	for _, tt := range []struct{ text, err string }{
		{"47.9", `privacy zone 1 line 1 "47.9": want latitude, longitude`},
		{"1, 2\nhome", `privacy zone 2 line 2 "home"`},
		{"1, 2, 3, 4", "want latitude, longitude and optionally a radius"},
	} {
		if _, err := ParsePrivacyZones(tt.text); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParsePrivacyZones(%q) = %v, want %q", tt.text, err, tt.err)
		}
	}
	for _, tt := range []struct {
		m   Map
		err string
	}{
		{Map{Tiles: true, Privacy: want}, ""},
		{Map{Privacy: []PrivacyZone{{91, 0, 400}}}, "privacy zone 1 latitude 91: want -90 to 90"},
		{Map{Privacy: []PrivacyZone{{0, 0, 400}, {0, 181, 400}}}, "privacy zone 2 longitude 181: want -180 to 180"},
		{Map{Privacy: []PrivacyZone{{0, 0, 50}}}, "privacy zone 1 radius 50 m: want 100 to 1000 m"},
		{Map{Privacy: []PrivacyZone{{0, 0, math.NaN()}}}, "radius NaN m"},
		{Map{Privacy: make([]PrivacyZone, MaxPrivacyZones+1)}, "want at most 10"},
		{Map{TileURL: "ftp://x/{z}/{x}/{y}"}, "want https"},
	} {
		if err := tt.m.Check(); tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%+v: Check() = %v, want %q", tt.m, err, tt.err)
		}
	}
}

// TestHiddenEnds: a route out and back from home, 50 m a point east
// along the equator's parallel at Freiburg, loses the points within the
// zone at both ends and keeps those in the middle that pass near it.
func TestHiddenEnds(t *testing.T) {
	t.Parallel()
	const lat0, lon0 = 47.999, 7.8421
	mPerDegLon := DistanceBetween(lat0, lon0, lat0, lon0+1)
	// Out 2 km, back to home, out 1 km again past home's zone, back home.
	var metres []float64
	for m := 0.0; m <= 2000; m += 50 {
		metres = append(metres, m)
	}
	for m := 1950.0; m >= 0; m -= 50 {
		metres = append(metres, m)
	}
	n := len(metres)
	lat, lon := make([]float64, n), make([]float64, n)
	for i, m := range metres {
		lat[i], lon[i] = lat0, lon0+m/mPerDegLon
	}
	home := PrivacyZone{lat0, lon0, 425} // between two points: no rounding at the edge
	from, to := HiddenEnds(lat, lon, []PrivacyZone{home})
	// Points 0 to 400 m are hidden at the start (9 points: 0, 50, ..., 400).
	if from != 9 || to != n-9 {
		t.Errorf("HiddenEnds = [%d, %d), want [9, %d)", from, to, n-9)
	}
	if d := DistanceBetween(lat[from], lon[from], lat0, lon0); d <= 425 || d > 451 {
		t.Errorf("first point drawn is %.0f m from home, want just over 425 m", d)
	}
	// Passing home in the middle: a loop that comes back near home keeps it.
	loop := append(append([]float64{}, metres...), metres...)
	llat, llon := make([]float64, len(loop)), make([]float64, len(loop))
	for i, m := range loop {
		llat[i], llon[i] = lat0, lon0+m/mPerDegLon
	}
	if from, to := HiddenEnds(llat, llon, []PrivacyZone{home}); from != 9 || to != len(loop)-9 {
		t.Errorf("a route passing home in its middle: [%d, %d), want [9, %d)", from, to, len(loop)-9)
	}
	// No zones: a leading gap (no fix yet) is left out, the rest kept.
	lat[0], lon[0] = math.NaN(), math.NaN()
	if from, to := HiddenEnds(lat, lon, nil); from != 1 || to != n {
		t.Errorf("no zones: [%d, %d), want [1, %d)", from, to, n)
	}
	// All inside: nothing drawn.
	if from, to := HiddenEnds(lat[:5], lon[:5], []PrivacyZone{home}); from != to {
		t.Errorf("a route inside the zone: [%d, %d), want empty", from, to)
	}
}
