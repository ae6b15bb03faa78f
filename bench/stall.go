package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/training"
)

// stallTargetP99 is what a runner's view or edit may wait, at the 99th
// percentile, while another process imports into the same SQLite file
// (issue 16, item 8).
const stallTargetP99 = 100 * time.Millisecond

// benchStall times what a server does for one runner — their dashboard's
// advice and an RPE edit, which analyses again and writes — on a SQLite
// file, first alone, then while another process imports years of another
// runner's files into the same file and analyses them, as
// 'easyrun import' beside 'easyrun serve' does. Latency here is waiting
// for the file's one write lock, not CPU: each probe costs a few
// milliseconds.
func benchStall(args []string) error {
	fs := flag.NewFlagSet("stall", flag.ExitOnError)
	years := fs.Int("years", 3, "years of the simulated runner's files the other process imports")
	every := fs.Duration("every", 20*time.Millisecond, "pause between the runner's probes")
	alone := fs.Duration("alone", 10*time.Second, "how long to probe before the import starts")
	keep := fs.String("keep", "", "keep the generated files in `DIR` and reuse them")
	fs.Parse(args)

	dir, archive, done, err := archiveIn(*keep, *years)
	if err != nil {
		return err
	}
	defer done()
	db, remove := tempDB(dir, "stall")
	defer remove()

	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	// The importing process imports for importerName; the runner probed
	// is another, with a month of runs.
	if _, err := st.AddUser(ctx, importerName, store.RoleAthlete, ""); err != nil {
		return err
	}
	u, err := st.AddUser(ctx, "probe", store.RoleAthlete, "")
	if err != nil {
		return err
	}
	r := sim.DefaultRunner()
	month, err := os.MkdirTemp(dir, "probe-")
	if err != nil {
		return err
	}
	if _, err := r.WriteFIT(ctx, month, r.History(time.Now().AddDate(0, 0, -28), 4)); err != nil {
		return err
	}
	if _, err := (&importer.Importer{Store: st, Athlete: u.ID}).Import(ctx, month); err != nil {
		return err
	}
	svc := &training.Service{Store: st, Athlete: u.ID}
	if _, err := svc.Refresh(ctx, false); err != nil {
		return err
	}
	recs, err := st.Activities(ctx, u.ID, store.Filter{})
	if err != nil || len(recs) == 0 {
		return errors.Join(errors.New("the probed runner has no runs"), err)
	}
	edited := recs[0].ID

	fmt.Printf("probing a runner's advice and RPE edit every %v: %v alone, then beside an import of %s\n\n", *every, *alone, archive)
	probe := func(stop <-chan struct{}) (reads, writes []time.Duration, err error) {
		for rpe := 1; ; rpe = rpe%10 + 1 {
			select {
			case <-stop:
				return reads, writes, nil
			case <-time.After(*every):
			}
			t0 := time.Now()
			if _, err := svc.Advice(ctx, time.UTC, 2); err != nil {
				return nil, nil, fmt.Errorf("advice: %w", err)
			}
			t1 := time.Now()
			if _, err := svc.SetRPE(ctx, edited, rpe); err != nil {
				return nil, nil, fmt.Errorf("set RPE: %w", err)
			}
			reads, writes = append(reads, t1.Sub(t0)), append(writes, time.Since(t1))
		}
	}

	aloneReads, aloneWrites, err := probe(closedAfter(*alone))
	if err != nil {
		return err
	}
	imported := make(chan struct{})
	var im importBeside
	go func() {
		defer close(imported)
		im = importInto(ctx, db, archive)
	}()
	busyReads, busyWrites, err := probe(imported)
	if err := errors.Join(err, im.Err); err != nil {
		return err
	}

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\tprobe\tcount\tp50 ms\tp99 ms\tmax ms\t")
	for _, p := range []struct {
		phase, probe string
		d            []time.Duration
	}{
		{"alone", "advice (read)", aloneReads}, {"alone", "RPE edit (write)", aloneWrites},
		{"beside import", "advice (read)", busyReads}, {"beside import", "RPE edit (write)", busyWrites},
	} {
		if len(p.d) == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f\t%.1f\t%.1f\t\n", p.phase, p.probe, len(p.d),
			ms(percentile(p.d, 0.5)), ms(percentile(p.d, 0.99)), ms(percentile(p.d, 1)))
	}
	tw.Flush()
	fmt.Printf("\n'easyrun import' in another process imported %d activities and analysed them in %.1f s, %.1f s of CPU\n",
		im.Files, im.Duration.Seconds(), im.CPU.Seconds())
	if len(busyReads) == 0 {
		return nil
	}
	worst := max(percentile(busyReads, 0.99), percentile(busyWrites, 0.99))
	verdict := "met"
	if worst > stallTargetP99 {
		verdict = "MISSED"
	}
	fmt.Printf("beside the import: p99 %.1f ms against the target of %v: %s\n", ms(worst), stallTargetP99, verdict)
	return nil
}

// closedAfter returns a channel closed after d.
func closedAfter(d time.Duration) <-chan struct{} {
	c := make(chan struct{})
	time.AfterFunc(d, func() { close(c) })
	return c
}
