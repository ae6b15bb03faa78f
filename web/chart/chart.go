// Package chart draws easyrun's charts as inline SVG: a series over an
// activity along its elapsed time or distance (heart rate with zones,
// pace, elevation, cadence), named series over dates (fitness, fatigue,
// form), weekly volume stacked by intensity, and a route. Each chart is
// one <svg> element with a <title> and <desc>, coloured only through CSS
// classes, and carries its data points compactly in data attributes for
// the hover read-out of chart.js.
//
// Output is deterministic (fixed number formatting), so tests compare it
// with golden files.
//
// # Styling
//
// Assets holds chart.css, the default colours (the Okabe–Ito palette,
// safe for colour-blind readers) and layout, and chart.js, the hover
// read-out; pages link both (chart.js with defer). The classes:
//
//	svg.chart             every chart; chart-time, chart-dates, chart-weeks, chart-route say which
//	.chart-grid           grid lines;            .chart-axis   axis lines and tick labels
//	.chart-unit           the axis title ("Heart rate, bpm")
//	.chart-band, .band-N  the Nth band (zone) behind a time series, N from 1
//	.chart-band-label     a band's label ("Z2") right of the plot
//	.chart-ref            a dashed reference line; .chart-ref-label its label
//	.chart-zero           the zero line of a date chart
//	.chart-line           a series' line, with .series-N (N from 1) and the caller's Class
//	.chart-bar            a stacked bar segment, likewise; .series-N sets --series, the colour
//	.chart-share          the easy share above a weekly bar
//	.chart-legend         the legend; .chart-swatch its colour keys
//	.chart-route, .chart-start, .chart-finish   a route and its end markers
//	.chart-empty          the message of a chart with no data
//	.chart-guide, .chart-tip   the hover guide line and tooltip chart.js adds
package chart

import (
	"embed"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Assets holds chart.css and chart.js, for the web server to serve.
//
//go:embed chart.css chart.js
var Assets embed.FS

// The viewBox of the axis charts. Text is sized in these units, so a
// narrow viewBox keeps labels readable when a phone scales it down.
const (
	width  = 560
	height = 300
)

// frame is the plot area inside the viewBox.
type frame struct{ left, top, right, bottom float64 }

// plotFrame leaves room above the plot for the axis title; legendFrame
// for a legend too.
var (
	plotFrame   = frame{left: 46, top: 34, right: 528, bottom: 272}
	legendFrame = frame{left: 46, top: 56, right: 528, bottom: 272}
)

// scale maps a data interval onto a pixel interval.
type scale struct{ d0, d1, p0, p1 float64 }

func (s scale) at(v float64) float64 {
	if s.d1 == s.d0 {
		return (s.p0 + s.p1) / 2
	}
	return s.p0 + (v-s.d0)*(s.p1-s.p0)/(s.d1-s.d0)
}

// num formats a coordinate with one decimal, dropping ".0".
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

// esc makes s safe as XML text or attribute value: escaped, valid UTF-8,
// without the control characters XML forbids.
func esc(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return html.EscapeString(s)
}

// token makes s one word of a space-separated data attribute: its spaces
// become no-break spaces, which chart.js shows as spaces.
func token(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }

// svg builds one chart's markup.
type svg struct{ strings.Builder }

func (w *svg) open(kind string, vbWidth, vbHeight float64, title, desc string, f *frame) {
	w.Grow(24 << 10) // a long trace's chart, so it is built without copying
	w.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-` + kind + `" viewBox="0 0 ` + num(vbWidth) + ` ` + num(vbHeight) + `" role="img"`)
	if f != nil {
		w.WriteString(` data-plot="` + num(f.left) + ` ` + num(f.top) + ` ` + num(f.right) + ` ` + num(f.bottom) + `"`)
	}
	w.WriteString(`><title>` + esc(title) + `</title><desc>` + esc(desc) + "</desc>\n")
}

func (w *svg) html() template.HTML {
	w.WriteString("</svg>\n")
	// Every string in the markup went through esc or num.
	return template.HTML(w.String())
}

func (w *svg) text(class string, x, y float64, anchor, s string) {
	w.WriteString(`<text class="` + class + `" x="` + num(x) + `" y="` + num(y) + `"`)
	if anchor != "" {
		w.WriteString(` text-anchor="` + anchor + `"`)
	}
	w.WriteString(`>` + esc(s) + "</text>\n")
}

func (w *svg) line(class string, x1, y1, x2, y2 float64) {
	w.WriteString(`<line class="` + class + `" x1="` + num(x1) + `" y1="` + num(y1) + `" x2="` + num(x2) + `" y2="` + num(y2) + "\"/>\n")
}

func (w *svg) rect(class string, x, y, wd, ht float64) {
	w.WriteString(`<rect class="` + class + `" x="` + num(x) + `" y="` + num(y) + `" width="` + num(wd) + `" height="` + num(ht) + "\"/>\n")
}

// path writes pts, already in pixels, as one path whose gap points start
// a new sub-path, so a gap is never bridged. A lone point between gaps
// becomes a dot: a zero-length line that round caps make visible.
func (w *svg) path(class string, pts []Point) {
	w.WriteString(`<path class="` + class + `" d="`)
	run := 0 // points in the current sub-path
	for _, p := range pts {
		if p.gap() {
			if run == 1 {
				w.WriteString("h0")
			}
			run = 0
			continue
		}
		switch {
		case run > 0:
			w.WriteString("L")
		case w.String()[w.Len()-1] == '"':
			w.WriteString("M")
		default:
			w.WriteString(" M")
		}
		w.WriteString(num(p.X) + " " + num(p.Y))
		run++
	}
	if run == 1 {
		w.WriteString("h0")
	}
	w.WriteString("\"/>\n")
}

// legend writes one key per name, left to right above the plot.
func (w *svg) legend(f frame, names, classes []string) {
	x := f.left
	w.WriteString(`<g class="chart-legend">` + "\n")
	for i, name := range names {
		w.rect("chart-swatch "+classes[i], x, 7, 16, 10)
		w.text("chart-legend-label", x+21, 16.5, "", name)
		// Room for about 9.5 units a character: 17 px text, as phones get.
		x += 36 + 9.5*float64(len([]rune(name)))
	}
	w.WriteString("</g>\n")
}

// empty is the chart drawn when there is nothing to draw.
func empty(kind, title string) template.HTML {
	var w svg
	w.open(kind, width, height, title, "No data to draw.", nil)
	w.text("chart-empty", width/2, height/2, "middle", "No data to draw")
	return w.html()
}

// niceStep is a 1, 2 or 5 times a power of ten step that cuts span into
// at most n intervals.
func niceStep(span float64, n int) float64 {
	if span <= 0 || math.IsNaN(span) || math.IsInf(span, 0) {
		return 1
	}
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range [...]float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// ticks widens [lo, hi] to whole steps and lists the ticks inside it.
func ticks(lo, hi, step float64) (from, to float64, at []float64) {
	from = math.Floor(lo/step) * step
	to = math.Ceil(hi/step) * step
	if to == from {
		to = from + step
	}
	// Values near the float64 limits leave no room for steps.
	if !((to-from)/step <= 100) {
		return lo, hi, []float64{lo, hi}
	}
	for i := 0; ; i++ {
		v := from + float64(i)*step
		if v > to+step/1e6 {
			break
		}
		at = append(at, v)
	}
	return from, to, at
}

// extent is the lowest and highest finite value of all vs, and how many
// finite values there are.
func extent(vs ...[]float64) (lo, hi float64, n int) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				continue
			}
			lo, hi = min(lo, x), max(hi, x)
			n++
		}
	}
	return lo, hi, n
}

// Clock formats seconds as a clock time, "4:35" or "1:02:03": elapsed
// time, and pace as time per kilometre or mile.
func Clock(seconds float64) string {
	// Beyond a billion seconds (32 years) a clock says nothing.
	if math.IsNaN(seconds) || math.Abs(seconds) >= 1e9 {
		return "–"
	}
	sign := ""
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	t := int(math.Round(seconds))
	h, m, s := t/3600, t/60%60, t%60
	if h > 0 {
		return sign + strconv.Itoa(h) + ":" + pad(m) + ":" + pad(s)
	}
	return sign + strconv.Itoa(m) + ":" + pad(s)
}

func pad(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// decimals formats v with the decimals a tick step needs: none for whole
// steps, else one.
func decimals(step float64) func(float64) string {
	d := 0
	if step < 1 {
		d = 1
	}
	return func(v float64) string {
		s := strconv.FormatFloat(v, 'f', d, 64)
		if s == "-0" || s == "-0.0" {
			s = s[1:]
		}
		return s
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// seriesClass is the classes of the ith series: series-N for the default
// colour, then the caller's own.
func seriesClass(i int, own string) string {
	return strings.TrimSpace("series-" + itoa(i+1) + " " + own)
}

// yAxis writes the value grid, tick labels and axis title.
func (w *svg) yAxis(f frame, ys scale, at []float64, format func(float64) string, name, unit string) {
	w.WriteString(`<g class="chart-axis">` + "\n")
	for _, v := range at {
		y := ys.at(v)
		w.line("chart-grid", f.left, y, f.right, y)
		w.text("chart-tick-label", f.left-6, y+4.5, "end", format(v))
	}
	title := name
	if name != "" && unit != "" {
		title += ", "
	}
	title += unit
	w.text("chart-unit", f.left, f.top-10, "", title)
	w.line("chart-axis-line", f.left, f.bottom, f.right, f.bottom)
	w.WriteString("</g>\n")
}

// readout is one series' values for the hover read-out, formatted, "-"
// for a gap.
type readout struct {
	name, unit string
	values     []string
}

// data writes the hover read-out's data: the x of each point in pixels,
// its label, and each series' values there.
func (w *svg) data(px []Point, labels []string, series []readout) {
	w.WriteString(`<g class="chart-data" data-x="`)
	for i, p := range px {
		if i > 0 {
			w.WriteString(" ")
		}
		w.WriteString(num(p.X))
	}
	w.WriteString(`" data-label="` + words(labels) + `">`)
	for _, s := range series {
		w.WriteString(`<g data-name="` + esc(s.name) + `" data-unit="` + esc(s.unit) + `" data-v="` + words(s.values) + `"/>`)
	}
	w.WriteString("</g>\n")
}

func words(ss []string) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(esc(token(s)))
	}
	return b.String()
}
