package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web"
	"github.com/easyrun/easyrun/web/api"
)

// Server mode's upload limits: what one upload may send and expand to.
// A year of a runner's files is tens of MB; a full Garmin export a few
// GB, which the command line imports without these limits.
const (
	serverMaxUploadBytes = 1 << 30
	serverMaxFiles       = 20_000
	// An upload of 1 GiB decodes in under a minute on two cores.
	serverMaxImportTime = 5 * time.Minute
)

func runServe(ctx context.Context, env Env, args []string) error {
	fs, where := newStoreFlags(env, "serve", "")
	addr := fs.String("addr", "", "listen on this `host:port` (default $EASYRUN_ADDR, else 127.0.0.1:8080, which answers this computer only)")
	var (
		limits                        importer.Limits
		proxies, uploadDir            string
		maxImports, maxImportsAthlete int
		watched                       watchFolder
		watchUser                     string
		tileURL                       string
		watchAthlete                  = store.DefaultAthlete
	)
	set := newSettings(fs)
	set.importLimits(&limits, serverMaxImportTime)
	set.String(&uploadDir, "upload-dir", "EASYRUN_UPLOAD_DIR", "",
		"keep uploads in this `folder` while they are imported (default easyrun-uploads in the system's temporary folder)")
	set.Int(&maxImports, "max-imports", "EASYRUN_MAX_IMPORTS", api.DefaultMaxImports,
		"refuse an upload (503) while this many `imports` run or wait on the server (one per two cores runs at once)")
	set.Int(&maxImportsAthlete, "max-imports-per-athlete", "EASYRUN_MAX_IMPORTS_PER_ATHLETE", api.DefaultMaxImportsPerAthlete,
		"refuse an athlete's upload (429) while this many `imports` of theirs run or wait")
	set.String(&watched.dir, "watch", "EASYRUN_WATCH", "",
		"import the files that appear in this `folder` (a sync tool's: Garmin Express, Syncthing, Gadgetbridge) while serving")
	set.String(&watchUser, "watch-user", "EASYRUN_WATCH_USER", "", "import the watched folder into this `user`'s training in server mode (default: athlete 1, the first user's)")
	watchSettings(set, &watched, "watch-", "EASYRUN_WATCH_")
	set.String(&proxies, "trusted-proxies", "EASYRUN_TRUSTED_PROXIES", "",
		"reverse proxies whose X-Forwarded-For is believed, `addresses or CIDRs` separated by commas, so sign-in limits count real clients")
	set.String(&tileURL, "tile-url", "EASYRUN_TILE_URL", activity.DefaultTileURL,
		"the map tiles' https `template` with {z}, {x} and {y}, for runners who turn map tiles on and name no server of their own")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if err := set.apply(env.Getenv); err != nil {
		return err
	}
	if err := activity.CheckTileURL(tileURL); err != nil {
		return usageError{"--tile-url: " + err.Error()}
	}
	trusted, err := web.ParseProxies(proxies)
	if err != nil {
		return usageError{"--trusted-proxies: " + err.Error()}
	}
	listen := *addr
	if listen == "" {
		listen = env.Getenv("EASYRUN_ADDR")
	}
	if listen == "" {
		listen = "127.0.0.1:8080"
	}
	st, err := openStoreWith(ctx, env, where) // pages read through the memory map
	if err != nil {
		return err
	}
	defer st.Close()
	users, err := st.Users(ctx)
	if err != nil {
		return err
	}
	if watchUser != "" {
		if watchAthlete, err = (&target{user: watchUser}).athlete(ctx, st); err != nil {
			return fmt.Errorf("--watch-user: %w", err)
		}
	}
	// The watcher writes through the pages' cache, so that they show
	// what it imported at once.
	cache := new(training.Cache)
	cfg := web.Config{Config: api.Config{Store: cache.Store(st), Cache: cache, Now: env.Now, Location: env.Local, Limits: limits,
		MaxImports: maxImports, MaxImportsPerAthlete: maxImportsAthlete, UploadDir: uploadDir}, TrustedProxies: trusted, TileURL: tileURL}
	mode := "for one runner, no sign-in"
	if len(users) > 0 {
		cfg.Accounts = st
		cfg.Limits.MaxArchiveBytes, cfg.Limits.MaxEntries = serverMaxUploadBytes, serverMaxFiles
		mode = fmt.Sprintf("server mode, %d %s, sign-in required", len(users), plural(len(users), "user", "users"))
	} else if !loopback(listen) {
		return usageError{fmt.Sprintf("%s answers other computers, and with no accounts anyone reaching it would see and change "+
			"everything: add the first user with 'easyrun user add NAME' (server mode), or listen on 127.0.0.1", listen)}
	}
	// A server stopped mid-upload left the upload's folder, and perhaps
	// activities stored but not analysed: tidy both before serving.
	if n, err := api.SweepUploads(cfg.UploadDir); err != nil {
		slog.Error("serve: sweep uploads", "err", err)
	} else if n > 0 {
		fmt.Fprintf(env.Stdout, "Removed %d %s left by a server stopped while importing.\n", n, plural(n, "upload", "uploads"))
	}
	if err := resumeAnalysis(ctx, env, st, users); err != nil {
		return err
	}
	if watched.dir == "" {
		return web.ListenAndServe(ctx, listen, web.New(cfg), func(a net.Addr) {
			fmt.Fprintf(env.Stdout, "easyrun is serving on http://%s/ (%s; Ctrl-C stops it)\n", a, mode)
		})
	}
	// Serving and watching stop together: a watcher that fails (the
	// store gone) stops the server, so a service manager sees it.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	svc := newService(env, cfg.Store, watchAthlete)
	svc.Cache = cache
	// One decoder, as an upload's import (api.DefaultImportLanes): a sync
	// tool's batch of files must not take every core from the pages.
	watched.workers = 1
	watching := make(chan error, 1)
	go func() {
		err := watched.run(ctx, env, svc, env.Stdout)
		cancel(err)
		watching <- err
	}()
	err = web.ListenAndServe(ctx, listen, web.New(cfg), func(a net.Addr) {
		fmt.Fprintf(env.Stdout, "easyrun is serving on http://%s/ (%s; Ctrl-C stops it), importing what appears in %s\n", a, mode, watched.dir)
	})
	cancel(nil)
	if werr := <-watching; werr != nil {
		return werr
	}
	return err
}

// loopback reports whether addr listens on this computer only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// resumeAnalysis analyses the activities that imports stopped with the
// server stored but never analysed, for every athlete of users (athlete
// 1 when there are none), and says how many.
func resumeAnalysis(ctx context.Context, env Env, st store.Store, users []store.User) error {
	athletes := []store.AthleteID{store.DefaultAthlete}
	if len(users) > 0 {
		athletes = athletes[:0]
		for _, u := range users {
			athletes = append(athletes, u.ID)
		}
	}
	for _, id := range athletes {
		recs, err := st.Activities(ctx, id, store.Filter{})
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(recs, func(r store.Record) bool { return r.Analysis == nil }) {
			continue
		}
		refreshed, err := newService(env, st, id).Refresh(ctx, false)
		if err != nil {
			return fmt.Errorf("analyse athlete %d: %w", id, err)
		}
		fmt.Fprintf(env.Stdout, "Analysed %d %s of athlete %d that an interrupted import left unanalysed.\n",
			refreshed.Analysed, plural(refreshed.Analysed, "activity", "activities"), id)
	}
	return nil
}
