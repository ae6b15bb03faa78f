package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/auth"
	"github.com/easyrun/easyrun/format/fit"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/postgres"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web"
	"github.com/easyrun/easyrun/web/api"
)

// pageTargetP99 is the target for the 99th percentile of page latency on
// 2 cores (issue 7).
const pageTargetP99 = 100 * time.Millisecond

// loadConfig is what one load run does.
type loadConfig struct {
	Athletes int
	Weeks    int           // of simulated history per athlete
	Duration time.Duration // of the measured browsing
	// Warmup is how long the athletes browse before it, unmeasured.
	Warmup time.Duration
	Think  time.Duration // mean pause between an athlete's actions
	// UploadEvery is N for one upload in N actions, on average.
	UploadEvery int
	// Import is how many files a command-line import stores into the same
	// SQLite file, ImportDB, while the athletes browse; 0 for none.
	Import   int
	ImportDB string
	// Ramp, when not zero, is how long each step of a ramp lasts after
	// the run: each step offers rampFactor times the requests of the one
	// before, until the pages' p99 passes pageTargetP99.
	Ramp     time.Duration
	Progress io.Writer // setup progress; nil for none
}

// Steps of the ramp: each offers rampFactor times the load of the one
// before (a shorter think time), at most rampSteps of them.
const (
	rampFactor = 1.5
	rampSteps  = 10
)

// benchLoad serves many simulated athletes over loopback TCP and times
// what they browse and upload, for SQLite and, when a URL is given,
// PostgreSQL.
func benchLoad(args []string) error {
	fs := flag.NewFlagSet("load", flag.ExitOnError)
	var cfg loadConfig
	fs.IntVar(&cfg.Athletes, "athletes", 100, "simulated athletes, each a user browsing at once")
	years := fs.Int("years", 1, "years of simulated history per athlete")
	fs.DurationVar(&cfg.Duration, "duration", 30*time.Second, "how long the athletes browse and upload")
	fs.DurationVar(&cfg.Warmup, "warmup", 0, "how long they browse before that, unmeasured: a server serving for a while rather than one just started")
	fs.DurationVar(&cfg.Think, "think", time.Second, "mean think time between an athlete's actions (uniform within ±50 %)")
	fs.IntVar(&cfg.UploadEvery, "upload-every", 20, "one action in `N` uploads a new activity")
	fs.IntVar(&cfg.Import, "import", 0, "while they browse, import `N` files of another runner into the SQLite file, as 'easyrun import' would")
	db := fs.String("db", "", "SQLite file of the prepared athletes, reused when present (default: a temporary file)")
	pgURL := fs.String("postgres", os.Getenv("EASYRUN_BENCH_POSTGRES"),
		"PostgreSQL `URL` of the prepared athletes, reused when it holds them (default $EASYRUN_BENCH_POSTGRES; none skips PostgreSQL)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of each store's run to `FILE`, the store's name added")
	fs.DurationVar(&cfg.Ramp, "ramp", 0, "after the run, ramp the offered load up in steps of this `duration` until the pages' p99 passes 100 ms (0: no ramp)")
	fs.Parse(args)
	if cfg.Athletes < 1 || *years < 1 || cfg.Duration <= 0 || cfg.Think < 0 || cfg.UploadEvery < 1 || cfg.Ramp < 0 || cfg.Warmup < 0 {
		return errors.New("load: -athletes, -years, -duration and -upload-every must be positive, -think, -warmup and -ramp not negative")
	}
	if cfg.Ramp > 0 && cfg.Think == 0 {
		return errors.New("load: -ramp shortens the think time, so -think must be positive")
	}
	cfg.Weeks, cfg.Progress = 52**years, os.Stderr

	fmt.Printf("%s: %d cores (GOMAXPROCS %d), %s, load average %s before the run; %s\n", time.Now().UTC().Format(time.DateOnly),
		runtime.NumCPU(), runtime.GOMAXPROCS(0), cpuModel(), loadAverage(), runtime.Version())
	fmt.Printf("%d athletes × %d year(s) of history; %s of browsing after %s unmeasured, think time %s ±50 %%, one action in %d uploads",
		cfg.Athletes, *years, cfg.Duration, cfg.Warmup, cfg.Think, cfg.UploadEvery)
	if cfg.Import > 0 {
		fmt.Printf("; beside an import of %d files into the SQLite file", cfg.Import)
	}
	fmt.Print("\n\n")

	ctx := context.Background()
	path, remove := *db, func() {}
	if path == "" {
		dir, err := os.MkdirTemp("", "easyrun-load-")
		if err != nil {
			return err
		}
		path, remove = filepath.Join(dir, "load.db"), func() { os.RemoveAll(dir) }
	}
	defer remove()
	type namedStore struct {
		name string
		open func() (store.Store, error)
	}
	stores := []namedStore{{"sqlite", func() (store.Store, error) { return sqlite.Open(ctx, path) }}}
	if *pgURL != "" {
		stores = append(stores, namedStore{"postgres", func() (store.Store, error) { return postgres.Open(ctx, *pgURL) }})
	}
	var reports []*loadReport
	for _, s := range stores {
		st, err := s.open()
		if err != nil {
			return err
		}
		storeCfg := cfg
		if s.name != "sqlite" {
			storeCfg.Import = 0 // the import beside is SQLite's problem: one file, one writer at a time
		}
		storeCfg.ImportDB = path
		rep, err := runLoad(ctx, st, storeCfg)
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err == nil && *cpuProfile != "" {
			err = os.WriteFile(profilePath(*cpuProfile, s.name), rep.Profile, 0o644)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		rep.Store = s.name
		reports = append(reports, rep)
	}
	printLoad(os.Stdout, reports)
	fmt.Println()
	printCPU(os.Stdout, reports)
	printRamp(os.Stdout, reports)
	if *pgURL == "" {
		fmt.Println("\nPostgreSQL skipped: give -postgres URL or set EASYRUN_BENCH_POSTGRES, e.g.\n" +
			"  EASYRUN_BENCH_POSTGRES='postgres://easyrun:easyrun@127.0.0.1:5432/easyrun_load?sslmode=disable' go run ./bench load")
	}
	return nil
}

// profilePath is file with the store's name added before its extension:
// cpu.pprof becomes cpu-sqlite.pprof. Empty when file is.
func profilePath(file, storeName string) string {
	if file == "" {
		return ""
	}
	ext := filepath.Ext(file)
	return strings.TrimSuffix(file, ext) + "-" + storeName + ext
}

// loadReport is what one load run measured.
type loadReport struct {
	Store      string
	Setup      prepared
	SignIn     time.Duration // signing every athlete in, before the run
	Elapsed    time.Duration // from the run's start until the last athlete stopped
	Kinds      [numKinds]kindStats
	ErrorTexts []string // the first few errors
	Import     importBeside
	Routes     map[string]int           // requests by route (web.Server.Route)
	CPU        map[string]time.Duration // by what it was spent on (cpuBreakdown)
	Cores      int                      // GOMAXPROCS
	Profile    []byte                   // the CPU profile of the run
	Ramp       []rampStep
}

// rampStep is one step of the ramp: the load offered and what the
// server made of it.
type rampStep struct {
	Think    time.Duration
	Offered  float64 // actions/s the athletes would make if answered at once
	Served   float64 // requests/s answered
	PagesP99 time.Duration
	Errors   int
}

// importBeside is what the import beside the browsing did.
type importBeside struct {
	Files    int // stored
	Duration time.Duration
	CPU      time.Duration // user and system time of its process
	Err      error
}

// kind is a kind of request the load measures.
type kind int

const (
	kindDashboard kind = iota
	kindActivities
	kindActivity
	kindCalendar
	kindPlan
	kindSettings
	kindToday
	kindRPE
	kindUpload
	kindImportStatus
	kindImportDone // from the upload's start until its import is done
	kindSignIn     // before the run, not part of its throughput
	numKinds
)

var kindNames = [numKinds]string{
	"page /", "page /activities", "page /activities/{id}", "page /calendar", "page /plan", "page /settings",
	"API /api/v1/today", "RPE PUT /api/v1/activities/{id}/rpe", "upload POST /api/v1/imports", "API import status polls", "import complete",
	"sign-in POST /login (before)",
}

// isPage reports whether k is a page the latency target applies to.
func (k kind) isPage() bool { return k <= kindSettings }

// isWrite reports whether k is a request that writes while it is answered.
func (k kind) isWrite() bool { return k == kindRPE || k == kindUpload }

// browseWeights is how often an athlete who does not upload goes to each
// kind of page: the dashboard most, settings least.
var browseWeights = []struct {
	kind   kind
	weight int
}{
	{kindDashboard, 30}, {kindToday, 15}, {kindActivities, 15}, {kindActivity, 15},
	{kindCalendar, 12}, {kindPlan, 8}, {kindSettings, 5}, {kindRPE, 5},
}

// kindStats are the latencies and errors of one kind of request.
type kindStats struct {
	Times  []time.Duration
	Errors int
}

// maxErrorTexts is how many error texts a report keeps.
const maxErrorTexts = 5

// recorder collects one athlete's measurements, merged after the run.
type recorder struct {
	kinds [numKinds]kindStats
	texts []string
	// routes counts the requests by route while browsing; nil while
	// signing in, which is not measured.
	routes map[string]int
}

func (r *recorder) add(k kind, d time.Duration, err error) {
	r.kinds[k].Times = append(r.kinds[k].Times, d)
	if err != nil {
		r.kinds[k].Errors++
		if len(r.texts) < maxErrorTexts {
			r.texts = append(r.texts, kindNames[k]+": "+err.Error())
		}
	}
}

func (rep *loadReport) merge(r *recorder) {
	if rep.Routes == nil {
		rep.Routes = map[string]int{}
	}
	for route, n := range r.routes {
		rep.Routes[route] += n
	}
	for k := range r.kinds {
		rep.Kinds[k].Times = append(rep.Kinds[k].Times, r.kinds[k].Times...)
		rep.Kinds[k].Errors += r.kinds[k].Errors
	}
	rep.ErrorTexts = append(rep.ErrorTexts, r.texts[:min(len(r.texts), maxErrorTexts-len(rep.ErrorTexts))]...)
}

// runLoad prepares cfg's athletes in st, serves st on a loopback port in
// server mode, signs every athlete in and lets each look around once,
// and lets them browse and upload for cfg.Duration under a CPU profile;
// then, with cfg.Ramp, it ramps the load up.
func runLoad(ctx context.Context, st store.Store, cfg loadConfig) (*loadReport, error) {
	setup, err := prepare(ctx, st, cfg, time.Now())
	if err != nil {
		return nil, err
	}
	var importFiles string
	if cfg.Import > 0 {
		if importFiles, err = importerFiles(ctx, st, cfg.Import, time.Now()); err != nil {
			return nil, err
		}
		defer os.RemoveAll(importFiles)
	}
	srvCtx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	addr := make(chan net.Addr, 1)
	srv := web.New(web.Config{Config: api.Config{Store: st, Location: runnerZone}, Accounts: st})
	go func() { served <- web.ListenAndServe(srvCtx, "127.0.0.1:0", srv, func(a net.Addr) { addr <- a }) }()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a.String()
	case err := <-served:
		stop()
		return nil, err
	}
	defer func() {
		stop()
		<-served
	}()

	clients := make([]*athleteClient, cfg.Athletes)
	recs := make([]recorder, cfg.Athletes)
	signInStart := time.Now()
	g, gctx := errgroup.WithContext(ctx)
	// Each sign-in hashes with argon2id (19 MiB, tens of ms): a hundred at
	// once would only queue for the cores, so they take turns.
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range clients {
		g.Go(func() error {
			c, err := newAthleteClient(base, i, cfg, srv.Route)
			if err != nil {
				return err
			}
			c.rec = &recs[i]
			t0 := time.Now()
			err = c.signIn(gctx)
			recs[i].add(kindSignIn, time.Since(t0), err)
			if err == nil {
				clients[i] = c
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	signIn := time.Since(signInStart)
	looks := make([]recorder, len(clients))
	var looking sync.WaitGroup
	for i, c := range clients {
		if c != nil {
			c.rec = &looks[i]
			looking.Go(func() { c.lookAround(ctx) })
		}
	}
	looking.Wait()
	if cfg.Warmup > 0 {
		browseAll(ctx, clients, cfg.Think, cfg.Warmup, func() {})
	}

	var rep *loadReport
	var beside importBeside
	prof, err := cpuProfile(func() {
		rep = browseAll(ctx, clients, cfg.Think, cfg.Duration, func() {
			if importFiles != "" {
				benchDo(ctx, cpuBeside, func() { beside = importInto(ctx, cfg.ImportDB, importFiles) })
			}
		})
	})
	if err != nil {
		return nil, err
	}
	if rep.CPU, err = cpuBreakdown(prof); err != nil {
		return nil, err
	}
	rep.Setup, rep.SignIn, rep.Import, rep.Profile, rep.Cores = setup, signIn, beside, prof, runtime.GOMAXPROCS(0)
	for i := range recs { // an athlete who could not sign in is counted as an error
		rep.merge(&recs[i])
		rep.mergeErrors(&looks[i])
	}
	if cfg.Ramp > 0 {
		rep.Ramp = ramp(ctx, clients, cfg)
	}
	return rep, nil
}

// browseAll lets every signed-in client browse with the think time given
// until d has passed, beside the work of also, and reports their
// requests.
func browseAll(ctx context.Context, clients []*athleteClient, think, d time.Duration, also func()) *loadReport {
	recs := make([]recorder, len(clients))
	for i := range recs {
		recs[i].routes = map[string]int{}
	}
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	wg.Go(also)
	for i, c := range clients {
		if c != nil {
			c.rec, c.cfg.Think = &recs[i], think
			wg.Go(func() { benchDo(ctx, cpuClients, func() { c.browse(ctx, deadline) }) })
		}
	}
	wg.Wait()
	rep := &loadReport{Elapsed: time.Since(start)}
	for i := range recs {
		rep.merge(&recs[i])
	}
	return rep
}

// ramp offers the clients more and more load, rampFactor more in each
// step of cfg.Ramp, until the pages' p99 passes pageTargetP99 or a
// request fails, and reports each step.
func ramp(ctx context.Context, clients []*athleteClient, cfg loadConfig) []rampStep {
	var steps []rampStep
	think := cfg.Think
	for range rampSteps {
		think = time.Duration(float64(think) / rampFactor)
		rep := browseAll(ctx, clients, think, cfg.Ramp, func() {})
		step := rampStep{Think: think, Offered: float64(cfg.Athletes) / think.Seconds(),
			Served: float64(rep.requests()) / rep.Elapsed.Seconds(), PagesP99: rep.pagesP99()}
		for _, ks := range rep.Kinds {
			step.Errors += ks.Errors
		}
		steps = append(steps, step)
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "ramp: think %s, %.0f req/s, pages p99 %.1f ms\n", think.Round(time.Millisecond), step.Served, ms(step.PagesP99))
		}
		if step.PagesP99 >= pageTargetP99 || step.Errors > 0 {
			break
		}
	}
	return steps
}

// mergeErrors adds the errors r recorded, but not its times: those of
// requests outside the measured run.
func (rep *loadReport) mergeErrors(r *recorder) {
	for k := range r.kinds {
		rep.Kinds[k].Errors += r.kinds[k].Errors
	}
	rep.ErrorTexts = append(rep.ErrorTexts, r.texts[:min(len(r.texts), maxErrorTexts-len(rep.ErrorTexts))]...)
}

// runnerZone is where the simulated runners live (sim.DefaultRunner).
var runnerZone = time.FixedZone("CET", 3600)

// loadPassword is every simulated athlete's password.
const loadPassword = "easyrun load benchmark"

// athleteName is the user name of the i-th simulated athlete.
func athleteName(i int) string { return fmt.Sprintf("runner%03d", i+1) }

// loadRunner is the i-th simulated athlete: the default runner with its
// own seed, heart and pace, so that no two histories are the same.
func loadRunner(i int) sim.Runner {
	r := sim.DefaultRunner()
	r.Seed = uint64(i + 1)
	r.MaxHR = float64(180 + i%21)
	r.RestingHR = float64(44 + i%13)
	r.LTHR = float64(int(0.9 * r.MaxHR))
	speed := 0.9 + 0.2*float64(i%11)/10 // ±10 % around the default paces
	r.ThresholdSpeedMS *= speed
	r.EasySpeedMS *= speed
	return r
}

// prepared is what setting the athletes up did.
type prepared struct {
	Made, Reused int
	Activities   int // stored for the athletes made
	Duration     time.Duration
}

// prepare makes sure st holds cfg.Athletes users, each with cfg.Weeks of
// simulated history up to now, analysed, and a plan for this week.
// Athletes that have a plan are complete and kept, so a prepared database
// is reused; one without is filled in again, which stores nothing twice.
func prepare(ctx context.Context, st store.Store, cfg loadConfig, now time.Time) (prepared, error) {
	start := time.Now()
	hash := auth.HashPassword(loadPassword) // one argon2id hash for all: each costs 19 MiB and tens of ms
	var made, reused, activities atomic.Int64
	progress := func() {
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "\rprepared %d/%d athletes (%d reused, %d activities stored) in %.0f s",
				made.Load()+reused.Load(), cfg.Athletes, reused.Load(), activities.Load(), time.Since(start).Seconds())
		}
	}
	g, ctx := errgroup.WithContext(ctx)
	// One athlete per core: simulating and analysing are CPU-bound, and
	// the store takes one writer at a time anyway.
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range cfg.Athletes {
		g.Go(func() error {
			n, done, err := prepareAthlete(ctx, st, i, cfg.Weeks, hash, now)
			if err != nil {
				return fmt.Errorf("prepare %s: %w", athleteName(i), err)
			}
			if done {
				reused.Add(1)
			} else {
				made.Add(1)
				activities.Add(int64(n))
			}
			progress()
			return nil
		})
	}
	err := g.Wait()
	if cfg.Progress != nil {
		fmt.Fprintln(cfg.Progress)
	}
	return prepared{Made: int(made.Load()), Reused: int(reused.Load()), Activities: int(activities.Load()),
		Duration: time.Since(start)}, err
}

// prepareAthlete makes the i-th athlete a user with a history, analysed,
// and a plan, unless they have a plan already (reused). It returns how
// many activities it stored.
func prepareAthlete(ctx context.Context, st store.Store, i, weeks int, hash string, now time.Time) (n int, reused bool, err error) {
	name := athleteName(i)
	u, _, err := st.UserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		u, err = st.AddUser(ctx, name, store.RoleAthlete, hash)
	}
	if err != nil {
		return 0, false, err
	}
	if _, err := st.Plan(ctx, u.ID); err == nil {
		return 0, true, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return 0, false, err
	}
	r := loadRunner(i)
	for _, s := range r.History(now.AddDate(0, 0, -7*weeks), weeks+1) {
		if !s.Start.Before(now.Add(-2 * time.Hour)) {
			break // the history is in time order; no run is under way or in the future
		}
		// The activity saved is the simulation itself rather than its FIT
		// file decoded again, which would spend the setup's time on what
		// the import benchmark measures; the file is kept as an import keeps it.
		a, f, err := simFIT(r, s)
		if err != nil {
			return n, false, err
		}
		e, err := store.Encode(f, []*activity.Activity{a})
		if err != nil {
			return n, false, err
		}
		if _, err := st.SaveFile(ctx, u.ID, e); err != nil {
			return n, false, fmt.Errorf("save %s: %w", f.Name, err)
		}
		n++
	}
	sex := activity.Female
	if i%2 == 1 {
		sex = activity.Male
	}
	if err := st.SaveAthlete(ctx, u.ID, activity.Athlete{BirthYear: 1970 + i%35, Sex: sex, MassKg: float64(52 + i%30)}); err != nil {
		return n, false, err
	}
	svc := &training.Service{Store: st, Athlete: u.ID, Now: func() time.Time { return now }}
	if _, err := svc.Refresh(ctx, false); err != nil {
		return n, false, err
	}
	hard, err := plan.ParseHard("tue:intervals,thu:threshold,sun:long")
	if err != nil {
		return n, false, err
	}
	req := plan.Request{Hard: hard, Volume: plan.Volume{Duration: 4*time.Hour + time.Duration(i%5)*30*time.Minute},
		Start: plan.DateOf(now.In(runnerZone))}
	_, err = svc.MakePlan(ctx, req)
	// A runner whose short history makes them a beginner is refused three
	// hard days: they take the nearest plan, as the plan page offers.
	if refusal, ok := errors.AsType[*plan.Refusal](err); ok {
		_, err = svc.MakePlan(ctx, refusal.Proposal)
	}
	return n, false, err
}

// simFIT simulates s as the runner's watch records it: the activity,
// and the FIT file of it, named by its local start and kind.
func simFIT(r sim.Runner, s sim.Session) (*activity.Activity, store.File, error) {
	a, err := r.Simulate(s)
	if err != nil {
		return nil, store.File{}, err
	}
	data, err := fit.EncodeActivity(a)
	if err != nil {
		return nil, store.File{}, err
	}
	sum := sha256.Sum256(data)
	name := fmt.Sprintf("%s-%s.fit", s.Start.In(runnerZone).Format("2006-01-02-1504"), s.Kind)
	return a, store.File{SHA256: hex.EncodeToString(sum[:]), Name: name, Format: activity.FIT, Data: data}, nil
}

// requestTimeout bounds one request, so a server that stops answering
// gives errors rather than a run that never ends.
const requestTimeout = 30 * time.Second

// Polling an import: as often as the upload page does, for at most
// importTimeout.
const (
	pollInterval  = 400 * time.Millisecond
	importTimeout = time.Minute
)

// athleteClient is one athlete's browser: its own connections kept
// alive, its cookies, the form token of its session and the activities
// it has seen linked.
type athleteClient struct {
	i       int
	base    string
	http    *http.Client
	cfg     loadConfig
	rec     *recorder
	route   func(*http.Request) string // the server's route of a request
	rng     *rand.Rand
	runner  sim.Runner
	csrf    string
	seen    []int64   // activities linked from the last page that had any
	lastRun time.Time // start of the latest activity, stored or uploaded
}

func newAthleteClient(base string, i int, cfg loadConfig, route func(*http.Request) string) (*athleteClient, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	// A transport of its own, as each athlete is another browser: a
	// shared one would keep only two idle connections for all of them.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	return &athleteClient{
		i: i, base: base, cfg: cfg, route: route, runner: loadRunner(i),
		rng: rand.New(rand.NewPCG(uint64(i+1), 0x10ad)),
		http: &http.Client{Jar: jar, Transport: transport, Timeout: requestTimeout,
			// A redirect is an answer of its own: the next page is
			// fetched, and timed, as the athlete's next action.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
	}, nil
}

// do sends req and reads the whole answer. A status other than 2xx or
// 3xx is an error.
func (c *athleteClient) do(req *http.Request) ([]byte, error) {
	if c.rec.routes != nil {
		c.rec.routes[c.route(req)]++
	}
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: read: %w", req.Method, req.URL.Path, err)
	}
	if res.StatusCode < 200 || res.StatusCode >= 400 {
		return body, fmt.Errorf("%s %s: %s: %.200s", req.Method, req.URL.Path, res.Status, body)
	}
	return body, nil
}

// get fetches path and returns its body.
func (c *athleteClient) get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	return c.do(req)
}

var (
	csrfInput    = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	activityLink = regexp.MustCompile(`href="/activities/(\d+)"`)
)

// signIn posts the athlete's name and password, then opens the dashboard
// it is sent to for the session's form token, as a browser would, and
// asks for the latest activity.
func (c *athleteClient) signIn(ctx context.Context) error {
	form := url.Values{"name": {athleteName(c.i)}, "password": {loadPassword}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if _, err := c.do(req); err != nil {
		return err
	}
	page, err := c.get(ctx, "/")
	if err != nil {
		return err
	}
	m := csrfInput.FindSubmatch(page)
	if m == nil {
		return errors.New("the dashboard after signing in has no form token")
	}
	c.csrf = string(m[1])
	c.remember(page)
	// New runs go after the latest stored one, which may be an upload of
	// an earlier run of the benchmark on the same database.
	body, err := c.get(ctx, api.Prefix+"activities?limit=1")
	if err != nil {
		return err
	}
	var latest struct{ Activities []api.Summary }
	if err := json.Unmarshal(body, &latest); err != nil {
		return fmt.Errorf("latest activity: %w", err)
	}
	if len(latest.Activities) > 0 {
		c.lastRun = latest.Activities[0].Start
	}
	return nil
}

// remember keeps the activities page links to, for the next activity
// page to open.
func (c *athleteClient) remember(page []byte) {
	links := activityLink.FindAllSubmatch(page, -1)
	if len(links) == 0 {
		return
	}
	c.seen = c.seen[:0]
	for _, l := range links {
		if id, err := strconv.ParseInt(string(l[1]), 10, 64); err == nil {
			c.seen = append(c.seen, id)
		}
	}
}

// browse acts until deadline: a think time, then a page or an upload.
// An action under way at the deadline is finished.
func (c *athleteClient) browse(ctx context.Context, deadline time.Time) {
	for {
		think := time.Duration(0)
		if c.cfg.Think > 0 {
			think = c.cfg.Think/2 + time.Duration(c.rng.Int64N(int64(c.cfg.Think))) // uniform within ±50 %
		}
		if time.Now().Add(think).After(deadline) {
			return
		}
		time.Sleep(think)
		if c.rng.IntN(c.cfg.UploadEvery) == 0 {
			c.upload(ctx)
			continue
		}
		c.act(ctx, c.pick())
	}
}

// act visits a page of kind k, or sets an RPE.
func (c *athleteClient) act(ctx context.Context, k kind) {
	if k == kindRPE {
		c.setRPE(ctx)
	} else {
		c.visit(ctx, k)
	}
}

// lookAround visits every kind of page once, as someone who just signed
// in does, unmeasured: a runner's first views make what the server then
// keeps for them (training.Cache), which is not what a view costs once
// the server has been serving them.
func (c *athleteClient) lookAround(ctx context.Context) {
	for _, w := range browseWeights {
		c.act(ctx, w.kind)
	}
}

// pick chooses the next page by browseWeights.
func (c *athleteClient) pick() kind {
	total := 0
	for _, w := range browseWeights {
		total += w.weight
	}
	n := c.rng.IntN(total)
	for _, w := range browseWeights {
		if n -= w.weight; n < 0 {
			return w.kind
		}
	}
	return kindDashboard
}

// paths are where each kind of page is; the activity page's is made from
// an activity seen.
var paths = map[kind]string{
	kindDashboard: "/", kindActivities: "/activities", kindCalendar: "/calendar", kindPlan: "/plan",
	kindSettings: "/settings", kindToday: "/api/v1/today",
}

// visit fetches a page of kind k and records how long it took.
func (c *athleteClient) visit(ctx context.Context, k kind) {
	path := paths[k]
	if k == kindActivity {
		if len(c.seen) == 0 {
			k, path = kindActivities, paths[kindActivities] // nothing seen to open yet: the list first
		} else {
			path = "/activities/" + strconv.FormatInt(c.seen[c.rng.IntN(len(c.seen))], 10)
		}
	}
	t0 := time.Now()
	body, err := c.get(ctx, path)
	c.rec.add(k, time.Since(t0), err)
	if err == nil && k != kindActivity && k != kindToday {
		c.remember(body)
	}
}

// setRPE says how hard an activity seen felt, as the activity page's
// form does through the API, and records how long it took.
func (c *athleteClient) setRPE(ctx context.Context) {
	if len(c.seen) == 0 {
		c.visit(ctx, kindActivities) // nothing seen to rate yet: the list first
		return
	}
	id := c.seen[c.rng.IntN(len(c.seen))]
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, fmt.Sprintf("%s%sactivities/%d/rpe", c.base, api.Prefix, id),
		strings.NewReader(fmt.Sprintf(`{"rpe": %d}`, 2+c.rng.IntN(7))))
	if err != nil {
		c.rec.add(kindRPE, 0, err)
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.csrf)
	t0 := time.Now()
	_, err = c.do(req)
	c.rec.add(kindRPE, time.Since(t0), err)
}

// importerName is the user whose files the import beside the browsing
// stores.
const importerName = "importer"

// importerFiles makes the user importerName, if missing, and writes n FIT
// files of a runner's history, ending at now, into a new folder: what
// 'easyrun import' is given beside the browsing. The runs start in a
// year none was imported in before, so that all are new.
func importerFiles(ctx context.Context, st store.Store, n int, now time.Time) (string, error) {
	if _, _, err := st.UserByName(ctx, importerName); errors.Is(err, store.ErrNotFound) {
		if _, err := st.AddUser(ctx, importerName, store.RoleAthlete, auth.HashPassword(loadPassword)); err != nil {
			return "", err
		}
	} else if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "easyrun-load-import-")
	if err != nil {
		return "", err
	}
	r := loadRunner(1000 + now.Second())
	weeks := n/5 + 2
	written := 0
	for _, s := range r.History(now.AddDate(0, 0, -7*weeks), weeks) {
		if written == n {
			break
		}
		_, f, err := simFIT(r, s)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o600)
		}
		if err != nil {
			os.RemoveAll(dir)
			return "", err
		}
		written++
	}
	return dir, nil
}

// importInto imports the files in dir for importerName into the SQLite
// file at path as a runner would beside the server: 'easyrun import' in a
// process of its own, which stores every file and then analyses them, so
// that the operating system schedules it against the server as it does
// for users. The command is this program run again (see easyrunChild).
func importInto(ctx context.Context, path, dir string) importBeside {
	exe, err := os.Executable()
	if err != nil {
		return importBeside{Err: err}
	}
	start := time.Now()
	cmd := exec.CommandContext(ctx, exe, easyrunChild, "import", "--json", "--user", importerName, dir)
	cmd.Env = append(os.Environ(), "EASYRUN_DB="+path)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return importBeside{Duration: time.Since(start), Err: fmt.Errorf("easyrun import: %w: %.500s", err, stderr.Bytes())}
	}
	var sum struct{ Imported int }
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
		return importBeside{Duration: time.Since(start), Err: fmt.Errorf("easyrun import answered %.200q: %w", out.Bytes(), err)}
	}
	return importBeside{Files: sum.Imported, Duration: time.Since(start),
		CPU: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
}

// upload sends a new simulated run as its watch's FIT file, as the
// upload page does, and follows its import until it is done.
func (c *athleteClient) upload(ctx context.Context) {
	// The run just finished, after every stored one; runs of one athlete
	// start at least two minutes apart so that none is taken for another
	// recording of the same session.
	start := time.Now().Add(-time.Hour).Truncate(time.Second)
	if next := c.lastRun.Add(2 * time.Minute); start.Before(next) {
		start = next
	}
	c.lastRun = start
	kinds := []sim.Kind{sim.Recovery, sim.Easy}
	_, f, err := simFIT(c.runner, sim.Session{Kind: kinds[c.rng.IntN(len(kinds))], Start: start})
	if err != nil {
		c.rec.add(kindUpload, 0, fmt.Errorf("simulate the upload: %w", err))
		return
	}
	t0 := time.Now()
	statusURL, err := c.postFile(ctx, f.Name, f.Data)
	c.rec.add(kindUpload, time.Since(t0), err)
	if err != nil {
		return
	}
	err = c.follow(ctx, statusURL, t0.Add(importTimeout))
	c.rec.add(kindImportDone, time.Since(t0), err)
}

// postFile uploads one file and returns where its import can be followed.
func (c *athleteClient) postFile(ctx context.Context, name string, data []byte) (string, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, err := mw.CreateFormFile("files", name)
	if err == nil {
		_, err = part.Write(data)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+api.Prefix+"imports", &body)
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-CSRF-Token", c.csrf)
	answer, err := c.do(req)
	if err != nil {
		return "", err
	}
	var started struct {
		StatusURL string `json:"status_url"`
	}
	if err := json.Unmarshal(answer, &started); err != nil || started.StatusURL == "" {
		return "", fmt.Errorf("upload answered %.200q, want the import's status_url", answer)
	}
	return started.StatusURL, nil
}

// follow polls an import until it is done; each poll is recorded. An
// import that failed, or stored nothing new, is an error.
func (c *athleteClient) follow(ctx context.Context, statusURL string, deadline time.Time) error {
	for time.Now().Before(deadline) {
		time.Sleep(pollInterval)
		t0 := time.Now()
		body, err := c.get(ctx, statusURL)
		c.rec.add(kindImportStatus, time.Since(t0), err)
		if err != nil {
			return err
		}
		var st api.ImportStatus
		if err := json.Unmarshal(body, &st); err != nil {
			return fmt.Errorf("import status %.200q: %w", body, err)
		}
		switch {
		case st.Pending():
			continue
		case st.Status != "done" || st.Summary == nil || st.Summary.Summary == nil:
			return fmt.Errorf("import %s: %.200s", st.Status, body)
		case st.Summary.Imported != 1:
			return fmt.Errorf("import done but %d activities imported, want 1: %.200s", st.Summary.Imported, body)
		}
		return nil
	}
	return fmt.Errorf("import not done after %s", importTimeout)
}

// printLoad writes a table of every store's run: per kind of request the
// count, throughput, latency percentiles and errors, then the pages'
// 99th percentile against the target, the totals and the first errors.
func printLoad(w io.Writer, reports []*loadReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "store\trequest\tcount\treq/s\tp50 ms\tp99 ms\tmax ms\terrors\t")
	for _, rep := range reports {
		for k, ks := range rep.Kinds {
			span := rep.Elapsed
			if kind(k) == kindSignIn {
				span = rep.SignIn
			}
			line(tw, rep.Store, kindNames[k], ks, span)
		}
		line(tw, rep.Store, "all pages", rep.pages(), rep.Elapsed)
	}
	tw.Flush()
	for _, rep := range reports {
		fmt.Fprintf(w, "\n%s: ", rep.Store)
		s := rep.Setup
		if s.Made > 0 {
			fmt.Fprintf(w, "prepared %d athletes (%d activities) and reused %d in %.1f s; ",
				s.Made, s.Activities, s.Reused, s.Duration.Seconds())
		} else {
			fmt.Fprintf(w, "reused %d prepared athletes (checked in %.1f s); ", s.Reused, s.Duration.Seconds())
		}
		fmt.Fprintf(w, "signed them in in %.1f s.\n", rep.SignIn.Seconds())
		total, errs := rep.requests(), 0
		for _, ks := range rep.Kinds {
			errs += ks.Errors
		}
		fmt.Fprintf(w, "  %d requests in %.1f s: %.0f req/s; %d errors.\n", total, rep.Elapsed.Seconds(),
			float64(total)/rep.Elapsed.Seconds(), errs)
		if p := rep.pages(); len(p.Times) > 0 {
			p99 := percentile(p.Times, 0.99)
			verdict := "met"
			if p99 >= pageTargetP99 {
				verdict = "MISSED"
			}
			fmt.Fprintf(w, "  pages: p99 %.1f ms against the target of %d ms: %s.\n", ms(p99), pageTargetP99.Milliseconds(), verdict)
		}
		if wr := rep.writes(); len(wr.Times) > 0 {
			fmt.Fprintf(w, "  writes (RPE, uploads): p95 %.1f ms, max %.1f ms.\n", ms(percentile(wr.Times, 0.95)), ms(percentile(wr.Times, 1)))
		}
		if im := rep.Import; im.Duration > 0 {
			fmt.Fprintf(w, "  beside them, 'easyrun import' stored %d files into the same SQLite file and analysed them in %.1f s (%.1f s of CPU)",
				im.Files, im.Duration.Seconds(), im.CPU.Seconds())
			if im.Err != nil {
				fmt.Fprintf(w, ", then failed: %v", im.Err)
			}
			fmt.Fprintln(w, ".")
		}
		for _, t := range rep.ErrorTexts {
			fmt.Fprintf(w, "  error: %s\n", t)
		}
	}
}

// pagesP99 is the 99th percentile of the pages' latency; the whole run
// when no page was answered in it.
func (rep *loadReport) pagesP99() time.Duration {
	if p := rep.pages().Times; len(p) > 0 {
		return percentile(p, 0.99)
	}
	return rep.Elapsed
}

// requests is how many requests the run made, sign-ins before it aside.
func (rep *loadReport) requests() int {
	n := 0
	for k, ks := range rep.Kinds {
		if kind(k) != kindSignIn && kind(k) != kindImportDone { // the import's time is not a request of its own
			n += len(ks.Times)
		}
	}
	return n
}

// writes is every request of the run that writes, together.
func (rep *loadReport) writes() kindStats {
	var all kindStats
	for k, ks := range rep.Kinds {
		if kind(k).isWrite() {
			all.Times = append(all.Times, ks.Times...)
		}
	}
	return all
}

// pages is every page request of the run together.
func (rep *loadReport) pages() kindStats {
	var all kindStats
	for k, ks := range rep.Kinds {
		if kind(k).isPage() {
			all.Times = append(all.Times, ks.Times...)
			all.Errors += ks.Errors
		}
	}
	return all
}

func line(tw io.Writer, storeName, name string, ks kindStats, span time.Duration) {
	if len(ks.Times) == 0 {
		fmt.Fprintf(tw, "%s\t%s\t0\t\t\t\t\t%d\t\n", storeName, name, ks.Errors)
		return
	}
	fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t\n", storeName, name, len(ks.Times),
		float64(len(ks.Times))/span.Seconds(), ms(percentile(ks.Times, 0.5)), ms(percentile(ks.Times, 0.99)),
		ms(percentile(ks.Times, 1)), ks.Errors)
}

// ms is d in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
