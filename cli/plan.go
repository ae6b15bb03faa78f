package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/training"
)

func runPlan(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "plan", "\n       easyrun plan show [--json]\n       easyrun plan export [--ics FILE] [--fit DIR]\n       easyrun plan feed [--new [--url URL] | --revoke]")
	hard := fs.String("hard", "", "the week's hard sessions, `day:kind,...` (kinds: intervals, threshold, long, race), e.g. tue:intervals,thu:threshold,sun:long")
	volume := fs.String("volume", "", "weekly volume as a time or distance, e.g. 5h, 4h30m, 50km, 30mi (a block's first week)")
	exp := fs.String("experience", "", "beginner, intermediate or experienced (default: from the profile)")
	doubles := fs.Bool("doubles", false, "allow an evening recovery jog after a hard morning (experienced runners)")
	start := fs.String("start", "", "the first week, `YYYY-MM-DD` (default: next Monday, or today when it is Monday)")
	weeks := fs.Int("weeks", 0, "plan a block of `n` weeks")
	race := fs.String("race", "", "goal race date `YYYY-MM-DD`: the block ends with it")
	distance := fs.String("distance", "", "goal race distance: 5k, 10k, half, marathon, or e.g. 15km")
	taperOnly := fs.Bool("taper-only", false, "a race too close for a block: hold the volume and taper (for a runner already trained for it)")
	asJSON := fs.Bool("json", false, "print JSON")
	switch v, rest := verb(fs, args, "show", "export", "feed"); v {
	case "show":
		return runPlanShow(ctx, env, rest)
	case "export":
		return runPlanExport(ctx, env, rest)
	case "feed":
		return runPlanFeed(ctx, env, rest)
	}
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *hard == "" || *volume == "" {
		return usageError{"--hard and --volume are needed, e.g. --hard tue:intervals,thu:threshold,sun:long --volume 5h"}
	}
	svc, st, err := service(ctx, &env, where) // first: the next Monday is in the runner's zone
	if err != nil {
		return err
	}
	defer st.Close()
	req, err := planRequest(env, *hard, *volume, *exp, *doubles, *start, *weeks, *race, *distance)
	if err != nil {
		return err
	}
	req.TaperOnly = *taperOnly
	p, err := svc.MakePlan(ctx, req)
	if refusal := (*plan.Refusal)(nil); errors.As(err, &refusal) {
		if *asJSON {
			if err := writeJSON(env, map[string]any{"refusal": refusal}); err != nil {
				return err
			}
			return errFailed
		}
		fmt.Fprintf(env.Stderr, "easyrun plan: cannot plan this: %s.\nNearest that works: %s:\n  easyrun plan %s\n",
			refusal.Reason, refusal.Change, requestFlags(refusal.Proposal))
		for _, a := range refusal.Alternatives[min(1, len(refusal.Alternatives)):] {
			fmt.Fprintf(env.Stderr, "Or: %s:\n  easyrun plan %s\n", a.Change, requestFlags(a.Proposal))
		}
		return errFailed
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env, p)
	}
	printPlan(env.Stdout, p)
	fmt.Fprint(env.Stdout, planSaved)
	return nil
}

// planRequest turns the plan command's flags into a request.
func planRequest(env Env, hard, volume, exp string, doubles bool, start string, weeks int, race, distance string) (plan.Request, error) {
	var req plan.Request
	var err error
	if req.Hard, err = plan.ParseHard(hard); err != nil {
		return req, usageError{err.Error()}
	}
	if req.Volume, err = plan.ParseVolume(volume); err != nil {
		return req, usageError{err.Error()}
	}
	switch e := activity.Experience(exp); e {
	case "", activity.Beginner, activity.Intermediate, activity.Experienced:
		req.Experience = e
	default:
		return req, usageError{fmt.Sprintf("--experience %q: want beginner, intermediate or experienced", exp)}
	}
	req.Doubles, req.Weeks = doubles, weeks
	today := plan.DateOf(env.Now().In(env.Local))
	req.Start = today.AddDays(6).Monday() // next Monday, or today when it is one
	if start != "" {
		if req.Start, err = plan.ParseDate(start); err != nil {
			return req, usageError{"--start: " + err.Error()}
		}
	}
	if race != "" || distance != "" {
		if race == "" || distance == "" {
			return req, usageError{"--race and --distance go together, e.g. --race 2027-04-11 --distance marathon"}
		}
		g := plan.Goal{}
		if g.Date, err = plan.ParseDate(race); err != nil {
			return req, usageError{"--race: " + err.Error()}
		}
		if g.DistanceM, g.Name, err = plan.ParseRaceDistance(distance); err != nil {
			return req, usageError{err.Error()}
		}
		req.Race = &g
	}
	return req, nil
}

// requestFlags writes req back as the plan command's flags, for a
// proposal the runner can run as it is.
func requestFlags(req plan.Request) string {
	hard := make([]string, len(req.Hard))
	for i, h := range req.Hard {
		hard[i] = h.String()
	}
	flags := []string{"--hard " + strings.Join(hard, ",")}
	if req.Volume.Duration > 0 {
		flags = append(flags, "--volume "+flagDuration(req.Volume.Duration))
	} else {
		flags = append(flags, fmt.Sprintf("--volume %.1fkm", req.Volume.DistanceM/1000))
	}
	if req.Experience != "" {
		flags = append(flags, "--experience "+string(req.Experience))
	}
	if req.Doubles {
		flags = append(flags, "--doubles")
	}
	flags = append(flags, "--start "+req.Start.String())
	if req.Weeks > 1 {
		flags = append(flags, fmt.Sprintf("--weeks %d", req.Weeks))
	}
	if req.Race != nil {
		flags = append(flags, "--race "+req.Race.Date.String(), "--distance "+req.Race.Name)
	}
	if req.TaperOnly {
		flags = append(flags, "--taper-only")
	}
	return strings.Join(flags, " ")
}

// flagDuration writes d as --volume reads it: "5h", "4h30m".
func flagDuration(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case m == 0:
		return fmt.Sprintf("%dh", h)
	case h == 0:
		return fmt.Sprintf("%dm", m)
	}
	return fmt.Sprintf("%dh%dm", h, m)
}

// planSaved is what plan prints after the plan it made.
const planSaved = "Saved as your plan: 'easyrun today' and 'easyrun audit' compare your runs with it;\n" +
	"'easyrun plan export --ics plan.ics --fit workouts/' puts it on your calendar and watch.\n"

func runPlanShow(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "plan show", "")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	p, changes, err := svc.AdaptedPlan(ctx, env.Local)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env, p)
	}
	printPlan(env.Stdout, p)
	for _, c := range changes {
		fmt.Fprintln(env.Stdout, "Adapted to what you ran: "+c.Text)
	}
	pr, err := svc.Projection(ctx, p, env.Local)
	if err != nil {
		return err
	}
	printProjection(env.Stdout, pr)
	return nil
}

// printProjection is a compact line per projected day, then the loads
// per minute it counted the plan's sessions at, each source said once.
func printProjection(w io.Writer, pr training.Projection) {
	fmt.Fprintf(w, "\nFitness, fatigue and form ahead (%s, on the morning of each day):\n", pr.Unit)
	for _, d := range pr.Days {
		fmt.Fprintf(w, "  %-8s %s  fitness %3.0f  fatigue %3.0f  %s\n",
			d.Label, d.Date.Time().Format("Mon 02 Jan"), d.Fitness, d.Fatigue, d.Meaning)
	}
	var sources []string
	bySource := map[string][]string{}
	for _, r := range pr.Rates {
		if _, ok := bySource[r.Source]; !ok {
			sources = append(sources, r.Source)
		}
		bySource[r.Source] = append(bySource[r.Source], fmt.Sprintf("%s %.2f", r.Kind, r.PerMinute))
	}
	fmt.Fprintln(w, "Planned sessions counted at a load per minute of:")
	for _, src := range sources {
		fmt.Fprintf(w, "  %s: %s\n", strings.Join(bySource[src], ", "), src)
	}
}

func runPlanExport(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "plan export", "")
	icsPath := fs.String("ics", "", "write the plan as an iCalendar `file` (RFC 5545) for your calendar")
	fitDir := fs.String("fit", "", "write one FIT workout file per run into `dir`; copy them to the watch's GARMIN/NewFiles")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *icsPath == "" && *fitDir == "" {
		return usageError{"say where: --ics FILE, --fit DIR or both"}
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	p, _, err := svc.AdaptedPlan(ctx, env.Local)
	if err != nil {
		return err
	}
	now := env.Now()
	if *icsPath != "" {
		err := writeFileAtomic(*icsPath, 0o644, func(w io.Writer) error {
			return training.Calendar(w, svc.Athlete, p, env.Local, now)
		})
		if err != nil {
			return err
		}
		cancelled := ""
		if n := len(p.Cancelled); n > 0 {
			cancelled = fmt.Sprintf(" and %d cancelled, no longer in the plan", n)
		}
		fmt.Fprintf(env.Stdout, "Wrote %s: %d sessions%s; importing it again updates your calendar.\n", *icsPath, countSessions(p), cancelled)
	}
	if *fitDir != "" {
		ws, err := training.Workouts(p, now)
		if err != nil {
			return err
		}
		done, err := syncWorkouts(*fitDir, ws)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %d FIT workouts to %s", done.Written, *fitDir)
		if n := len(done.Removed); n > 0 {
			// A new block can drop a hundred: the first few say enough.
			names := strings.Join(done.Removed, ", ")
			if n > 5 {
				names = strings.Join(done.Removed[:3], ", ") + fmt.Sprintf(" and %d more", n-3)
			}
			fmt.Fprintf(env.Stdout, "; removed %d the plan no longer holds: %s", n, names)
		}
		fmt.Fprintln(env.Stdout, ".")
		for _, name := range done.Kept {
			fmt.Fprintf(env.Stdout, "Kept %s: the plan no longer holds it, but it changed since easyrun wrote it.\n", name)
		}
		fmt.Fprintln(env.Stdout, "Copy them into your watch's GARMIN/NewFiles folder.")
	}
	return nil
}

func countSessions(p *plan.Plan) int {
	n := 0
	for _, w := range p.Weeks {
		n += len(w.Sessions)
	}
	return n
}

func printPlan(w io.Writer, p *plan.Plan) {
	for _, wk := range p.Weeks {
		unit := activity.Kilometres
		if len(wk.Sessions) > 0 && wk.Sessions[0].Unit != "" {
			unit = wk.Sessions[0].Unit
		}
		fmt.Fprintf(w, "Week %d of %d (%s), from %s: target %s, planned %s\n", wk.Number, len(p.Weeks), wk.Phase,
			wk.Monday.Time().Format("Mon 02 Jan 2006"), wk.Target.Text(unit), wk.Planned.Text(unit))
		for _, s := range wk.Sessions {
			slot := ""
			if s.Slot != plan.Any {
				slot = string(s.Slot)
			}
			mark := " "
			if s.Hard {
				mark = "!"
			}
			fmt.Fprintf(w, " %s %s %-7s %s", mark, s.Date.Time().Format("Mon 02 Jan"), slot, s.Title())
			if s.Kind != plan.Rest {
				about := ""
				if s.Approximate {
					about = "~"
				}
				fmt.Fprintf(w, ", %s%.1f %s, RPE %d", about, s.Distance, s.Unit, s.RPE)
			}
			fmt.Fprintln(w)
			if s.Kind != plan.Rest {
				fmt.Fprintf(w, "      %s\n", s.Purpose)
			}
			if s.When != "" {
				fmt.Fprintf(w, "      when: %s\n", s.When)
			}
		}
		for _, n := range wk.Notes {
			fmt.Fprintln(w, "  - "+n)
		}
		fmt.Fprintln(w)
	}
}
