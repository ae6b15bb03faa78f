package api

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// Summary is an activity in a listing: what was done and how it was judged.
type Summary struct {
	ID    int64          `json:"id"`
	Name  string         `json:"name,omitempty"`
	Sport activity.Sport `json:"sport"`
	// SportTagged says the runner set Sport (PUT .../sport).
	SportTagged bool      `json:"sport_tagged,omitempty"`
	SubSport    string    `json:"sub_sport,omitempty"`
	Start       time.Time `json:"start"`       // UTC
	LocalStart  string    `json:"local_start"` // RFC 3339 on the clock the run was run by (training.LocalStart)
	// LocalTime says where LocalStart's offset comes from: "file" (the
	// offset it recorded) or "time_zone" (the runner's time zone).
	LocalTime training.TimeSource `json:"local_time"`
	ElapsedS  float64             `json:"elapsed_s"`
	MovingS   float64             `json:"moving_s"`
	DistanceM float64             `json:"distance_m"`
	AvgHR     float64             `json:"avg_hr,omitempty"` // bpm
	MaxHR     float64             `json:"max_hr,omitempty"` // bpm
	AscentM   float64             `json:"ascent_m,omitempty"`
	RPE       int                 `json:"rpe,omitempty"`
	Source    activity.Format     `json:"source"`
	// Class and Hard are the analysis's judgement; Class is empty until
	// the activity is analysed.
	Class analysis.Class `json:"class,omitempty"`
	Hard  bool           `json:"hard"`
}

// Detail is one activity with its laps, analysis, recovery verdicts and
// the files it was read from.
type Detail struct {
	Summary
	Notes    string           `json:"notes,omitempty"`
	Device   string           `json:"device,omitempty"`
	Flags    activity.Flags   `json:"flags,omitempty"`
	Laps     []Lap            `json:"laps"`
	Analysis *analysis.Result `json:"analysis"` // null until analysed
	Verdicts []Verdict        `json:"verdicts"`
	Sources  []store.Source   `json:"sources"`
	// ShoeID is the shoe the activity was run in (GET /shoes); 0, and
	// left out, for none.
	ShoeID int64 `json:"shoe_id,omitempty"`
	// Samples is the length of the per-second streams, served apart.
	Samples int `json:"samples"`
}

// Lap is one lap or split of an activity.
type Lap struct {
	Start     time.Time `json:"start"`
	ElapsedS  float64   `json:"elapsed_s"`
	MovingS   float64   `json:"moving_s"`
	DistanceM float64   `json:"distance_m"`
	AvgHR     float64   `json:"avg_hr,omitempty"`
	MaxHR     float64   `json:"max_hr,omitempty"`
	Intensity string    `json:"intensity,omitempty"`
	Trigger   string    `json:"trigger,omitempty"`
}

// Streams are an activity's per-second samples: sample i of every
// channel belongs to Start + i seconds. A gap is null.
type Streams struct {
	ID        int64                `json:"id"`
	Start     time.Time            `json:"start"`
	IntervalS int                  `json:"interval_s"`
	Channels  map[string]gapFloats `json:"channels"` // named as activity.Streams.Channels; only those recorded
}

// gapFloats writes NaN, a gap, as JSON null, each sample rounded to
// its channel's precision.
type gapFloats struct {
	v        []float64
	decimals int // -1: as stored
}

// precision is how many decimals a channel is sent with: what the
// sensors resolve (a centimetre of distance and height, about a
// centimetre of latitude), not the float's noise, which tripled the size.
var precision = map[string]int{"distance_m": 2, "speed_ms": 3, "heart_rate": 0, "cadence": 1,
	"altitude_m": 2, "lat": 7, "lon": 7, "power_w": 0}

// MarshalJSON writes the samples with null for gaps, which JSON numbers
// cannot hold.
func (g gapFloats) MarshalJSON() ([]byte, error) {
	v := g.v
	b := make([]byte, 0, 2+6*len(v))
	b = append(b, '[')
	for i, x := range v {
		if i > 0 {
			b = append(b, ',')
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			b = append(b, "null"...)
			continue
		}
		if g.decimals >= 0 {
			// Round, then write the shortest form: 12.5 rather than 12.50.
			p := math.Pow10(g.decimals)
			x = math.Round(x*p) / p
		}
		b = strconv.AppendFloat(b, x, 'f', -1, 64)
	}
	return append(b, ']'), nil
}

func summarize(r *store.Record, loc *time.Location) Summary {
	a := &r.Activity
	s := Summary{
		ID: r.ID, Name: a.Name, Sport: a.Sport, SportTagged: a.SportTagged, SubSport: a.SubSport, Start: a.Start,
		ElapsedS: a.Elapsed.Seconds(), MovingS: a.Moving.Seconds(), DistanceM: a.DistanceM,
		AvgHR: a.AvgHeartRate, MaxHR: a.MaxHeartRate, AscentM: a.AscentM, RPE: a.RPE, Source: a.Source,
	}
	start, src := training.LocalStart(a, loc)
	s.LocalStart, s.LocalTime = start.Format(time.RFC3339), src
	if r.Analysis != nil {
		s.Class, s.Hard = r.Analysis.Class, r.Analysis.Hard
	}
	return s
}

func detail(r *store.Record, loc *time.Location) Detail {
	a := &r.Activity
	d := Detail{
		Summary: summarize(r, loc), Notes: a.Notes, Flags: a.Flags, Laps: make([]Lap, len(a.Laps)),
		Analysis: r.Analysis, Verdicts: verdictsOf(r.Verdicts), Sources: r.Sources, ShoeID: r.Shoe, Samples: a.Streams.Len(),
	}
	if d.Sources == nil {
		d.Sources = []store.Source{}
	}
	d.Device = strings.TrimSpace(a.Device.Maker + " " + a.Device.Product)
	for i, l := range a.Laps {
		d.Laps[i] = Lap{Start: l.Start, ElapsedS: l.Elapsed.Seconds(), MovingS: l.Moving.Seconds(),
			DistanceM: l.DistanceM, AvgHR: l.AvgHeartRate, MaxHR: l.MaxHeartRate, Intensity: l.Intensity, Trigger: l.Trigger}
	}
	return d
}

// listActivities lists activity summaries, newest first.
func (s *server) listActivities(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var f store.Filter
	var err error
	if f.From, err = s.date(svc.Local(), q, "from", 0); err != nil {
		return err
	}
	if f.To, err = s.date(svc.Local(), q, "to", 1); err != nil { // to is inclusive: up to the end of its day
		return err
	}
	if f.Limit, err = intParam(q, "limit", 0); err != nil {
		return err
	}
	if f.Limit < 0 {
		return httperr.BadRequest("limit %d: want 0 (all) or more", f.Limit)
	}
	f.Sport = activity.Sport(q.Get("sport"))
	f.Brief = true // a Summary has the class alone
	recs, err := svc.Store.Activities(r.Context(), svc.Athlete, f)
	if err != nil {
		return fmt.Errorf("list activities: %w", err)
	}
	out := struct {
		Activities []Summary `json:"activities"`
	}{make([]Summary, len(recs))}
	for i := range recs {
		out.Activities[i] = summarize(&recs[i], svc.Local())
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// record reads the activity named by the path's {id}.
func record(svc *training.Service, r *http.Request) (*store.Record, error) {
	id, err := activityID(r)
	if err != nil {
		return nil, err
	}
	rec, err := svc.Activity(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, httperr.New(http.StatusNotFound, httperr.CodeNotFound, "activity %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("activity %d: %w", id, err)
	}
	return rec, nil
}

func activityID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, httperr.BadRequest("bad activity id %q: want a positive whole number", r.PathValue("id"))
	}
	return id, nil
}

// showActivity answers one activity without its streams.
func (s *server) showActivity(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	rec, err := record(svc, r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, detail(rec, svc.Local()))
	return nil
}

// streams answers an activity's per-second samples.
func (s *server) streams(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	rec, err := record(svc, r)
	if err != nil {
		return err
	}
	if err := s.hideForOthers(svc, r, &rec.Activity.Streams); err != nil {
		return err
	}
	out := Streams{ID: rec.ID, Start: rec.Activity.Start, IntervalS: 1, Channels: map[string]gapFloats{}}
	for _, c := range rec.Activity.Streams.Channels() {
		if *c.Values != nil {
			d, ok := precision[c.Name]
			if !ok {
				d = -1
			}
			out.Channels[c.Name] = gapFloats{v: *c.Values, decimals: d}
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// hideForOthers blanks the positions at the start and the end of st
// inside the athlete's privacy zones (activity.HiddenEnds) when someone
// else, a coach, asks: the athlete's own requests get every position.
func (s *server) hideForOthers(svc *training.Service, r *http.Request, st *activity.Streams) error {
	if s.Self == nil || st.Lat == nil {
		return nil // one runner, no sign-in: the runner asks
	}
	if id, err := s.Self(r); err == nil && id == svc.Athlete {
		return nil
	}
	a, err := svc.Store.Athlete(r.Context(), svc.Athlete)
	if err != nil {
		return err
	}
	if len(a.Map.Privacy) == 0 {
		return nil
	}
	from, to := activity.HiddenEnds(st.Lat, st.Lon, a.Map.Privacy)
	// Copies: the record may be the pages' cache's, shared with the athlete's own requests.
	st.Lat, st.Lon = slices.Clone(st.Lat), slices.Clone(st.Lon)
	for i := range st.Lat {
		if i < from || i >= to {
			st.Lat[i] = math.NaN()
			if i < len(st.Lon) {
				st.Lon[i] = math.NaN()
			}
		}
	}
	return nil
}

// setRPE records how hard a session felt and answers the activity
// analysed again: without heart rate, RPE decides its class and load.
func (s *server) setRPE(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	id, err := activityID(r)
	if err != nil {
		return err
	}
	var in struct {
		RPE *int `json:"rpe"`
	}
	if err := readJSON(w, r, &in); err != nil {
		return err
	}
	if in.RPE == nil || store.CheckRPE(*in.RPE) != nil {
		return httperr.BadRequest("want {\"rpe\": N} with N from 1 (very light) to %d (maximal), or 0 to clear it", store.MaxRPE)
	}
	if _, err := svc.SetRPE(r.Context(), id, *in.RPE); errors.Is(err, store.ErrNotFound) {
		return httperr.New(http.StatusNotFound, httperr.CodeNotFound, "activity %d not found", id)
	} else if err != nil {
		return fmt.Errorf("set RPE of activity %d: %w", id, err)
	}
	return s.showActivity(svc, w, r)
}

// setSport records the sport the runner says an activity was and answers
// it analysed again: a ride is cross-training, not a run.
func (s *server) setSport(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	id, err := activityID(r)
	if err != nil {
		return err
	}
	var in struct {
		Sport activity.Sport `json:"sport"`
	}
	if err := readJSON(w, r, &in); err != nil {
		return err
	}
	if err := store.CheckSport(in.Sport); err != nil {
		return httperr.BadRequest("want {\"sport\": S}: %v", err)
	}
	if _, err := svc.SetSport(r.Context(), in.Sport, id); errors.Is(err, store.ErrNotFound) {
		return httperr.New(http.StatusNotFound, httperr.CodeNotFound, "activity %d not found", id)
	} else if err != nil {
		return fmt.Errorf("set sport of activity %d: %w", id, err)
	}
	return s.showActivity(svc, w, r)
}

// logInput is a run recorded without a device.
type logInput struct {
	Date      string  `json:"date"` // YYYY-MM-DD in the runner's time zone; today when empty
	Time      string  `json:"time"` // HH:MM local; 18:00 when empty, as the CLI
	DurationS int     `json:"duration_s"`
	RPE       int     `json:"rpe"`
	DistanceM float64 `json:"distance_m"`
	Sport     string  `json:"sport"` // running when empty
	Name      string  `json:"name"`
	Notes     string  `json:"notes"`
}

// logRun stores a device-free run and answers it analysed, 201.
func (s *server) logRun(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	var in logInput
	if err := readJSON(w, r, &in); err != nil {
		return err
	}
	a, err := s.logged(in, svc.Local())
	if err != nil {
		return err
	}
	id, err := svc.Log(r.Context(), a)
	if err != nil {
		return fmt.Errorf("log run: %w", err)
	}
	rec, err := svc.Store.Activity(r.Context(), svc.Athlete, id)
	if err != nil {
		return fmt.Errorf("logged activity %d: %w", id, err)
	}
	w.Header().Set("Location", fmt.Sprintf("%sactivities/%d", Prefix, id))
	writeJSON(w, http.StatusCreated, detail(rec, svc.Local()))
	return nil
}

// logged checks a logged run and makes it an activity.
func (s *server) logged(in logInput, loc *time.Location) (*activity.Activity, error) {
	if in.DurationS <= 0 || in.DurationS > 7*24*3600 {
		return nil, httperr.BadRequest("duration_s %d: want how long you ran in seconds, more than 0", in.DurationS)
	}
	if _, ok := physio.RPEWords(in.RPE); !ok || in.RPE < 1 {
		return nil, httperr.BadRequest("rpe %d: want how hard it felt, from 1 (very light) to %d (maximal); 3 is a recovery run", in.RPE, store.MaxRPE)
	}
	if in.DistanceM < 0 || math.IsInf(in.DistanceM, 0) || in.DistanceM > 1e6 {
		return nil, httperr.BadRequest("distance_m %g: want metres, 0 when unknown", in.DistanceM)
	}
	day := s.Now().In(loc)
	if in.Date != "" {
		var err error
		if day, err = time.ParseInLocation(time.DateOnly, in.Date, loc); err != nil {
			return nil, httperr.BadRequest("bad date %q: want YYYY-MM-DD", in.Date)
		}
	}
	at := "18:00"
	if in.Time != "" {
		at = in.Time
	}
	clock, err := time.Parse("15:04", at)
	if err != nil {
		return nil, httperr.BadRequest("bad time %q: want HH:MM", at)
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), clock.Hour(), clock.Minute(), 0, 0, loc)
	sport, name := activity.Running, "Logged run"
	if in.Sport != "" {
		sport = activity.Sport(in.Sport)
	}
	if in.Name != "" {
		name = in.Name
	}
	_, offset := start.Zone()
	d := time.Duration(in.DurationS) * time.Second
	return &activity.Activity{
		Sport: sport, Name: name, Notes: in.Notes, RPE: in.RPE,
		Start: start.UTC(), LocalOffset: time.Duration(offset) * time.Second, HasLocalOffset: true,
		Elapsed: d, Moving: d, DistanceM: in.DistanceM,
	}, nil
}

// date reads the query's YYYY-MM-DD parameter as the start of that day in
// the runner's time zone, plus addDays days; zero when absent.
func (s *server) date(loc *time.Location, q url.Values, name string, addDays int) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, httperr.BadRequest("bad %s %q: want YYYY-MM-DD", name, v)
	}
	return t.AddDate(0, 0, addDays), nil
}

// intParam reads the query's whole-number parameter, def when absent.
func intParam(q url.Values, name string, def int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, httperr.BadRequest("bad %s %q: want a whole number", name, v)
	}
	return n, nil
}
