package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/display"
)

// printAnalysis writes an activity's analysis: the class and its reasons
// first, then every number with its unit and how it was made.
// printReps writes an interval session's reps, each with the recovery
// after it, under the line that sums them up; nothing without reps.
func printReps(w io.Writer, u display.Units, r *analysis.Reps) {
	if r == nil {
		return
	}
	fmt.Fprintf(w, "\nReps: %s\n  %s\n", u.RepsSummary(r), r.Reason)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "#\tTIME\tDISTANCE\tPACE\tAVG HR\tMAX HR\tRECOVERY\tHR AFTER\t\n")
	for i, rep := range r.Reps {
		rest, after := "—", "—"
		if rec := rep.Recovery; rec != nil {
			rest = display.Clock(time.Duration(rec.DurationS) * time.Second)
			if rec.LowHR > 0 {
				after = fmt.Sprintf("%s, −%.0f", display.BPM(rec.LowHR), rec.DropBPM)
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", i+1, display.Clock(time.Duration(rep.DurationS)*time.Second),
			u.Distance(rep.DistanceM), u.RepPace(rep), display.BPM(rep.AvgHR), display.BPM(rep.MaxHR), rest, after)
	}
	tw.Flush()
}

func printAnalysis(w io.Writer, r *analysis.Result) {
	if r == nil {
		fmt.Fprintln(w, "\nNot analysed yet: run 'easyrun athlete' to check the profile, then import again or set the profile.")
		return
	}
	hard := "not a hard session"
	if r.Hard {
		hard = "a HARD session"
	}
	fmt.Fprintf(w, "\nSession: %s, %s\n", display.ClassName(r.Class), hard)
	for _, why := range r.Reasons {
		fmt.Fprintln(w, "  - "+why)
	}
	for _, why := range r.HardReasons {
		if !slices.Contains(r.Reasons, why) {
			fmt.Fprintln(w, "  - hard: "+why)
		}
	}
	if len(r.Zones) > 0 {
		fmt.Fprintf(w, "\nTime in zones (%s of heart rate):\n", display.Clock(time.Duration(r.HRSeconds)*time.Second))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, z := range r.Zones {
			label := z.Label
			if z.Zone == 0 {
				label = "below Z1"
			}
			fmt.Fprintf(tw, "  %s\t%.0f-%.0f bpm\t%s\t%3.0f %%\t%s\n", label, z.LowBPM, z.HighBPM,
				display.Clock(time.Duration(z.Seconds)*time.Second), 100*z.Fraction, strings.Repeat("█", int(z.Fraction*30+0.5)))
		}
		tw.Flush()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw)
	switch {
	case r.CapBPM > 0 && r.HRSeconds > 0:
		fmt.Fprintf(tw, "Recovery cap\t%.0f bpm\t%.1f min above; %s\n", r.CapBPM, r.MinutesAboveCap, r.CapReason)
	case r.CapBPM > 0:
		fmt.Fprintf(tw, "Recovery cap\t%.0f bpm\tno heart rate recorded: RPE judges how hard it was; %s\n", r.CapBPM, r.CapReason)
	}
	if r.AvgHR > 0 {
		fmt.Fprintf(tw, "Heart rate\t%.0f avg, %.0f max bpm\tafter removing artefacts; drift %+.1f bpm second half vs first\n",
			r.AvgHR, r.MaxHR, r.DriftBPM)
	}
	if r.Decoupling.Applies {
		fmt.Fprintf(tw, "Decoupling\t%.1f %%\t%s\n", r.Decoupling.Pct, r.Decoupling.Reason)
	} else if r.Decoupling.Reason != "" {
		fmt.Fprintf(tw, "Decoupling\t—\t%s\n", r.Decoupling.Reason)
	}
	if r.EF > 0 {
		fmt.Fprintf(tw, "Efficiency factor\t%.2f\tmetres per minute per beat\n", r.EF)
	}
	if r.Load.Method != analysis.NoLoad {
		fmt.Fprintf(tw, "Load\t%.0f\t%s\n", r.Load.Value, r.Load.Reason)
	} else {
		fmt.Fprintf(tw, "Load\t—\t%s\n", r.Load.Reason)
	}
	if r.EnergyKcal > 0 {
		fmt.Fprintf(tw, "Energy\t%.0f kcal\t%s\n", r.EnergyKcal, r.EnergyMethod)
	}
	if f := r.Fuel; f != nil {
		fmt.Fprintf(tw, "Fuel (estimate)\t%.0f %% fat ± %.0f, %.0f %% carbohydrate\t%.0f g fat, %.0f g carbohydrate; %s\n",
			f.FatPct, f.UncertaintyPct, f.CarbPct, f.FatG, f.CarbG, f.Note)
	}
	tw.Flush()
	if len(r.Quality) > 0 {
		fmt.Fprintln(w, "\nHeart-rate data quality:")
		for _, q := range r.Quality {
			fmt.Fprintf(w, "  - %s: %s\n", q.Code, q.Detail)
		}
	}
	fmt.Fprintf(w, "\nAnalysed with %s.\n", r.Basis)
}
