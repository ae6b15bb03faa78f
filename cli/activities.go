package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

func runActivities(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "activities", "")
	from := fs.String("from", "", "only activities starting on or after this `date` (YYYY-MM-DD)")
	to := fs.String("to", "", "only activities starting before the end of this `date` (YYYY-MM-DD)")
	sport := fs.String("sport", "", "only this `sport` (running, cycling, walking, ...)")
	limit := fs.Int("limit", 0, "at most `n` activities (0: all)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	var f store.Filter
	var err error
	if f.From, err = parseDate(*from, 0); err != nil {
		return err
	}
	if f.To, err = parseDate(*to, 1); err != nil {
		return err
	}
	f.Sport, f.Limit = activity.Sport(*sport), *limit

	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	recs, err := st.Activities(ctx, svc.Athlete, f)
	if err != nil {
		return err
	}
	units, err := runnerUnits(ctx, svc)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]activityJSON, len(recs))
		for i := range recs {
			out[i] = toJSON(&recs[i], env.zone)
		}
		return writeJSON(env, out)
	}
	if len(recs) == 0 {
		fmt.Fprintln(env.Stdout, "No activities. Import some with: easyrun import PATH")
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tSPORT\tTIME\tDISTANCE\tPACE/SPEED\tAVG HR\tSESSION\tNAME")
	elsewhere := false // a run recorded on another clock, marked *
	for _, r := range recs {
		a := &r.Activity
		start, mark := env.zone.Start(a), ""
		if _, ok := env.zone.Elsewhere(a); ok {
			mark, elsewhere = "*", true
		}
		fmt.Fprintf(tw, "%d\t%s%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, start.Format("2006-01-02 15:04"), mark,
			sportName(a), display.Clock(a.Moving), display.In(units).Distance(a.DistanceM), display.In(units).Rate(a.Sport, a.DistanceM, a.Moving), display.BPM(a.AvgHeartRate),
			sessionLabel(r.Analysis), a.Name)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\n%s\n", env.zone.Times())
	if elsewhere {
		fmt.Fprintln(env.Stdout, "* recorded on another clock (abroad?): 'easyrun show ID' gives its local time there.")
	}
	return nil
}

// parseDate reads YYYY-MM-DD as midnight UTC, plus addDays days.
func parseDate(s string, addDays int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, usageError{fmt.Sprintf("bad date %q: want YYYY-MM-DD", s)}
	}
	return t.AddDate(0, 0, addDays), nil
}

// runnerUnits are the units the runner chose for distances and speeds.
func runnerUnits(ctx context.Context, svc *training.Service) (activity.Units, error) {
	p, err := svc.Store.Athlete(ctx, svc.Athlete)
	return p.Units, err
}

func sportName(a *activity.Activity) string {
	s := string(a.Sport)
	if s == "" {
		s = "unknown"
	}
	if a.SubSport != "" && a.SubSport != "generic" {
		s += "/" + a.SubSport
	}
	return s
}

// oneActivity opens the store for the one activity ID that fs's
// arguments name; close the returned store when done.
func oneActivity(ctx context.Context, env *Env, fs *flag.FlagSet, where *target) (*training.Service, store.Store, *store.Record, error) {
	if fs.NArg() != 1 {
		return nil, nil, nil, usageError{"want one activity ID"}
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil {
		return nil, nil, nil, usageError{fmt.Sprintf("bad activity ID %q", fs.Arg(0))}
	}
	svc, st, err := service(ctx, env, where)
	if err != nil {
		return nil, nil, nil, err
	}
	r, err := svc.Activity(ctx, id)
	if err != nil {
		st.Close()
		return nil, nil, nil, fmt.Errorf("activity %d: %w", id, err)
	}
	return svc, st, r, nil
}

// sportNote says where the sport shown came from when the runner set it.
func sportNote(a *activity.Activity) string {
	if a.SportTagged {
		return "set by you (easyrun tag)"
	}
	return ""
}

func runShow(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "show", "ID")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	svc, st, r, err := oneActivity(ctx, &env, fs, where)
	if err != nil {
		return err
	}
	defer st.Close()
	if *asJSON {
		j := toJSON(r, env.zone)
		laps := len(r.Activity.Laps)
		j.Laps = &laps
		return writeJSON(env, j)
	}
	units, err := runnerUnits(ctx, svc)
	if err != nil {
		return err
	}
	a := &r.Activity
	w := env.Stdout
	title := a.Name
	if title == "" {
		title = sportName(a)
	}
	fmt.Fprintf(w, "Activity %d: %s\n\n", r.ID, title)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	start := env.zone.Start(a)
	fmt.Fprintf(tw, "Start\t%s\t%s\n", start.Format("Mon 2006-01-02 15:04:05"), env.zone.StartNote(a))
	fmt.Fprintf(tw, "Sport\t%s\t%s\n", sportName(a), sportNote(a))
	if a.Notes != "" {
		fmt.Fprintf(tw, "Notes\t%s\t\n", strings.ReplaceAll(a.Notes, "\n", " / "))
	}
	fmt.Fprintf(tw, "Moving time\t%s\ttimer time, pauses removed\n", display.Clock(a.Moving))
	fmt.Fprintf(tw, "Elapsed time\t%s\t\n", display.Clock(a.Elapsed))
	u := display.In(units)
	fmt.Fprintf(tw, "Distance\t%s\t\n", u.Distance(a.DistanceM))
	rate := string(display.RateOf(a.Sport))
	fmt.Fprintf(tw, "%s\t%s\tover moving time\n", rate, u.Rate(a.Sport, a.DistanceM, a.Moving))
	fmt.Fprintf(tw, "Heart rate\t%s avg, %s max\t\n", display.BPM(a.AvgHeartRate), display.BPM(a.MaxHeartRate))
	if a.AscentM > 0 {
		fmt.Fprintf(tw, "Ascent\t%.0f m\t\n", a.AscentM)
	}
	if a.RPE > 0 {
		fmt.Fprintf(tw, "RPE\t%d of 10\t\n", a.RPE)
	}
	fmt.Fprintf(tw, "Samples\t%d s on a 1 s grid\t%d with heart rate\n", a.Streams.Len(), activity.Count(a.Streams.HeartRate))
	if d := a.Device; d.Maker != "" || d.Product != "" {
		fmt.Fprintf(tw, "Device\t%s %s\t\n", d.Maker, d.Product)
	}
	tw.Flush()

	if len(a.Flags) > 0 {
		fmt.Fprintln(w, "\nData quality:")
		for _, f := range a.Flags {
			fmt.Fprintf(w, "  - %s: %s\n", f.Code, f.Detail)
		}
	}
	if len(a.Laps) > 0 {
		fmt.Fprintln(w, "\nLaps:")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "#\tTIME\tDISTANCE\t%s\tAVG HR\tMAX HR\t\n", strings.ToUpper(rate))
		for i, l := range a.Laps {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t\n", i+1, display.Clock(l.Moving), u.Distance(l.DistanceM), u.Rate(a.Sport, l.DistanceM, l.Moving),
				display.BPM(l.AvgHeartRate), display.BPM(l.MaxHeartRate))
		}
		tw.Flush()
	}
	if r.Analysis != nil {
		printReps(w, u, r.Analysis.Reps)
	}
	printAnalysis(w, r.Analysis)
	if len(r.Verdicts) > 0 {
		fmt.Fprintln(w, "\nRecovery audit:")
		for _, v := range r.Verdicts {
			printVerdict(w, v, "  ")
		}
	}
	if len(r.Sources) > 0 {
		fmt.Fprintln(w, "\nSources:")
		for _, s := range r.Sources {
			role := "also seen in"
			if s.Primary {
				role = "data from"
			}
			fmt.Fprintf(w, "  - %s %s (%s)\n", role, s.Name, s.Format)
		}
	}
	return nil
}

// activityJSON is the JSON shape of an activity in CLI output.
type activityJSON struct {
	ID         int64          `json:"id"`
	Name       string         `json:"name,omitempty"`
	Sport      activity.Sport `json:"sport"`
	SubSport   string         `json:"sub_sport,omitempty"`
	Start      time.Time      `json:"start"`
	LocalStart string         `json:"local_start"` // RFC 3339 on the clock the run was run by (training.LocalStart)
	// LocalTime says where LocalStart's offset comes from: "file" (the
	// offset it recorded) or "time_zone" (the runner's).
	LocalTime    training.TimeSource `json:"local_time"`
	ElapsedS     float64             `json:"elapsed_s"`
	MovingS      float64             `json:"moving_s"`
	DistanceM    float64             `json:"distance_m"`
	AvgHeartRate float64             `json:"avg_hr,omitempty"`
	MaxHeartRate float64             `json:"max_hr,omitempty"`
	RPE          int                 `json:"rpe,omitempty"`
	Notes        string              `json:"notes,omitempty"`
	// SportTagged says the runner set the sport (easyrun tag).
	SportTagged bool           `json:"sport_tagged,omitempty"`
	Device      string         `json:"device,omitempty"`
	Source      string         `json:"source"`
	Flags       activity.Flags `json:"flags,omitempty"`
	// Laps is the number of laps, given by show only: the list reads
	// summaries without laps, and must not print 0 for every activity.
	Laps           *int               `json:"laps,omitempty"`
	Sources        []store.Source     `json:"sources,omitempty"`
	HeartRateCount int                `json:"heart_rate_samples,omitempty"`
	Analysis       *analysis.Result   `json:"analysis,omitempty"`
	Verdicts       []recovery.Verdict `json:"verdicts,omitempty"`
}

func toJSON(r *store.Record, z training.Zone) activityJSON {
	a := &r.Activity
	j := activityJSON{
		ID: r.ID, Name: a.Name, Sport: a.Sport, SubSport: a.SubSport, Start: a.Start,
		ElapsedS: a.Elapsed.Seconds(), MovingS: a.Moving.Seconds(), DistanceM: a.DistanceM,
		AvgHeartRate: a.AvgHeartRate, MaxHeartRate: a.MaxHeartRate, RPE: a.RPE, Notes: a.Notes, SportTagged: a.SportTagged,
		Source: string(a.Source), Flags: a.Flags, Sources: r.Sources,
		HeartRateCount: activity.Count(a.Streams.HeartRate), Analysis: r.Analysis, Verdicts: r.Verdicts,
	}
	start, src := training.LocalStart(a, z.Location)
	j.LocalStart, j.LocalTime = start.Format(time.RFC3339), src
	if d := a.Device; d.Maker != "" {
		j.Device = d.Maker + " " + d.Product
	}
	return j
}

func writeJSON(env Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// sessionLabel is the class of an analysed session, marked when hard.
func sessionLabel(r *analysis.Result) string {
	if r == nil {
		return "—"
	}
	if r.Hard {
		return display.ClassName(r.Class) + " (hard)"
	}
	return display.ClassName(r.Class)
}
