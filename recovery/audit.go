package recovery

import "github.com/easyrun/easyrun/activity"

// Audit judges a runner's history: for every hard day, what followed it
// within rules.Window; every run meant as recovery; and every week.
// sessions may come in any order.
func Audit(sessions []Session, a activity.Athlete, rules Rules) Report {
	return Report{}
}
