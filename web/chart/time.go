package chart

import (
	"html/template"
	"math"
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

// TimeChart is one series over an activity's elapsed time: heart rate
// with its zones and recovery cap, pace, elevation.
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
	// Values holds one sample every StepS seconds from the start; NaN is
	// a gap, and the line breaks there.
	Values []float64
	StepS  float64 // zero means 1
	Bands  []Band
	Refs   []Ref
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

// elapsedSteps are the x tick spacings in seconds, the smallest that
// gives at most six ticks is used.
var elapsedSteps = []float64{10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400}

// SVG draws the chart, or a "no data" chart with fewer than two finite
// values.
func (c TimeChart) SVG() template.HTML {
	stepS := c.StepS
	if !(stepS > 0) || math.IsInf(stepS, 0) {
		stepS = 1
	}
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
	endS := float64(len(c.Values)-1) * stepS
	xstep := elapsedSteps[len(elapsedSteps)-1]
	for _, s := range elapsedSteps {
		if endS/s <= 6 {
			xstep = s
			break
		}
	}
	xs := scale{0, max(endS, stepS), f.left, f.right}

	var w svg
	w.open("time", width, height, c.Title, c.desc(format, lo, hi, endS), &f)
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
	for t := 0.0; t <= xs.d1; t += xstep {
		x := xs.at(t)
		w.line("chart-tick", x, f.bottom, x, f.bottom+5)
		w.text("chart-tick-label", x, f.bottom+19, "middle", Clock(t))
	}
	w.WriteString("</g>\n")

	pts := make([]Point, len(c.Values))
	for i, v := range c.Values {
		pts[i] = Point{float64(i) * stepS, v}
	}
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
		labels[i] = Clock(p.X)
		values[i] = "-"
		if !math.IsNaN(p.Y) {
			values[i] = format(p.Y)
		}
	}
	w.data(px, labels, []readout{{c.Name, c.Unit, values}})
	return w.html()
}

// desc summarises the chart for readers who cannot see it.
func (c TimeChart) desc(format func(float64) string, lo, hi, endS float64) string {
	if c.Desc != "" {
		return c.Desc
	}
	vlo, vhi, _ := extent(c.Values)
	var b strings.Builder
	b.WriteString(strings.TrimSpace(c.Name+" over "+Clock(endS)+" of elapsed time, from "+format(vlo)+" to "+format(vhi)+" "+c.Unit) + ".")
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
