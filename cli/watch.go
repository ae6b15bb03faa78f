package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/importer/watch"
	"github.com/easyrun/easyrun/training"
)

// watchFolder is how a watched folder is read: where, how, into whose
// training.
type watchFolder struct {
	dir     string
	poll    time.Duration // when positive, read the folder this often and use no notifications
	settle  time.Duration
	workers int
	nice    int // steps of lower CPU priority for decoding and analysing
	limits  importer.Limits
}

// watchSettings registers the watching settings of the watch and serve
// commands, prefixed for serve ("watch-poll").
func watchSettings(set *settings, w *watchFolder, prefix, envPrefix string) {
	set.Duration(&w.poll, prefix+"poll", envPrefix+"POLL", 0,
		"read the folder every `interval` instead of waiting for change notifications, which network mounts (NFS, SMB) do not send")
	set.Duration(&w.settle, prefix+"settle", envPrefix+"SETTLE", watch.DefaultSettle,
		"import a file once it has not changed for this `duration`")
}

func runWatch(ctx context.Context, env Env, args []string) error {
	fs, where := newFlags(env, "watch", "DIR")
	var w watchFolder
	fs.IntVar(&w.workers, "workers", 0, "parallel decoders (0: one per core)")
	set := newSettings(fs)
	set.importLimits(&w.limits, importer.DefaultMaxDuration)
	watchSettings(set, &w, "", "EASYRUN_WATCH_")
	check := niceSetting(set, &w.nice, "EASYRUN_WATCH_NICE")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := set.apply(env.Getenv); err != nil {
		return err
	}
	if err := check(); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{fmt.Sprintf("want one folder to watch, got %d arguments", fs.NArg())}
	}
	w.dir = fs.Arg(0)
	svc, st, err := service(ctx, &env, where)
	if err != nil {
		return err
	}
	defer st.Close()
	svc.Nice = w.nice
	how := "as files appear"
	if w.poll > 0 {
		how = fmt.Sprintf("reading it every %v", w.poll)
	}
	fmt.Fprintf(env.Stdout, "Watching %s, importing %s (Ctrl-C stops).\n", w.dir, how)
	return w.run(ctx, env, svc, env.Stdout)
}

// run imports the files that appear in w.dir into svc's athlete's
// training until ctx is done, as 'easyrun import' does: the same dedupe, the
// same report of every file that failed (to out, with the time), and the
// analysis brought up to date after each batch.
func (w watchFolder) run(ctx context.Context, env Env, svc *training.Service, out io.Writer) error {
	wt := &watch.Watcher{Dir: w.dir, Settle: w.settle, Rescan: w.poll, PollOnly: w.poll > 0,
		Notice: func(msg string) { fmt.Fprintf(out, "%s %s\n", env.Now().Format(time.TimeOnly), msg) },
		Batch: func(ctx context.Context, paths []string) error {
			derive, err := svc.Derive(ctx)
			if err != nil {
				return fmt.Errorf("import from %s: %w", w.dir, err)
			}
			im := &importer.Importer{Store: svc.Store, Athlete: svc.Athlete, Workers: w.workers, Nice: w.nice, Limits: w.limits, Derive: derive}
			sum, err := im.Import(ctx, paths...)
			if err != nil {
				return fmt.Errorf("import from %s: %w", w.dir, err)
			}
			refreshed, err := svc.Refresh(ctx, false)
			if err != nil {
				return fmt.Errorf("analyse: %w", err)
			}
			fmt.Fprintf(out, "%s ", env.Now().Format(time.TimeOnly))
			printSummary(out, sum)
			printRefreshed(out, refreshed)
			return nil
		}}
	return wt.Run(ctx)
}
