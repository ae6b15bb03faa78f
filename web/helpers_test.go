package web

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/store/storetest"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/api"
)

// testNow is the clock of every test: a Wednesday evening in winter, in
// the simulated runner's zone (UTC+01:00).
var (
	runnerZone = time.FixedZone("CET", 3600)
	testNow    = time.Date(2026, 11, 25, 20, 0, 0, 0, runnerZone)
)

// newStore opens an empty store in dir.
func newStore(tb testing.TB, dir string) store.Store {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "easyrun.db"))
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() {
		if err := st.Close(); err != nil {
			tb.Errorf("close store: %v", err)
		}
	})
	return st
}

// simulate stores weeks of the simulated runner's training up to now,
// with the runner's birth year set, and analyses them.
func simulate(tb testing.TB, st store.Store, now time.Time, weeks int) {
	tb.Helper()
	ctx := context.Background()
	r := sim.DefaultRunner()
	sessions := r.History(now.AddDate(0, 0, -7*weeks), weeks+1)
	var wg sync.WaitGroup
	encoded := make([]*store.Encoded, len(sessions))
	errs := make([]error, len(sessions))
	sem := make(chan struct{}, 4)
	for i, s := range sessions {
		if !s.Start.Before(now.Add(-2 * time.Hour)) {
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			a, err := r.Simulate(s)
			if err != nil {
				errs[i] = err
				return
			}
			name := fmt.Sprintf("%s-%s.fit", s.Start.Format("2006-01-02-1504"), s.Kind)
			encoded[i], errs[i] = store.Encode(storetest.File(name, activity.FIT, []byte(name)), []*activity.Activity{a})
		})
	}
	wg.Wait()
	for i, e := range encoded {
		if errs[i] != nil {
			tb.Fatalf("simulate session %d: %v", i, errs[i])
		}
		if e == nil {
			continue
		}
		if _, err := st.SaveFile(ctx, store.DefaultAthlete, e); err != nil {
			tb.Fatalf("save session %d: %v", i, err)
		}
	}
	if err := st.SaveAthlete(ctx, store.DefaultAthlete, activity.Athlete{BirthYear: 1986, Sex: activity.Female, MassKg: 61}); err != nil {
		tb.Fatalf("save athlete: %v", err)
	}
	svc := &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return now }}
	if _, err := svc.Refresh(ctx, false); err != nil {
		tb.Fatalf("refresh: %v", err)
	}
}

// newServer is a Server over st on the test clock.
func newServer(st store.Store) *Server {
	return New(Config{Config: api.Config{Store: st, Now: func() time.Time { return testNow }, Location: runnerZone}})
}

// get serves a GET of path and returns the response and its body.
func get(tb testing.TB, h http.Handler, path string) (*http.Response, string) {
	tb.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

// checkHTML checks the basics of a page: it parses, declares its
// language, has one h1, a text alternative on every image and a label on
// every form field. It returns the problems found.
func checkHTML(page string) []string {
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	var problems []string
	h1s := 0
	labels := map[string]bool{}
	var fields []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return append(problems, "does not parse: "+err.Error())
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := func(name string) (string, bool) {
			for _, a := range el.Attr {
				if a.Name.Local == name {
					return a.Value, true
				}
			}
			return "", false
		}
		switch el.Name.Local {
		case "html":
			if lang, _ := attr("lang"); lang == "" {
				problems = append(problems, "html has no lang attribute")
			}
		case "h1":
			h1s++
		case "img":
			if _, ok := attr("alt"); !ok {
				src, _ := attr("src")
				problems = append(problems, "img "+src+" has no alt text")
			}
		case "svg":
			if role, _ := attr("role"); role == "img" {
				if next, _ := d.Token(); !isStart(next, "title") {
					problems = append(problems, "svg with role img does not start with a title")
				}
			}
		case "label":
			if f, ok := attr("for"); ok {
				labels[f] = true
			}
		case "input", "select", "textarea":
			if t, _ := attr("type"); t == "hidden" || t == "submit" {
				continue
			}
			id, _ := attr("id")
			fields = append(fields, el.Name.Local+"#"+id)
		}
	}
	if h1s != 1 {
		problems = append(problems, fmt.Sprintf("%d h1 elements, want 1", h1s))
	}
	for _, f := range fields {
		if _, id, _ := strings.Cut(f, "#"); id == "" || !labels[id] {
			problems = append(problems, f+" has no label")
		}
	}
	return problems
}

func isStart(tok xml.Token, name string) bool {
	el, ok := tok.(xml.StartElement)
	return ok && el.Name.Local == name
}
