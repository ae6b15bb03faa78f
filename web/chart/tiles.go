package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"
)

// TileMap is a route drawn over slippy-map tiles (OpenStreetMap's scheme,
// Web Mercator, 256-pixel tiles: https://wiki.openstreetmap.org/wiki/Slippy_map_tilenames).
// The page lays out the tiles that cover the route at the highest zoom
// at which it fits in MaxTilesWide × MaxTilesHigh, no more: the tile
// server sees one view's tiles, never a prefetch. The route is an SVG
// over them, so when the tiles cannot load (offline) the trace stays.
type TileMap struct {
	Title string // the accessible title: "Route on a map"
	Desc  string // the accessible description
	// Lat and Lon are degrees, sample by sample; NaN is a gap.
	Lat, Lon []float64
	// URL is the tile server's template, with {z}, {x} and {y}.
	URL string
	// MaxPoints is how many points Downsample keeps; zero means 1000.
	MaxPoints int
}

// The tiles' size, the most a map shows and the deepest zoom: 19 is the
// most OpenStreetMap's tile server serves.
const (
	TileSize     = 256
	MaxTilesWide = 4
	MaxTilesHigh = 3
	MaxZoom      = 19
	// tileMargin keeps the route this many pixels inside the tiles.
	tileMargin = 16
)

// mercator projects a position in degrees to world pixels at zoom z:
// x east from the antimeridian, y south from about 85° N.
func mercator(lat, lon float64, z int) (x, y float64) {
	const maxLat = 85.0511287798 // where Web Mercator is square
	lat = max(-maxLat, min(maxLat, lat)) * math.Pi / 180
	world := float64(TileSize) * math.Exp2(float64(z))
	x = (lon + 180) / 360 * world
	y = (1 - math.Asinh(math.Tan(lat))/math.Pi) / 2 * world
	return x, y
}

// TileView is the tiles a map shows: columns X0 to X0+Cols-1 and rows
// Y0 to Y0+Rows-1 at zoom Z.
type TileView struct {
	Z, X0, Y0, Cols, Rows int
}

// FitTiles is the view of the highest zoom, at most MaxZoom, whose tiles
// hold every valid position with a margin in at most MaxTilesWide ×
// MaxTilesHigh tiles; false without a valid position.
func FitTiles(lat, lon []float64) (TileView, bool) {
	latLo, latHi, lonLo, lonHi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range min(len(lat), len(lon)) {
		if math.Abs(lat[i]) <= 90 && math.Abs(lon[i]) <= 180 {
			latLo, latHi = min(latLo, lat[i]), max(latHi, lat[i])
			lonLo, lonHi = min(lonLo, lon[i]), max(lonHi, lon[i])
		}
	}
	if math.IsInf(latLo, 1) {
		return TileView{}, false
	}
	for z := MaxZoom; z >= 0; z-- {
		x0, y0 := mercator(latHi, lonLo, z) // north-west
		x1, y1 := mercator(latLo, lonHi, z) // south-east
		v := TileView{Z: z,
			X0: int(math.Floor((x0 - tileMargin) / TileSize)), Y0: int(math.Floor((y0 - tileMargin) / TileSize))}
		v.Cols = int(math.Floor((x1+tileMargin)/TileSize)) - v.X0 + 1
		v.Rows = int(math.Floor((y1+tileMargin)/TileSize)) - v.Y0 + 1
		n := 1 << z
		v.X0, v.Y0 = max(0, v.X0), max(0, v.Y0)
		v.Cols, v.Rows = min(v.Cols, n-v.X0), min(v.Rows, n-v.Y0)
		if v.Cols <= MaxTilesWide && v.Rows <= MaxTilesHigh {
			return v, true
		}
	}
	return TileView{}, false // not reached: zoom 0 is one tile
}

// TileURL fills a tile server's template for the tile x, y at zoom z.
func TileURL(template string, z, x, y int) string {
	return strings.NewReplacer("{z}", strconv.Itoa(z), "{x}", strconv.Itoa(x), "{y}", strconv.Itoa(y)).Replace(template)
}

// HTML draws the map: the tiles as lazy images in a grid, sending the
// page's origin as Referer (the tile server's usage policy asks for one),
// the route over them, and the map data's attribution on it. Empty with
// fewer than two valid positions.
func (c TileMap) HTML() template.HTML {
	v, ok := FitTiles(c.Lat, c.Lon)
	if !ok || validPositions(c.Lat, c.Lon) < 2 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<div class="tilemap cols-` + strconv.Itoa(v.Cols) + `">` + "\n" + `<div class="tiles" aria-hidden="true">`)
	for y := range v.Rows {
		for x := range v.Cols {
			src := TileURL(c.URL, v.Z, v.X0+x, v.Y0+y)
			b.WriteString(`<img src="` + template.HTMLEscapeString(src) + `" alt="" width="256" height="256" loading="lazy" decoding="async" referrerpolicy="strict-origin">`)
		}
	}
	b.WriteString("</div>\n")
	n := min(len(c.Lat), len(c.Lon))
	pts := make([]Point, n)
	ox, oy := float64(v.X0*TileSize), float64(v.Y0*TileSize)
	for i := range n {
		if !(math.Abs(c.Lat[i]) <= 90 && math.Abs(c.Lon[i]) <= 180) {
			pts[i] = Point{math.NaN(), math.NaN()}
			continue
		}
		x, y := mercator(c.Lat[i], c.Lon[i], v.Z)
		pts[i] = Point{x - ox, y - oy}
	}
	maxPoints := c.MaxPoints
	if maxPoints <= 0 {
		maxPoints = 1000
	}
	pts = Downsample(pts, maxPoints)
	var w svg
	w.open("tilemap", float64(v.Cols*TileSize), float64(v.Rows*TileSize), c.Title, c.Desc, nil)
	w.path("chart-casing", pts)
	w.path("chart-route", pts)
	first, last := firstValid(pts, 1), firstValid(pts, -1)
	w.WriteString(`<circle class="chart-start" cx="` + num(first.X) + `" cy="` + num(first.Y) + "\" r=\"7\"/>\n")
	w.rect("chart-finish", last.X-6, last.Y-6, 12, 12)
	b.WriteString(string(w.html()))
	b.WriteString(`<p class="attribution">© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors</p>` + "\n</div>\n")
	return template.HTML(b.String())
}

// validPositions counts the positions that are on Earth.
func validPositions(lat, lon []float64) int {
	n := 0
	for i := range min(len(lat), len(lon)) {
		if math.Abs(lat[i]) <= 90 && math.Abs(lon[i]) <= 180 {
			n++
		}
	}
	return n
}
