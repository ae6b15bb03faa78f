package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// service opens the store and wraps it for the athlete t names; close
// the returned store when done. It sets env.Local, when not set, to the
// runner's time zone, so that "today" and the dates typed are theirs.
func service(ctx context.Context, env *Env, t *target) (*training.Service, store.Store, error) {
	st, err := openStore(ctx, *env, t)
	if err != nil {
		return nil, nil, err
	}
	athlete, err := t.athlete(ctx, st)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	svc := newService(*env, st, athlete)
	z, err := svc.Zone(ctx)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	env.Local, env.zone = z.Location, z
	return svc, st, nil
}

// newService applies the core to an athlete's data in st, on env's clock.
func newService(env Env, st store.Store, athlete store.AthleteID) *training.Service {
	return &training.Service{Store: st, Athlete: athlete, Now: env.Now, Location: env.Local}
}

func runAthlete(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "athlete", "| easyrun athlete set [flags]")
	asJSON := fs.Bool("json", false, "print JSON")
	if v, rest := verb(fs, args, "set"); v == "set" {
		return runAthleteSet(ctx, env, rest)
	}
	if err := parseNone(fs, args); err != nil {
		return err
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := svc.Profile(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := struct {
			Set      activity.Athlete `json:"set"`
			Resolved activity.Athlete `json:"resolved"`
			Problem  string           `json:"problem,omitempty"`
		}{Set: p.Set, Resolved: p.Resolved}
		if p.Problem != nil {
			out.Problem = p.Problem.Error()
		}
		return writeJSON(env, out)
	}
	printProfile(env, p)
	return nil
}

func printProfile(env Env, p training.Profile) {
	a := p.Resolved
	w := env.Stdout
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	orNot := func(s string, set bool) string {
		if !set {
			return "not set"
		}
		return s
	}
	fmt.Fprintf(tw, "Birth year\t%s\t\n", orNot(strconv.Itoa(a.BirthYear), a.BirthYear > 0))
	fmt.Fprintf(tw, "Sex\t%s\t%s\n", orNot(string(a.Sex), a.Sex != ""), sexNote(a.Sex))
	fmt.Fprintf(tw, "Body mass\t%s\t%s\n", orNot(fmt.Sprintf("%.1f kg", a.MassKg), a.MassKg > 0), massNote(a.MassKg))
	for _, v := range []struct {
		name string
		v    activity.Value
	}{{"Max heart rate", a.MaxHR}, {"Resting heart rate", a.RestingHR}, {"LTHR", a.LTHR}} {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", v.name, orNot(fmt.Sprintf("%.0f bpm", v.v.V), v.v.Known()), valueNote(v.v))
	}
	fmt.Fprintf(tw, "Experience\t%s\t%s\n", orNot(string(a.Experience), a.Experience != ""), a.ExperienceDetail)
	fmt.Fprintf(tw, "Units\t%s\t\n", a.Units)
	fmt.Fprintf(tw, "Zone model\t%s\t%s\n", a.Zones, zoneModelName(a.Zones))
	preset := a.RecoveryCap
	if preset == "" {
		preset = string(physio.Article)
	}
	fmt.Fprintf(tw, "Recovery cap\t%s\t\n", preset)
	fmt.Fprintf(tw, "Time zone\t%s\t%s\n", a.TimeZone, a.TimeZoneDetail)
	tw.Flush()
	if p.Problem != nil {
		fmt.Fprintf(w, "\nIncomplete: %v.\n", p.Problem)
	}
	fmt.Fprintln(w, "\nChange with: easyrun athlete set --max-hr 188 --birth-year 1986 ... (easyrun athlete set -h)")
}

func valueNote(v activity.Value) string {
	if v.Detail != "" {
		return v.Detail
	}
	return string(v.Origin)
}

func sexNote(s activity.Sex) string {
	if s == "" {
		return "load and energy use the men's constants until set"
	}
	return ""
}

func massNote(kg float64) string {
	if kg <= 0 {
		return "energy assumes 70 kg until set"
	}
	return ""
}

func zoneModelName(m activity.ZoneModel) string {
	switch m {
	case activity.Reserve:
		return "heart-rate reserve (Karvonen)"
	case activity.Threshold:
		return "% of LTHR (Friel running zones)"
	default:
		return "% of max heart rate (recovery cap 70 % of max = top of zone 2)"
	}
}

func runAthleteSet(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "athlete set", "")
	var changes []func(*activity.Athlete)
	// Flags only parse; the ranges are activity.Athlete.Validate's, the
	// same for the web form and the API.
	intFlag := func(name, usage string, apply func(*activity.Athlete, int)) {
		fs.Func(name, usage, func(s string) error {
			n, err := strconv.Atoi(s)
			if err != nil {
				return fmt.Errorf("want a whole number, got %q", s)
			}
			changes = append(changes, func(a *activity.Athlete) { apply(a, n) })
			return nil
		})
	}
	bpmFlag := func(name, what string, field func(*activity.Athlete) *activity.Value) {
		intFlag(name, what+" in bpm (0 clears it, so easyrun detects or estimates it)", func(a *activity.Athlete, n int) {
			*field(a) = activity.Value{V: float64(n), Origin: activity.SetByRunner}
			if n == 0 {
				*field(a) = activity.Value{}
			}
		})
	}
	choice := func(name, usage string, allowed []string, apply func(*activity.Athlete, string)) {
		fs.Func(name, usage+" ("+strings.Join(allowed, ", ")+")", func(s string) error {
			for _, ok := range allowed {
				if s == ok {
					changes = append(changes, func(a *activity.Athlete) { apply(a, s) })
					return nil
				}
			}
			return fmt.Errorf("want one of %s", strings.Join(allowed, ", "))
		})
	}
	intFlag("birth-year", "year of birth, for the age-based max HR estimate and energy", func(a *activity.Athlete, n int) { a.BirthYear = n })
	bpmFlag("max-hr", "maximum heart rate", func(a *activity.Athlete) *activity.Value { return &a.MaxHR })
	bpmFlag("resting-hr", "resting heart rate", func(a *activity.Athlete) *activity.Value { return &a.RestingHR })
	bpmFlag("lthr", "lactate-threshold heart rate", func(a *activity.Athlete) *activity.Value { return &a.LTHR })
	fs.Func("mass", "body mass in kg, for energy (0 clears it)", func(s string) error {
		kg, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("want a body mass in kg, got %q", s)
		}
		changes = append(changes, func(a *activity.Athlete) { a.MassKg = kg })
		return nil
	})
	choice("sex", "for the TRIMP and energy constants", []string{"male", "female", "unknown"}, func(a *activity.Athlete, s string) {
		a.Sex = activity.Sex(strings.TrimSuffix(s, "unknown"))
	})
	choice("experience", "sizes recovery runs; auto derives it from your last 8 weeks", []string{"beginner", "intermediate", "experienced", "auto"},
		func(a *activity.Athlete, s string) { a.Experience = activity.Experience(strings.TrimSuffix(s, "auto")) })
	choice("units", "distances shown in", []string{"km", "mi"}, func(a *activity.Athlete, s string) { a.Units = activity.Units(s) })
	choice("zones", "zone model: % of max HR, heart-rate reserve, or % of LTHR", []string{"max", "reserve", "lthr"},
		func(a *activity.Athlete, s string) { a.Zones = activity.ZoneModel(s) })
	choice("recovery-cap", "recovery-run ceiling: 70 % max (article), 76 % (pfitzinger), 79 % (daniels), 70 % of reserve",
		[]string{string(physio.Article), string(physio.Pfitzinger), string(physio.Daniels), string(physio.ReserveCap)},
		func(a *activity.Athlete, s string) { a.RecoveryCap = strings.TrimPrefix(s, string(physio.Article)) })
	fs.Func("time-zone", "your IANA time `zone`, e.g. Europe/Berlin: the day and time of a run whose file gives none, and of today "+
		"(auto: the zone your watch records)", func(s string) error {
		changes = append(changes, func(a *activity.Athlete) { a.TimeZone = strings.TrimSuffix(s, "auto") })
		return nil
	})
	choice("intensity", "what judges how hard a run was: heart rate when it can be trusted, else RPE (hr); or RPE only, for a poor sensor or beta-blockers (rpe)",
		[]string{"hr", "rpe"}, func(a *activity.Athlete, s string) {
			a.Intensity = activity.IntensitySource(strings.TrimPrefix(s, "hr"))
		})
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if len(changes) == 0 {
		fs.Usage()
		return usageError{"nothing to set"}
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.Athlete(ctx, svc.Athlete)
	if err != nil {
		return err
	}
	for _, change := range changes {
		change(&a)
	}
	// Checked whole, before anything is written: a max below the resting
	// rate saved would make every later command fail.
	if err := a.Validate(env.Now().In(env.Local)); err != nil {
		return usageError{err.Error()}
	}
	if err := st.SaveAthlete(ctx, svc.Athlete, a); err != nil {
		return err
	}
	r, err := svc.Refresh(ctx, true)
	if err != nil {
		return err
	}
	p, err := svc.Profile(ctx)
	if err != nil {
		return err
	}
	printProfile(env, p)
	fmt.Fprintf(env.Stdout, "\nRe-analysed %d %s with this profile in %.2f s.\n", r.Analysed,
		plural(r.Analysed, "activity", "activities"), r.Duration.Seconds())
	return nil
}

func runZones(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "zones", "")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := svc.Profile(ctx)
	if err != nil {
		return err
	}
	if p.Problem != nil {
		return fmt.Errorf("no zones yet: %w", p.Problem)
	}
	a := p.Resolved
	zones, err := physio.Zones(a.Zones, a)
	if err != nil {
		return err
	}
	cp, err := physio.RecoveryCap(a, physio.Preset(a.RecoveryCap))
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env, struct {
			Model       activity.ZoneModel `json:"model"`
			Zones       []physio.Zone      `json:"zones"`
			RecoveryCap physio.Cap         `json:"recovery_cap"`
			MaxHR       activity.Value     `json:"max_hr"`
		}{a.Zones, zones, cp, a.MaxHR})
	}
	w := env.Stdout
	fmt.Fprintf(w, "Zones: %s\nMax heart rate %.0f bpm (%s)\n\n", zoneModelName(a.Zones), a.MaxHR.V, valueNote(a.MaxHR))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, z := range zones {
		fmt.Fprintf(tw, "%s\t%s\t%.0f-%.0f bpm\t%s\n", z.Label, z.Name, z.LowBPM, z.HighBPM, z.Reason)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nRecovery cap: %.0f bpm, %s.\n", cp.BPM, cp.Reason)
	fmt.Fprintln(w, "A recovery run stays below it: conversational, RPE about 3 of 10, pace ignored on purpose.")
	return nil
}
