package cli

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"text/tabwriter"

	"github.com/easyrun/easyrun/store"
)

// runEdit renames an activity, replaces its notes or marks it as a race
// or not, as the activity page does; a flag not given leaves its value as
// it is.
func runEdit(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "edit", "ID [--name TEXT] [--notes TEXT] [--race=true|false]")
	name := fs.String("name", "", "the activity's new `name` (\"\" clears it)")
	notes := fs.String("notes", "", "the activity's new `notes` (\"\" clears them)")
	race := fs.Bool("race", false, "mark the activity as a race (--race=false: not one)")
	if err := parse(fs, args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if !given["name"] && !given["notes"] && !given["race"] {
		return usageError{"want --name, --notes, --race or some of them"}
	}
	svc, st, rec, err := oneActivity(ctx, &env, fs, where)
	if err != nil {
		return err
	}
	defer st.Close()
	id := rec.ID
	if !given["name"] {
		*name = rec.Activity.Name
	}
	if !given["notes"] {
		*notes = rec.Activity.Notes
	}
	if !given["race"] {
		*race = rec.Activity.Race
	}
	if _, err := svc.SetDetails(ctx, id, store.Details{Name: *name, Notes: *notes, Race: *race}); err != nil {
		return fmt.Errorf("activity %d: %w", id, err)
	}
	mark := ""
	if *race {
		mark = ", a race"
	}
	fmt.Fprintf(env.Stdout, "Activity %d: %q%s, analysed again.\n", id, *name, mark)
	return nil
}

// runDelete deletes an activity once --yes confirms it; without, it
// says what would go. The original file stays.
func runDelete(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "delete", "ID --yes")
	yes := fs.Bool("yes", false, "delete without asking again")
	if err := parse(fs, args); err != nil {
		return err
	}
	svc, st, rec, err := oneActivity(ctx, &env, fs, where)
	if err != nil {
		return err
	}
	defer st.Close()
	id := rec.ID
	start := env.zone.Start(&rec.Activity)
	what := fmt.Sprintf("activity %d (%s, %s)", id, sportName(&rec.Activity), start.Format("Mon 2006-01-02 15:04"))
	if !*yes {
		return usageError{fmt.Sprintf("this deletes %s with its analysis; add --yes to delete it", what)}
	}
	if _, err := svc.Delete(ctx, id); err != nil {
		return fmt.Errorf("activity %d: %w", id, err)
	}
	fmt.Fprintf(env.Stdout, "Deleted %s; the days around it were judged again. Its original file is kept until you purge it (easyrun purge).\n", what)
	return nil
}

// runPurge lists the kept originals of deleted activities and, once
// --yes confirms it, deletes them: all, or those whose file IDs are given.
func runPurge(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "purge", "[FILE_ID...] [--yes]")
	yes := fs.Bool("yes", false, "delete the kept originals without asking again")
	if err := parse(fs, args); err != nil {
		return err
	}
	var ids []int64 // nil: all of them
	if fs.NArg() > 0 {
		var err error
		if ids, err = parseIDs(fs.Args(), "file"); err != nil {
			return err
		}
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	files, err := st.KeptFiles(ctx, svc.Athlete)
	if err != nil {
		return err
	}
	if ids != nil {
		files = slices.DeleteFunc(files, func(f store.KeptFile) bool { return !slices.Contains(ids, f.ID) })
	}
	if len(files) == 0 {
		fmt.Fprintln(env.Stdout, "No kept originals of deleted activities to purge.")
		return nil
	}
	if !*yes {
		var stored int64
		tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "FILE\tNAME\tFORMAT\tSTORED\tIMPORTED")
		for _, f := range files {
			stored += f.Stored
			fmt.Fprintf(tw, "%d\t%s\t%s\t%.1f KiB\t%s\n", f.ID, f.Name, f.Format, float64(f.Stored)/1024,
				f.Imported.In(env.zone.Location).Format("2006-01-02 15:04"))
		}
		tw.Flush()
		return usageError{fmt.Sprintf("these %d %s of deleted activities (%.1f KiB) are kept, so that a re-import does not bring the activities back; "+
			"add --yes to delete them for good", len(files), plural(len(files), "original is", "originals are"), float64(stored)/1024)}
	}
	n, err := st.PurgeFiles(ctx, svc.Athlete, ids)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Purged %d kept %s of deleted activities; importing %s again makes new activities.\n",
		n, plural(n, "original", "originals"), plural(n, "it", "them"))
	return nil
}
