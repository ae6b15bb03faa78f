package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// pageSize is how many activities the list shows at once.
const pageSize = 100

// classes are the session classes the list filters by, in the order of
// effort.
var classes = []analysis.Class{analysis.Recovery, analysis.Easy, analysis.Long, analysis.Steady,
	analysis.Tempo, analysis.Intervals, analysis.Race, analysis.CrossTraining, analysis.Unknown}

// listFilter is the list's filter as the form sends it.
type listFilter struct {
	From, To string // YYYY-MM-DD
	Sport    string
	Class    string
	Hard     bool
	Before   int64 // unix seconds: the page of activities started before
}

type activitiesData struct {
	CSRF     string // the forms' token in server mode (csrfToken)
	Filter   listFilter
	Sports   []activity.Sport
	Classes  []analysis.Class
	Sessions []session
	Older    string // the next page's query, empty on the last
	Today    string // the default day of the log form
	RPEs     []rpeChoice
	// Deleted says an activity was just deleted.
	Deleted bool
	// TagSports are the sports the list can tag activities with; Tagged
	// says how many were just tagged ("3 activities").
	TagSports []activity.Sport
	Tagged    string
}

type rpeChoice struct {
	Value int
	Words string
}

// olderThan is the query of the page of the activities lf keeps that
// started before t: the filter's fields, not the page's notices.
func (lf listFilter) olderThan(t time.Time) string {
	q := url.Values{}
	for k, v := range map[string]string{"from": lf.From, "to": lf.To, "sport": lf.Sport, "class": lf.Class} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if lf.Hard {
		q.Set("hard", "on")
	}
	q.Set("before", strconv.FormatInt(t.Unix(), 10))
	return "?" + q.Encode()
}

// listPage is a page of the activities list: its sessions, and the
// query of the next page, empty on the last.
type listPage struct {
	sessions []session
	older    string
}

func (s *Server) activities(r *http.Request, svc *training.Service) (view, error) {
	q := r.URL.Query()
	lf := listFilter{From: q.Get("from"), To: q.Get("to"), Sport: q.Get("sport"), Class: q.Get("class"), Hard: q.Get("hard") == "on"}
	f := store.Filter{Brief: true} // the sessions show their class alone
	var err error
	if f.From, err = s.date(svc.Local(), "from", lf.From, 0); err != nil {
		return view{}, err
	}
	if f.To, err = s.date(svc.Local(), "to", lf.To, 1); err != nil {
		return view{}, err
	}
	if b := q.Get("before"); b != "" {
		if lf.Before, err = strconv.ParseInt(b, 10, 64); err != nil {
			return view{}, badInput("The page link is broken: %q is not a time.", b)
		}
		if t := time.Unix(lf.Before, 0); f.To.IsZero() || t.Before(f.To) {
			f.To = t
		}
	}
	if lf.Class != "" && !slices.Contains(classes, analysis.Class(lf.Class)) {
		return view{}, badInput("There is no session class %q.", lf.Class)
	}
	f.Sport = activity.Sport(lf.Sport)
	// The store filters by date and sport; class and hardness are judged
	// here, so those filters read the whole span.
	if lf.Class == "" && !lf.Hard {
		f.Limit = pageSize + 1
	}
	list := func() (listPage, error) {
		recs, err := svc.Store.Activities(r.Context(), svc.Athlete, f)
		if err != nil {
			return listPage{}, err
		}
		var l listPage
		for i := range recs {
			ss := newSession(&recs[i], svc.Resolved())
			if (lf.Class != "" && string(ss.Class) != lf.Class) || (lf.Hard && !ss.Hard) {
				continue
			}
			if len(l.sessions) == pageSize {
				l.older = lf.olderThan(l.sessions[pageSize-1].Start)
				break
			}
			l.sessions = append(l.sessions, ss)
		}
		return l, nil
	}
	var l listPage
	if lf == (listFilter{}) {
		// The first page of every run, the one most viewed, is kept
		// between views as the dashboard's weeks are.
		l, err = training.Keep(svc.Cache, "activities' first page", svc.Athlete, svc.Local(), s.now(svc), list)
	} else {
		l, err = list()
	}
	if err != nil {
		return view{}, err
	}
	d := activitiesData{CSRF: csrfToken(r), Filter: lf, Classes: classes, Today: s.now(svc).Format(time.DateOnly), RPEs: rpeChoices(1),
		Sessions: l.sessions, Older: l.older}
	d.Deleted = q.Get("deleted") != ""
	d.TagSports = store.TagSports
	if n, err := strconv.Atoi(q.Get("tagged")); err == nil && n > 0 {
		d.Tagged = fmt.Sprintf("%d activities", n)
		if n == 1 {
			d.Tagged = "1 activity"
		}
	}
	d.Sports = []activity.Sport{activity.Running, activity.Walking, activity.Hiking, activity.Cycling, activity.Swimming, activity.Training}
	return view{Page: "activities", Title: "Activities", Data: d}, nil
}

// date reads a YYYY-MM-DD form field as the runner's local midnight, plus
// addDays days.
func (s *Server) date(loc *time.Location, field, v string, addDays int) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, badInput("The %s date %q is not a date like 2026-11-24.", field, v)
	}
	return t.AddDate(0, 0, addDays), nil
}

// rpeChoices are the RPE values from least with the words of each.
func rpeChoices(least int) []rpeChoice {
	var out []rpeChoice
	for v := least; v <= 10; v++ {
		w, _ := physio.RPEWords(v)
		out = append(out, rpeChoice{v, w})
	}
	return out
}

// activityID reads the {id} of the path.
func activityID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, badInput("%q is not an activity number.", r.PathValue("id"))
	}
	return id, nil
}

func (s *Server) setRPE(r *http.Request, svc *training.Service) (string, error) {
	id, err := activityID(r)
	if err != nil {
		return "", err
	}
	rpe, err := strconv.Atoi(r.PostFormValue("rpe"))
	if err != nil || rpe < 0 || rpe > 10 {
		return "", badInput("An RPE is a whole number from 1 to 10, or 0 to clear it.")
	}
	if _, err := svc.SetRPE(r.Context(), id, rpe); err != nil {
		return "", fmt.Errorf("set RPE of activity %d: %w", id, err)
	}
	return fmt.Sprintf("/activities/%d", id), nil
}

// setSport records the sport the runner says an activity was, as 'easyrun
// tag' does.
func (s *Server) setSport(r *http.Request, svc *training.Service) (string, error) {
	id, err := activityID(r)
	if err != nil {
		return "", err
	}
	sport := activity.Sport(r.PostFormValue("sport"))
	if err := store.CheckSport(sport); err != nil {
		return "", badInput("The sport %q is not one easyrun knows: choose one of %s.", sport, store.TagSportNames())
	}
	if _, err := svc.SetSport(r.Context(), sport, id); err != nil {
		return "", fmt.Errorf("set sport of activity %d: %w", id, err)
	}
	return fmt.Sprintf("/activities/%d", id), nil
}

// logRun stores a run without a watch, as 'easyrun log' does.
func (s *Server) logRun(r *http.Request, svc *training.Service) (string, error) {
	day, err := s.date(svc.Local(), "run's", r.PostFormValue("date"), 0)
	if err != nil {
		return "", err
	}
	if day.IsZero() {
		return "", badInput("Give the day of the run.")
	}
	at, err := time.Parse("15:04", r.PostFormValue("time"))
	if err != nil {
		return "", badInput("The start time %q is not a time like 18:00.", r.PostFormValue("time"))
	}
	minutes, err := strconv.ParseFloat(r.PostFormValue("minutes"), 64)
	if err != nil || minutes <= 0 || minutes > 24*60 {
		return "", badInput("Give how long you ran in minutes, e.g. 35.")
	}
	rpe, err := strconv.Atoi(r.PostFormValue("rpe"))
	if _, ok := physio.RPEWords(rpe); err != nil || !ok || rpe < 1 {
		return "", badInput("Give how hard it felt, from 1 (very light) to 10 (all-out); 3 is a recovery run.")
	}
	var distanceM float64
	if v := strings.TrimSpace(r.PostFormValue("km")); v != "" {
		u, err := units(r.Context(), svc)
		if err != nil {
			return "", err
		}
		in := display.In(u)
		n, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
		if distanceM = n * in.Metres(); err != nil || n <= 0 || distanceM > 1e6 {
			return "", badInput("The distance %q is not a number of %s.", v, in.Unit())
		}
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), at.Hour(), at.Minute(), 0, 0, svc.Local())
	_, offset := start.Zone()
	dur := time.Duration(minutes * float64(time.Minute))
	a := &activity.Activity{
		Sport: activity.Running, Name: "Logged run", Notes: r.PostFormValue("note"), RPE: rpe,
		Start: start.UTC(), LocalOffset: time.Duration(offset) * time.Second, HasLocalOffset: true,
		Elapsed: dur, Moving: dur, DistanceM: distanceM,
	}
	id, err := svc.Log(r.Context(), a)
	if err != nil {
		return "", fmt.Errorf("log a run: %w", err)
	}
	return "/activities/" + url.PathEscape(strconv.FormatInt(id, 10)), nil
}
