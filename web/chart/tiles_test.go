package chart

import (
	"math"
	"strings"
	"testing"
)

// TestMercator holds the projection to OpenStreetMap's formulas, worked
// out independently from the wiki's (Slippy map tilenames) in Python.
func TestMercator(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name         string
		lat, lon     float64
		z            int
		tileX, tileY int
		px, py       float64
	}{
		{"Freiburg", 47.999, 7.8421, 15, 17097, 11390, 4377038.1744, 2916035.8916},
		{"Berlin", 52.52, 13.405, 10, 550, 335, 140833.2231, 85971.4777},
		{"Sydney", -33.8568, 151.2153, 17, 120591, 78650, 30871503.5034, 20134407.6851},
		{"New York", 40.7128, -74.006, 12, 1205, 1540, 308729.9015, 394244.4415},
	} {
		x, y := mercator(tt.lat, tt.lon, tt.z)
		if math.Abs(x-tt.px) > 1e-3 || math.Abs(y-tt.py) > 1e-3 || int(x/TileSize) != tt.tileX || int(y/TileSize) != tt.tileY {
			t.Errorf("%s: pixel %.4f, %.4f (tile %d, %d), want %.4f, %.4f (tile %d, %d)", tt.name, x, y,
				int(x/TileSize), int(y/TileSize), tt.px, tt.py, tt.tileX, tt.tileY)
		}
	}
}

// TestFitTiles: a 10 km run fits a few tiles at a street-level zoom; a
// point at the deepest zoom the tile server serves; a route across
// Europe at a low zoom; nothing without positions.
func TestFitTiles(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	for _, tt := range []struct {
		name     string
		lat, lon []float64
		want     TileView
		ok       bool
	}{
		{"a run around Freiburg", []float64{47.999, nan, 48.02, 47.98}, []float64{7.8421, nan, 7.87, 7.83}, TileView{Z: 13, X0: 4274, Y0: 2846, Cols: 2, Rows: 3}, true},
		{"one place, twice", []float64{47.999, 47.999}, []float64{7.8421, 7.8421}, TileView{Z: MaxZoom, X0: 273564, Y0: 182252, Cols: 1, Rows: 1}, true},
		{"Lisbon to Helsinki", []float64{38.72, 60.17}, []float64{-9.14, 24.94}, TileView{Z: 4, X0: 7, Y0: 4, Cols: 3, Rows: 3}, true},
		{"no positions", []float64{nan, 200}, []float64{nan, 0}, TileView{}, false},
	} {
		got, ok := FitTiles(tt.lat, tt.lon)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: %+v %v, want %+v %v", tt.name, got, ok, tt.want, tt.ok)
		}
		if ok && (got.Cols > MaxTilesWide || got.Rows > MaxTilesHigh || got.Z > MaxZoom) {
			t.Errorf("%s: %+v is larger than a map shows", tt.name, got)
		}
	}
}

func TestTileMapHTML(t *testing.T) {
	t.Parallel()
	m := TileMap{Title: "Route on a map", Desc: "d", Lat: []float64{47.999, 48.02, 47.98}, Lon: []float64{7.8421, 7.87, 7.83},
		URL: "https://tile.example.org/{z}/{x}/{y}.png?a=1&b=2"}
	html := string(m.HTML())
	for _, want := range []string{
		`<div class="tilemap cols-2">`,
		`<img src="https://tile.example.org/13/4274/2846.png?a=1&amp;b=2" alt="" width="256" height="256" loading="lazy" decoding="async" referrerpolicy="strict-origin">`,
		`https://tile.example.org/13/4275/2848.png`,
		`viewBox="0 0 512 768"`, `<title`, `class="chart-route"`,
		`© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the map lacks %q:\n%s", want, html)
		}
	}
	if n := strings.Count(html, "<img "); n != 6 {
		t.Errorf("%d tiles, want the 2 × 3 of the view", n)
	}
	if html := (TileMap{Lat: []float64{1}, Lon: []float64{2}, URL: "https://x/{z}/{x}/{y}"}).HTML(); html != "" {
		t.Errorf("one position drew %q, want nothing", html)
	}
}
