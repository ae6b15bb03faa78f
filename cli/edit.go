package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
)

// runEdit renames an activity or replaces its notes, as the activity
// page does; a flag not given leaves its value as it is.
func runEdit(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "edit", "ID [--name TEXT] [--notes TEXT]")
	name := fs.String("name", "", "the activity's new `name` (\"\" clears it)")
	notes := fs.String("notes", "", "the activity's new `notes` (\"\" clears them)")
	if err := parse(fs, args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if fs.NArg() != 1 || !given["name"] && !given["notes"] {
		return usageError{"want an activity ID and --name, --notes or both"}
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil {
		return usageError{fmt.Sprintf("bad activity ID %q", fs.Arg(0))}
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	rec, err := st.Activity(ctx, svc.Athlete, id)
	if err != nil {
		return fmt.Errorf("activity %d: %w", id, err)
	}
	if !given["name"] {
		*name = rec.Activity.Name
	}
	if !given["notes"] {
		*notes = rec.Activity.Notes
	}
	if _, err := svc.SetDetails(ctx, id, *name, *notes); err != nil {
		return fmt.Errorf("activity %d: %w", id, err)
	}
	fmt.Fprintf(env.Stdout, "Activity %d: %q, analysed again.\n", id, *name)
	return nil
}
