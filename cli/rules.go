package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/easyrun/easyrun/rules"
)

// runRules shows the recovery rules with the runner's values, or sets
// or resets some of them.
func runRules(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "rules", "| easyrun rules set NAME VALUE [NAME VALUE...] | easyrun rules reset [NAME...]")
	asJSON := fs.Bool("json", false, "print JSON")
	v, rest := verb(fs, args, "set", "reset")
	if err := parse(fs, rest); err != nil {
		return err
	}
	if v == "" && fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unknown verb %q: want set or reset", fs.Arg(0))}
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := svc.Profile(ctx)
	if err != nil {
		return err
	}
	rl := p.Rules
	if v != "" {
		over, err := changed(rl.Overrides(), v, fs.Args())
		if err != nil {
			return err
		}
		if rl, err = svc.SetRules(ctx, over); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(env, rl.Values())
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tVALUE\tDEFAULT\tRANGE\tRULE")
	for _, r := range rl.Values() {
		mark := ""
		if r.Changed {
			mark = " *"
		}
		fmt.Fprintf(tw, "%s\t%s%s\t%s\t%s–%s\t%s\n", r.Name, r.Setting.Format(r.Value), mark, r.Setting.Number(r.Default),
			r.Setting.Number(r.Min), r.Setting.Number(r.Max), r.Label)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "* your own value. 'easyrun rules set NAME VALUE' changes one, 'easyrun rules reset NAME' goes back to the default; --json has each rule's reason and source.")
	return nil
}

// changed is the runner's overrides after the verb set (NAME VALUE
// pairs) or reset (names, or none for all).
func changed(over map[string]float64, verb string, args []string) (map[string]float64, error) {
	if verb == "reset" {
		if len(args) == 0 {
			return nil, nil
		}
		for _, name := range args {
			if _, ok := rules.Lookup(name); !ok {
				return nil, usageError{fmt.Sprintf("%q is not a rule: 'easyrun rules' lists them", name)}
			}
			delete(over, name)
		}
		return over, nil
	}
	if len(args) == 0 || len(args)%2 != 0 {
		return nil, usageError{"want NAME VALUE pairs, e.g. 'easyrun rules set max_above_cap 5'"}
	}
	for i := 0; i < len(args); i += 2 {
		v, err := strconv.ParseFloat(strings.ReplaceAll(args[i+1], ",", "."), 64)
		if err != nil {
			return nil, usageError{fmt.Sprintf("%s %q: want a number", args[i], args[i+1])}
		}
		over[args[i]] = v
	}
	return over, nil
}
