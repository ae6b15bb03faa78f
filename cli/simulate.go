package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
)

func runSimulate(ctx context.Context, env Env, args []string) error {
	fs, _ := newFlags(env, "simulate", "")
	weeks := fs.Int("weeks", 12, "`number` of weeks of training, ending this week")
	out := fs.String("out", "", "`folder` to write the FIT files to (required)")
	seed := fs.Uint64("seed", 1, "random `seed`: the same seed gives the same runner and history")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"--out is required"}
	}
	if *weeks < 1 || *weeks > sim.MaxHistoryWeeks {
		return usageError{fmt.Sprintf("--weeks must be between 1 and %d", sim.MaxHistoryWeeks)}
	}
	paths, err := simulate(ctx, *out, *weeks, *seed, env.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote %d simulated sessions (%d weeks) as FIT files to %s.\n", len(paths), *weeks, *out)
	fmt.Fprintln(env.Stdout, "They are synthetic: device \"easyrun simulator\", file names say the session type.")
	return nil
}

// simulate writes the default runner's history of about the given weeks,
// ending at now, to dir.
func simulate(ctx context.Context, dir string, weeks int, seed uint64, now time.Time) ([]string, error) {
	r := sim.DefaultRunner()
	r.Seed = seed
	// History starts on a Monday; begin the week before so that the last
	// week is this one, and keep only sessions already over: no run from
	// the future.
	sessions := r.History(now.AddDate(0, 0, -7*weeks-7), weeks+1)
	past := sessions[:0]
	for _, s := range sessions {
		if !s.Start.Add(s.Duration).After(now) {
			past = append(past, s)
		}
	}
	return r.WriteFIT(ctx, dir, past)
}

func runDemo(ctx context.Context, env Env, args []string) error {
	fs, where := newStoreFlags(env, "demo", "")
	weeks := fs.Int("weeks", 12, "`number` of weeks to simulate")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	// The demo never touches the runner's real database unless told to.
	if where.db == "" {
		def, err := dbPath(Env{Getenv: func(k string) string {
			if k == "EASYRUN_DB" {
				return ""
			}
			return env.Getenv(k)
		}}, "")
		if err != nil {
			return err
		}
		where.db = filepath.Join(filepath.Dir(def), "demo.db")
	}
	dir, err := os.MkdirTemp("", "easyrun-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	fmt.Fprintf(env.Stdout, "1. Simulating %d weeks of a club runner (max HR 190, resting 50) as FIT files...\n", *weeks)
	paths, err := simulate(ctx, dir, *weeks, 1, env.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "   %d sessions written.\n\n2. Importing them into %s...\n   ", len(paths), where.db)
	st, err := openStore(ctx, env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	// The runner's profile, as a newcomer would set it: max HR is left for
	// easyrun to detect from the runs.
	svc := newService(env, st, store.DefaultAthlete)
	r := sim.DefaultRunner()
	// "Today" is the simulated runner's, in their time zone, whatever the machine's.
	env.Local = time.FixedZone("", int(r.UTCOffset/time.Second))
	profile := activity.Athlete{BirthYear: 1986, Sex: activity.Male, MassKg: 70,
		RestingHR: activity.Value{V: r.RestingHR, Origin: activity.SetByRunner}}
	if err := st.SaveAthlete(ctx, store.DefaultAthlete, profile); err != nil {
		return err
	}
	sum, err := importPaths(ctx, env, svc, importer.Importer{}, dir)
	if err != nil {
		return err
	}
	printSummary(env.Stdout, sum)
	refreshed, err := svc.Refresh(ctx, false)
	if err != nil {
		return err
	}
	printRefreshed(env.Stdout, refreshed)

	fmt.Fprintln(env.Stdout, "\n3. What should this runner run today?")
	rec, err := svc.Today(ctx, env.Local)
	if err != nil {
		return err
	}
	printToday(env.Stdout, rec)

	fmt.Fprintln(env.Stdout, "\n4. Did a real recovery run follow every hard session? The last two weeks:")
	report, err := svc.Audit(ctx, 2)
	if err != nil {
		return err
	}
	printAudit(env.Stdout, report)

	fmt.Fprintln(env.Stdout, "5. The last two weeks' sessions:")
	from := env.Now().AddDate(0, 0, -14).Format(time.DateOnly)
	if err := runActivities(ctx, env, []string{"--db", where.db, "--from", from}); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\nExplore further, e.g.: go run ./cmd/easyrun show --db %s ID\n", where.db)
	return nil
}
