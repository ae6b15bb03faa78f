package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/easyrun/easyrun/backup"
	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/internal/priority"
	"github.com/easyrun/easyrun/training"
)

func runImport(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "import", "PATH...")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	var im importer.Importer
	fs.IntVar(&im.Workers, "workers", 0, "parallel decoders (0: one per core)")
	set := newSettings(fs)
	set.importLimits(&im.Limits, importer.DefaultMaxDuration)
	check := niceSetting(set, &im.Nice, "EASYRUN_IMPORT_NICE")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := set.apply(env.Getenv); err != nil {
		return err
	}
	if err := check(); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"want at least one file, folder or archive to import"}
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	svc.Nice = im.Nice
	plain, exports := splitExports(fs.Args())
	sum := &importer.Summary{}
	// An import stopped by a limit keeps what it stored, analysed, and
	// then says which limit.
	var limitErr error
	if len(plain) > 0 {
		if sum, err = importPaths(ctx, env, svc, im, plain...); errors.Is(err, importer.ErrLimit) {
			limitErr = err
		} else if err != nil {
			return err
		}
	}
	// An easyrun export is restored, not only imported; each restore
	// analyses what it and the imports before it brought.
	var refreshed training.Refreshed
	restored := make([]*backup.Restored, len(exports))
	for i, p := range exports {
		if restored[i], err = restore(ctx, env, svc, im, p); err != nil {
			return err
		}
		refreshed.Analysed += restored[i].Refreshed.Analysed
		refreshed.Duration += restored[i].Refreshed.Duration
	}
	if len(exports) == 0 {
		if refreshed, err = svc.Refresh(ctx, false); err != nil {
			return fmt.Errorf("analyse: %w", err)
		}
	}
	failed := sum.Failed()
	if *asJSON {
		err := writeJSON(env, struct {
			*importer.Summary
			Analysed int                `json:"analysed"`
			Restored []*backup.Restored `json:"restored,omitempty"`
		}{sum, refreshed.Analysed, restored})
		if err != nil {
			return err
		}
	} else {
		if len(plain) > 0 {
			printSummary(env.Stdout, sum)
		}
		for i, r := range restored {
			printSummary(env.Stdout, r.Import)
			printRestored(env.Stdout, exports[i], r)
		}
		printRefreshed(env.Stdout, refreshed)
	}
	for _, r := range restored {
		failed = failed || r.Import.Failed()
	}
	if limitErr != nil {
		return limitErr
	}
	if failed {
		return errFailed
	}
	return nil
}

// defaultImportNice is how much 'easyrun import' and 'easyrun watch'
// lower the priority of their CPU-heavy work by default: as much as
// nice(1) does.
const defaultImportNice = 10

// niceSetting registers --nice and its environment variable env, read
// into n, for a command that imports beside a server; check refuses a
// value out of range, once the settings are applied.
func niceSetting(set *settings, n *int, env string) (check func() error) {
	set.Int(n, "nice", env, defaultImportNice,
		fmt.Sprintf("lower the CPU priority of decoding and analysing by this many `steps` (0 to %d, as nice(1); 0 leaves it), "+
			"so that a server beside the import keeps answering; its writes keep their priority", priority.MaxNice))
	return func() error {
		if *n < 0 || *n > priority.MaxNice {
			return usageError{fmt.Sprintf("--nice (%s) %d: want 0 to %d steps of lower priority", env, *n, priority.MaxNice)}
		}
		return nil
	}
}

// importPaths imports paths into svc's athlete's store as im is set up
// (workers, limits, priority), deriving each activity's analysis as it
// goes, with a progress bar on a terminal.
func importPaths(ctx context.Context, env Env, svc *training.Service, im importer.Importer, paths ...string) (*importer.Summary, error) {
	derive, err := svc.Derive(ctx)
	if err != nil {
		return nil, err
	}
	im.Store, im.Athlete, im.Derive = svc.Store, svc.Athlete, derive
	if pb := newProgressBar(env.Stderr); pb != nil {
		im.Progress = pb
		defer pb.Finish()
	}
	return im.Import(ctx, paths...)
}

func printSummary(w io.Writer, s *importer.Summary) {
	mb := float64(s.Bytes) / (1 << 20)
	rate := 0.0
	if sec := s.Duration.Seconds(); sec > 0 {
		rate = mb / sec
	}
	fmt.Fprintf(w, "Imported %d new %s from %d %s in %.1f s (%.1f MiB, %.1f MiB/s).\n",
		s.Imported, plural(s.Imported, "activity", "activities"), s.Files, plural(s.Files, "file", "files"),
		s.Duration.Seconds(), mb, rate)
	if s.Duplicates > 0 {
		fmt.Fprintf(w, "Duplicates: %d (imported before, or the same session from another file).\n", s.Duplicates)
	}
	if s.Replaced > 0 {
		fmt.Fprintf(w, "Replaced: %d stored %s by a richer recording of the same session.\n",
			s.Replaced, plural(s.Replaced, "session", "sessions"))
	}
	if s.Mornings > 0 {
		fmt.Fprintf(w, "Mornings: %d read from monitoring and HRV files (resting HR, the night's HRV); see easyrun morning.\n", s.Mornings)
	}
	list := func(title string, ps []importer.Problem) {
		if len(ps) == 0 {
			return
		}
		fmt.Fprintf(w, "%s: %d\n", title, len(ps))
		for _, p := range ps {
			fmt.Fprintf(w, "  - %s: %s\n", p.Path, p.Reason)
		}
	}
	list("Skipped, not activities", s.Skipped)
	list("Partial, every record before the break kept", s.Partial)
	list("Failed", s.Failures)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func printRefreshed(w io.Writer, r training.Refreshed) {
	if r.Analysed > 0 {
		fmt.Fprintf(w, "Analysed %d %s in %.2f s.\n", r.Analysed, plural(r.Analysed, "activity", "activities"), r.Duration.Seconds())
	}
}
