package cli

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/display"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// runShoes keeps the runner's shoes and which runs were run in which.
func runShoes(ctx context.Context, env Env, args []string) error {
	subs := map[string]func(context.Context, Env, []string) error{
		"add": runShoesAdd, "list": runShoesList, "retire": runShoesRetire, "assign": runShoesAssign,
	}
	fs, _ := newFlags(env, "shoes", "add|list|retire|assign")
	v, rest := verb(fs, args, slices.Collect(maps.Keys(subs))...)
	if v != "" {
		return subs[v](ctx, env, rest)
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return runShoesList(ctx, env, args)
	}
	return usageError{fmt.Sprintf("unknown subcommand %q: use add, list, retire or assign", fs.Arg(0))}
}

func runShoesAdd(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "shoes add", "NAME")
	brand := fs.String("brand", "", "brand and model, e.g. \"Nike Pegasus 41\"")
	started := fs.String("started", "", "the day of its first run, `YYYY-MM-DD` (default today)")
	retireAt := fs.Float64("retire-at", 0, "retire it at this `distance`, in your units (default 700 km; 500-800 km is the usual advice)")
	isDefault := fs.Bool("default", false, "new runs go to this pair")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"give one shoe NAME (quote a name of several words)"}
	}
	name := fs.Arg(0)
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	units, err := runnerUnits(ctx, svc)
	if err != nil {
		return err
	}
	sh := activity.Shoe{Name: name, Brand: *brand, RetireAtM: activity.DefaultRetireAtM, Default: *isDefault}
	if *retireAt != 0 {
		sh.RetireAtM = *retireAt * display.In(units).Metres()
	}
	now := env.clock.now().In(env.Local)
	sh.Started = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if *started != "" {
		if sh.Started, err = time.Parse(time.DateOnly, *started); err != nil {
			return usageError{fmt.Sprintf("--started %q: want YYYY-MM-DD", *started)}
		}
	}
	if err := sh.Validate(); err != nil {
		return usageError{err.Error()} // a mistake on the command line
	}
	id, err := st.SaveShoe(ctx, svc.Athlete, sh)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Added shoe %d, %s, to retire at %s.\n", id, name, display.In(units).Distance(sh.RetireAtM))
	if sh.Default {
		fmt.Fprintln(env.Stdout, "New runs go to it.")
	}
	return nil
}

func runShoesList(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "shoes list", "")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	shoes, err := st.Shoes(ctx, svc.Athlete)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env, append([]activity.Shoe{}, shoes...))
	}
	if len(shoes) == 0 {
		fmt.Fprintln(env.Stdout, "No shoes yet. Add a pair with: easyrun shoes add NAME --default")
		return nil
	}
	units, err := runnerUnits(ctx, svc)
	if err != nil {
		return err
	}
	u := display.In(units)
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tBRAND\tSTARTED\tDISTANCE\tRETIRE AT\tSTATUS")
	for _, sh := range shoes {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", sh.ID, sh.Name, sh.Brand, sh.Started.Format(time.DateOnly),
			u.Distance(sh.DistanceM), u.Distance(sh.RetireAtM), shoeStatus(sh))
	}
	return tw.Flush()
}

// shoeStatus says whether a shoe is in use, the default, retired, or
// past its limit.
func shoeStatus(sh activity.Shoe) string {
	switch {
	case sh.Retired:
		return "retired"
	case sh.Worn():
		return "past its limit: time for a new pair"
	case sh.Default:
		return "default"
	}
	return "in use"
}

func runShoesRetire(ctx context.Context, env Env, args []string) error {
	svc, st, ids, err := shoeCommand(ctx, &env, "shoes retire", "ID", 1, args)
	if err != nil {
		return err
	}
	defer st.Close()
	sh, err := svc.RetireShoe(ctx, ids[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Retired shoe %d, %s.\n", sh.ID, sh.Name)
	return nil
}

func runShoesAssign(ctx context.Context, env Env, args []string) error {
	svc, st, ids, err := shoeCommand(ctx, &env, "shoes assign", "SHOE ACTIVITY...", 2, args)
	if err != nil {
		return err
	}
	defer st.Close()
	var sh activity.Shoe
	if ids[0] != 0 {
		if sh, err = svc.Shoe(ctx, ids[0]); err != nil {
			return err
		}
	}
	for _, id := range ids[1:] {
		if err := st.SetShoe(ctx, svc.Athlete, id, ids[0]); err != nil {
			return err
		}
	}
	if ids[0] == 0 {
		fmt.Fprintf(env.Stdout, "Took the shoe off %d %s.\n", len(ids)-1, plural(len(ids)-1, "activity", "activities"))
		return nil
	}
	fmt.Fprintf(env.Stdout, "Assigned %d %s to shoe %d, %s.\n", len(ids)-1, plural(len(ids)-1, "activity", "activities"), sh.ID, sh.Name)
	return nil
}

// shoeCommand parses a shoes sub-verb that takes at least n ids (a shoe,
// 0 for none in assign, then activities) and opens the runner's service;
// the caller closes the store.
func shoeCommand(ctx context.Context, env *Env, name, usage string, n int, args []string) (*training.Service, store.Store, []int64, error) {
	fs, where := newFlags(*env, name, usage)
	if err := parse(fs, args); err != nil {
		return nil, nil, nil, err
	}
	if fs.NArg() < n {
		return nil, nil, nil, usageError{fmt.Sprintf("%s wants %s", name, usage)}
	}
	ids := make([]int64, fs.NArg())
	for i, a := range fs.Args() {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id < 0 {
			return nil, nil, nil, usageError{fmt.Sprintf("bad id %q: want a number as 'easyrun shoes list' or 'easyrun activities' shows", a)}
		}
		ids[i] = id
	}
	svc, st, err := service(ctx, env, where)
	return svc, st, ids, err
}
