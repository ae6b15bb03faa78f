package store

import (
	"fmt"
	"slices"
	"strings"

	"github.com/easyrun/easyrun/activity"
)

// TagSports are the sports a runner may tag an activity with (easyrun
// tag): the ones easyrun reasons about.
var TagSports = []activity.Sport{
	activity.Running, activity.Cycling, activity.Walking, activity.Hiking, activity.Swimming, activity.Training,
}

// TagSportNames lists TagSports for messages: "running, cycling, ...".
func TagSportNames() string {
	names := make([]string, len(TagSports))
	for i, s := range TagSports {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// CheckSport reports an error unless sport is one of TagSports.
func CheckSport(sport activity.Sport) error {
	if !slices.Contains(TagSports, sport) {
		return fmt.Errorf("sport %q is not one of %s", sport, TagSportNames())
	}
	return nil
}
