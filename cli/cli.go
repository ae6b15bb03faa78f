// Package cli implements easyrun's command line: it parses arguments,
// opens the store and calls the core, writing text or JSON. Commands take
// their streams from Env so that tests run them like a user would.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/postgres"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/training"
)

// Env is what a command sees of the outside world.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Now is the clock; nil means time.Now. Tests fix it for golden output;
	// --now and EASYRUN_NOW fix it for the command (see Run).
	Now func() time.Time
	// Local overrides the runner's time zone (tests); nil means the
	// zone their profile resolves to (training.Service.Zone).
	Local *time.Location

	clock *clock        // what --now sets; made by Run
	zone  training.Zone // the runner's, once service has resolved it
}

// clock is a command's time: Env's clock, or the instant --now or
// EASYRUN_NOW fixes so that a scenario can be replayed.
type clock struct {
	real  func() time.Time
	fixed time.Time // zero: not fixed
}

func (c *clock) now() time.Time {
	if !c.fixed.IsZero() {
		return c.fixed
	}
	return c.real()
}

// nowLayout is the format of --now and EASYRUN_NOW, and an example of it.
const nowLayout, nowExample = time.RFC3339, "2026-03-04T07:30:00+01:00"

// parseNow reads a --now or EASYRUN_NOW value.
func parseNow(s string) (time.Time, error) {
	t, err := time.Parse(nowLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("want an RFC 3339 time such as %s", nowExample)
	}
	return t, nil
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the command ran but something failed (e.g. a file did not import)
	exitUsage   = 2
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"import", "import activity files, folders, archives and exports", runImport},
		{"watch", "import the files that appear in a folder a sync tool fills, as they appear, until stopped", runWatch},
		{"activities", "list stored activities, newest first", runActivities},
		{"show", "show one activity: summary, laps, device, data quality", runShow},
		{"athlete", "show or set the runner's profile: max HR, resting HR, LTHR, experience, units", runAthlete},
		{"rules", "show the recovery rules with your values; rules set NAME VALUE, rules reset [NAME]", runRules},
		{"zones", "print the heart-rate zones and the recovery cap in bpm", runZones},
		{"log", "log a run without a watch: duration and RPE", runLog},
		{"rpe", "set how hard an activity felt (RPE 1-10)", runRPE},
		{"edit", "rename an activity or replace its notes: edit ID --name TEXT --notes TEXT", runEdit},
		{"delete", "delete an activity (--yes); its original file is kept until purged", runDelete},
		{"purge", "list the kept originals of deleted activities; delete them for good with --yes", runPurge},
		{"tag", "correct the sport of activities: tag ID... --sport cycling (kept across re-imports)", runTag},
		{"load", "fitness, fatigue, form and the acute:chronic ratio", runLoad},
		{"audit", "did a real recovery run follow every hard session? verdicts per run and week", runAudit},
		{"morning", "the ten-second morning check-in: resting HR, HRV, sleep, legs; without values, the last mornings and your normal", runMorning},
		{"shoes", "your shoes and their distance: shoes add|list|retire|assign; a warning past the retirement distance", runShoes},
		{"bests", "personal bests: the fastest 1 km, 5 km, 10 km, half and marathon inside any run", runBests},
		{"today", "what should I run today? rest, recovery run, easy run or ready for hard", runToday},
		{"plan", "plan a week or a block with recovery between hard days; show it; export it to calendar and watch", runPlan},
		{"export", "write everything to one zip: original files, profile, plan, RPEs, notes; 'easyrun import' restores it", runExport},
		{"serve", "serve the web pages and the JSON API (default http://127.0.0.1:8080/)", runServe},
		{"user", "server mode's accounts: user add|list|passwd|remove NAME (the first user turns sign-in on)", runUser},
		{"simulate", "write a simulated athlete's training history as FIT files", runSimulate},
		{"demo", "simulate a runner, import the files and show what was found", runDemo},
	}
}

// Run runs the command line args and returns the process exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	// The flag beats the environment: a command's --now sets clock.fixed
	// again while its flags are parsed.
	env.clock = &clock{real: env.Now}
	if v := env.Getenv("EASYRUN_NOW"); v != "" {
		t, err := parseNow(v)
		if err != nil {
			fmt.Fprintf(env.Stderr, "easyrun: EASYRUN_NOW=%q: %v\n", v, err)
			return exitUsage
		}
		env.clock.fixed = t
	}
	env.Now = env.clock.now
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.As(err, new(usageError)):
			fmt.Fprintf(env.Stderr, "easyrun %s: %v\n", c.name, err)
			return exitUsage
		case errors.Is(err, errFailed):
			return exitFailure
		default:
			fmt.Fprintf(env.Stderr, "easyrun %s: %v\n", c.name, err)
			return exitFailure
		}
	}
	fmt.Fprintf(env.Stderr, "easyrun: unknown command %q\n\n", args[0])
	usage(env.Stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "easyrun: hard days only work if the days after them are truly easy.")
	fmt.Fprintln(w, "\nUsage: easyrun COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --db PATH (or EASYRUN_DB); the default is the XDG data directory.")
	fmt.Fprintf(w, "Every command takes --now TIME (or EASYRUN_NOW), RFC 3339 such as %s, to replay a day: the clock stands still there.\n", nowExample)
	fmt.Fprintln(w, "Flags may come before or after a command's arguments and sub-verb; '--' ends the flags.")
	fmt.Fprintln(w, "Run 'easyrun COMMAND -h' for a command's flags.")
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errFailed means the command already reported its failure; exit non-zero quietly.
var errFailed = errors.New("failed")

// target is where a command acts: the database, and in server mode
// whose training.
type target struct {
	db   string // the --db flag
	user string // the --user flag; empty for the default athlete
}

// newFlags starts the flag set of a command on a runner's training, with
// the flags those commands share: --db and --user.
func newFlags(env Env, name, args string) (*flag.FlagSet, *target) {
	fs, t := newStoreFlags(env, name, args)
	fs.StringVar(&t.user, "user", "", "act on this `user`'s training in server mode (default: athlete 1, the first user's)")
	return fs, t
}

// newStoreFlags starts the flag set of a command on the whole store, with
// --db only.
func newStoreFlags(env Env, name, args string) (*flag.FlagSet, *target) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	t := &target{}
	fs.StringVar(&t.db, "db", "", "database `path` (default $EASYRUN_DB, else $XDG_DATA_HOME/easyrun/easyrun.db)")
	fs.Func("now", "take `time` (RFC 3339, e.g. "+nowExample+") as now, to replay a scenario (default $EASYRUN_NOW, else the clock)",
		func(s string) error {
			at, err := parseNow(s)
			if err != nil {
				return err
			}
			if env.clock != nil {
				env.clock.fixed = at
			}
			return nil
		})
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: easyrun %s [flags] %s\n\nFlags:\n", name, args)
		fs.PrintDefaults()
	}
	return fs, t
}

// athlete is the athlete whose training t names.
func (t *target) athlete(ctx context.Context, st store.Store) (store.AthleteID, error) {
	if t.user == "" {
		return store.DefaultAthlete, nil
	}
	u, _, err := st.UserByName(ctx, t.user)
	if err != nil {
		return 0, fmt.Errorf("--user: %w", err)
	}
	return u.ID, nil
}

// parse parses flags wherever they stand among the arguments, turning
// flag errors into usage errors: the standard flag package stops at the
// first argument, which left later flags to be read as arguments
// ("show 42 --json"). "--" ends the flags. The arguments are left in fs,
// as Parse leaves them.
func parse(fs *flag.FlagSet, args []string) error {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
	return fs.Parse(append([]string{"--"}, positional...))
}

// parseIDs reads the arguments as IDs of what they name ("activity",
// "file").
func parseIDs(args []string, what string) ([]int64, error) {
	ids := make([]int64, len(args))
	for i, arg := range args {
		id, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			return nil, usageError{fmt.Sprintf("bad %s ID %q", what, arg)}
		}
		ids[i] = id
	}
	return ids, nil
}

// parseNone parses the flags of a command that takes no arguments and
// refuses any: a word the command does not read must not pass unnoticed.
func parseNone(fs *flag.FlagSet, args []string) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s takes no arguments, got %q (flags start with --)", fs.Name(), strings.Join(fs.Args(), " "))}
	}
	return nil
}

// verb finds a command's sub-verb wherever the flags fs shares with it
// leave it ("athlete --db X set ..." as well as "athlete set --db X ..."):
// the first argument that is neither one of fs's flags nor a flag's
// value. It returns the verb and the other arguments in order, or "" and
// args when that argument is none of verbs; the caller's own parse of
// args then reports what is wrong with them.
func verb(fs *flag.FlagSet, args []string, verbs ...string) (string, []string) {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	if err != nil || fs.NArg() == 0 {
		return "", args
	}
	i := len(args) - fs.NArg()
	if (i > 0 && args[i-1] == "--") || !slices.Contains(verbs, args[i]) {
		return "", args
	}
	return args[i], slices.Concat(args[:i], args[i+1:])
}

// dbPath resolves the database location: the flag, then EASYRUN_DB, then
// the XDG data directory.
func dbPath(env Env, flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if p := env.Getenv("EASYRUN_DB"); p != "" {
		return p, nil
	}
	dir := env.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home := env.Getenv("HOME")
		if home == "" {
			var err error
			if home, err = os.UserHomeDir(); err != nil {
				return "", fmt.Errorf("no --db, EASYRUN_DB or home directory: %w", err)
			}
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "easyrun", "easyrun.db"), nil
}

// openStore opens the store t names for a command that reads each page
// about once, as an import and its analysis do (sqlite.ReadOnce); the
// server reads them again and again.
func openStore(ctx context.Context, env Env, t *target) (store.Store, error) {
	return openStoreWith(ctx, env, t, sqlite.ReadOnce())
}

// openStoreWith opens the store t names, a SQLite file with opts.
func openStoreWith(ctx context.Context, env Env, t *target, opts ...sqlite.Option) (store.Store, error) {
	path, err := dbPath(env, t.db)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(path, "postgres://") || strings.HasPrefix(path, "postgresql://") {
		// Not wrapped with the URL, which may hold a password: Open's
		// errors name the host.
		db, err := postgres.Open(ctx, path)
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	db, err := sqlite.Open(ctx, path, opts...)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}
