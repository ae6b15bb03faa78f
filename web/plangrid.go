package web

import (
	"time"

	"github.com/easyrun/easyrun/plan"
)

// planRow is one week of a plan as a row of the block's grid: its
// sessions by weekday, Monday first.
type planRow struct {
	Week *plan.Week
	Days [7][]plan.Session
	// Open is the week shown in detail at first: the current one, else the first.
	Open bool
}

// planGrid lays the plan's weeks out as rows of days, so that an
// 18-week block reads at a glance and each week's detail opens on demand.
func planGrid(p *plan.Plan, today time.Time) []planRow {
	rows := make([]planRow, len(p.Weeks))
	open := 0
	for i := range p.Weeks {
		w := &p.Weeks[i]
		rows[i].Week = w
		for _, s := range w.Sessions {
			d := (int(s.Date.Time().Weekday()) + 6) % 7
			rows[i].Days[d] = append(rows[i].Days[d], s)
		}
		if mon := w.Monday.Time(); !today.Before(mon) && today.Before(mon.AddDate(0, 0, 7)) {
			open = i
		}
	}
	if len(rows) > 0 {
		rows[open].Open = true
	}
	return rows
}
