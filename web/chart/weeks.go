package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"
)

// WeekChart is training volume per week stacked by intensity, easy at
// the bottom, with each week's easy share above its bar ("82 %").
type WeekChart struct {
	Title string // the accessible title: "Weekly volume"
	// Desc is the accessible description; empty means the last week's
	// total and easy share.
	Desc string
	Unit string // "min", "km"
	// Weeks are the first days of the weeks, in order; each Series (one
	// per intensity, drawn bottom up) has one value per week.
	Weeks  []time.Time
	Series []Series
	// Easy is how many of the first Series count as easy running; their
	// share of each week's total is written above its bar. Zero writes
	// no share.
	Easy int
}

// SVG draws the chart, or a "no data" chart when no week has volume or
// a week's total is beyond float64.
func (c WeekChart) SVG() template.HTML {
	n := len(c.Weeks)
	totals := make([]float64, n)
	easy := make([]float64, n)
	for i, s := range c.Series {
		for j, v := range s.Values[:min(n, len(s.Values))] {
			if v > 0 && !math.IsInf(v, 0) {
				totals[j] += v
				if i < c.Easy {
					easy[j] += v
				}
			}
		}
	}
	_, hi, finite := extent(totals)
	if !(hi > 0) || finite < n {
		return empty("weeks", c.Title)
	}
	// Headroom for the share labels above the tallest bar.
	ystep := niceStep(hi*1.08, 5)
	lo, hi, yticks := ticks(0, hi*1.08, ystep)
	format := decimals(ystep)

	f := legendFrame
	ys := scale{lo, hi, f.bottom, f.top}
	band := (f.right - f.left) / float64(n)
	// Bars of a short series stay bars, not slabs.
	barW := min(band*0.7, 48)

	var w svg
	w.open("weeks", width, height, c.Title, c.desc(format, totals, easy), &f)
	w.yAxis(f, ys, yticks, format, "", c.Unit)

	// Week labels at least 64 units apart, room for "29 Jun" on a phone.
	every := int(math.Ceil(64 / band))
	w.WriteString(`<g class="chart-axis">` + "\n")
	for j := 0; j < n; j += every {
		w.text("chart-tick-label", f.left+band*(float64(j)+0.5), f.bottom+19, "middle", c.Weeks[j].Format("2 Jan"))
	}
	w.WriteString("</g>\n")

	names := make([]string, len(c.Series))
	classes := make([]string, len(c.Series))
	readouts := make([]readout, 0, len(c.Series)+2)
	for i, s := range c.Series {
		names[i], classes[i] = s.Name, s.class(i)
		readouts = append(readouts, readout{name: s.Name, unit: c.Unit})
	}
	readouts = append(readouts, readout{name: "Total", unit: c.Unit})
	if c.Easy > 0 {
		readouts = append(readouts, readout{name: "Easy share", unit: "%"})
	}
	px := make([]Point, n)
	labels := make([]string, n)
	for j := range n {
		x := f.left + band*float64(j) + (band-barW)/2
		px[j] = Point{X: x + barW/2}
		labels[j] = "Week of " + c.Weeks[j].Format("2 Jan 2006")
		base := 0.0
		for i, s := range c.Series {
			v := 0.0
			if j < len(s.Values) && s.Values[j] > 0 && !math.IsInf(s.Values[j], 0) {
				v = s.Values[j]
			}
			readouts[i].values = append(readouts[i].values, format(v))
			if v == 0 {
				continue
			}
			y0, y1 := ys.at(base), ys.at(base+v)
			w.rect("chart-bar "+classes[i], x, y1, barW, y0-y1)
			base += v
		}
		readouts[len(c.Series)].values = append(readouts[len(c.Series)].values, format(totals[j]))
		if c.Easy > 0 {
			share := "-"
			if totals[j] > 0 {
				share = percent(easy[j] / totals[j])
				// Below 30 units a bar is too narrow for its label: the
				// read-out still gives the share.
				if band >= 30 {
					w.text("chart-share", x+barW/2, ys.at(totals[j])-5, "middle", share+" %")
				}
			}
			readouts[len(c.Series)+1].values = append(readouts[len(c.Series)+1].values, share)
		}
	}
	if c.Easy > 0 {
		names = append(names, "% = easy share")
		classes = append(classes, "chart-share-key")
	}
	w.legend(f, names, classes)
	w.data(px, labels, readouts)
	return w.html()
}

func percent(share float64) string { return strconv.Itoa(int(math.Round(100 * share))) }

// desc says the last week's volume and easy share.
func (c WeekChart) desc(format func(float64) string, totals, easy []float64) string {
	if c.Desc != "" {
		return c.Desc
	}
	n := len(c.Weeks)
	var b strings.Builder
	b.WriteString(c.Title + ", " + itoa(n) + " weeks from " + c.Weeks[0].Format("2 Jan 2006") + ". Week of " + c.Weeks[n-1].Format("2 Jan 2006") + ": " + strings.TrimSpace(format(totals[n-1])+" "+c.Unit))
	if c.Easy > 0 && totals[n-1] > 0 {
		b.WriteString(", " + percent(easy[n-1]/totals[n-1]) + " % easy")
	}
	b.WriteString(".")
	return b.String()
}
