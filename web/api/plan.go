package api

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// showPlan answers the runner's plan as it stands today, adapted to what
// was run; 404 no_plan when there is none.
func (s *server) showPlan(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	p, _, err := svc.AdaptedPlan(r.Context(), svc.Local())
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	writeJSON(w, http.StatusOK, planOf(p))
	return nil
}

// setPlan makes the runner's plan from the request in the body and
// answers it. A request the rules refuse is 422 plan_refused, with the
// refusal (its reason, the change and the request proposed instead) as
// the error's details; the plan there was is kept.
func (s *server) setPlan(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	var body planRequest
	if err := readJSON(w, r, &body); err != nil {
		return err
	}
	req, err := body.request(plan.DateOf(s.Now().In(svc.Local())))
	if err != nil {
		return err
	}
	p, err := svc.MakePlan(r.Context(), req)
	if err != nil {
		// Unwrapped: httperr.Of answers a refusal 422 with its proposal and
		// an invalid request 400 with the reason as it is.
		return err
	}
	writeJSON(w, http.StatusOK, planOf(p))
	return nil
}

// planRequest is the body of PUT /api/v1/plan: plan.Request's JSON, so
// that a refusal's proposal can be sent back as it is, with two forms the
// command line's flags also take: a volume written "5h" or "50km", and a
// race given by its name alone ("marathon").
type planRequest struct {
	Hard       []string            `json:"hard"`
	Volume     volume              `json:"volume"`
	Experience activity.Experience `json:"experience"`
	Doubles    bool                `json:"doubles"`
	Start      plan.Date           `json:"start"`
	Weeks      int                 `json:"weeks"`
	Race       *plan.Goal          `json:"race"`
	TaperOnly  bool                `json:"taper_only"`
}

// experiences are the choices of a plan's experience; empty takes the
// profile's.
var experiences = []activity.Experience{activity.ExperienceUnknown, activity.Beginner, activity.Intermediate, activity.Experienced}

// request is the plan.Request of b, made on the runner's day today. As
// on the command line, the first week is next Monday's (today's on a
// Monday) unless start says otherwise; but a race with a number of weeks
// and no start counts the weeks back from the race.
func (b planRequest) request(today plan.Date) (plan.Request, error) {
	// ParseHard also refuses a day given twice, which the JSON form of
	// each choice alone cannot see.
	hard, err := plan.ParseHard(strings.Join(b.Hard, ","))
	if err != nil {
		return plan.Request{}, httperr.BadRequest("%v", err)
	}
	if !slices.Contains(experiences, b.Experience) {
		return plan.Request{}, httperr.BadRequest("experience %q: want beginner, intermediate, experienced, or empty for your profile's", b.Experience)
	}
	req := plan.Request{Hard: hard, Volume: plan.Volume(b.Volume), Experience: b.Experience,
		Doubles: b.Doubles, Start: b.Start, Weeks: b.Weeks, Race: b.Race, TaperOnly: b.TaperOnly}
	if req.Start.IsZero() && (req.Race == nil || req.Weeks == 0) {
		req.Start = today.AddDays(6).Monday()
	}
	if g := b.Race; g != nil && g.DistanceM == 0 && g.Name != "" {
		named := *g
		if named.DistanceM, named.Name, err = plan.ParseRaceDistance(g.Name); err != nil {
			return plan.Request{}, httperr.BadRequest("race: %v", err)
		}
		req.Race = &named
	}
	return req, nil
}

// volume is a weekly volume in a plan request: a PlanVolume object
// ({"duration_s": seconds}, the older {"duration": nanoseconds}, or
// {"distance_m": metres}), or a string as
// the command line writes it: "5h", "4h30m", "300min", "50km", "30mi".
type volume plan.Volume

// UnmarshalJSON reads either form of a volume.
func (v *volume) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil // as encoding/json does: no volume, which the planner refuses
	}
	if bytes.HasPrefix(b, []byte(`"`)) {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		pv, err := plan.ParseVolume(s)
		if err != nil {
			return err
		}
		*v = volume(pv)
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var pv PlanVolume
	if err := dec.Decode(&pv); err != nil {
		return fmt.Errorf(`volume: want {"duration": nanoseconds}, {"duration_s": seconds}, {"distance_m": metres} or a string such as "5h" or "50km": %w`, err)
	}
	if pv.DurationS != 0 && pv.Duration != 0 {
		return errors.New(`volume: give "duration_s" or the older "duration", not both`)
	}
	*v = volume{Duration: pv.Duration + time.Duration(pv.DurationS*float64(time.Second)), DistanceM: pv.DistanceM}
	return nil
}

// planCalendar answers the plan as an iCalendar file to import into a
// calendar; importing it again updates its events and cancels those the
// plan dropped. It only reads: what that takes is kept with the plan.
func (s *server) planCalendar(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	p, _, err := svc.AdaptedPlan(r.Context(), svc.Local())
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	// Written whole before answering, so that a failure is still a JSON error.
	var b bytes.Buffer
	if err := training.Calendar(&b, svc.Athlete, p, svc.Local(), s.Now()); err != nil {
		return fmt.Errorf("plan calendar: %w", err)
	}
	attach(w, "text/calendar; charset=utf-8", "easyrun-plan.ics", b.Bytes())
	return nil
}

// planWorkouts answers a zip archive of the plan's FIT workouts, one per
// run, to copy into a Garmin watch's GARMIN/NewFiles folder.
func (s *server) planWorkouts(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	p, _, err := svc.AdaptedPlan(r.Context(), svc.Local())
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	now := s.Now()
	ws, err := training.Workouts(p, now)
	if err != nil {
		return fmt.Errorf("plan workouts: %w", err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, wk := range ws {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: wk.Name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return fmt.Errorf("zip %s: %w", wk.Name, err)
		}
		if _, err := f.Write(wk.Data); err != nil {
			return fmt.Errorf("zip %s: %w", wk.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("zip workouts: %w", err)
	}
	attach(w, "application/zip", "easyrun-workouts.zip", b.Bytes())
	return nil
}

// attach answers data as a file to save under name.
func attach(w http.ResponseWriter, contentType, name string, data []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	if _, err := w.Write(data); err != nil {
		slog.Info("api: write "+name, "err", err) // the client went away
	}
}

// maxReviewDays bounds a review: a plan is at most a year of weeks.
const maxReviewDays = 366

// planReview answers how the plan's sessions of the last days (14 by
// default) went against what was run, latest first.
func (s *server) planReview(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	days, err := intParam(r.URL.Query(), "days", 14)
	if err != nil {
		return err
	}
	if days < 1 || days > maxReviewDays {
		return httperr.BadRequest("days %d: want 1 to %d", days, maxReviewDays)
	}
	vs, err := svc.Review(r.Context(), svc.Local(), days)
	if err != nil {
		return fmt.Errorf("plan review: %w", err)
	}
	if vs == nil {
		vs = []plan.Verdict{} // no sessions in these days: an empty list, not null
	}
	writeJSON(w, http.StatusOK, vs)
	return nil
}

// planProjection is fitness, fatigue and form projected over the adapted
// plan from today: today, each Monday ahead and race day.
func (s *server) planProjection(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	p, _, err := svc.AdaptedPlan(r.Context(), svc.Local())
	if err != nil {
		return err
	}
	pr, err := svc.Projection(r.Context(), p, svc.Local())
	if err != nil {
		return fmt.Errorf("plan projection: %w", err)
	}
	writeJSON(w, http.StatusOK, pr)
	return nil
}
