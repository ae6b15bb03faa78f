// Command bench measures easyrun's speed and memory and prints a table.
//
//	go run ./bench import [-years 10] [-corpus ../shared/corpus] [-rounds 3] [-keep DIR] [-cpuprofile DIR]
//	go run ./bench analyse [-years 10]
//	go run ./bench load [-athletes 100] [-years 1] [-duration 30s] [-postgres URL]
//	go run ./bench stall [-years 3]
//	go run ./bench daily [-keep DIR]
//	go run ./bench growth [-years 1,5,10,20] [-athletes 1,10,100] [-keep DIR] [-postgres URL]
//
// The import benchmark runs each measurement in a child process of its
// own, so that its peak memory (maximum resident set size) and CPU time
// are its own. Two baselines run in the same invocation as the full
// import, so their ratios hold on a noisy machine where absolute numbers
// do not: the FIT library's own fastest idiomatic decode of the same FIT
// files (its streaming decoder, messages to a listener that keeps
// nothing, checksums checked, one worker per core), which cannot flatter
// us, and easyrun's decode-only floor (walk and decode the same bytes with
// the same workers, store nothing).
//
// A fourth child runs the full import followed by the analysis the CLI's
// import runs after it, into a new store, as a first import is: max heart
// rate is detected from the runs it brings, so Refresh analyses them all
// from their streams. A fifth does the same for a runner who set their max
// heart rate, as any later import is too: the import analyses each
// activity as it decodes it, and Refresh applies the history alone.
//
// The analyse benchmark imports the simulated archive once, then times
// re-analysing every activity and building the load series against a
// baseline of reading the stored activities alone, in one process.
//
// The load benchmark serves simulated athletes in server mode over
// loopback TCP and times them browsing and uploading at once, against
// SQLite and, given a URL, PostgreSQL; with -import, beside 'easyrun
// import' into the same SQLite file in another process.
//
// The stall benchmark times one runner's views and edits on a SQLite
// file while 'easyrun import' in another process imports into it.
//
// The daily benchmark times the answers of every day (today, the audit
// of four weeks, the load series, a first dashboard) on one and on ten
// years of history: they read the recent weeks, so the ratio stays near 1.
//
// The growth benchmark puts import time (wall and CPU, each import in a
// child process), database size and the daily answers side by side for
// 1, 5, 10 and 20 years of the simulated runner's history, then the size
// and one athlete's answers for 1, 10 and 100 athletes of a year each in
// one store, SQLite and, given a URL, PostgreSQL; it prints one Markdown
// table, the README's.
package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/cli"
	"github.com/easyrun/easyrun/format"
	"github.com/easyrun/easyrun/format/fit"
	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/training"
	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// easyrunChild is the hidden command that runs this program as the
// easyrun command itself, with the arguments after it: the load
// benchmark's import beside the server is 'easyrun import' in another
// process, as a runner starts it.
const easyrunChild = "easyrun"

func main() {
	if len(os.Args) > 1 && os.Args[1] == easyrunChild {
		os.Exit(runEasyrun(os.Args[2:]))
	}
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: bench import [-years N] [-corpus DIR] [-keep DIR] [-cpuprofile DIR]\n       bench analyse [-years N] [-keep DIR] [-cpuprofile FILE]\n"+
			"       bench load [-athletes N] [-years N] [-duration D] [-warmup D] [-ramp D] [-db FILE] [-postgres URL] [-cpuprofile FILE]\n"+
			"       bench stall [-years N] [-every D] [-alone D] [-keep DIR]\n       bench daily [-keep DIR] [-runs N]\n"+
			"       bench growth [-years N,...] [-athletes N,...] [-keep DIR] [-runs N] [-postgres URL]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "import":
		err = benchImport(os.Args[2:])
	case "analyse":
		err = benchAnalyse(os.Args[2:])
	case "load":
		err = benchLoad(os.Args[2:])
	case "stall":
		err = benchStall(os.Args[2:])
	case "daily":
		err = benchDaily(os.Args[2:])
	case "growth":
		err = benchGrowth(os.Args[2:])
	case "child":
		err = child(os.Args[2:])
	default:
		err = fmt.Errorf("unknown benchmark %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// runEasyrun runs the easyrun command with args, as cmd/easyrun does,
// and returns its exit code.
func runEasyrun(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return cli.Run(ctx, args, cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
}

// result is what a child measures.
type result struct {
	Files int   `json:"files"`
	Bytes int64 `json:"bytes"`
	// Activities are the sessions decoded, or for a full import the
	// activities stored: fewer where files record the same session.
	Activities int     `json:"activities"`
	Failed     int     `json:"failed"`
	Seconds    float64 `json:"seconds"`
	PeakRSSMB  float64 `json:"peak_rss_mb"`  // filled in by the parent
	PeakAnonMB float64 `json:"peak_anon_mb"` // sampled by the child: RssAnon, without mapped files
	CPUSeconds float64 `json:"cpu_seconds"`  // user and system, filled in by the parent
	// ImportSeconds and ImportCPUSeconds are the import's part of an
	// import followed by the analysis, measured in the child.
	ImportSeconds    float64 `json:"import_seconds,omitempty"`
	ImportCPUSeconds float64 `json:"import_cpu_seconds,omitempty"`
}

// mbPerS and mbPerCPUS are r's speed by wall time and by CPU time.
func (r result) mbPerS() float64    { return float64(r.Bytes) / 1e6 / r.Seconds }
func (r result) mbPerCPUS() float64 { return float64(r.Bytes) / 1e6 / r.CPUSeconds }

func benchImport(args []string) error {
	fs := flag.NewFlagSet("import", flag.ExitOnError)
	years := fs.Int("years", 10, "years of simulated training in the large archive")
	corpus := fs.String("corpus", filepath.Join("..", "shared", "corpus"), "folder of real device files")
	keep := fs.String("keep", "", "keep the generated archive in this folder (reused when present)")
	fs.StringVar(&childProfiles, "cpuprofile", "", "write each child's CPU profile into this `folder`, as MODE-DATASET.pprof")
	rounds := fs.Int("rounds", 3, "run every child this many times, in turn, and print for each mode its fastest round against the library's fastest")
	fs.Parse(args)
	if *rounds < 1 {
		return errors.New("import: -rounds must be at least 1")
	}

	dir, archive, done, err := archiveIn(*keep, *years)
	if err != nil {
		return err
	}
	defer done()
	if childProfiles != "" {
		if err := os.MkdirAll(childProfiles, 0o755); err != nil {
			return err
		}
	}

	fmt.Printf("%d cores (GOMAXPROCS %d), %s\n\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "dataset\tmode\tfiles\tMB\tactivities\tfailed\ts\tCPU s\tMB/s\tpeak RSS MB\tpeak anon MB\tvs library (wall)\tvs library (CPU)\trounds (CPU)\tvs floor\t")
	for _, set := range []struct{ name, path string }{{"corpus", *corpus}, {"simulated archive", archive}} {
		if _, err := os.Stat(set.path); err != nil {
			fmt.Fprintf(tw, "%s\tmissing: %s\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n", set.name, set.path)
			continue
		}
		// Every round runs each mode once, the library's first: the
		// fastest rounds make the row, the rounds' range pairs children
		// run close in time.
		modes := []struct{ mode, name string }{{"library", "FIT library decode"}, {"decode", "decode only"},
			{"store", "full import"}, {"analyse", "import + analyse"}, {"analyse-set", "import + analyse, max HR set"}}
		res := make([][]result, len(modes)) // by mode, then round
		for range *rounds {
			for m, md := range modes {
				n := 1
				if md.mode == "library" {
					n = libraryRuns
				}
				var runs []result
				for range n {
					if err := warm(set.path); err != nil {
						return err
					}
					r, err := runChild(md.mode, set.path, dir)
					if err != nil {
						return err
					}
					runs = append(runs, r)
				}
				res[m] = append(res[m], fastest(runs))
			}
		}
		lib, floor := res[0], res[1]
		for m, md := range modes {
			row(tw, set.name, md.name, res[m], lib, floor)
		}
	}
	tw.Flush()
	fmt.Println("\nvs library: speed (MB/s, by wall time and by CPU time) as a share of the FIT library's streaming decode of the")
	fmt.Println("same FIT files (muktihari/fit, messages to a listener, checksums checked, one worker per core); the library")
	fmt.Println("row counts the FIT files alone, so on the corpus the others' MB include GPX and TCX. Targets: easyrun's")
	fmt.Println("decode ≥ 70 %, the full import ≥ 40 % at ≤ 300 MB peak RSS.")
	fmt.Printf("rounds: each mode ran once a round, the library's decode first and %d times, its fastest kept, each child\n", libraryRuns)
	fmt.Println("after the files were read into the page cache. A row is the mode's round that took the least CPU, against")
	fmt.Println("the library's that took the least; the range is the share of the library's speed over the rounds, each")
	fmt.Println("against the library's in the same round; the peak RSS is the highest of any round. On a shared machine a")
	fmt.Println("child's CPU time swings between runs, the library's by up to 2.5 times, so the fastest compare best.")
	fmt.Println("vs floor: speed as a share of easyrun's own decode-only floor, the earlier baseline, each at its fastest.")
	fmt.Println("activities: sessions decoded, or stored by the full import, which keeps one activity per session where")
	fmt.Println("files record the same one (README, \"Same session\").")
	fmt.Println("import + analyse: the full import, then the analysis the CLI's import runs (training.Service.Refresh); into")
	fmt.Println("a new store, where max HR is detected from the import, or with max HR set, where the import analyses.")
	fmt.Println("peak anon MB: the most memory of the process's own (RssAnon); peak RSS adds the database file's pages")
	fmt.Println("mapped by SQLite (mmap_size), which the kernel shares and may drop.")
	return nil
}

// tempDB names a new SQLite database in dir; remove deletes it with its
// write-ahead log and shared-memory files.
func tempDB(dir, prefix string) (path string, remove func()) {
	path = filepath.Join(dir, fmt.Sprintf("%s-%d.db", prefix, time.Now().UnixNano()))
	return path, func() { removeDB(path) }
}

// removeDB deletes the SQLite file at path with its write-ahead log and
// shared-memory files, if they are there.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

// workDir returns the folder keep names, or a new temporary one that
// done removes.
func workDir(keep string) (dir string, done func(), err error) {
	if keep != "" {
		return keep, func() {}, os.MkdirAll(keep, 0o755)
	}
	if dir, err = os.MkdirTemp("", "easyrun-bench-"); err != nil {
		return "", nil, err
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

// archiveIn returns the folder keep names, or a new temporary one that
// done removes, and the simulated archive of years in it.
func archiveIn(keep string, years int) (dir, archive string, done func(), err error) {
	if dir, done, err = workDir(keep); err != nil {
		return "", "", nil, err
	}
	if archive, err = simulatedArchive(dir, years); err != nil {
		done()
		return "", "", nil, err
	}
	return dir, archive, done, nil
}

// archiveStart is the first day of the simulated archive.
var archiveStart = time.Date(2016, 1, 4, 0, 0, 0, 0, time.UTC)

// archiveEnd is the morning after the simulated archive of years: the
// clock its analysis and answers are made at, so that max heart rate is
// detected from its last year as it would be for a real runner. The
// archive starts on the first Monday after archiveStart in the runner's
// time, a week later, and a clock before its last sessions would ask for
// a past day's answers rather than today's.
func archiveEnd(years int) time.Time {
	return archiveStart.AddDate(0, 0, 7*(52*years+1)).Add(7 * time.Hour)
}

// simulatedArchive returns the folder of FIT files of years of the
// default simulated runner's training under dir, writing it unless it is
// there already (kept with -keep).
func simulatedArchive(dir string, years int) (string, error) {
	archive := filepath.Join(dir, fmt.Sprintf("sim-%dy", years))
	if _, err := os.Stat(archive); err == nil {
		return archive, nil
	}
	start := time.Now()
	r := sim.DefaultRunner()
	sessions := r.History(archiveStart, 52*years)
	if _, err := r.WriteFIT(context.Background(), archive, sessions); err != nil {
		return "", err
	}
	fmt.Printf("generated %d simulated sessions (%d years) as FIT files in %.1f s\n\n",
		len(sessions), years, time.Since(start).Seconds())
	return archive, nil
}

// row prints the round of rs that took the least CPU against the
// library's round that took the least, with the range of the share of
// the library's speed over the rounds, each against the library's of the
// same round, and the highest peak RSS of any round. The fastest of
// several rounds is the one the host's noise slowed least, for the
// library as for easyrun; pairing each with a slow library's round
// instead flatters easyrun (README, Benchmarks).
func row(tw *tabwriter.Writer, set, mode string, rs, lib, floor []result) {
	r, l, f := fastest(rs), fastest(lib), fastest(floor)
	lo, hi, peak := math.Inf(1), math.Inf(-1), 0.0
	for i, x := range rs {
		share := 100 * x.mbPerCPUS() / lib[i].mbPerCPUS()
		lo, hi, peak = min(lo, share), max(hi, share), max(peak, x.PeakRSSMB)
	}
	fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f\t%d\t%d\t%.2f\t%.2f\t%.1f\t%.0f\t%.0f\t%.0f %%\t%.0f %%\t%.0f–%.0f %%\t%.0f %%\t\n", set, mode, r.Files,
		float64(r.Bytes)/1e6, r.Activities, r.Failed, r.Seconds, r.CPUSeconds, r.mbPerS(), peak, r.PeakAnonMB,
		100*r.mbPerS()/l.mbPerS(), 100*r.mbPerCPUS()/l.mbPerCPUS(), lo, hi, 100*r.mbPerCPUS()/f.mbPerCPUS())
}

// fastest is the result of rs that took the least CPU time.
func fastest(rs []result) result {
	return slices.MinFunc(rs, func(a, b result) int { return cmp.Compare(a.CPUSeconds, b.CPUSeconds) })
}

// libraryRuns is how many times a round runs the library's decode, the
// baseline, keeping the fastest: it takes 2.7 or 5-7 CPU s by the host's
// mood, and five rounds of one run each sometimes never saw it fast,
// which flattered easyrun by a third.
const libraryRuns = 3

// warm reads every file under path once, so that the child after it
// finds them in the page cache: the library's decode, first in a round,
// read them from disk after the last round's imports had pushed them out,
// and its CPU then counted the reads (0.55 s of 4.3, against 0.18 s in the
// import), which flattered every ratio to it.
func warm(path string) error {
	return filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(io.Discard, f)
		return err
	})
}

// runChild runs one measurement in a fresh process, with a new database
// in dir, and reads its peak RSS.
func runChild(mode, path, dir string) (result, error) {
	db, remove := tempDB(dir, "bench")
	defer remove()
	return runChildInto(mode, path, db, time.Time{})
}

// childProfiles, when not empty, is the folder where each child of the
// import benchmark writes its CPU profile (-cpuprofile).
var childProfiles string

// profileEnv names, in a child's environment, the file its CPU profile
// goes to.
const profileEnv = "EASYRUN_BENCH_CPUPROFILE"

// runChildInto is runChild with the SQLite file db, which may hold data,
// and the analysis's clock at now; zero now is the real clock.
func runChildInto(mode, path, db string, now time.Time) (result, error) {
	exe, err := os.Executable()
	if err != nil {
		return result{}, err
	}
	args := []string{"child", mode, path, db}
	if !now.IsZero() {
		args = append(args, now.Format(time.RFC3339))
	}
	cmd := exec.Command(exe, args...)
	if childProfiles != "" {
		name := fmt.Sprintf("%s-%s.pprof", mode, filepath.Base(path))
		cmd.Env = append(os.Environ(), profileEnv+"="+filepath.Join(childProfiles, name))
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return result{}, fmt.Errorf("%s %s: %w", mode, path, err)
	}
	var r result
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		return result{}, fmt.Errorf("%s %s: %w", mode, path, err)
	}
	r.PeakRSSMB = peakRSSMB(cmd.ProcessState)
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	childrenCPU.Add(int64(cpu))
	r.CPUSeconds = cpu.Seconds()
	return r, nil
}

// child runs one measurement and prints its result as JSON.
func child(args []string) error {
	if len(args) != 3 && len(args) != 4 {
		return errors.New("child MODE PATH DB [NOW]")
	}
	mode, path, db := args[0], args[1], args[2]
	var (
		r   result
		now time.Time
		err error
	)
	if len(args) == 4 {
		if now, err = time.Parse(time.RFC3339, args[3]); err != nil {
			return fmt.Errorf("child: the clock: %w", err)
		}
	}
	if file := os.Getenv(profileEnv); file != "" {
		f, err := os.Create(file)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	stop := sampleAnon()
	start := time.Now()
	switch mode {
	case "library":
		r, err = libraryDecode(path)
	case "decode":
		r, err = decodeOnly(path)
	case "store":
		r, err = fullImport(path, db, false, false, now)
	case "analyse":
		r, err = fullImport(path, db, true, false, now)
	case "analyse-set":
		r, err = fullImport(path, db, true, true, now)
	default:
		err = fmt.Errorf("unknown mode %q", mode)
	}
	if err != nil {
		return err
	}
	r.Seconds = time.Since(start).Seconds()
	r.PeakAnonMB = stop()
	return json.NewEncoder(os.Stdout).Encode(r)
}

// libraryDecode walks path and decodes its FIT files with the FIT
// library's streaming decoder alone, one worker per core: messages go to
// a listener that counts sessions and keeps nothing, checksums are
// checked, chained files are read to the end. Files of other formats are
// left out of its counts.
func libraryDecode(path string) (result, error) {
	var (
		r                  result
		activities, failed atomic.Int64
		wg                 sync.WaitGroup
		entries            = make(chan importer.Entry, runtime.GOMAXPROCS(0))
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var l sessionCounter
			dec := decoder.New(nil)
			for e := range entries {
				dec.Reset(bytes.NewReader(e.Data), decoder.WithMesgListener(&l), decoder.WithBroadcastOnly())
				for dec.Next() {
					if _, err := dec.Decode(); err != nil {
						failed.Add(1)
						break
					}
				}
			}
			activities.Add(int64(l))
		})
	}
	err := importer.Walk(context.Background(), []string{path}, importer.Limits{}, func(e importer.Entry) error {
		if e.Err != nil || format.Sniff(e.Data) != fit.Kind {
			return nil
		}
		r.Files++
		r.Bytes += int64(len(e.Data))
		entries <- e
		return nil
	})
	close(entries)
	wg.Wait()
	r.Activities, r.Failed = int(activities.Load()), int(failed.Load())
	return r, err
}

// sessionCounter is a decoder.MesgListener that counts session messages.
type sessionCounter int64

func (c *sessionCounter) OnMesg(m proto.Message) {
	if m.Num == mesgnum.Session {
		*c++
	}
}

// decodeOnly walks and decodes path with one decoder per core and stores
// nothing: the floor a full import is measured against.
func decodeOnly(path string) (result, error) {
	var (
		r                  result
		activities, failed atomic.Int64
		wg                 sync.WaitGroup
		entries            = make(chan importer.Entry, runtime.GOMAXPROCS(0))
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for e := range entries {
				acts, err := format.Decode(e.Data)
				if err != nil && !errors.Is(err, activity.ErrNotActivity) {
					failed.Add(1)
				}
				activities.Add(int64(len(acts)))
			}
		})
	}
	err := importer.Walk(context.Background(), []string{path}, importer.Limits{}, func(e importer.Entry) error {
		r.Files++
		r.Bytes += int64(len(e.Data))
		if e.Err != nil {
			if !errors.Is(e.Err, activity.ErrNotActivity) {
				failed.Add(1)
			}
			return nil
		}
		entries <- e
		return nil
	})
	close(entries)
	wg.Wait()
	r.Activities, r.Failed = int(activities.Load()), int(failed.Load())
	return r, err
}

// sampleAnon samples the process's anonymous resident memory until the
// function it returns is called, which gives the most seen, in MB.
func sampleAnon() (stop func() float64) {
	var (
		peak atomic.Int64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	read := func() {
		b, _ := os.ReadFile("/proc/self/status") // Linux; none elsewhere
		for line := range strings.Lines(string(b)) {
			if kb, ok := strings.CutPrefix(line, "RssAnon:"); ok {
				n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), 10, 64)
				if n > peak.Load() {
					peak.Store(n)
				}
			}
		}
	}
	wg.Go(func() {
		for t := time.NewTicker(20 * time.Millisecond); ; {
			read()
			select {
			case <-t.C:
			case <-done:
				t.Stop()
				return
			}
		}
	})
	return func() float64 {
		close(done)
		wg.Wait()
		read()
		return float64(peak.Load()) / 1024
	}
}

// fullImport imports path into a new SQLite database at db as the CLI's
// import does, opening it as the CLI opens it (sqlite.ReadOnce) and
// deriving each activity's peak and analysis as it goes, and when
// analyse, analyses what it stored, with the clock at now (zero: the real
// clock). maxHRSet sets the simulated runner's max heart rate
// first.
func fullImport(path, db string, analyse, maxHRSet bool, now time.Time) (result, error) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db, sqlite.ReadOnce())
	if err != nil {
		return result{}, err
	}
	defer st.Close()
	start, cpu := time.Now(), cpuTime()
	svc := &training.Service{Store: st, Athlete: store.DefaultAthlete}
	if !now.IsZero() {
		svc.Now = func() time.Time { return now }
	}
	if maxHRSet {
		set := activity.Athlete{MaxHR: activity.Value{V: sim.DefaultRunner().MaxHR, Origin: activity.SetByRunner}}
		if err := st.SaveAthlete(ctx, svc.Athlete, set); err != nil {
			return result{}, err
		}
	}
	derive, err := svc.Derive(ctx)
	if err != nil {
		return result{}, err
	}
	im := &importer.Importer{Store: st, Athlete: svc.Athlete, Derive: derive}
	sum, err := im.Import(ctx, path)
	if err != nil {
		return result{}, err
	}
	imported, importCPU := time.Since(start), cpuTime()-cpu
	if analyse {
		if _, err := svc.Refresh(ctx, false); err != nil {
			return result{}, err
		}
	}
	return result{
		// Into an empty store, every stored activity was Imported once; a
		// Replaced one is another recording of one of them, counted or not
		// as the parallel decoders' order has the richer come second.
		Files: sum.Files, Bytes: sum.Bytes, Activities: sum.Imported,
		Failed:        len(sum.Failures),
		ImportSeconds: imported.Seconds(), ImportCPUSeconds: importCPU.Seconds(),
	}, nil
}

// childrenCPU is the user and system time, in nanoseconds, of the
// children of runChildInto that have exited.
var childrenCPU atomic.Int64
