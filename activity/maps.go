package activity

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// Map is how the runner's routes are drawn.
type Map struct {
	// Tiles draws routes over map tiles that the runner's browser fetches
	// from the tile server: off unless the runner turns it on, since the
	// tile server then sees where they run.
	Tiles bool `json:"tiles,omitempty"`
	// TileURL is the tile server's address template (CheckTileURL); empty
	// for the server's default.
	TileURL string `json:"tile_url,omitempty"`
	// Privacy are places whose surroundings are cut from the start and
	// the end of every route drawn (HiddenEnds).
	Privacy []PrivacyZone `json:"privacy_zones,omitempty"`
}

// PrivacyZone is a place, home or work, and the radius around it that a
// drawn route hides.
type PrivacyZone struct {
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	RadiusM float64 `json:"radius_m"`
}

// The privacy zones' bounds: a radius from 100 to 1000 m, 400 m unless
// the runner says otherwise, and at most MaxPrivacyZones places.
const (
	MinPrivacyRadiusM     = 100
	MaxPrivacyRadiusM     = 1000
	DefaultPrivacyRadiusM = 400
	MaxPrivacyZones       = 10
)

// DefaultTileURL is OpenStreetMap's standard tile server, the suggested
// one; its usage policy asks for a Referer, no bulk downloads and zoom 19
// at most, which the pages keep to.
const DefaultTileURL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

// CheckTileURL checks a tile server's address template: https, a host,
// and each of {z}, {x} and {y}.
func CheckTileURL(s string) error {
	bad := func(format string, args ...any) error {
		return &InputError{Field: "tile URL", Msg: fmt.Sprintf(format, args...)}
	}
	u, err := url.Parse(s)
	switch {
	case err != nil || u.Host == "":
		return bad("%q: not an address; want e.g. %s", s, DefaultTileURL)
	case u.Scheme != "https":
		return bad("%q: want https, so the page stays secure", s)
	}
	for _, p := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(s, p) {
			return bad("%q: lacks %s; want {z}, {x} and {y}, as in %s", s, p, DefaultTileURL)
		}
	}
	return nil
}

// Check checks the map settings: the tile URL when set, and each privacy
// zone's place and radius.
func (m Map) Check() error {
	if m.TileURL != "" {
		if err := CheckTileURL(m.TileURL); err != nil {
			return err
		}
	}
	if len(m.Privacy) > MaxPrivacyZones {
		return &InputError{Field: "privacy zones", Msg: fmt.Sprintf("%d places: want at most %d", len(m.Privacy), MaxPrivacyZones)}
	}
	for i, z := range m.Privacy {
		bad := func(format string, args ...any) error {
			return &InputError{Field: fmt.Sprintf("privacy zone %d", i+1), Msg: fmt.Sprintf(format, args...)}
		}
		switch {
		case !(z.Lat >= -90 && z.Lat <= 90):
			return bad("latitude %g: want -90 to 90", z.Lat)
		case !(z.Lon >= -180 && z.Lon <= 180):
			return bad("longitude %g: want -180 to 180", z.Lon)
		case !(z.RadiusM >= MinPrivacyRadiusM && z.RadiusM <= MaxPrivacyRadiusM):
			return bad("radius %g m: want %d to %d m", z.RadiusM, MinPrivacyRadiusM, MaxPrivacyRadiusM)
		}
	}
	return nil
}

// ParsePrivacyZones reads privacy zones written one a line as
// "latitude, longitude" or "latitude, longitude, radius in metres"
// (DefaultPrivacyRadiusM when left out); blank lines are skipped. The
// ranges are Map.Check's.
func ParsePrivacyZones(text string) ([]PrivacyZone, error) {
	var zones []PrivacyZone
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		fields := strings.Split(line, ",")
		nums := make([]float64, len(fields))
		var err error
		for i, f := range fields {
			if nums[i], err = strconv.ParseFloat(strings.TrimSpace(f), 64); err != nil {
				break
			}
		}
		if err != nil || len(nums) < 2 || len(nums) > 3 {
			return nil, &InputError{Field: fmt.Sprintf("privacy zone %d", len(zones)+1),
				Msg: fmt.Sprintf("line %d %q: want latitude, longitude and optionally a radius in metres, as in 47.999, 7.842, 400", n+1, line)}
		}
		z := PrivacyZone{Lat: nums[0], Lon: nums[1], RadiusM: DefaultPrivacyRadiusM}
		if len(nums) == 3 {
			z.RadiusM = nums[2]
		}
		zones = append(zones, z)
	}
	return zones, nil
}

// FormatPrivacyZones writes zones as ParsePrivacyZones reads them.
func FormatPrivacyZones(zones []PrivacyZone) string {
	var b strings.Builder
	for _, z := range zones {
		fmt.Fprintf(&b, "%s, %s, %s\n", strconv.FormatFloat(z.Lat, 'f', -1, 64), strconv.FormatFloat(z.Lon, 'f', -1, 64),
			strconv.FormatFloat(z.RadiusM, 'f', -1, 64))
	}
	return b.String()
}

// HiddenEnds is the part of a route to draw: the positions [from, to) of
// lat and lon left once the leading and the trailing runs of positions
// within a privacy zone are cut, as Strava does. A route that passes a
// zone in its middle keeps those positions: only where it starts and
// ends is told. Missing positions (NaN) neither start nor end a run.
// from == to when the whole route lies in zones.
func HiddenEnds(lat, lon []float64, zones []PrivacyZone) (from, to int) {
	n := min(len(lat), len(lon))
	hidden := func(i int) bool {
		if math.IsNaN(lat[i]) || math.IsNaN(lon[i]) {
			return true // a gap inside a hidden run stays hidden
		}
		for _, z := range zones {
			if DistanceBetween(lat[i], lon[i], z.Lat, z.Lon) <= z.RadiusM {
				return true
			}
		}
		return false
	}
	for from < n && hidden(from) {
		from++
	}
	to = n
	for to > from && hidden(to-1) {
		to--
	}
	return from, to
}
