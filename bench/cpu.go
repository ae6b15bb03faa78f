package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/google/pprof/profile"

	"github.com/easyrun/easyrun/web"
	"github.com/easyrun/easyrun/web/api"
)

// CPU per request is read from a CPU profile of the measured run rather
// than from timing each route alone: the server labels each request with
// its route (web.RouteLabel) and an upload's import with api.JobLabel,
// so the samples say what the CPU was spent on while the routes run
// mixed, contending for the cores and the caches as they do in use. The
// simulated athletes run in the same process and are labelled too: their
// cost is a row of its own, not charged to the server. What runs outside
// any request (the garbage collector's workers, the HTTP server reading
// a request before routing it) gets rows of its own; the collector's
// work inside a request that allocates (assists) stays with the request.

// benchLabel labels the benchmark's own goroutines in the profile.
const benchLabel = "bench"

// Rows of the CPU table that are not routes.
const (
	cpuImportJobs = "import jobs after uploads"
	cpuClients    = "the athletes' clients (bench)"
	cpuBeside     = "import beside (bench)"
	cpuGC         = "garbage collector, background"
	cpuHTTP       = "HTTP server, before routing"
	cpuOther      = "other"
)

// pageCPUTarget is the target for the CPU a page costs on average (issue 19).
const pageCPUTarget = 5 * time.Millisecond

// benchDo runs f with the benchmark's goroutines labelled as what, so
// that the profile tells their CPU from the server's.
func benchDo(ctx context.Context, what string, f func()) {
	pprof.Do(ctx, pprof.Labels(benchLabel, what), func(context.Context) { f() })
}

// cpuProfile profiles the CPU while run runs, into a buffer.
func cpuProfile(run func()) ([]byte, error) {
	var buf bytes.Buffer
	if err := pprof.StartCPUProfile(&buf); err != nil {
		return nil, err
	}
	run()
	pprof.StopCPUProfile()
	return buf.Bytes(), nil
}

// cpuBreakdown sums the CPU time of a profile by what it was spent on:
// each route, the import jobs, the benchmark's goroutines, and the rows
// above for the samples of no request.
func cpuBreakdown(data []byte) (map[string]time.Duration, error) {
	p, err := profile.ParseData(data)
	if err != nil {
		return nil, fmt.Errorf("read the CPU profile: %w", err)
	}
	value := slices.IndexFunc(p.SampleType, func(t *profile.ValueType) bool { return t.Type == "cpu" && t.Unit == "nanoseconds" })
	if value < 0 {
		return nil, fmt.Errorf("the CPU profile has no cpu/nanoseconds values")
	}
	sums := map[string]time.Duration{}
	for _, s := range p.Sample {
		sums[cpuOf(s)] += time.Duration(s.Value[value])
	}
	return sums, nil
}

// cpuOf is the row a sample counts in.
func cpuOf(s *profile.Sample) string {
	switch {
	case len(s.Label[api.JobLabel]) > 0: // before the route: a job keeps its request's labels
		return cpuImportJobs
	case len(s.Label[benchLabel]) > 0:
		return s.Label[benchLabel][0]
	case len(s.Label[web.RouteLabel]) > 0:
		return s.Label[web.RouteLabel][0]
	case inStack(s, "runtime.gcBgMarkWorker"):
		return cpuGC
	case inStack(s, "net/http.(*conn).serve"):
		return cpuHTTP
	}
	return cpuOther
}

// inStack reports whether the function named fn is in s's stack.
func inStack(s *profile.Sample, fn string) bool {
	for _, l := range s.Location {
		for _, ln := range l.Line {
			if ln.Function != nil && ln.Function.Name == fn {
				return true
			}
		}
	}
	return false
}

// pageCPU is the CPU of the pages' routes divided by the pages served.
func (rep *loadReport) pageCPU() time.Duration {
	var cpu time.Duration
	n := 0
	for route, count := range rep.Routes {
		if pageRoute(route) {
			cpu += rep.CPU[route]
			n += count
		}
	}
	if n == 0 {
		return 0
	}
	return cpu / time.Duration(n)
}

// pageRoute reports whether route serves pages: it is a GET and not of
// the API's.
func pageRoute(route string) bool {
	return strings.HasPrefix(route, "GET /") && !strings.HasPrefix(route, "GET "+api.Prefix)
}

// printCPU writes where each store's run spent its CPU: per route the
// requests, the CPU and its share and the CPU per request, then the rows
// of no request, and the pages' average against the target.
func printCPU(w io.Writer, reports []*loadReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "store\tCPU of\trequests\tCPU s\tshare\tms/request\t")
	for _, rep := range reports {
		var total time.Duration
		names := make([]string, 0, len(rep.CPU))
		for name, d := range rep.CPU {
			total += d
			names = append(names, name)
		}
		// Routes by CPU, most first; then the rest in a fixed order.
		others := []string{cpuImportJobs, cpuHTTP, cpuGC, cpuClients, cpuBeside, cpuOther}
		slices.SortFunc(names, func(a, b string) int { return int(rep.CPU[b] - rep.CPU[a]) })
		for _, name := range slices.Concat(slices.DeleteFunc(names, func(n string) bool { return slices.Contains(others, n) }), others) {
			d, ok := rep.CPU[name]
			if !ok {
				continue
			}
			share := 100 * d.Seconds() / total.Seconds()
			if n := rep.Routes[name]; n > 0 {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f\t%.0f %%\t%.2f\t\n", rep.Store, name, n, d.Seconds(), share, ms(d/time.Duration(n)))
			} else {
				fmt.Fprintf(tw, "%s\t%s\t\t%.1f\t%.0f %%\t\t\n", rep.Store, name, d.Seconds(), share)
			}
		}
		fmt.Fprintf(tw, "%s\tall, in %.1f s on %d cores\t\t%.1f\t100 %%\t\t\n", rep.Store, rep.Elapsed.Seconds(), rep.Cores, total.Seconds())
	}
	tw.Flush()
	for _, rep := range reports {
		verdict := "met"
		if rep.pageCPU() > pageCPUTarget {
			verdict = "MISSED"
		}
		fmt.Fprintf(w, "%s: a page costs %.2f ms of CPU on average, against the target of %.0f ms: %s.\n",
			rep.Store, ms(rep.pageCPU()), ms(pageCPUTarget), verdict)
	}
}

// printRamp writes each store's ramp, if it ran: per step the load
// offered and served and the pages' p99, then the throughput at which
// the p99 passes pageTargetP99.
func printRamp(w io.Writer, reports []*loadReport) {
	for _, rep := range reports {
		if len(rep.Ramp) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s ramp:\n", rep.Store)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "think ms\toffered actions/s\tserved req/s\tpages p99 ms\terrors\t")
		for _, s := range rep.Ramp {
			fmt.Fprintf(tw, "%.0f\t%.0f\t%.0f\t%.1f\t%d\t\n", ms(s.Think), s.Offered, s.Served, ms(s.PagesP99), s.Errors)
		}
		tw.Flush()
		fmt.Fprintf(w, "%s: %s\n", rep.Store, capacity(rep))
	}
}

// capacity says at which throughput the pages' p99 passed the target:
// interpolated between the last step under it and the first over it.
func capacity(rep *loadReport) string {
	type point struct {
		served float64
		p99    time.Duration
	}
	points := []point{{float64(rep.requests()) / rep.Elapsed.Seconds(), rep.pagesP99()}}
	for _, s := range rep.Ramp {
		points = append(points, point{s.Served, s.PagesP99})
	}
	over := slices.IndexFunc(points, func(p point) bool { return p.p99 >= pageTargetP99 })
	switch over {
	case -1:
		return fmt.Sprintf("the pages' p99 stayed under %d ms up to %.0f req/s, the most offered.", pageTargetP99.Milliseconds(), points[len(points)-1].served)
	case 0:
		return fmt.Sprintf("the pages' p99 was over %d ms already at %.0f req/s.", pageTargetP99.Milliseconds(), points[0].served)
	}
	lo, hi := points[over-1], points[over]
	at := lo.served + (hi.served-lo.served)*float64(pageTargetP99-lo.p99)/float64(hi.p99-lo.p99)
	return fmt.Sprintf("the pages' p99 passes %d ms at about %.0f req/s (%.0f req/s: %.1f ms; %.0f req/s: %.1f ms).",
		pageTargetP99.Milliseconds(), at, lo.served, ms(lo.p99), hi.served, ms(hi.p99))
}

// loadAverage is the machine's load average over the last minute, as
// /proc/loadavg gives it, which says whether the run had the cores to
// itself; "unknown" where there is none.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "unknown"
}

// cpuModel is the processor's model name, as /proc/cpuinfo gives it;
// "unknown processor" where there is none.
func cpuModel() string {
	info, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown processor"
	}
	for l := range strings.Lines(string(info)) {
		if name, value, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return "unknown processor"
}
