package backup

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/internal/golden"
	"github.com/easyrun/easyrun/plan"
)

// TestManifestFormat pins version 1 of the manifest: exports users keep
// must read into Manifest with no field unknown and write back as they
// were. A change that fails here needs a new Version and a reader of the
// old one. -update writes the fixture from the value below.
func TestManifestFormat(t *testing.T) {
	t.Parallel()
	path := filepath.Join("testdata", "manifest-v1.json")
	if golden.Updating() {
		start := time.Date(2026, 3, 17, 6, 30, 0, 0, time.UTC)
		session := 0
		golden.JSON(t, path, Manifest{Format: FormatName, Version: 1, ExportedAt: start.Add(48 * time.Hour),
			Athlete: activity.Athlete{Name: "Ana", MaxHR: activity.Value{V: 189, Origin: activity.SetByRunner}, Units: activity.Kilometres},
			Plan: &plan.Plan{Request: plan.Request{Volume: plan.Volume{Duration: 5 * time.Hour}, Experience: activity.Intermediate,
				Start: plan.DateOf(start)}, Weeks: []plan.Week{}},
			Activities: []Activity{
				{Start: start, Sport: activity.Running, Name: "Intervals", Notes: "windy", RPE: 7,
					Sources: []Source{{SHA256: "731802ed66fac1b30b268265bbb59a4590f5b62b6faf3e5b23a02cd34febd02c", Primary: true, Session: &session}, {SHA256: "270a3b7aef55172b21896df9e80d5559334a50fd05f001d370c709a545b7cf5b"}}},
				{Start: start.Add(24 * time.Hour), Sport: activity.Running, RPE: 3, Manual: &Manual{SubSport: "trail",
					LocalOffsetS: 3600, HasLocalOffset: true, ElapsedS: 2400, MovingS: 2300.5, DistanceM: 6000,
					AvgHeartRate: 131, MaxHeartRate: 145, AscentM: 80}},
			},
			Files: []File{{SHA256: "731802ed66fac1b30b268265bbb59a4590f5b62b6faf3e5b23a02cd34febd02c", Name: "2026-03-17.fit", Format: activity.FIT, Member: "files/731802ed66fac1b30b268265bbb59a4590f5b62b6faf3e5b23a02cd34febd02c.fit", SizeBytes: 48213},
				{SHA256: "270a3b7aef55172b21896df9e80d5559334a50fd05f001d370c709a545b7cf5b", Name: "Morning_Run.gpx", Format: activity.GPX, Member: "files/270a3b7aef55172b21896df9e80d5559334a50fd05f001d370c709a545b7cf5b.gpx", SizeBytes: 90411}},
		})
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(want))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("%s no longer reads: %v", path, err)
	}
	if err := m.check(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	got, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if got = append(got, '\n'); !bytes.Equal(got, want) {
		t.Errorf("%s reads back differently: the export format changed (raise Version)\n--- got\n%s", path, got)
	}
}
