package importer

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/easyrun/easyrun/activity"
)

// Meta is what an export's index says about one of its files: the Strava
// bulk export's activities.csv.
type Meta struct {
	Name  string         // the activity's name as the runner gave it
	Sport activity.Sport // from the export's activity type; Unknown when not given
	RPE   int            // perceived exertion 1-10; 0 when not given
}

// apply gives a decoded activity what the export knows and the file does
// not: the runner's name and RPE always win, the export's sport only
// fills a gap.
func (m *Meta) apply(a *activity.Activity) {
	if m.Name != "" {
		a.Name = m.Name
	}
	if m.RPE > 0 {
		a.RPE = m.RPE
	}
	if a.Sport == activity.Unknown {
		a.Sport = m.Sport
	}
}

// stravaIndexName is the index file at the root of a Strava bulk export.
const stravaIndexName = "activities.csv"

// stravaIndex maps file names relative to the export's root
// ("activities/1234.fit.gz") to what activities.csv says about them.
type stravaIndex map[string]*Meta

// The column names of activities.csv, lower case, in order of preference:
// they vary a little between export vintages.
var (
	stravaFileColumns = []string{"filename"}
	stravaNameColumns = []string{"activity name", "name"}
	stravaTypeColumns = []string{"activity type", "type"}
	stravaRPEColumns  = []string{"perceived exertion"}
)

// parseStravaIndex reads activities.csv. Rows without a file (manual
// entries) are left out: there is nothing to attach them to.
func parseStravaIndex(r io.Reader) (stravaIndex, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // rows may be ragged
	cr.LazyQuotes = true    // descriptions hold stray quotes
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s header: %w", stravaIndexName, err)
	}
	col := columnFinder(header)
	fileCol := col(stravaFileColumns)
	if fileCol < 0 {
		return nil, fmt.Errorf("%s has no Filename column", stravaIndexName)
	}
	nameCol, typeCol, rpeCol := col(stravaNameColumns), col(stravaTypeColumns), col(stravaRPEColumns)

	idx := stravaIndex{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return idx, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", stravaIndexName, err)
		}
		file := cell(rec, fileCol)
		if file == "" {
			continue
		}
		idx[path.Clean(file)] = &Meta{
			Name:  cell(rec, nameCol),
			Sport: stravaSport(cell(rec, typeCol)),
			RPE:   parseRPE(cell(rec, rpeCol)),
		}
	}
}

// columnFinder returns a function giving the index of the first header
// matching one of the names, case-insensitively, or -1. The first of
// duplicated headers wins: Strava repeats some with other units.
func columnFinder(header []string) func(names []string) int {
	pos := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		if _, dup := pos[h]; !dup {
			pos[h] = i
		}
	}
	return func(names []string) int {
		for _, n := range names {
			if i, ok := pos[n]; ok {
				return i
			}
		}
		return -1
	}
}

// cell returns rec[i] trimmed, or "" when the row is too short or i < 0.
func cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// parseRPE reads Strava's perceived exertion ("7", "7.0"); anything
// outside 1-10 is not an RPE.
func parseRPE(s string) int {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) {
		return 0
	}
	r := int(math.Round(v))
	if r < 1 || r > 10 {
		return 0
	}
	return r
}

// stravaSports maps Strava's activity types, lower case without spaces,
// to easyrun's sports.
var stravaSports = map[string]activity.Sport{
	"run":               activity.Running,
	"trailrun":          activity.Running,
	"virtualrun":        activity.Running,
	"walk":              activity.Walking,
	"hike":              activity.Hiking,
	"ride":              activity.Cycling,
	"virtualride":       activity.Cycling,
	"ebikeride":         activity.Cycling,
	"mountainbikeride":  activity.Cycling,
	"emountainbikeride": activity.Cycling,
	"gravelride":        activity.Cycling,
	"swim":              activity.Swimming,
	"workout":           activity.Training,
	"weighttraining":    activity.Training,
}

// stravaSport maps a Strava activity type; types easyrun does not reason
// about keep their name, lower case with underscores, like FIT's.
func stravaSport(t string) activity.Sport {
	if t == "" {
		return activity.Unknown
	}
	key := strings.ToLower(strings.ReplaceAll(t, " ", ""))
	if s, ok := stravaSports[key]; ok {
		return s
	}
	return activity.Sport(strings.ToLower(strings.ReplaceAll(t, " ", "_")))
}
