package chart

import (
	"html/template"
	"math"
	"strings"
	"time"
)

// Series is one named line of a DateChart, or one category of a
// WeekChart's stacked bars.
type Series struct {
	Name string // "Fitness"
	// Class is an extra CSS class of its line or bars, beside series-N
	// (N its position from 1) that sets the default colour.
	Class string
	// Values holds one value per date (DateChart) or per week
	// (WeekChart); NaN is a gap.
	Values []float64
}

func (s Series) class(i int) string { return seriesClass(i, s.Class) }

// DateChart is several named series over calendar dates, such as fitness,
// fatigue and form by day, with a legend and month ticks.
type DateChart struct {
	Title string // the accessible title: "Fitness, fatigue and form"
	// Desc is the accessible description; empty means the last value of
	// each series.
	Desc string
	Unit string // the values' unit, as the axis title says it: "TRIMP a day"
	// Dates are the x of every value, in order; each Series has one value
	// per date.
	Dates  []time.Time
	Series []Series
	// ZeroLine draws a line at zero, which is then always in view: form
	// above it is fresh, below it tired.
	ZeroLine bool
	// MaxPoints is how many points Downsample keeps per series; zero
	// means 600.
	MaxPoints int
}

var monthSteps = []int{1, 2, 3, 6, 12, 24, 60}

// SVG draws the chart, or a "no data" chart with fewer than two finite
// values.
func (c DateChart) SVG() template.HTML {
	n := len(c.Dates)
	var all [][]float64
	for _, s := range c.Series {
		all = append(all, s.Values[:min(n, len(s.Values))])
	}
	lo, hi, count := extent(all...)
	if count < 2 || math.IsInf(hi-lo, 0) {
		return empty("dates", c.Title)
	}
	if c.ZeroLine {
		lo, hi = min(lo, 0), max(hi, 0)
	}
	ystep := niceStep(hi-lo, 5)
	lo, hi, yticks := ticks(lo, hi, ystep)
	format := decimals(ystep)

	f := legendFrame
	ys := scale{lo, hi, f.bottom, f.top}
	first, last := c.Dates[0], c.Dates[n-1]
	xs := scale{0, last.Sub(first).Hours() / 24, f.left, f.right}
	day := func(t time.Time) float64 { return t.Sub(first).Hours() / 24 }

	var w svg
	w.open("dates", width, height, c.Title, c.desc(format), &f)
	w.yAxis(f, ys, yticks, format, "", c.Unit)
	if c.ZeroLine {
		w.line("chart-zero", f.left, ys.at(0), f.right, ys.at(0))
	}

	// Month ticks, every 1, 2, 3, 6 or 12 months so that at most seven fit.
	months := (last.Year()-first.Year())*12 + int(last.Month()-first.Month()) + 1
	step := monthSteps[len(monthSteps)-1]
	for _, s := range monthSteps {
		if months/s <= 7 {
			step = s
			break
		}
	}
	w.WriteString(`<g class="chart-axis">` + "\n")
	m := monthTick(first, step)
	year := -1
	for ; !m.After(last); m = m.AddDate(0, step, 0) {
		x := xs.at(day(m))
		label := m.Format("Jan")
		if m.Year() != year {
			label = m.Format("Jan 2006")
			year = m.Year()
		}
		w.line("chart-tick", x, f.bottom, x, f.bottom+5)
		w.text("chart-tick-label", x, f.bottom+19, "middle", label)
	}
	w.WriteString("</g>\n")

	maxPoints := c.MaxPoints
	if maxPoints <= 0 {
		maxPoints = 600
	}
	names := make([]string, len(c.Series))
	classes := make([]string, len(c.Series))
	for i, s := range c.Series {
		names[i], classes[i] = s.Name, s.class(i)
		pts := make([]Point, 0, n)
		for j, v := range s.Values[:min(n, len(s.Values))] {
			pts = append(pts, Point{day(c.Dates[j]), v})
		}
		pts = Downsample(pts, maxPoints)
		for j, p := range pts {
			pts[j] = Point{xs.at(p.X), ys.at(p.Y)}
		}
		w.path("chart-line "+classes[i], pts)
	}
	w.legend(f, names, classes)

	// The read-out shows every date, or an even spread of maxPoints.
	stride := max(1, (n+maxPoints-1)/maxPoints)
	var px []Point
	var labels []string
	readouts := make([]readout, len(c.Series))
	for i, s := range c.Series {
		readouts[i] = readout{name: s.Name, unit: c.Unit}
	}
	for j := 0; j < n; j += stride {
		px = append(px, Point{X: xs.at(day(c.Dates[j]))})
		labels = append(labels, c.Dates[j].Format("2 Jan 2006"))
		for i, s := range c.Series {
			v := "-"
			if j < len(s.Values) && !math.IsNaN(s.Values[j]) && !math.IsInf(s.Values[j], 0) {
				v = format(s.Values[j])
			}
			readouts[i].values = append(readouts[i].values, v)
		}
	}
	w.data(px, labels, readouts)
	return w.html()
}

// desc says each series' latest value.
func (c DateChart) desc(format func(float64) string) string {
	if c.Desc != "" {
		return c.Desc
	}
	n := len(c.Dates)
	var b strings.Builder
	b.WriteString(c.Title + " from " + c.Dates[0].Format("2 Jan 2006") + " to " + c.Dates[n-1].Format("2 Jan 2006") + ".")
	for _, s := range c.Series {
		if n <= len(s.Values) && !math.IsNaN(s.Values[n-1]-s.Values[n-1]) {
			b.WriteString(" " + s.Name + " on the last day: " + strings.TrimSpace(format(s.Values[n-1])+" "+c.Unit) + ".")
		}
	}
	return b.String()
}

// monthTick is the first day of the first month on or after from whose
// count of months since year 0 is a multiple of step: ticks every three
// months fall on January, April, July and October.
func monthTick(from time.Time, step int) time.Time {
	m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, from.Location())
	if m.Before(from) {
		m = m.AddDate(0, 1, 0)
	}
	for (m.Year()*12+int(m.Month())-1)%step != 0 {
		m = m.AddDate(0, 1, 0)
	}
	return m
}
