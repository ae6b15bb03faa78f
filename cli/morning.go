package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/training"
)

func runMorning(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "morning", "")
	var m activity.Morning
	fs.StringVar(&m.Date, "date", "", "the `day` of the morning, YYYY-MM-DD, to fill in a past one (default today)")
	fs.Float64Var(&m.RestingHR, "rhr", 0, fmt.Sprintf("resting heart rate on waking, `bpm` (%d-%d)", activity.MinMorningRHR, activity.MaxMorningRHR))
	fs.Float64Var(&m.RMSSDMs, "hrv", 0, fmt.Sprintf("heart-rate variability on waking as rMSSD, `ms` (%d-%d), as HRV4Training, Elite HRV or your watch shows it",
		activity.MinRMSSD, activity.MaxRMSSD))
	fs.DurationVar(&m.Sleep, "sleep", 0, "last night's `sleep`, e.g. 7h or 6h45m")
	legs := fs.Int("legs", 0, "how your legs feel, 1-5: "+activity.LegsScale)
	fs.StringVar(&m.Note, "note", "", "a note")
	days := fs.Int("days", 14, "without values: list the check-ins of the last `n` days")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *days < 1 {
		return usageError{"--days must be 1 or more"}
	}
	m.Legs, m.Source = activity.Legs(*legs), activity.Manual
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	checkIn := !m.Empty() || m.Note != "" || m.Date != ""
	if checkIn {
		if m, _, err = svc.SaveMorning(ctx, m); err != nil {
			return err
		}
	}
	ms, err := svc.Mornings(ctx, env.Local, *days)
	if err != nil {
		return err
	}
	switch {
	case *asJSON && checkIn:
		return writeJSON(env, struct {
			Saved activity.Morning `json:"saved"`
			training.Mornings
		}{m, ms})
	case *asJSON:
		return writeJSON(env, ms)
	case checkIn:
		day, _ := m.Day()
		fmt.Fprintf(env.Stdout, "Saved the morning of %s: %s.\n\n", day.Format("Mon 2006-01-02"), m.Summary())
		printMorningToday(env.Stdout, ms)
		return nil
	}
	printMornings(env.Stdout, ms)
	return nil
}

// printMornings lists the recent check-ins, newest first, then today's.
func printMornings(w io.Writer, ms training.Mornings) {
	if len(ms.Recent) == 0 {
		fmt.Fprintln(w, "No morning check-ins yet. Ten seconds on waking: easyrun morning --rhr 48 --hrv 62 --sleep 7h --legs 2")
		fmt.Fprintln(w, "Legs: "+activity.LegsScale+".")
		return
	}
	fmt.Fprintln(w, "Mornings, newest first:")
	for _, m := range ms.Recent {
		day, _ := m.Day()
		from := "you"
		if m.Source != activity.Manual {
			from = m.Device
		}
		line := fmt.Sprintf("  %s  %s (%s)", day.Format("Mon 02 Jan"), m.Summary(), from)
		if m.Note != "" {
			line += ": " + m.Note
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w)
	printMorningToday(w, ms)
}

// printMorningToday says how today's morning stands against the runner's
// normal, with the numbers, and what the baseline still needs.
func printMorningToday(w io.Writer, ms training.Mornings) {
	b := ms.Baseline
	var normal []string
	if b.HRVNormalMs > 0 {
		normal = append(normal, fmt.Sprintf("HRV %.0f–%.0f ms (mean %.0f ms, %d mornings)", b.HRVLowMs, b.HRVHighMs, b.HRVNormalMs, b.HRVDays))
	}
	if b.RHRNormal > 0 {
		normal = append(normal, fmt.Sprintf("resting HR %.0f bpm (%d mornings)", b.RHRNormal, b.RHRDays))
	}
	if len(normal) > 0 {
		fmt.Fprintf(w, "Your normal, the last %d days: %s.\n", physio.NormalDays, strings.Join(normal, "; "))
	}
	day, _ := time.Parse(time.DateOnly, ms.Date)
	switch {
	case b.Today.Empty():
		fmt.Fprintf(w, "No check-in for today, %s.\n", day.Format("Mon 02 Jan"))
	case len(ms.Off) > 0:
		fmt.Fprintf(w, "Today, %s: %d %s that the morning is clearly off, which 'easyrun today' weighs.\n",
			day.Format("Mon 02 Jan"), len(ms.Off), plural(len(ms.Off), "sign", "signs"))
	default:
		fmt.Fprintf(w, "Today, %s, nothing is clearly off.\n", day.Format("Mon 02 Jan"))
	}
	for _, s := range ms.Off {
		fmt.Fprintln(w, "  - off: "+s)
	}
	for _, s := range ms.Normal {
		fmt.Fprintln(w, "  - normal: "+s)
	}
	for _, s := range ms.Needs {
		fmt.Fprintln(w, "Missing: "+s)
	}
	fmt.Fprintf(w, "How: %s (easyrun rules, Morning).\n", ms.Method)
}
