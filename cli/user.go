package cli

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"github.com/easyrun/easyrun/auth"
	"github.com/easyrun/easyrun/store"
)

// runUser manages server mode's accounts: the administrator's command.
func runUser(ctx context.Context, env Env, args []string) error {
	subs := map[string]func(context.Context, Env, []string) error{
		"add": runUserAdd, "list": runUserList, "passwd": runUserPasswd, "remove": runUserRemove,
	}
	fs, _ := newStoreFlags(env, "user", "add|list|passwd|remove [NAME]")
	v, rest := verb(fs, args, slices.Collect(maps.Keys(subs))...)
	if v != "" {
		return subs[v](ctx, env, rest)
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"user needs a subcommand: add, list, passwd or remove"}
	}
	return usageError{fmt.Sprintf("unknown subcommand %q: use add, list, passwd or remove", fs.Arg(0))}
}

func runUserAdd(ctx context.Context, env Env, args []string) error {
	fs, where := newStoreFlags(env, "user add", "NAME")
	role := fs.String("role", string(store.RoleAthlete), "`role`: athlete, coach (sees the athletes who grant access) or admin")
	name, err := parseName(fs, args)
	if err != nil {
		return err
	}
	r := store.Role(*role)
	if r != store.RoleAthlete && r != store.RoleCoach && r != store.RoleAdmin {
		return usageError{fmt.Sprintf("--role %q: use athlete, coach or admin", *role)}
	}
	st, err := openStore(ctx, env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	password, err := readNewPassword(env, name)
	if err != nil {
		return err
	}
	u, err := st.AddUser(ctx, name, r, auth.HashPassword(password))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Added %s (%s), athlete %d.\n", u.Name, u.Role, u.ID)
	if u.ID == store.DefaultAthlete {
		fmt.Fprintf(env.Stdout, "%s owns the training stored before accounts existed.\n", u.Name)
		fmt.Fprintln(env.Stdout, "Server mode is on: 'easyrun serve' now asks everyone to sign in.")
	}
	return nil
}

func runUserList(ctx context.Context, env Env, args []string) error {
	fs, where := newStoreFlags(env, "user list", "")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	users, err := st.Users(ctx)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintln(env.Stdout, "No users: easyrun runs for one runner without signing in. 'easyrun user add NAME' makes the first account.")
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLE\tATHLETE\tCOACHES\tADDED")
	for _, u := range users {
		coaches, err := st.Coaches(ctx, u.ID)
		if err != nil {
			return err
		}
		names := make([]string, len(coaches))
		for i, c := range coaches {
			names[i] = c.Name
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", u.Name, u.Role, u.ID, cmp.Or(strings.Join(names, ", "), "-"),
			u.Created.In(cmp.Or(env.Local, time.Local)).Format("2006-01-02"))
	}
	return tw.Flush()
}

func runUserPasswd(ctx context.Context, env Env, args []string) error {
	fs, where := newStoreFlags(env, "user passwd", "NAME")
	st, u, err := openUser(ctx, env, fs, where, args)
	if err != nil {
		return err
	}
	defer st.Close()
	password, err := readNewPassword(env, u.Name)
	if err != nil {
		return err
	}
	if err := st.SetPassword(ctx, u.ID, auth.HashPassword(password)); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Changed %s's password and signed them out everywhere.\n", u.Name)
	return nil
}

func runUserRemove(ctx context.Context, env Env, args []string) error {
	fs, where := newStoreFlags(env, "user remove", "NAME")
	yes := fs.Bool("yes", false, "remove without asking: the user's training is deleted with them")
	st, u, err := openUser(ctx, env, fs, where, args)
	if err != nil {
		return err
	}
	defer st.Close()
	recs, err := st.Activities(ctx, u.ID, store.Filter{})
	if err != nil {
		return err
	}
	if !*yes {
		return usageError{fmt.Sprintf("removing %s deletes their %d %s, files, plan and profile for good "+
			"('easyrun export' keeps a copy): run again with --yes", u.Name, len(recs), plural(len(recs), "activity", "activities"))}
	}
	if err := st.RemoveUser(ctx, u.ID); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Removed %s with %d %s.\n", u.Name, len(recs), plural(len(recs), "activity", "activities"))
	return nil
}

// openUser parses a subcommand that takes one user NAME, opens the store
// and finds the user; the caller closes the store.
func openUser(ctx context.Context, env Env, fs *flag.FlagSet, where *target, args []string) (store.Store, store.User, error) {
	name, err := parseName(fs, args)
	if err != nil {
		return nil, store.User{}, err
	}
	st, err := openStore(ctx, env, where)
	if err != nil {
		return nil, store.User{}, err
	}
	u, _, err := st.UserByName(ctx, name)
	if err != nil {
		st.Close()
		return nil, store.User{}, err
	}
	return st, u, nil
}

// parseName parses a subcommand's flags and its one user NAME.
func parseName(fs *flag.FlagSet, args []string) (string, error) {
	if err := parse(fs, args); err != nil {
		return "", err
	}
	if fs.NArg() != 1 {
		return "", usageError{"give one user NAME"}
	}
	name := fs.Arg(0)
	if err := auth.CheckName(name); err != nil {
		return "", usageError{err.Error()}
	}
	return name, nil
}

// readNewPassword asks for a password twice on a terminal, without echo;
// from a pipe it reads one line, so that scripts can set passwords.
func readNewPassword(env Env, name string) (string, error) {
	var pw string
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		ask := func(prompt string) (string, error) {
			fmt.Fprint(env.Stderr, prompt)
			b, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(env.Stderr)
			return string(b), err
		}
		var err error
		if pw, err = ask("Password for " + name + ": "); err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		again, err := ask("Again: ")
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if again != pw {
			return "", errors.New("the two passwords differ: nothing changed")
		}
	} else {
		line, err := bufio.NewReader(io.LimitReader(env.Stdin, auth.MaxPasswordLen+2)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read password from standard input: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if err := auth.CheckPassword(pw); err != nil {
		return "", fmt.Errorf("%w: nothing changed", err)
	}
	return pw, nil
}
