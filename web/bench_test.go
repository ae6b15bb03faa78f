package web

import (
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/easyrun/easyrun/store"
)

// BenchmarkPages renders the dashboard and an activity page over a
// simulated 10-year history, reporting the median and 99th percentile of
// the server-side time per request and the page's size. Targets: under
// 50 ms each, pages under 200 KB. The history takes a while to build:
// go test ./web -run '^$' -bench Pages -benchtime 200x
func BenchmarkPages(b *testing.B) {
	st := newStore(b, b.TempDir())
	start := time.Now()
	simulate(b, st, testNow, 52*benchYears())
	b.Logf("simulated 10 years in %.1f s", time.Since(start).Seconds())
	s := newServer(st)
	recs, err := st.Activities(b.Context(), store.DefaultAthlete, store.Filter{Limit: 1})
	if err != nil || len(recs) == 0 {
		b.Fatalf("no activity: %v", err)
	}
	for _, p := range []struct{ name, path string }{
		{"dashboard", "/"},
		{"activity", "/activities/" + strconv.FormatInt(recs[0].ID, 10)},
	} {
		b.Run(p.name, func(b *testing.B) {
			// The first request makes the advice the dashboard keeps.
			t0 := time.Now()
			s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p.path, nil))
			cold := time.Since(t0)
			var times []time.Duration
			size := 0
			for b.Loop() {
				rec := httptest.NewRecorder()
				t0 := time.Now()
				s.ServeHTTP(rec, httptest.NewRequest("GET", p.path, nil))
				times = append(times, time.Since(t0))
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: status %d", p.path, rec.Code)
				}
				size = rec.Body.Len()
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
			b.ReportMetric(float64(times[(len(times)*99)/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(size)/1024, "page-KB")
			b.ReportMetric(float64(cold.Microseconds())/1000, "first-ms")
		})
	}
}

// benchYears is the history's length: EASYRUN_BENCH_YEARS, else 10.
func benchYears() int {
	if n, err := strconv.Atoi(os.Getenv("EASYRUN_BENCH_YEARS")); err == nil && n > 0 {
		return n
	}
	return 10
}
