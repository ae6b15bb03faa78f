package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

func runLog(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "log", "")
	date := fs.String("date", "", "`day` of the run, YYYY-MM-DD (default today)")
	at := fs.String("time", "18:00", "local `time` the run started, HH:MM")
	dur := fs.Duration("duration", 0, "how long you ran, e.g. 35m or 1h10m (required)")
	rpe := fs.Int("rpe", 0, "how hard it felt, 1-10 (3 = easy: full conversation) (required)")
	dist := fs.String("distance", "", "`distance` if you know it, e.g. 5km, 3.1mi, 5000m")
	sport := fs.String("sport", "running", "`sport`")
	note := fs.String("note", "", "a note")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *dur <= 0 {
		return usageError{"--duration is required, e.g. --duration 35m"}
	}
	if _, ok := physio.RPEWords(*rpe); !ok || *rpe < 1 {
		return usageError{"--rpe is required, from 1 (very light) to 10 (maximal); 3 is a recovery run"}
	}
	svc, st, err := service(ctx, &env, where) // first: the day and time are in the runner's zone
	if err != nil {
		return err
	}
	defer st.Close()
	day := env.Now().In(env.Local)
	if *date != "" {
		if day, err = time.ParseInLocation("2006-01-02", *date, env.Local); err != nil {
			return usageError{fmt.Sprintf("bad --date %q: want YYYY-MM-DD", *date)}
		}
	}
	clockAt, err := time.Parse("15:04", *at)
	if err != nil {
		return usageError{fmt.Sprintf("bad --time %q: want HH:MM", *at)}
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), clockAt.Hour(), clockAt.Minute(), 0, 0, env.Local)
	distanceM, err := parseDistance(*dist)
	if err != nil {
		return usageError{err.Error()}
	}
	_, offset := start.Zone()
	a := &activity.Activity{
		Sport: activity.Sport(*sport), Name: "Logged run", Notes: *note, RPE: *rpe,
		Start: start.UTC(), LocalOffset: time.Duration(offset) * time.Second, HasLocalOffset: true,
		Elapsed: *dur, Moving: *dur, DistanceM: distanceM,
	}
	id, err := svc.Log(ctx, a)
	if err != nil {
		return err
	}
	words, _ := physio.RPEWords(*rpe)
	fmt.Fprintf(env.Stdout, "Logged activity %d: %s on %s, %s at RPE %d (%s).\n", id, *sport,
		start.Format("Mon 2006-01-02 15:04"), display.Clock(*dur), *rpe, words)
	return nil
}

// parseDistance reads "5km", "3.1mi", "5000m" or "" into metres.
func parseDistance(s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	for _, u := range []struct {
		suffix string
		m      float64
	}{{"km", 1000}, {"mi", 1609.344}, {"m", 1}} {
		if num, ok := strings.CutSuffix(strings.TrimSpace(s), u.suffix); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || v <= 0 {
				break
			}
			return v * u.m, nil
		}
	}
	return 0, fmt.Errorf("bad --distance %q: want e.g. 5km, 3.1mi or 5000m", s)
}

func runRPE(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "rpe", "ID RPE")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageError{"want an activity ID and an RPE from 1 to 10 (0 clears it)"}
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil {
		return usageError{fmt.Sprintf("bad activity ID %q", fs.Arg(0))}
	}
	rpe, err := strconv.Atoi(fs.Arg(1))
	if err != nil || rpe < 0 || rpe > 10 {
		return usageError{fmt.Sprintf("bad RPE %q: want 1-10, or 0 to clear", fs.Arg(1))}
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := svc.SetRPE(ctx, id, rpe); err != nil {
		return fmt.Errorf("activity %d: %w", id, err)
	}
	if rpe == 0 {
		fmt.Fprintf(env.Stdout, "Cleared the RPE of activity %d.\n", id)
		return nil
	}
	words, _ := physio.RPEWords(rpe)
	fmt.Fprintf(env.Stdout, "Activity %d: RPE %d (%s).\n", id, rpe, words)
	return nil
}

func runTag(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "tag", "ID... --sport SPORT")
	sport := fs.String("sport", "", "the `sport` the activities were: "+store.TagSportNames())
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"want one or more activity IDs"}
	}
	if err := store.CheckSport(activity.Sport(*sport)); err != nil {
		return usageError{fmt.Sprintf("--sport: %v", err)}
	}
	ids, err := parseIDs(fs.Args(), "activity")
	if err != nil {
		return err
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := svc.SetSport(ctx, activity.Sport(*sport), ids...); err != nil {
		return err
	}
	for _, id := range ids {
		fmt.Fprintf(env.Stdout, "Activity %d: %s, as you set it; analysed again.\n", id, *sport)
	}
	return nil
}

func runLoad(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "load", "")
	weeks := fs.Int("weeks", 6, "show the last `n` weeks")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *weeks < 1 {
		return usageError{"--weeks must be at least 1"}
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	// Whole weeks, Monday to Sunday, the last one this week.
	today := env.Now().In(env.Local)
	monday := today.AddDate(0, 0, -(int(today.Weekday())+6)%7)
	ls, err := svc.Series(ctx, monday.AddDate(0, 0, -7*(*weeks-1)), today)
	if err != nil {
		return err
	}
	cur := ls.Current()
	if *asJSON {
		type point struct {
			Date    string  `json:"date"`
			Load    float64 `json:"load"`
			Fitness float64 `json:"fitness"`
			Fatigue float64 `json:"fatigue"`
			Form    float64 `json:"form"`
			ACWR    float64 `json:"acwr"`
		}
		out := struct {
			Unit     string   `json:"unit"`
			RPEScale string   `json:"rpe_scale"`
			Unloaded int      `json:"sessions_without_load"`
			Meaning  []string `json:"meaning"`
			Series   []point  `json:"series"`
		}{Unit: ls.Unit, RPEScale: ls.RPEScale.Reason, Unloaded: ls.Unloaded, Meaning: cur.Meaning()}
		for _, p := range ls.Points {
			out.Series = append(out.Series, point{p.Date.Format("2006-01-02"), round1(p.Load), round1(p.Fitness),
				round1(p.Fatigue), round1(p.Form), round2(p.ACWR)})
		}
		return writeJSON(env, out)
	}
	printLoad(env.Stdout, ls)
	return nil
}

func printLoad(w io.Writer, ls training.LoadSeries) {
	cur := ls.Current()
	fmt.Fprintf(w, "Training load in %s units (daily load: heart-rate load of each session; device-free runs: %s).\n\n",
		display.LoadUnit(analysis.LoadMethod(ls.Unit)), ls.RPEScale.Reason)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "WEEK OF\tLOAD\tFITNESS\tFATIGUE\tFORM\tACWR\tMONOTONY\t")
	for start := 0; start < len(ls.Points); start += 7 {
		week := ls.Points[start:min(start+7, len(ls.Points))]
		var loads [7]float64
		sum := 0.0
		for i, p := range week {
			loads[i] = p.Load
			sum += p.Load
		}
		last := week[len(week)-1]
		mono := "—"
		if m, _, ok := load.Week(loads); ok && len(week) == 7 {
			mono = fmt.Sprintf("%.2f", m)
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%.1f\t%.1f\t%+.1f\t%.2f\t%s\t\n", week[0].Date.Format("Mon 02 Jan"), sum,
			last.Fitness, last.Fatigue, last.Form, last.ACWR, mono)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nToday: fitness %.1f (42-day average), fatigue %.1f (7-day), form %+.1f (yesterday's fitness − fatigue), ACWR %.2f (7-day ÷ 28-day EWMA).\n",
		cur.Fitness, cur.Fatigue, cur.Form, cur.ACWR)
	for _, m := range cur.Meaning() {
		fmt.Fprintln(w, "  - "+m)
	}
	if ls.Unloaded > 0 {
		fmt.Fprintf(w, "  - %d %s without heart rate or RPE count as no load: add an RPE with 'easyrun rpe ID N'.\n",
			ls.Unloaded, plural(ls.Unloaded, "session", "sessions"))
	}
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
func round2(v float64) float64 { return math.Round(v*100) / 100 }
