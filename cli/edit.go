package cli

import (
	"context"
	"flag"
	"fmt"
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
	start, _ := env.zone.Start(&rec.Activity)
	what := fmt.Sprintf("activity %d (%s, %s)", id, sportName(&rec.Activity), start.Format("Mon 2006-01-02 15:04"))
	if !*yes {
		return usageError{fmt.Sprintf("this deletes %s with its analysis; add --yes to delete it", what)}
	}
	if _, err := svc.Delete(ctx, id); err != nil {
		return fmt.Errorf("activity %d: %w", id, err)
	}
	fmt.Fprintf(env.Stdout, "Deleted %s; the days around it were judged again. Its original file is kept.\n", what)
	return nil
}
