package store_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/internal/golden"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

// formats is where the fixtures of the stored formats live.
var formats = filepath.Join("testdata", "formats")

// TestStoredJSON pins the JSON the stores keep in their columns (the
// profile, analyses, verdicts, peaks, flags, laps and the plan): users'
// databases hold it, and a refactor of a domain type must not change it
// unnoticed. Each fixture must read into its type with no field unknown,
// and write back as it was. -update writes the fixtures from the values
// below and the golden plan and analysis of their packages.
func TestStoredJSON(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 17, 18, 30, 0, 0, time.UTC)
	athlete := activity.Athlete{Name: "Ana", BirthYear: 1988, Sex: activity.Female, MassKg: 58.5,
		MaxHR:     activity.Value{V: 189, Origin: activity.Detected, Detail: "highest clean peak", ActivityID: 42, At: at},
		RestingHR: activity.Value{V: 48, Origin: activity.SetByRunner}, LTHR: activity.Value{V: 171, Origin: activity.Estimated},
		Experience: activity.Intermediate, ExperienceOrigin: activity.Detected, ExperienceDetail: "3 years of running",
		Units: activity.Kilometres, Zones: activity.PercentMax, RecoveryCap: "article", Intensity: activity.ByRPE,
		TimeZone: "Europe/Madrid", TimeZoneOrigin: activity.Detected, TimeZoneDetail: "from the watch"}
	verdict := recovery.Verdict{ActivityID: 43, At: at.Add(26 * time.Hour), Kind: recovery.TooHard,
		Failed: []recovery.Kind{recovery.TooHard, recovery.TooLong}, Title: "Too hard", Reasons: []string{"12 min above the cap"},
		AfterHard: &recovery.HardRef{ActivityID: 42, Date: "2026-03-17", End: at, Gap: 26 * time.Hour}, FollowUp: true}
	laps, err := store.EncodeLaps([]activity.Lap{{Start: at, Elapsed: 5*time.Minute + 500*time.Millisecond, Moving: 5 * time.Minute,
		DistanceM: 1000, AvgHeartRate: 150.5, MaxHeartRate: 162, Intensity: "active", Trigger: "distance"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		value func(t *testing.T) any // for -update
		fresh func() any             // what a store reads the column into
	}{
		{"athlete.json", func(*testing.T) any { return athlete }, func() any { return new(activity.Athlete) }},
		{"peak_hr.json", func(*testing.T) any { return athlete.MaxHR }, func() any { return new(activity.Value) }},
		{"verdict.json", func(*testing.T) any { return verdict }, func() any { return new(recovery.Verdict) }},
		{"flags.json", func(*testing.T) any {
			return activity.Flags{{Code: activity.BadChecksum}, {Code: activity.Partial, Detail: "ends at 41:02"}}
		}, func() any { return new(activity.Flags) }},
		{"laps.json", func(*testing.T) any { return json.RawMessage(laps) }, nil},
		{"plan.json", func(t *testing.T) any {
			w := readJSON(t, filepath.Join("..", "plan", "testdata", "week_intermediate.json"), new(plan.Week))
			race := &plan.Goal{Date: w.Monday.AddDays(6), DistanceM: 10000, Name: "10k"}
			return plan.Plan{Request: plan.Request{Hard: []plan.HardChoice{{Day: time.Tuesday, Kind: plan.Intervals}},
				Volume: plan.Volume{Duration: 5 * time.Hour}, Experience: activity.Intermediate, Start: w.Monday, Weeks: 1, Race: race},
				Weeks: []plan.Week{*w}, Cancelled: []plan.Cancelled{{Date: w.Monday, Slot: plan.Morning, Title: "Easy run", Duration: 40 * time.Minute, Revision: 2}}}
		}, func() any { return new(plan.Plan) }},
		{"analysis.json", func(t *testing.T) any {
			rs := readJSON(t, filepath.Join("..", "analysis", "testdata", "golden", "corpus", "dtcooper__2013-02-06-12-11-14.fit.json"), new([]analysis.Result))
			return (*rs)[0]
		}, func() any { return new(analysis.Result) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(formats, tt.name)
			if golden.Updating() {
				golden.JSON(t, path, tt.value(t))
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var got []byte
			if tt.fresh == nil { // laps: through the store's own codec
				ls, err := store.DecodeLaps(want)
				if err != nil {
					t.Fatal(err)
				}
				if got, err = store.EncodeLaps(ls); err != nil {
					t.Fatal(err)
				}
			} else {
				v := tt.fresh()
				dec := json.NewDecoder(bytes.NewReader(want))
				dec.DisallowUnknownFields()
				if err := dec.Decode(v); err != nil {
					t.Fatalf("%s no longer reads: %v", path, err)
				}
				if got, err = json.Marshal(v); err != nil {
					t.Fatal(err)
				}
			}
			var indented bytes.Buffer
			if err := json.Indent(&indented, got, "", "  "); err != nil {
				t.Fatal(err)
			}
			indented.WriteByte('\n')
			if !bytes.Equal(indented.Bytes(), want) {
				t.Errorf("%s reads back differently: the stored format changed\n--- got\n%s", path, indented.Bytes())
			}
		})
	}
}

// TestStoredStreams pins the packed streams: a blob written by an earlier
// easyrun still decodes to its samples. streams.bin is flate (codec 1),
// as written before issue 19; streams-zstd.bin is what easyrun writes now,
// and -update rewrites it alone.
func TestStoredStreams(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	s := storetest.Run(time.Date(2026, 3, 3, 6, 30, 0, 0, time.UTC), 120, activity.FIT).Streams
	s.HeartRate[10], s.HeartRate[11] = nan, nan // a gap
	for _, name := range []string{"streams.bin", "streams-zstd.bin"} {
		path := filepath.Join(formats, name)
		if golden.Updating() {
			if name == "streams-zstd.bin" {
				b, err := store.EncodeStreams(&s)
				if err != nil {
					t.Fatal(err)
				}
				golden.Check(t, path, b)
			}
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := store.DecodeStreams(b)
		if err != nil {
			t.Fatalf("%s no longer decodes: %v", path, err)
		}
		if err := storetest.CompareStreams(&got, &s); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}

func readJSON[T any](t *testing.T, path string, v *T) *T {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
	return v
}
