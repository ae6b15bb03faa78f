package chart

import (
	"html/template"
	"math"
)

// Route is the trace of a run from its positions, drawn without map
// tiles: equirectangular, east scaled by the cosine of the latitude, the
// aspect kept, with start and finish marked.
type Route struct {
	Title string // the accessible title: "Route"
	// Desc is the accessible description; empty means the route's
	// extent in kilometres.
	Desc string
	// Lat and Lon are degrees, sample by sample; a NaN in either (or an
	// impossible position) is a gap, and the trace breaks there.
	Lat, Lon []float64
	// MaxPoints is how many points Downsample keeps; zero means 1000.
	MaxPoints int
	// Distance writes the extent in the description in the reader's
	// units ("2.5 mi"); nil writes kilometres.
	Distance func(m float64) string
}

// The longest side of a route's drawing, and the margin around it.
const (
	routeSide   = 400
	routeMargin = 12
	routeLegend = 28
)

// earthRadiusM is the mean Earth radius, for the route's extent.
const earthRadiusM = 6371008.8

// SVG draws the route, or a "no data" chart with fewer than two valid
// positions.
func (c Route) SVG() template.HTML {
	n := min(len(c.Lat), len(c.Lon))
	pts := make([]Point, n)
	latLo, latHi, valid := math.Inf(1), math.Inf(-1), 0
	for i := range n {
		lat, lon := c.Lat[i], c.Lon[i]
		if !(math.Abs(lat) <= 90 && math.Abs(lon) <= 180) {
			pts[i] = Point{math.NaN(), math.NaN()}
			continue
		}
		pts[i] = Point{lon, lat}
		latLo, latHi = min(latLo, lat), max(latHi, lat)
		valid++
	}
	if valid < 2 {
		return empty("route", c.Title)
	}
	// East-west distances shrink with the cosine of the latitude.
	k := math.Cos((latLo + latHi) / 2 * math.Pi / 180)
	for i, p := range pts {
		pts[i] = Point{p.X * k, -p.Y}
	}
	maxPoints := c.MaxPoints
	if maxPoints <= 0 {
		maxPoints = 1000
	}
	pts = Downsample(pts, maxPoints)
	xLo, xHi, _ := extent(xsOf(pts))
	yLo, yHi, _ := extent(ysOf(pts))
	span := max(xHi-xLo, yHi-yLo)
	s := 0.0
	if span > 0 {
		s = (routeSide - 2*routeMargin) / span
	}
	wd := (xHi-xLo)*s + 2*routeMargin
	ht := (yHi-yLo)*s + 2*routeMargin
	// A straight line north or east still gets room for its markers.
	wd, ht = max(wd, 120), max(ht, 2*routeMargin)
	offX := (wd - (xHi-xLo)*s) / 2
	offY := (ht - (yHi-yLo)*s) / 2
	for i, p := range pts {
		pts[i] = Point{offX + (p.X-xLo)*s, offY + (p.Y-yLo)*s}
	}

	var w svg
	w.open("route", wd, ht+routeLegend, c.Title, c.desc(xHi-xLo, yHi-yLo), nil)
	w.path("chart-route", pts)
	first, last := firstValid(pts, 1), firstValid(pts, -1)
	w.WriteString(`<circle class="chart-start" cx="` + num(first.X) + `" cy="` + num(first.Y) + "\" r=\"6\"/>\n")
	w.rect("chart-finish", last.X-5, last.Y-5, 10, 10)
	// The legend names the markers, which differ in shape, not only colour.
	y := ht + routeLegend/2
	w.WriteString(`<g class="chart-legend">` + "\n")
	w.WriteString(`<circle class="chart-start" cx="` + num(routeMargin+6) + `" cy="` + num(y) + "\" r=\"6\"/>\n")
	w.text("chart-legend-label", routeMargin+17, y+4.5, "", "start")
	w.rect("chart-finish", routeMargin+66, y-5, 10, 10)
	w.text("chart-legend-label", routeMargin+82, y+4.5, "", "finish")
	w.WriteString("</g>\n")
	return w.html()
}

// desc gives the route's extent, from its projected size in degrees.
func (c Route) desc(eastDeg, northDeg float64) string {
	if c.Desc != "" {
		return c.Desc
	}
	dist := c.Distance
	if dist == nil {
		dist = func(m float64) string { return decimals(0.1)(m/1000) + " km" }
	}
	m := func(deg float64) string { return dist(deg * math.Pi / 180 * earthRadiusM) }
	return "Route covering " + m(eastDeg) + " east to west and " + m(northDeg) + " north to south, from the start (circle) to the finish (square)."
}

func firstValid(pts []Point, dir int) Point {
	i, end := 0, len(pts)
	if dir < 0 {
		i, end = len(pts)-1, -1
	}
	for ; i != end; i += dir {
		if !pts[i].gap() {
			return pts[i]
		}
	}
	return Point{}
}

func xsOf(pts []Point) []float64 {
	v := make([]float64, len(pts))
	for i, p := range pts {
		v[i] = p.X
	}
	return v
}

func ysOf(pts []Point) []float64 {
	v := make([]float64, len(pts))
	for i, p := range pts {
		v[i] = p.Y
	}
	return v
}
