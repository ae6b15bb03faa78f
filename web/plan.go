package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// planForm is the plan form as the browser sends it, kept as typed so
// that a refused or mistaken request is shown again to correct.
type planForm struct {
	Hard       [7]string // Monday first: "", or the kind of the day's hard session
	Volume     string    // "5h", "50km"
	Experience string    // empty: from the profile
	Doubles    bool
	Start      string // YYYY-MM-DD
	Weeks      string // empty: one week, or every week to the race
	Race       string // YYYY-MM-DD
	Distance   string // "marathon", "15km"
	TaperOnly  bool   // a race too close for a block: only a proposal sets it
}

// weekdays are the plan form's days, Monday first like the plan's weeks.
var weekdays = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// hardKinds are the choices of a day's select.
var hardKinds = []option{{"", "none"}, {string(plan.Intervals), "intervals"}, {string(plan.Threshold), "threshold"},
	{string(plan.Long), "long run"}, {string(plan.Race), "race"}}

type planData struct {
	CSRF string     // the forms' token in server mode (csrfToken)
	Plan *plan.Plan // nil before the first
	Grid []planRow  // the plan's weeks by day
	// Projection is fitness, fatigue and form over Plan, when there is one.
	Projection *training.Projection
	Units      activity.Units
	Form       planForm
	Problem    string        // what was wrong with the form just sent
	Refusal    *plan.Refusal // why the form's plan cannot be, and the nearest that can
	Nearest    planForm      // the refusal's proposal as a form
	Made       bool          // a plan was just made
	// The form's choices.
	Kinds       []option
	Experiences []activity.Experience
}

func (s *Server) planPage(r *http.Request, svc *training.Service) (view, error) {
	p, _, err := svc.AdaptedPlan(r.Context(), svc.Local())
	if err != nil && !errors.Is(err, training.ErrNoPlan) {
		return view{}, err
	}
	d, err := s.planData(r, svc, p)
	if err != nil {
		return view{}, err
	}
	d.Made = r.URL.Query().Get("made") != ""
	if p != nil {
		d.Form = formOf(p.Request, d.Units)
		today := plan.DateOf(s.now(svc)).Time()
		d.Grid = planGrid(p, today)
		pr, err := svc.Projection(r.Context(), p, svc.Local())
		if err != nil {
			return view{}, err
		}
		d.Projection = &pr
	}
	return view{Page: "plan", Title: "Plan", Data: d}, nil
}

// planData is the plan page's data around the stored plan p (nil for
// none), with an empty form starting next Monday.
func (s *Server) planData(r *http.Request, svc *training.Service, p *plan.Plan) (planData, error) {
	prof, err := svc.Profile(r.Context())
	if err != nil {
		return planData{}, err
	}
	// Next Monday, or today when it is one, as 'easyrun plan' starts.
	start := plan.DateOf(s.now(svc)).AddDays(6).Monday()
	return planData{CSRF: csrfToken(r), Plan: p, Units: prof.Resolved.Units, Form: planForm{Start: start.String()},
		Kinds: hardKinds, Experiences: []activity.Experience{activity.Beginner, activity.Intermediate, activity.Experienced}}, nil
}

// makePlan plans what the form asks and keeps it as the runner's plan,
// redirecting to it; a refusal or a mistake shows the page again with the
// form as sent, the reason, and for a refusal the nearest plan to take.
func (s *Server) makePlan(w http.ResponseWriter, r *http.Request) {
	svc, err := s.service(r)
	if err != nil {
		s.fail(w, r, http.StatusUnauthorized, "Sign in to change anything.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	f := readPlanForm(r)
	req, err := f.request()
	if err == nil {
		_, err = svc.MakePlan(r.Context(), req)
	}
	if err == nil {
		http.Redirect(w, r, "/plan?made=1", http.StatusSeeOther)
		return
	}
	// A request the rules refuse or a mistake in the form shows the form
	// again, with the answer's status; anything else is an error page, as
	// is a value out of bounds, in the words the CLI and the API use too.
	e := httperr.Of(err)
	if e.Code != httperr.CodePlanRefused && e.Code != httperr.CodeBadRequest || errors.As(err, new(*activity.InputError)) {
		s.failErr(w, r, err)
		return
	}
	p, _, perr := svc.AdaptedPlan(r.Context(), svc.Local())
	if perr != nil && !errors.Is(perr, training.ErrNoPlan) {
		s.failErr(w, r, perr)
		return
	}
	d, derr := s.planData(r, svc, p)
	if derr != nil {
		s.failErr(w, r, derr)
		return
	}
	d.Form = f
	if refusal, ok := e.Details.(*plan.Refusal); ok {
		d.Refusal, d.Nearest = refusal, formOf(refusal.Proposal, d.Units)
	} else {
		d.Problem = upperFirst(strings.TrimPrefix(e.Message, plan.ErrInvalid.Error()+": "))
	}
	s.render(w, r, e.Status, view{Page: "plan", Title: "Plan", Data: d})
}

// readPlanForm reads the posted plan form as it was typed.
func readPlanForm(r *http.Request) planForm {
	v := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	f := planForm{Volume: v("volume"), Experience: v("experience"), Doubles: v("doubles") != "", Start: v("start"),
		Weeks: v("weeks"), Race: v("race"), Distance: v("distance"), TaperOnly: v("taper_only") != ""}
	for i, d := range weekdays {
		f.Hard[i] = v("hard_" + dayKey(d))
	}
	return f
}

// dayKey is a weekday's form name and the planner's: "mon".
func dayKey(d time.Weekday) string { return strings.ToLower(d.String()[:3]) }

// request turns the form into a plan request, as 'easyrun plan' turns
// its flags; a mistake is a badInput that says what to type.
func (f planForm) request() (plan.Request, error) {
	var req plan.Request
	var hard []string
	for i, k := range f.Hard {
		if k != "" {
			hard = append(hard, dayKey(weekdays[i])+":"+k)
		}
	}
	var err error
	if req.Hard, err = plan.ParseHard(strings.Join(hard, ",")); err != nil {
		return req, badInput("%s.", upperFirst(err.Error()))
	}
	if f.Volume == "" {
		return req, badInput("Give a weekly volume, as a time such as 5h or a distance such as 50km.")
	}
	if req.Volume, err = plan.ParseVolume(f.Volume); err != nil {
		return req, badInput("%s.", upperFirst(err.Error()))
	}
	switch e := activity.Experience(f.Experience); e {
	case "", activity.Beginner, activity.Intermediate, activity.Experienced:
		req.Experience = e
	default:
		return req, badInput("Experience %q is not one of the choices.", f.Experience)
	}
	req.Doubles, req.TaperOnly = f.Doubles, f.TaperOnly
	if req.Start, err = plan.ParseDate(f.Start); err != nil {
		return req, badInput("The start %q is not a date like 2026-11-30.", f.Start)
	}
	if f.Weeks != "" {
		n, err := strconv.Atoi(f.Weeks)
		if err != nil || n < 1 || n > 52 {
			return req, badInput("A block is a whole number of weeks from 1 to 52, or empty for one week.")
		}
		req.Weeks = n
	}
	if f.Race == "" && f.Distance == "" {
		return req, nil
	}
	if f.Race == "" || f.Distance == "" {
		return req, badInput("A goal race needs both its date and its distance.")
	}
	g := plan.Goal{}
	if g.Date, err = plan.ParseDate(f.Race); err != nil {
		return req, badInput("The race date %q is not a date like 2027-04-11.", f.Race)
	}
	if g.DistanceM, g.Name, err = plan.ParseRaceDistance(f.Distance); err != nil {
		return req, badInput("%s.", upperFirst(err.Error()))
	}
	req.Race = &g
	return req, nil
}

// formOf is the form that asks for req, to edit a plan or take a
// proposal; distances are in units.
func formOf(req plan.Request, units activity.Units) planForm {
	f := planForm{Volume: strings.ReplaceAll(req.Volume.Text(units), " ", ""), Experience: string(req.Experience),
		Doubles: req.Doubles, Start: req.Start.String()}
	for _, c := range req.Hard {
		for i, d := range weekdays {
			if d == c.Day {
				f.Hard[i] = string(c.Kind)
			}
		}
	}
	if req.Weeks > 1 {
		f.Weeks = strconv.Itoa(req.Weeks)
	}
	if req.Race != nil {
		f.Race, f.Distance = req.Race.Date.String(), req.Race.Name
	}
	f.TaperOnly = req.TaperOnly
	return f
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
