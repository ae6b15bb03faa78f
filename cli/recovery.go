package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/training"
)

func runAudit(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "audit", "")
	weeks := fs.Int("weeks", 4, "audit the last `n` weeks (0: all)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *weeks < 0 {
		return usageError{"--weeks must be 0 (all) or more"}
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	report, err := svc.Audit(ctx, *weeks)
	if err != nil {
		return err
	}
	days := 7 * *weeks
	if days == 0 {
		days = 366
	}
	vs, err := svc.Review(ctx, env.Local, days)
	if err != nil && !errors.Is(err, training.ErrNoPlan) {
		return err
	}
	if *asJSON {
		return writeJSON(env, struct {
			recovery.Report
			Plan []plan.Verdict `json:"plan,omitempty"`
		}{report, vs})
	}
	printAudit(env.Stdout, report)
	if len(vs) > 0 {
		fmt.Fprintln(env.Stdout, "Against your plan, latest first:")
		for _, v := range vs {
			fmt.Fprintf(env.Stdout, "  %s %-11s %s\n", v.Date.Time().Format("Mon 02 Jan"), strings.ReplaceAll(string(v.Status), "_", " "), v.Text)
		}
	}
	return nil
}

func printAudit(w io.Writer, r recovery.Report) {
	if len(r.Weeks) == 0 {
		fmt.Fprintln(w, "Nothing to audit yet: import your runs with 'easyrun import PATH'.")
	}
	// Weeks with nothing in them are said once per stretch, not one by one.
	var quiet []recovery.Week // newest first
	sayQuiet := func() {
		if len(quiet) == 0 {
			return
		}
		first, _ := time.Parse(time.DateOnly, quiet[len(quiet)-1].Monday)
		last, _ := time.Parse(time.DateOnly, quiet[0].Monday)
		fmt.Fprintf(w, "%s to %s: no running (%d %s)\n\n", first.Format("Mon 02 Jan 2006"), last.AddDate(0, 0, 6).Format("Sun 02 Jan 2006"),
			len(quiet), plural(len(quiet), "week", "weeks"))
		quiet = quiet[:0]
	}
	// Each verdict in the week of its own local date, sorted out once.
	byWeek := make(map[string][]recovery.Verdict)
	for _, v := range r.Verdicts {
		monday := plan.DateOf(v.At).Monday().String()
		byWeek[monday] = append(byWeek[monday], v)
	}
	for i := len(r.Weeks) - 1; i >= 0; i-- { // newest first, like the activity list
		wk := r.Weeks[i]
		monday, _ := time.Parse(time.DateOnly, wk.Monday)
		verdicts := byWeek[wk.Monday]
		if wk.RunS == 0 && wk.HardDays == 0 && len(verdicts) == 0 {
			quiet = append(quiet, wk)
			continue
		}
		sayQuiet()
		score := "not scored"
		if wk.Scored {
			score = fmt.Sprintf("recovery score %d/100", wk.Score)
		}
		fmt.Fprintf(w, "Week of %s: %s\n", monday.Format("Mon 02 Jan 2006"), score)
		for _, s := range wk.Summary {
			fmt.Fprintln(w, "  - "+s)
		}
		if wk.Scored && wk.ScoreHow != "" {
			fmt.Fprintln(w, "  score: "+wk.ScoreHow)
		}
		for _, v := range verdicts {
			printVerdict(w, v, "  ")
		}
		fmt.Fprintln(w)
	}
	sayQuiet()
	if r.Trend.Reason != "" {
		fmt.Fprintf(w, "Trend: %s. %s\n", r.Trend.Direction, r.Trend.Reason)
	}
	for _, m := range r.Missing {
		fmt.Fprintln(w, "Missing: "+m)
	}
}

// printVerdict writes one verdict: when, what, and why with the numbers.
func printVerdict(w io.Writer, v recovery.Verdict, indent string) {
	fmt.Fprintf(w, "%s%s  %s: %s (activity %d)\n", indent, v.At.Format("Mon 02 Jan 15:04"),
		verdictLabel(v.Kind), v.Title, v.ActivityID)
	for _, why := range v.Reasons {
		fmt.Fprintf(w, "%s    - %s\n", indent, why)
	}
}

// verdictLabel is a verdict's kind in capitals, to find it at a glance.
func verdictLabel(k recovery.Kind) string {
	return strings.ToUpper(strings.ReplaceAll(string(k), "_", " "))
}

func runToday(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "today", "")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	adv, err := svc.Advice(ctx, env.Local, 1)
	if err != nil {
		return err
	}
	rec, day := adv.Today, adv.Plan
	if *asJSON {
		out := struct {
			recovery.Recommendation
			Plan *training.PlanDay `json:"plan,omitempty"`
		}{Recommendation: rec}
		if len(day.Planned) > 0 || len(day.Verdicts) > 0 {
			out.Plan = &day
		}
		return writeJSON(env, out)
	}
	printToday(env.Stdout, rec)
	printPlanDay(env.Stdout, day)
	return nil
}

// printPlanDay prints the plan's side of today, when there is a plan.
func printPlanDay(w io.Writer, day training.PlanDay) {
	if len(day.Planned) == 0 && len(day.Verdicts) == 0 {
		return
	}
	fmt.Fprintln(w, "\nYour plan:")
	for _, s := range day.Planned {
		fmt.Fprintf(w, "  today: %s\n", s.Title())
	}
	for _, v := range day.Verdicts {
		fmt.Fprintf(w, "  yesterday: %s\n", v.Text)
	}
	for _, c := range day.Changes {
		fmt.Fprintf(w, "  moved: %s\n", c.Text)
	}
	if day.Note != "" {
		fmt.Fprintln(w, "  "+day.Note)
	}
}

func printToday(w io.Writer, r recovery.Recommendation) {
	day, _ := time.Parse(time.DateOnly, r.Date)
	fmt.Fprintf(w, "Today, %s: %s\n", day.Format("Mon 02 Jan 2006"), r.Title)
	if run := r.Run; run != nil {
		if sz := run.Size; sz != nil {
			approx := ""
			if sz.Approximate {
				approx = "about "
			}
			fmt.Fprintf(w, "  %d–%d min, %s%.1f–%.1f %s (%s)\n", sz.MinMinutes, sz.MaxMinutes, approx,
				sz.MinDistance, sz.MaxDistance, sz.Unit, sz.Reason)
		}
		if run.CapBPM > 0 {
			fmt.Fprintf(w, "  heart rate below %.0f bpm (%s)\n", run.CapBPM, run.CapReason)
		}
		if run.RPE > 0 {
			fmt.Fprintf(w, "  RPE %d of 10; %s\n", run.RPE, run.Pace)
		}
		if run.When != "" {
			fmt.Fprintf(w, "  best time: %s (%s)\n", run.When, run.WhenReason)
		}
		if run.Cue.Text != "" {
			fmt.Fprintf(w, "  form cue: %s (%s)\n", run.Cue.Text, run.Cue.Reason)
		}
	}
	if len(r.Reasons) > 0 {
		fmt.Fprintln(w, "Why:")
		for _, why := range r.Reasons {
			fmt.Fprintln(w, "  - "+why)
		}
	}
	for _, m := range r.Missing {
		fmt.Fprintln(w, "Missing: "+m)
	}
}
