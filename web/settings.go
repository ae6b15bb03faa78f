package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/rules"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/api"
	"github.com/easyrun/easyrun/web/httperr"
)

type settingsData struct {
	CSRF        string // the forms' token in server mode (csrfToken)
	P           training.Profile
	Zones       []physio.Zone
	Cap         *physio.Cap
	Presets     []option
	Models      []option
	Intensities []option
	Rules       []ruleGroup
	// Words are the words that tag a run as meant for recovery.
	Words string
	Saved bool
	// RulesSaved says the rules were just saved.
	RulesSaved bool
	// Experiences are the levels a runner can set.
	Experiences []activity.Experience
	// Account is the signed-in user's account part; nil in single-user mode.
	Account *accountSettings
	// Calendar is the calendar feed's part.
	Calendar feedData
	// TileURL is the server's map tiles, used unless the runner names
	// others; Privacy the runner's privacy zones as the form reads them.
	TileURL, Privacy                    string
	MinRadius, MaxRadius, DefaultRadius int
	// MapSaved says the map settings were just saved.
	MapSaved bool
}

// option is one choice of a select field.
type option struct{ Value, Label string }

// ruleGroup is the settings of one group of rules.Settings, with how
// many of them are the runner's own.
type ruleGroup struct {
	Name    string
	Rows    []rules.Value
	Changed int
}

// presets are the recovery-cap presets a runner can choose.
var presets = []option{
	{string(physio.Article), "70 % of max HR: the recovery-run rule, top of zone 2 (default)"},
	{string(physio.Pfitzinger), "76 % of max HR: Pfitzinger's recovery runs"},
	{string(physio.Daniels), "79 % of max HR: the top of Daniels' easy running"},
	{string(physio.ReserveCap), "70 % of heart-rate reserve (Karvonen)"},
}

var intensities = []option{
	{string(activity.ByHeartRate), "heart rate when it can be trusted, else RPE (default)"},
	{string(activity.ByRPE), "RPE only: my heart rate cannot be trusted (a poor sensor, beta-blockers)"},
}

var zoneModels = []option{
	{string(activity.PercentMax), "% of max heart rate (default)"},
	{string(activity.Reserve), "heart-rate reserve (Karvonen)"},
	{string(activity.Threshold), "% of LTHR (Friel running zones)"},
}

func (s *Server) settings(r *http.Request, svc *training.Service) (view, error) {
	p, err := svc.Profile(r.Context())
	if err != nil {
		return view{}, err
	}
	d := settingsData{CSRF: csrfToken(r), P: p, Presets: presets, Models: zoneModels, Intensities: intensities, Rules: ruleGroups(p.Rules),
		Words: strings.Join(p.Rules.RecoveryWords, ", "),
		Saved: r.URL.Query().Get("saved") != "", RulesSaved: r.URL.Query().Get("rules") != "",
		Experiences: []activity.Experience{activity.Beginner, activity.Intermediate, activity.Experienced},
		TileURL:     s.tileURL, Privacy: activity.FormatPrivacyZones(p.Set.Map.Privacy), MapSaved: r.URL.Query().Get("map") != "",
		MinRadius: activity.MinPrivacyRadiusM, MaxRadius: activity.MaxPrivacyRadiusM, DefaultRadius: activity.DefaultPrivacyRadiusM}
	if d.Account, err = s.accountSettings(r); err != nil {
		return view{}, err
	}
	if d.Calendar, err = s.feedSettings(r, svc); err != nil {
		return view{}, err
	}
	if p.Problem == nil {
		if d.Zones, err = physio.Zones(p.Resolved.Zones, p.Resolved); err != nil {
			return view{}, err
		}
		c, err := physio.RecoveryCap(p.Resolved, physio.Preset(p.Resolved.RecoveryCap))
		if err != nil {
			return view{}, err
		}
		d.Cap = &c
	}
	return view{Page: "settings", Title: "Settings", Data: d}, nil
}

// saveProfile stores the profile form and re-analyses everything with it,
// as 'easyrun athlete set' does.
func (s *Server) saveProfile(r *http.Request, svc *training.Service) (string, error) {
	ctx := r.Context()
	a, err := svc.Store.Athlete(ctx, svc.Athlete)
	if err != nil {
		return "", err
	}
	if err := profileForm(r, &a); err != nil {
		return "", err
	}
	// Checked whole, before anything is written: a max below the resting
	// rate saved would make every page fail.
	if err := a.Validate(s.now(svc)); err != nil {
		return "", err
	}
	if err := svc.Store.SaveAthlete(ctx, svc.Athlete, a); err != nil {
		return "", fmt.Errorf("save profile: %w", err)
	}
	if _, err := svc.Refresh(ctx, true); err != nil {
		return "", fmt.Errorf("re-analyse with the new profile: %w", err)
	}
	return "/settings?saved=1", nil
}

// saveMap stores how routes are drawn. Nothing is analysed again: the
// map settings change no number.
func (s *Server) saveMap(r *http.Request, svc *training.Service) (string, error) {
	if !api.Own(s.c.Self, svc, r) {
		return "", httperr.ErrNotOwnMap
	}
	ctx := r.Context()
	a, err := svc.Store.Athlete(ctx, svc.Athlete)
	if err != nil {
		return "", err
	}
	zones, err := activity.ParsePrivacyZones(r.PostFormValue("privacy"))
	if err != nil {
		return "", err
	}
	a.Map = activity.Map{Tiles: r.PostFormValue("tiles") == "on", TileURL: strings.TrimSpace(r.PostFormValue("tile_url")), Privacy: zones}
	if err := a.Validate(s.now(svc)); err != nil {
		return "", err
	}
	if err := svc.Store.SaveAthlete(ctx, svc.Athlete, a); err != nil {
		return "", fmt.Errorf("save map settings: %w", err)
	}
	return "/settings?map=1#map-title", nil
}

// profileForm reads the profile form into a; an empty field clears a
// value so that easyrun detects or estimates it again.
func profileForm(r *http.Request, a *activity.Athlete) error {
	v := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	// Fields only parse here; the ranges are activity.Athlete.Validate's,
	// the same for the CLI and the API.
	whole := func(name, what string) (int, error) {
		if v(name) == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v(name))
		if err != nil {
			return 0, badInput("%s must be a whole number, or empty.", what)
		}
		return n, nil
	}
	var err error
	if a.BirthYear, err = whole("birth_year", "The birth year"); err != nil {
		return err
	}
	for _, hr := range []struct {
		name, what string
		field      *activity.Value
	}{{"max_hr", "Max heart rate", &a.MaxHR}, {"resting_hr", "Resting heart rate", &a.RestingHR}, {"lthr", "LTHR", &a.LTHR}} {
		n, err := whole(hr.name, hr.what+" (bpm)")
		if err != nil {
			return err
		}
		// An unchanged value keeps its origin and detail.
		if n != int(hr.field.V+0.5) || hr.field.Origin != activity.SetByRunner {
			*hr.field = activity.Value{}
			if n != 0 { // negative too, for Validate to refuse
				*hr.field = activity.Value{V: float64(n), Origin: activity.SetByRunner}
			}
		}
	}
	a.MassKg = 0
	if m := v("mass_kg"); m != "" {
		kg, err := strconv.ParseFloat(strings.ReplaceAll(m, ",", "."), 64)
		if err != nil {
			return badInput("Body mass must be a number of kg, or empty.")
		}
		a.MassKg = kg
	}
	choose := func(name, what string, allowed ...string) (string, error) {
		for _, ok := range allowed {
			if v(name) == ok {
				return ok, nil
			}
		}
		return "", badInput("%s %q is not one of the choices.", what, v(name))
	}
	sex, err := choose("sex", "Sex", "", string(activity.Male), string(activity.Female))
	if err != nil {
		return err
	}
	exp, err := choose("experience", "Experience", "", string(activity.Beginner), string(activity.Intermediate), string(activity.Experienced))
	if err != nil {
		return err
	}
	units, err := choose("units", "Units", string(activity.Kilometres), string(activity.Miles))
	if err != nil {
		return err
	}
	model, err := choose("zones", "The zone model", values(zoneModels)...)
	if err != nil {
		return err
	}
	preset, err := choose("recovery_cap", "The recovery cap", values(presets)...)
	if err != nil {
		return err
	}
	a.Sex, a.Experience, a.Units, a.Zones = activity.Sex(sex), activity.Experience(exp), activity.Units(units), activity.ZoneModel(model)
	a.RecoveryCap = strings.TrimPrefix(preset, string(physio.Article)) // the default is stored empty
	intensity, err := choose("intensity", "Intensity", values(intensities)...)
	if err != nil {
		return err
	}
	a.Intensity = activity.IntensitySource(intensity)
	a.TimeZone = strings.TrimSpace(v("time_zone"))
	return nil
}

func values(opts []option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Value
	}
	return out
}
