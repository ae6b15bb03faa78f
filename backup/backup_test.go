package backup

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/format/fit"
	"github.com/easyrun/easyrun/importer"
	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/internal/golden"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/postgres"
	"github.com/easyrun/easyrun/store/sqlite"
	"github.com/easyrun/easyrun/training"
)

// testdata is absolute: a test changes directory to store short names.
var testdata, _ = filepath.Abs("testdata")

// now is the tests' clock: a Wednesday.
var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func openSQLite(t testing.TB) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "easyrun.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func service(st store.Store) *training.Service {
	return &training.Service{Store: st, Athlete: store.DefaultAthlete, Now: func() time.Time { return now }}
}

// oneWorker imports in file order, so that which of two recordings of a
// session is kept does not depend on scheduling.
var oneWorker = importer.Importer{Workers: 1}

// populate fills st as a runner would: real device files, simulated runs,
// a Strava export naming a run, a second recording of a session, RPEs, a
// profile, a plan and a run logged by hand.
func populate(t testing.TB, st store.Store, withCorpus bool) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	write := func(rel string, b []byte) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if withCorpus {
		for _, rel := range []string{"fit/dtcooper__activity-small-fenix2-run.fit", "tcx/tcxparser__test.tcx", "gpx/gogpx__fells_loop.gpx"} {
			write("watch/"+filepath.Base(rel), corpus.Read(t, rel))
		}
	}
	r := sim.DefaultRunner()
	sessions := r.History(now.AddDate(0, 0, -16), 2)[:5]
	if _, err := r.WriteFIT(ctx, filepath.Join(dir, "sim"), sessions[:4]); err != nil {
		t.Fatal(err)
	}
	// A Strava export of the fifth: its name and RPE are only in the index.
	a, err := r.Simulate(sessions[4])
	if err != nil {
		t.Fatal(err)
	}
	b, err := fit.EncodeActivity(a)
	if err != nil {
		t.Fatal(err)
	}
	write("strava/activities/5.fit", b)
	write("strava/activities.csv", []byte("Activity ID,Activity Name,Activity Type,Filename,Perceived Exertion\n5,Hill reps with Anna,Run,activities/5.fit,8\n"))
	// A poorer recording of the first session: a second source.
	if a, err = r.Simulate(sessions[0]); err != nil {
		t.Fatal(err)
	}
	a.Streams.HeartRate = nil
	if b, err = fit.EncodeActivity(a); err != nil {
		t.Fatal(err)
	}
	write("phone/first.fit", b)

	im := oneWorker
	im.Store, im.Athlete = st, store.DefaultAthlete
	subs := []string{"sim", "strava", "phone"}
	if withCorpus {
		subs = append(subs, "watch")
	}
	for _, sub := range subs {
		sum, err := im.Import(ctx, filepath.Join(dir, sub))
		if err != nil || sum.Failed() {
			t.Fatalf("import %s: %v %+v", sub, err, sum)
		}
	}
	svc := service(st)
	if err := st.SaveAthlete(ctx, store.DefaultAthlete, activity.Athlete{
		Name: "Ana", BirthYear: 1986, Experience: activity.Experienced, Sex: activity.Female, MassKg: 61,
		RestingHR: activity.Value{V: 52, Origin: activity.SetByRunner}, Units: activity.Kilometres,
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Refresh(ctx, true); err != nil {
		t.Fatal(err)
	}
	recs, err := st.Activities(ctx, store.DefaultAthlete, store.Filter{})
	if err != nil || len(recs) < 5 {
		t.Fatalf("activities: %d, %v", len(recs), err)
	}
	for i, rpe := range []int{3, 7} {
		if _, err := svc.SetRPE(ctx, recs[i+1].ID, rpe); err != nil {
			t.Fatal(err)
		}
	}
	// A session the runner says was a ride.
	if _, err := svc.SetSport(ctx, activity.Cycling, recs[3].ID); err != nil {
		t.Fatal(err)
	}
	hard, err := plan.ParseHard("tue:intervals,thu:threshold,sun:long")
	if err != nil {
		t.Fatal(err)
	}
	// Last week's plan, then this week's: the plan keeps last week's
	// sessions as cancelled, which the export carries.
	for _, start := range []plan.Date{plan.DateOf(now).AddDays(-7), plan.DateOf(now)} {
		if _, err := svc.MakePlan(ctx, plan.Request{Hard: hard, Volume: plan.Volume{Duration: 5 * time.Hour}, Start: start}); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []activity.Morning{
		{Date: now.AddDate(0, 0, -2).Format(time.DateOnly), RestingHR: 47, RMSSDMs: 71.5, Source: activity.FIT, Device: "garmin fenix7"},
		{Date: now.AddDate(0, 0, -1).Format(time.DateOnly), RestingHR: 49, Sleep: 6*time.Hour + 40*time.Minute, Legs: activity.TiredLegs,
			Source: activity.Manual, Note: "stiff calves"},
	} {
		if _, _, err := svc.SaveMorning(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	// Two pairs of shoes: the default one, which the run logged next
	// takes, and one for trails, which the oldest activity is moved to.
	for _, sh := range []activity.Shoe{
		{Name: "Blue pair", Brand: "Nike Pegasus 41", Started: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), RetireAtM: 700_000, Default: true},
		{Name: "Trail pair", Started: time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), RetireAtM: 600_000},
	} {
		if _, err := st.SaveShoe(ctx, store.DefaultAthlete, sh); err != nil {
			t.Fatal(err)
		}
	}
	start := now.Add(-30 * time.Hour)
	if _, err := svc.Log(ctx, &activity.Activity{Sport: activity.Running, Name: "Logged run", Notes: "no watch today",
		RPE: 3, Start: start, LocalOffset: time.Hour, HasLocalOffset: true, Elapsed: 35 * time.Minute,
		Moving: 35 * time.Minute, DistanceM: 6000}); err != nil {
		t.Fatal(err)
	}
	shoes, err := st.Shoes(ctx, store.DefaultAthlete)
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.Activities(ctx, store.DefaultAthlete, store.Filter{})
	if err != nil || len(all) < 2 {
		t.Fatalf("activities: %d, %v", len(all), err)
	}
	trail := shoes[slices.IndexFunc(shoes, func(sh activity.Shoe) bool { return sh.Name == "Trail pair" })]
	if err := st.SetShoe(ctx, store.DefaultAthlete, all[len(all)-1].ID, trail.ID); err != nil {
		t.Fatal(err)
	}
}

// export writes st's export at the tests' clock.
func export(t testing.TB, st store.Store) ([]byte, Exported) {
	t.Helper()
	var buf bytes.Buffer
	n, err := Export(context.Background(), st, store.DefaultAthlete, &buf, now)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), n
}

// writeFile writes b to a fresh file and returns its path.
func writeFile(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// state is what a restore must bring back, and nothing it may vary.
type state struct {
	Athlete    activity.Athlete
	Plan       *plan.Plan
	Mornings   []activity.Morning
	Shoes      []activity.Shoe // without the store's ids
	Activities []stateActivity
}

type stateActivity struct {
	Start                 int64
	Sport                 activity.Sport
	SportTagged           bool
	Name, Notes           string
	RPE                   int
	Source                activity.Format
	Elapsed               time.Duration
	DistanceM             float64
	Sources               []store.Source
	Analysed              bool
	AvgHeartRate, AscentM float64
	Shoe                  string // the shoe's name
}

func snapshot(t testing.TB, st store.Store) state {
	t.Helper()
	ctx := context.Background()
	var s state
	var err error
	if s.Athlete, err = st.Athlete(ctx, store.DefaultAthlete); err != nil {
		t.Fatal(err)
	}
	if s.Plan, err = st.Plan(ctx, store.DefaultAthlete); err != nil && !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	if s.Mornings, err = st.Mornings(ctx, store.DefaultAthlete, "", ""); err != nil {
		t.Fatal(err)
	}
	if s.Shoes, err = st.Shoes(ctx, store.DefaultAthlete); err != nil {
		t.Fatal(err)
	}
	shoeNames := map[int64]string{}
	for i := range s.Shoes {
		shoeNames[s.Shoes[i].ID] = s.Shoes[i].Name
		s.Shoes[i].ID = 0
	}
	recs, err := st.Activities(ctx, store.DefaultAthlete, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range recs {
		r, err := st.Activity(ctx, store.DefaultAthlete, sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		a := &r.Activity
		srcs := r.Sources
		for i := range srcs {
			srcs[i].FileID = 0 // the store's own numbering
		}
		slices.SortFunc(srcs, func(p, q store.Source) int { return cmp.Compare(p.SHA256, q.SHA256) })
		s.Activities = append(s.Activities, stateActivity{a.Start.Unix(), a.Sport, a.SportTagged, a.Name, a.Notes, a.RPE, a.Source,
			a.Elapsed, a.DistanceM, srcs, r.Analysis != nil, a.AvgHeartRate, a.AscentM, shoeNames[r.Shoe]})
	}
	return s
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := openSQLite(t)
	populate(t, src, true)
	want := snapshot(t, src)
	zipped, n := export(t, src)
	if n.Activities != len(want.Activities) || n.Manual != 1 || n.Files != n.Activities {
		// One activity has two files; one has none.
		t.Errorf("exported %+v, want %d activities, 1 manual, as many files", n, len(want.Activities))
	}
	if !slices.ContainsFunc(want.Activities, func(a stateActivity) bool { return a.SportTagged }) ||
		!slices.ContainsFunc(want.Activities, func(a stateActivity) bool { return len(a.Sources) == 2 }) ||
		!slices.ContainsFunc(want.Activities, func(a stateActivity) bool { return a.Name == "Hill reps with Anna" && a.RPE == 8 }) {
		t.Fatalf("the history lacks a session with two recordings or the Strava export's run: %+v", want.Activities)
	}

	unzipped := t.TempDir()
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(unzipped, zr); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
	}{
		{"zip", writeFile(t, "export.zip", zipped)},
		{"folder", unzipped},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !IsExport(tc.path) {
				t.Fatalf("IsExport(%s) = false", tc.path)
			}
			dst := openSQLite(t)
			r, err := Restore(ctx, service(dst), oneWorker, tc.path)
			if err != nil {
				t.Fatal(err)
			}
			if r.Import.Failed() || len(r.Import.Skipped) > 0 || r.Import.Files != n.Files || !r.Profile || !r.Plan || r.Logged != 1 || r.RPEs != 3 ||
				r.Shoes != 2 || r.Worn != 1 {
				t.Errorf("restored %+v, import %+v: want every file, no skips, profile, plan, 1 run logged, 3 RPEs, 2 shoes, the trail run given its shoe (the logged one takes the default)", r, r.Import)
			}
			if !slices.ContainsFunc(want.Activities, func(a stateActivity) bool { return a.Shoe == "Trail pair" }) ||
				!slices.ContainsFunc(want.Activities, func(a stateActivity) bool { return a.Shoe == "Blue pair" }) {
				t.Fatalf("the history lacks a run in each pair: %+v", want.Activities)
			}
			if got := snapshot(t, dst); !reflect.DeepEqual(got, want) {
				t.Errorf("restored store differs:\n got %+v\nwant %+v", got, want)
			}
			again, _ := export(t, dst)
			if !bytes.Equal(again, zipped) {
				t.Errorf("the restored store's export differs from the export it came from:\n%s", manifestDiff(t, again, zipped))
			}

			// Restoring again changes nothing.
			r, err = Restore(ctx, service(dst), oneWorker, tc.path)
			if err != nil {
				t.Fatal(err)
			}
			if r.Import.Imported+r.Import.Replaced != 0 || r.RPEs != 0 || r.Logged != 0 || r.Profile || r.Plan || r.Refreshed.Analysed != 0 ||
				r.Shoes != 0 || r.Worn != 0 {
				t.Errorf("second restore %+v, import %+v: want nothing changed", r, r.Import)
			}
			if got := snapshot(t, dst); !reflect.DeepEqual(got, want) {
				t.Errorf("second restore changed the store:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestRestoreOverPlan restores an export into a store holding another
// plan: the export's plan replaces it, and the sessions only the replaced
// plan held come out cancelled, as after any new plan.
func TestRestoreOverPlan(t *testing.T) {
	ctx := context.Background()
	src := openSQLite(t)
	populate(t, src, false)
	exported, err := src.Plan(ctx, store.DefaultAthlete)
	if err != nil || len(exported.Cancelled) == 0 {
		t.Fatalf("the exported plan has %d sessions cancelled (%v); want last week's", len(exported.Cancelled), err)
	}
	zipped, _ := export(t, src)

	dst := openSQLite(t)
	svc := service(dst)
	profile := activity.Athlete{MaxHR: activity.Value{V: 185, Origin: activity.SetByRunner}}
	if err := dst.SaveAthlete(ctx, store.DefaultAthlete, profile); err != nil {
		t.Fatal(err)
	}
	other, err := svc.MakePlan(ctx, plan.Request{Hard: []plan.HardChoice{{Day: time.Saturday, Kind: plan.Long}},
		Volume: plan.Volume{Duration: 2 * time.Hour}, Start: plan.DateOf(now).AddDays(14)})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Restore(ctx, svc, oneWorker, writeFile(t, "export.zip", zipped))
	if err != nil || !r.Plan {
		t.Fatalf("restored %+v, %v; want the plan restored", r, err)
	}
	got, err := dst.Plan(ctx, store.DefaultAthlete)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Weeks, exported.Weeks) {
		t.Errorf("restored weeks differ from the exported ones")
	}
	cancelled := map[plan.Date]bool{}
	for _, c := range got.Cancelled {
		cancelled[c.Date] = true
	}
	for _, s := range other.Weeks[0].Sessions {
		if !cancelled[s.Date] {
			t.Errorf("%s %s of the replaced plan is not cancelled", s.Date, s.Kind)
		}
	}
}

// manifestDiff shows two exports' manifests, for a failing test.
func manifestDiff(t *testing.T, a, b []byte) string {
	read := func(z []byte) string {
		zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
		if err != nil {
			return err.Error()
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
		m, err := readZip(zr)
		if err != nil {
			return err.Error()
		}
		j, _ := json.MarshalIndent(m, "", " ")
		return strings.Join(names, "\n") + "\n" + string(j)
	}
	return "--- got\n" + read(a) + "\n--- want\n" + read(b)
}

// rezip rewrites an export, passing each member's content through edit.
func rezip(t *testing.T, z []byte, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := b.ReadFrom(rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		if data := edit(f.Name, b.Bytes()); data != nil {
			w, err := zw.Create(f.Name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestRestoreDamaged(t *testing.T) {
	ctx := context.Background()
	src := openSQLite(t)
	populate(t, src, false)
	zipped, _ := export(t, src)
	manifest := func(edit func(m map[string]any)) func(string, []byte) []byte {
		return func(name string, b []byte) []byte {
			if name != ManifestName {
				return b
			}
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			edit(m)
			b, _ = json.Marshal(m)
			return b
		}
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"truncated", zipped[:len(zipped)*2/3], "not a valid zip file"},
		{"newer version", rezip(t, zipped, manifest(func(m map[string]any) { m["version"] = 99 })),
			"easyrun-export.json: invalid easyrun export: version 99 was written by a newer easyrun"},
		{"not an export", rezip(t, zipped, manifest(func(m map[string]any) { m["format"] = "strava" })), `format "strava"`},
		{"file missing", rezip(t, zipped, func(name string, b []byte) []byte {
			if strings.HasPrefix(name, filesDir) {
				return nil
			}
			return b
		}), "is missing"},
		{"bad json", rezip(t, zipped, func(name string, b []byte) []byte {
			if name == ManifestName {
				return b[:len(b)/2]
			}
			return b
		}), "unexpected end of JSON input"},
		{"no manifest", rezip(t, zipped, func(name string, b []byte) []byte {
			if name == ManifestName {
				return nil
			}
			return b
		}), "no easyrun-export.json in the zip"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := openSQLite(t)
			populate(t, dst, false)
			if err := dst.SaveAthlete(ctx, store.DefaultAthlete, activity.Athlete{Name: "kept"}); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dst)
			path := writeFile(t, "backup.zip", tc.data)
			_, err := Restore(ctx, service(dst), oneWorker, path)
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Restore: %v, want an error naming %s and saying %q", err, path, tc.want)
			}
			if after := snapshot(t, dst); !reflect.DeepEqual(after, before) {
				t.Errorf("a failed restore changed the store:\n got %+v\nwant %+v", after, before)
			}
		})
	}
}

// TestManifestGolden holds the manifest's format still: a change to it
// shows here, and needs Version to grow when an older easyrun would
// misread the new one.
func TestManifestGolden(t *testing.T) {
	ctx := context.Background()
	st := openSQLite(t)
	svc := service(st)
	r := sim.DefaultRunner()
	sessions := r.History(now.AddDate(0, 0, -7), 1)[:1]
	// A relative folder, so that the stored name is the same on every machine.
	t.Chdir(t.TempDir())
	dir := "sim"
	if _, err := r.WriteFIT(ctx, dir, sessions); err != nil {
		t.Fatal(err)
	}
	im := oneWorker
	im.Store, im.Athlete = st, store.DefaultAthlete
	if sum, err := im.Import(ctx, dir); err != nil || sum.Failed() {
		t.Fatalf("import: %v %+v", err, sum)
	}
	if _, err := svc.Log(ctx, &activity.Activity{Sport: activity.Running, Name: "Spin class", RPE: 5,
		Start: now.Add(-30 * time.Hour), Elapsed: 45 * time.Minute, Moving: 45 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	recs, err := st.Activities(ctx, store.DefaultAthlete, store.Filter{})
	if err != nil || len(recs) != 2 {
		t.Fatalf("activities: %d, %v", len(recs), err)
	}
	if _, err := svc.SetSport(ctx, activity.Cycling, recs[0].ID, recs[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.SaveMorning(ctx, activity.Morning{Date: "2026-11-24", RestingHR: 48, RMSSDMs: 62, Sleep: 7 * time.Hour,
		Legs: activity.NormalLegs, Source: activity.Manual}); err != nil {
		t.Fatal(err)
	}
	zipped, _ := export(t, st)
	var manifest []byte
	rezip(t, zipped, func(name string, b []byte) []byte {
		if name == ManifestName {
			manifest = b
		}
		return b
	})
	golden.Check(t, filepath.Join(testdata, "manifest.json"), manifest)

	// Restored, the tags stay; a version 1 export, which has none, still reads.
	for _, tc := range []struct {
		name       string
		edit       func(m map[string]any)
		wantTagged int
	}{
		{"version 2", func(map[string]any) {}, 2},
		{"version 1", func(m map[string]any) {
			m["version"] = 1
			for _, a := range m["activities"].([]any) {
				a := a.(map[string]any)
				a["sport"] = "running"
				delete(a, "sport_tagged")
			}
		}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := rezip(t, zipped, func(name string, b []byte) []byte {
				if name != ManifestName {
					return b
				}
				var m map[string]any
				if err := json.Unmarshal(b, &m); err != nil {
					t.Fatal(err)
				}
				tc.edit(m)
				b, _ = json.Marshal(m)
				return b
			})
			dst := openSQLite(t)
			if _, err := Restore(ctx, service(dst), oneWorker, writeFile(t, "export.zip", data)); err != nil {
				t.Fatal(err)
			}
			recs, err := dst.Activities(ctx, store.DefaultAthlete, store.Filter{})
			if err != nil || len(recs) != 2 {
				t.Fatalf("restored %d activities, %v; want 2", len(recs), err)
			}
			tagged := 0
			for _, r := range recs {
				if r.Activity.SportTagged && r.Activity.Sport == activity.Cycling && r.Analysis != nil && r.Analysis.Class == analysis.CrossTraining {
					tagged++
				}
			}
			if tagged != tc.wantTagged {
				t.Errorf("%d rides tagged and analysed as cross-training, want %d", tagged, tc.wantTagged)
			}
		})
	}
}

func TestMemberName(t *testing.T) {
	t.Parallel()
	sha := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		name   string
		format activity.Format
		want   string
	}{
		{"/home/ana/watch/2026-11-24-07-12.fit", activity.FIT, "files/abababab-2026-11-24-07-12.fit"},
		{"export_1.zip!activities/12345.gpx.gz", activity.GPX, "files/abababab-12345.gpx"},
		{`C:\Users\Ana\run.TCX`, activity.TCX, "files/abababab-run.TCX"},
		{"../../etc/passwd", activity.FIT, "files/abababab-passwd.fit"},
		{"..", activity.GPX, "files/abababab-.gpx"},
		{"Morning Run!.fit", activity.FIT, "files/abababab-fit.fit"},
		{"Morning Run é.fit", activity.FIT, "files/abababab-Morning_Run__.fit"},
	} {
		got := memberName(sha[:8], tc.name, tc.format)
		if got != tc.want || !memberPath(got) {
			t.Errorf("memberName(%q) = %q, want %q, a safe member name", tc.name, got, tc.want)
		}
	}
}

var schemas atomic.Int64

// freshPostgres opens a store in a schema of its own on the server named
// by EASYRUN_TEST_POSTGRES, dropped when t ends.
func freshPostgres(t *testing.T) store.Store {
	t.Helper()
	ctx := context.Background()
	server := os.Getenv("EASYRUN_TEST_POSTGRES")
	if server == "" {
		t.Skip("PostgreSQL round trip skipped: set EASYRUN_TEST_POSTGRES=postgres://... to run it")
	}
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("EASYRUN_TEST_POSTGRES: %v", err)
	}
	name := fmt.Sprintf("easyrun_backup_test_%d_%d", os.Getpid(), schemas.Add(1))
	exec := func(sql string) error {
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := exec("CREATE SCHEMA " + name); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if err := exec("DROP SCHEMA " + name + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	st, err := postgres.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestRoundTripPostgres moves a history from SQLite to PostgreSQL and back.
func TestRoundTripPostgres(t *testing.T) {
	ctx := context.Background()
	pg := freshPostgres(t)
	src := openSQLite(t)
	populate(t, src, true)
	want := snapshot(t, src)
	zipped, _ := export(t, src)
	path := writeFile(t, "export.zip", zipped)
	if _, err := Restore(ctx, service(pg), oneWorker, path); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, pg); !reflect.DeepEqual(got, want) {
		t.Errorf("PostgreSQL after restore:\n got %+v\nwant %+v", got, want)
	}
	if again, _ := export(t, pg); !bytes.Equal(again, zipped) {
		t.Errorf("PostgreSQL's export differs:\n%s", manifestDiff(t, again, zipped))
	}
	r, err := Restore(ctx, service(pg), oneWorker, path)
	if err != nil || r.Import.Imported != 0 || r.Logged != 0 || r.Profile || r.Plan || r.RPEs != 0 {
		t.Errorf("second restore into PostgreSQL: %+v, %v: want nothing changed", r, err)
	}
}
