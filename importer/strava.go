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
	"time"

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
	// A manual entry's summary.
	stravaDateColumns     = []string{"activity date", "date"}
	stravaElapsedColumns  = []string{"elapsed time"}
	stravaMovingColumns   = []string{"moving time"}
	stravaDistanceColumns = []string{"distance"}
	stravaNotesColumns    = []string{"activity description", "description"}
)

// stravaDateLayouts are the layouts of Activity Date, in UTC: recent
// exports, then older ones, then a day alone (midnight UTC).
var stravaDateLayouts = []string{"Jan 2, 2006, 3:04:05 PM", "2006-01-02 15:04:05", "Jan 2, 2006"}

// parseStravaIndex reads activities.csv, found at name. Rows with a file
// give the index; rows without one are manual entries, returned as
// entries to store (Entry.Manual), or with Err when a field cannot be
// read. An index without an Activity Date or Elapsed Time column (an old
// vintage) gives no manual entries.
func parseStravaIndex(r io.Reader, name string) (stravaIndex, []Entry, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // rows may be ragged
	cr.LazyQuotes = true    // descriptions hold stray quotes
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("read %s header: %w", stravaIndexName, err)
	}
	col := columnFinder(header)
	fileCol := col(stravaFileColumns)
	if fileCol < 0 {
		return nil, nil, fmt.Errorf("%s has no Filename column", stravaIndexName)
	}
	nameCol, typeCol, rpeCol := col(stravaNameColumns), col(stravaTypeColumns), col(stravaRPEColumns)
	m := manualColumns{date: col(stravaDateColumns), elapsed: col(stravaElapsedColumns),
		moving: col(stravaMovingColumns), distance: distanceColumn(header), notes: col(stravaNotesColumns)}

	idx := stravaIndex{}
	var manual []Entry
	for row := 2; ; row++ { // the header is row 1
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return idx, manual, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", stravaIndexName, err)
		}
		meta := &Meta{
			Name:  cell(rec, nameCol),
			Sport: stravaSport(cell(rec, typeCol)),
			RPE:   parseRPE(cell(rec, rpeCol)),
		}
		if file := cell(rec, fileCol); file != "" {
			idx[path.Clean(file)] = meta
			continue
		}
		if m.date < 0 || m.elapsed < 0 {
			continue
		}
		e := Entry{Name: fmt.Sprintf("%s, row %d", name, row)}
		e.Manual, e.Err = m.activity(rec, meta)
		if e.Err != nil {
			e.Manual, e.Err = nil, fmt.Errorf("manual activity: %w", e.Err)
		}
		manual = append(manual, e)
	}
}

// manualColumns are the columns of a manual entry's summary; -1 when
// missing.
type manualColumns struct{ date, elapsed, moving, distance, notes int }

// activity reads the manual entry rec, named and rated by meta, as a
// device-free activity: its start, duration and distance.
func (m manualColumns) activity(rec []string, meta *Meta) (*activity.Activity, error) {
	date := cell(rec, m.date)
	var start time.Time
	var err error
	for _, layout := range stravaDateLayouts {
		if start, err = time.Parse(layout, date); err == nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("Activity Date %q: want a date like %q", date, stravaDateLayouts[0])
	}
	elapsed, err := seconds("Elapsed Time", cell(rec, m.elapsed))
	if err != nil {
		return nil, err
	}
	moving := elapsed
	if s := cell(rec, m.moving); s != "" {
		if moving, err = seconds("Moving Time", s); err != nil {
			return nil, err
		}
	}
	distanceM := 0.0
	if s := cell(rec, m.distance); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 || v > maxManualDistanceM || math.IsNaN(v) {
			return nil, fmt.Errorf("Distance %q: want metres from 0 to %.0f", s, maxManualDistanceM)
		}
		distanceM = v
	}
	sport := meta.Sport
	if sport == activity.Unknown {
		sport = activity.Running
	}
	name := meta.Name
	if name == "" {
		name = "Logged run"
	}
	return &activity.Activity{
		Sport: sport, Name: name, Notes: cell(rec, m.notes), RPE: meta.RPE, Source: activity.Manual,
		Start: start.UTC(), Elapsed: elapsed, Moving: min(moving, elapsed), DistanceM: distanceM,
	}, nil
}

// maxManualDistanceM bounds a manual entry's distance: a multi-day
// ultra, and no more.
const maxManualDistanceM = 1_000_000.0

// seconds reads a duration column, in seconds ("2712" or "2712.0"),
// between 1 s and activity.DefaultMaxDuration.
func seconds(column, s string) (time.Duration, error) {
	v, err := strconv.ParseFloat(s, 64)
	limit := activity.DefaultMaxDuration.Seconds()
	if err != nil || v < 1 || v > limit {
		return 0, fmt.Errorf("%s %q: want seconds from 1 to %.0f", column, s, limit)
	}
	return time.Duration(v * float64(time.Second)), nil
}

// distanceColumn is the column of a manual entry's distance in metres:
// recent exports give Distance twice, first in the runner's units, then
// in metres. With one Distance column, in kilometres or miles as the
// runner chose, no distance is read rather than a guessed one (-1).
func distanceColumn(header []string) int {
	found := -1
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), "distance") {
			if found >= 0 {
				return i
			}
			found = i
		}
	}
	return -1
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
