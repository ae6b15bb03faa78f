package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/easyrun/easyrun/backup"
	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/training"
)

func runExport(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "export", "FILE.zip")
	force := fs.Bool("force", false, "replace FILE.zip if it exists")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"want the zip file to write, e.g. easyrun-backup.zip"}
	}
	path := fs.Arg(0)
	if _, err := os.Stat(path); err == nil && !*force {
		return fmt.Errorf("%s exists: choose another name, or replace it with --force", path)
	}
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()

	// Written whole before it replaces anything: a failed export never
	// leaves half a zip, nor loses an old one. Private, as the runner's
	// data.
	var n backup.Exported
	err = writeFileAtomic(path, 0o600, func(w io.Writer) (err error) {
		n, err = backup.Export(ctx, st, svc.Athlete, w, env.Now())
		return err
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	fmt.Fprintf(env.Stdout, "Exported %d %s (%d logged by hand) and %d original %s (%.1f MiB) to %s (%.1f MiB).\n",
		n.Activities, plural(n.Activities, "activity", "activities"), n.Manual,
		n.Files, plural(n.Files, "file", "files"), mib(n.FileBytes), path, mib(info.Size()))
	fmt.Fprintf(env.Stdout, "It holds your profile and plan, and every RPE, name and note; 'easyrun import %s' restores it.\n", path)
	return nil
}

func mib(bytes int64) float64 { return float64(bytes) / (1 << 20) }

// splitExports separates easyrun exports from the other paths to import.
func splitExports(paths []string) (plain, exports []string) {
	for _, p := range paths {
		if backup.IsExport(p) {
			exports = append(exports, p)
		} else {
			plain = append(plain, p)
		}
	}
	return plain, exports
}

// restore restores the easyrun export at path, importing as im is set up
// (workers, limits, priority), with a progress bar on a terminal.
func restore(ctx context.Context, env Env, svc *training.Service, im importer.Importer, path string) (*backup.Restored, error) {
	if pb := newProgressBar(env.Stderr); pb != nil {
		im.Progress = pb
		defer pb.Finish()
	}
	return backup.Restore(ctx, svc, im, path)
}

func printRestored(w io.Writer, path string, r *backup.Restored) {
	fmt.Fprintf(w, "Restored the easyrun export %s of %s:\n", path, r.ExportedAt.Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "  activities from files: %d in the export, %d new here\n", r.Activities, r.Import.Imported+r.Import.Replaced)
	fmt.Fprintf(w, "  RPE: %d set\n", r.RPEs)
	fmt.Fprintf(w, "  runs logged by hand: %d in the export, %d logged now\n", r.Manual, r.Logged)
	fmt.Fprintf(w, "  profile: %s\n", restoredWord(r.Profile, true))
	fmt.Fprintf(w, "  plan: %s\n", restoredWord(r.Plan, r.HasPlan))
	if r.Mornings > 0 {
		fmt.Fprintf(w, "  morning check-ins: %d put back\n", r.Mornings)
	}
	if r.Shoes > 0 || r.Worn > 0 {
		fmt.Fprintf(w, "  shoes: %d added, %d %s given back the shoe they were run in\n", r.Shoes, r.Worn, plural(r.Worn, "activity", "activities"))
	}
}

func restoredWord(changed, present bool) string {
	switch {
	case !present:
		return "none in the export"
	case changed:
		return "restored"
	}
	return "already here"
}
