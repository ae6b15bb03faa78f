package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Band is a horizontal band behind a time series, such as a heart-rate
// zone: values from Low to High, in the series' unit.
type Band struct {
	Label     string // drawn right of the plot: "Z2"
	Low, High float64
}

// Ref is a dashed horizontal reference line, labelled with its label,
// value and unit: "recovery cap 133 bpm".
type Ref struct {
	Label string
	Value float64
}

// TimeChart is one series over an activity, along its elapsed time or
// its distance: heart rate with its zones and recovery cap, pace,
// elevation, cadence.
type TimeChart struct {
	Title string // the accessible title: "Heart rate"
	// Desc is the accessible description; empty means a summary of the
	// data: its range and what the reference lines are.
	Desc string
	Name string // the series, as the axis title and read-out say it: "Heart rate"
	Unit string // "bpm", "min/km", "m"
	// Class is an extra CSS class of the line ("hr"), beside series-1
	// that sets the default colour.
	Class string
	// Values holds the samples; NaN is a gap, and the line breaks there.
	Values []float64
	// X places the values along the session; the zero Axis is elapsed
	// time, one value every StepS seconds from the start.
	X     Axis
	StepS float64 // zero means 1
	Bands []Band
	Refs  []Ref
	// InvertY puts larger values lower: pace, so that faster is up.
	InvertY bool
	// Format writes a value on the axis and in the read-out, without the
	// unit (Clock for pace); nil means a number with the decimals the
	// ticks need.
	Format func(float64) string
	// YStep is the spacing of the value ticks (30 for pace in seconds),
	// doubled as often as it takes to show at most eight; zero picks 1, 2
	// or 5 times a power of ten.
	YStep float64
	// MaxPoints is how many points Downsample keeps; zero means 600.
	MaxPoints int
}

// Axis is a TimeChart's x axis: where along the session each value lies.
type Axis struct {
	// Name is what the axis measures, as the description says it:
	// "elapsed time", "distance".
	Name string
	// At is each value's position, never decreasing, from zero at the
	// start; a value without a position (NaN, or past At's end) is a gap.
	At []float64
	// Format writes a position on the ticks and in the read-out.
	Format func(float64) string
	// Steps are the tick spacings to choose from, ascending: the
	// smallest that gives at most six intervals is used. Nil means 1, 2
	// or 5 times a power of ten.
	Steps []float64
}

// elapsedSteps are the x tick spacings in seconds of elapsed time.
var elapsedSteps = []float64{10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400}

// Elapsed is the elapsed-time axis of n values, one every stepS seconds
// (1 when stepS is not a positive number), labelled as clock times.
func Elapsed(n int, stepS float64) Axis {
	if !(stepS > 0) || math.IsInf(stepS, 0) {
		stepS = 1
	}
	at := make([]float64, n)
	for i := range at {
		at[i] = float64(i) * stepS
	}
	return Axis{Name: "elapsed time", At: at, Format: Clock, Steps: elapsedSteps}
}

// Distance is the distance axis of a stream of metres from the start, in
// the runner's unit (perUnit metres, called unit: 1000 and "km"), so
// that the ticks fall on whole or half units.
//
// The positions never decrease: a sample below the furthest distance so
// far (a device's GPS correction) is placed at that furthest distance,
// as is one recorded while standing still, so those samples share a
// position and the chart draws them as one point (see along). A missing
// distance stays NaN: its value is a gap, since where it was taken is
// unknown.
func Distance(metres []float64, perUnit float64, unit string) Axis {
	at := make([]float64, len(metres))
	furthest := 0.0
	for i, m := range metres {
		at[i] = math.NaN()
		if math.IsNaN(m - m) {
			continue
		}
		furthest = max(furthest, m/perUnit)
		at[i] = furthest
	}
	format := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', 2, 64)
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
		return s + " " + unit
	}
	return Axis{Name: "distance", At: at, Format: format}
}

// SVG draws the chart, or a "no data" chart with fewer than two finite
// values.
func (c TimeChart) SVG() template.HTML {
	// One value draws no line.
	lo, hi, n := extent(c.Values)
	if n < 2 || math.IsInf(hi-lo, 0) {
		return empty("time", c.Title)
	}
	refs := make([]float64, 0, len(c.Refs))
	for _, r := range c.Refs {
		refs = append(refs, r.Value)
	}
	if rlo, rhi, _ := extent([]float64{lo, hi}, refs); !math.IsInf(rhi-rlo, 0) {
		lo, hi = rlo, rhi
	}
	ystep := c.YStep
	if !(ystep > 0) || math.IsInf(ystep, 0) {
		ystep = niceStep(hi-lo, 5)
	}
	// A caller's step doubles until at most eight ticks fit.
	for (hi-lo)/ystep > 8 {
		ystep *= 2
	}
	lo, hi, yticks := ticks(lo, hi, ystep)
	format := c.Format
	if format == nil {
		format = decimals(ystep)
	}

	f := plotFrame
	ys := scale{lo, hi, f.bottom, f.top}
	if c.InvertY {
		ys = scale{lo, hi, f.top, f.bottom}
	}
	x := c.X
	if x.At == nil {
		x = Elapsed(len(c.Values), c.StepS)
	}
	pts := along(c.Values, x.At)
	end := pts[len(pts)-1].X
	xstep := niceStep(end, 6)
	if len(x.Steps) > 0 {
		xstep = x.Steps[len(x.Steps)-1]
		for _, s := range x.Steps {
			if end/s <= 6 {
				xstep = s
				break
			}
		}
	}
	xs := scale{0, end, f.left, f.right}

	var w svg
	w.open("time", width, height, c.Title, c.desc(format, x, end), &f)
	w.WriteString(`<g class="chart-bands">` + "\n")
	for i, b := range c.Bands {
		bLo, bHi := max(min(b.Low, b.High), lo), min(max(b.Low, b.High), hi)
		if !(bLo < bHi) {
			continue
		}
		y0, y1 := ys.at(bLo), ys.at(bHi)
		class := "chart-band band-" + itoa(i+1)
		w.rect(class, f.left, min(y0, y1), f.right-f.left, math.Abs(y1-y0))
		w.text("chart-band-label "+class, f.right+4, (y0+y1)/2+4, "", b.Label)
	}
	w.WriteString("</g>\n")
	w.yAxis(f, ys, yticks, format, c.Name, c.Unit)
	w.WriteString(`<g class="chart-axis">` + "\n")
	// Multiples, not sums, of the step: 0.1 added up misses its ticks.
	for i := 0; float64(i)*xstep <= end+xstep/1e6; i++ {
		t := float64(i) * xstep
		px := xs.at(t)
		w.line("chart-tick", px, f.bottom, px, f.bottom+5)
		w.text("chart-tick-label", px, f.bottom+19, "middle", x.Format(t))
	}
	w.WriteString("</g>\n")

	maxPoints := c.MaxPoints
	if maxPoints <= 0 {
		maxPoints = 600
	}
	pts = Downsample(pts, maxPoints)
	px := make([]Point, len(pts))
	for i, p := range pts {
		px[i] = Point{xs.at(p.X), ys.at(p.Y)}
	}
	w.path("chart-line "+seriesClass(0, c.Class), px)

	for _, r := range c.Refs {
		if math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
			continue
		}
		y := ys.at(r.Value)
		w.line("chart-ref", f.left, y, f.right, y)
		// The label sits above the line unless that leaves the plot.
		ly := y - 5
		if ly < f.top+12 {
			ly = y + 15
		}
		w.text("chart-ref-label", f.left+6, ly, "", strings.TrimSpace(r.Label+" "+format(r.Value)+" "+c.Unit))
	}

	labels := make([]string, len(pts))
	values := make([]string, len(pts))
	for i, p := range pts {
		labels[i] = x.Format(p.X)
		values[i] = "-"
		if !math.IsNaN(p.Y) {
			values[i] = format(p.Y)
		}
	}
	w.data(px, labels, []readout{{c.Name, c.Unit, values}})
	return w.html()
}

// along is the values as points at their positions along the axis.
// Values at the same position (on the distance axis, those recorded
// while standing still) become one point, their mean: a stop is one
// place, and the mean tells the heart rate there without picking one
// moment of it; a gap between them is kept. A value without a position
// is a gap at the last position known, so that the points' x never
// decreases and the read-out can search them.
func along(values, at []float64) []Point {
	pts := make([]Point, 0, len(values))
	last, same := 0.0, 0 // the last position, and how many values its point holds
	for i, v := range values {
		if i >= len(at) || math.IsNaN(at[i]-at[i]) {
			pts = append(pts, Point{last, math.NaN()})
			continue
		}
		p := Point{at[i], v}
		if n := len(pts); n > 0 && p.X == last && !p.gap() && !pts[n-1].gap() {
			same++
			pts[n-1].Y += (v - pts[n-1].Y) / float64(same)
			continue
		}
		last, same = p.X, 1
		pts = append(pts, p)
	}
	return pts
}

// desc summarises the chart for readers who cannot see it.
func (c TimeChart) desc(format func(float64) string, x Axis, end float64) string {
	if c.Desc != "" {
		return c.Desc
	}
	vlo, vhi, _ := extent(c.Values)
	var b strings.Builder
	b.WriteString(strings.TrimSpace(c.Name+" over "+x.Format(end)+" of "+x.Name+", from "+format(vlo)+" to "+format(vhi)+" "+c.Unit) + ".")
	for _, r := range c.Refs {
		if !math.IsNaN(r.Value - r.Value) {
			b.WriteString(" Dashed line: " + strings.TrimSpace(r.Label+" "+format(r.Value)+" "+c.Unit) + ".")
		}
	}
	if _, _, n := extent(c.Values); n < len(c.Values) {
		b.WriteString(" The line breaks where the recording has gaps.")
	}
	return b.String()
}
