package cli

import (
	"context"
	"fmt"
	"math"
	"text/tabwriter"
	"time"

	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/training"
)

func runBests(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "bests", "")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	bests, err := svc.Bests(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env, bests)
	}
	units, err := runnerUnits(ctx, svc)
	if err != nil {
		return err
	}
	u := display.In(units)
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DISTANCE\tRANK\tTIME\tPACE\tDATE\tID\tNAME")
	row := func(d training.DistanceBests, rank string, e training.Effort) {
		took := time.Duration(e.Seconds * float64(time.Second))
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", d.Name, rank,
			display.Clock(time.Duration(math.Round(e.Seconds))*time.Second), u.Pace(d.DistanceM, took),
			e.Start.Format("2006-01-02"), e.ActivityID, e.Name)
	}
	for _, d := range bests {
		if len(d.Top) == 0 {
			fmt.Fprintf(tw, "%s\t-\tno run this long yet\t\t\t\t\n", d.Name)
			continue
		}
		for i, e := range d.Top {
			row(d, fmt.Sprint(i+1), e)
		}
		if d.Recent != nil {
			row(d, "12 mo", *d.Recent)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "Fastest segments inside any run with a trustworthy distance (GPS or foot pod), pauses included; 12 mo: the fastest of the last 12 months.")
	return nil
}
