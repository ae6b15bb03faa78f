package training_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/training"
)

// importDerived writes sessions as FIT files and imports them as the CLI
// does, deriving each activity's peak and analysis on the way.
func importDerived(t *testing.T, s *training.Service, sessions []sim.Session) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := runner.WriteFIT(ctx, dir, sessions); err != nil {
		t.Fatal(err)
	}
	derive, err := s.Derive(ctx)
	if err != nil {
		t.Fatalf("Derive: %v", err)
	}
	sum, err := (&importer.Importer{Store: s.Store, Athlete: s.Athlete, Derive: derive}).Import(ctx, dir)
	if err != nil || sum.Imported != len(sessions) {
		t.Fatalf("Import = %+v, %v; want %d imported", sum, err, len(sessions))
	}
}

// analyses returns every stored analysis as JSON, by activity id.
func analyses(t *testing.T, s *training.Service) map[int64]string {
	t.Helper()
	recs, err := s.Store.Activities(context.Background(), s.Athlete, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[int64]string, len(recs))
	for _, r := range recs {
		b, err := json.Marshal(r.Analysis)
		if err != nil {
			t.Fatal(err)
		}
		out[r.ID] = string(b)
	}
	return out
}

// TestImportAnalysesInMemory checks that activities an import analysed
// as it decoded them are judged with the runner's history by Refresh
// without reading their streams back, to the same analyses as reading
// them gives; and that a profile changed since makes them stale.
func TestImportAnalysesInMemory(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	s := newService(t, now)
	setMaxHR(t, s, 190)
	// Runs of one length: none is long for this runner, which alone
	// would need the streams again (analysis.ApplyHistory).
	first := now.AddDate(0, 0, -60)
	importDerived(t, s, daily(sim.Easy, first.Add(7*time.Hour), 50, 45*time.Minute))
	refresh(t, s, false, 50, 0)

	importDerived(t, s, daily(sim.Easy, first.AddDate(0, 0, 50).Add(7*time.Hour), 7, 45*time.Minute))
	for id, a := range analyses(t, s) {
		if a == "null" {
			t.Fatalf("activity %d was imported without its analysis", id)
		}
	}
	st := s.Store
	s.Store = &readsNoStreams{Store: st}
	refresh(t, s, false, 7, 50)
	s.Store = st
	judged := analyses(t, s)
	for id, a := range judged {
		if strings.Contains(a, `"draft"`) {
			t.Errorf("activity %d: Refresh left the import's draft: %s", id, a)
		}
	}
	peaks, err := st.Peaks(ctx, s.Athlete, time.Time{}, time.Time{})
	if err != nil || len(peaks) != 57 {
		t.Fatalf("Peaks = %d, %v; want 57", len(peaks), err)
	}
	for _, p := range peaks {
		if !p.Measured || p.HR.ActivityID != p.ActivityID {
			t.Errorf("peak %+v: want it measured on import, of its own activity", p)
		}
	}

	// Analysing every activity again from its streams gives the same.
	refresh(t, s, true, 57, 0)
	for id, a := range analyses(t, s) {
		if judged[id] != a {
			t.Errorf("activity %d: judged from the import's draft\n%s\nfrom its streams\n%s", id, judged[id], a)
		}
	}

	// A draft made with another profile is stale: Refresh analyses it
	// again from its streams.
	importDerived(t, s, daily(sim.Easy, first.AddDate(0, 0, 57).Add(7*time.Hour), 1, 45*time.Minute))
	setMaxHR(t, s, 185)
	refresh(t, s, false, 58, 0)
	for id, a := range analyses(t, s) {
		if !strings.Contains(a, "max HR 185 bpm") {
			t.Errorf("activity %d kept an analysis of another profile: %s", id, a)
		}
	}
}
