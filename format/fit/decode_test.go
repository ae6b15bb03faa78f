package fit

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/format/internal/corpustest"
	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/internal/golden"

	"github.com/easyrun/easyrun/activity"
)

// corpusFiles lists the corpus FIT files by base name.
func corpusFiles(tb testing.TB) (string, []string) {
	tb.Helper()
	dir := corpus.Dir(tb, "fit")
	paths, err := filepath.Glob(filepath.Join(dir, "*.fit"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no FIT files in %s: %v", dir, err)
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	return dir, names
}

func decodeFile(t *testing.T, dir, name string) ([]*activity.Activity, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return Decode(data)
}

// summary is what the golden files hold for one activity.
type summary struct {
	Sport         string   `json:"sport"`
	SubSport      string   `json:"sub_sport,omitempty"`
	Start         string   `json:"start"`
	LocalOffset   string   `json:"local_offset,omitempty"`
	ElapsedS      float64  `json:"elapsed_s"`
	MovingS       float64  `json:"moving_s"`
	DistanceM     float64  `json:"distance_m"`
	AvgHR         float64  `json:"avg_hr"`
	MaxHR         float64  `json:"max_hr"`
	HRSamples     int      `json:"hr_samples"`
	GridLen       int      `json:"grid_len"`
	Laps          int      `json:"laps"`
	DeviceMaker   string   `json:"device_maker,omitempty"`
	DeviceProduct string   `json:"device_product,omitempty"`
	Flags         []string `json:"flags,omitempty"`
}

// decoded is what a golden file holds for one file.
type decoded struct {
	Error      string    `json:"error,omitempty"`
	Activities []summary `json:"activities,omitempty"`
}

func round(x, unit float64) float64 { return math.Round(x/unit) * unit }

func summarize(acts []*activity.Activity, err error) decoded {
	var g decoded
	if err != nil {
		g.Error = err.Error()
	}
	for _, a := range acts {
		s := summary{
			Sport:         string(a.Sport),
			SubSport:      a.SubSport,
			Start:         a.Start.Format("2006-01-02T15:04:05Z07:00"),
			ElapsedS:      round(a.Elapsed.Seconds(), 0.001),
			MovingS:       round(a.Moving.Seconds(), 0.001),
			DistanceM:     round(a.DistanceM, 0.01),
			AvgHR:         round(a.AvgHeartRate, 0.1),
			MaxHR:         round(a.MaxHeartRate, 0.1),
			HRSamples:     activity.Count(a.Streams.HeartRate),
			GridLen:       a.Streams.Len(),
			Laps:          len(a.Laps),
			DeviceMaker:   a.Device.Maker,
			DeviceProduct: a.Device.Product,
		}
		if a.HasLocalOffset {
			s.LocalOffset = a.LocalStart().Format("-07:00")
		}
		for _, f := range a.Flags {
			s.Flags = append(s.Flags, string(f.Code)+": "+f.Detail)
		}
		g.Activities = append(g.Activities, s)
	}
	return g
}

// TestDecodeGolden compares the decoded summary of every corpus file with
// testdata/golden/<file>.json; go test -update rewrites them.
func TestDecodeGolden(t *testing.T) {
	dir, names := corpusFiles(t)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			golden.JSON(t, filepath.Join("testdata", "golden", name+".json"), summarize(decodeFile(t, dir, name)))
		})
	}
}

// TestDecodeManifest checks key facts against what Garmin's official SDK
// reads from the corpus files (MANIFEST.md).
func TestDecodeManifest(t *testing.T) {
	dir := corpus.Dir(t, "fit")
	tests := []struct {
		file        string
		sports      []string // one per activity, in order
		timerMin    float64  // total timer time; 0 to skip
		recordsHR   int      // records with heart rate, per the SDK
		partial     bool
		badChecksum bool
	}{
		{file: "dtcooper__2013-02-06-12-11-14.fit", sports: []string{"running"}, timerMin: 43.8, recordsHR: 590},
		{file: "dtcooper__activity-small-fenix2-run.fit", sports: []string{"running"}, timerMin: 47.2, recordsHR: 2808},
		{file: "jimmykane__garmin-stamina.fit", sports: []string{"running"}, timerMin: 74.8, recordsHR: 4488},
		{file: "jimmykane__running-with-developer-data.fit", sports: []string{"running"}, timerMin: 28.0, recordsHR: 1681},
		{file: "dtcooper__developer-types-sample.fit", sports: []string{"running"}, timerMin: 57.1, recordsHR: 3424},
		{file: "dtcooper__garmin-fenix-5-walk.fit", sports: []string{"walking"}, timerMin: 0.8, recordsHR: 17},
		{file: "dtcooper__20170518-191602-1740899583.fit", sports: []string{"fitness_equipment"}, timerMin: 28.5, recordsHR: 1641},
		{file: "dtcooper__2019-02-17-062644-ELEMNT-297E-195-0.fit", sports: []string{"cycling"}, timerMin: 224.5, recordsHR: 13402},
		{file: "dtcooper__coros-pace-2-cycling-misaligned-fields.fit", sports: []string{"cycling"}, timerMin: 188.1, recordsHR: 8946},
		{file: "dtcooper__Edge810-Vector-2013-08-16-15-35-10.fit", sports: []string{"cycling"}, timerMin: 78.3, recordsHR: 4671},
		{file: "dtcooper__event_timestamp.fit", sports: []string{"swimming"}, timerMin: 72.9, recordsHR: 4376},
		{file: "muktihari__activity_poolswim_with_hr.fit", sports: []string{"swimming"}, timerMin: 58.1, recordsHR: 3501},
		{file: "polyvertex__garmin-fr935-cr.fit", sports: []string{"swimming"}, timerMin: 125.9, recordsHR: 7483},
		{file: "garmin__Activity.fit", sports: []string{"stand_up_paddleboarding"}, timerMin: 60.0, recordsHR: 3601},
		{file: "jimmykane__test2.fit", sports: []string{"cross_country_skiing"}, timerMin: 49.8, recordsHR: 2984},
		{file: "dtcooper__antfs-dump.63.fit", sports: []string{"running"}, timerMin: 57.1},
		{file: "dtcooper__2015-10-13-08-43-15.fit", sports: []string{"cycling"}, timerMin: 26.0},
		{file: "jimmykane__example.fit", sports: []string{"cycling"}, timerMin: 53.9},
		{file: "muktihari__activity_multisport.fit", sports: []string{"cycling", "running"}, timerMin: 1.3, recordsHR: 78},
		{file: "dtcooper__activity-large-fenxi2-multisport.fit",
			sports:   []string{"generic", "transition", "running", "transition", "running", "transition", "cycling"},
			timerMin: 410.3, recordsHR: 24227},
		{file: "dtcooper__sample_mulitple_header.fit",
			sports:   []string{"swimming", "transition", "cycling", "transition", "running"},
			timerMin: 158.2, recordsHR: 1773},
		{file: "jimmykane__triathlon_summary_first.fit",
			sports:   []string{"swimming", "transition", "cycling", "transition", "running"},
			timerMin: 67.4},
		{file: "muktihari__chained_Activity_activity_poolswim.fit",
			sports: []string{"stand_up_paddleboarding", "swimming"}, timerMin: 74.0, recordsHR: 3601},
		{file: "dtcooper__activity-unexpected-eof.fit", sports: []string{"running"}, partial: true, badChecksum: true},
		{file: "muktihari__activity_truncated.fit", sports: []string{""}, partial: true},
		{file: "dtcooper__nick.fit", sports: []string{"cycling"}, recordsHR: 14391, partial: true, badChecksum: true}, // sport from its sport message
		{file: "dtcooper__activity-filecrc.fit", sports: []string{"running"}, timerMin: 0.2, badChecksum: true},
		{file: "dtcooper__strava-android-app-201.10-b1218918.fit", sports: []string{"running"}, timerMin: 59.3, partial: true, badChecksum: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			acts, err := decodeFile(t, dir, tt.file)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			var sports []string
			var timerMin float64
			hr := 0
			for _, a := range acts {
				sports = append(sports, string(a.Sport))
				timerMin += a.Moving.Minutes()
				hr += activity.Count(a.Streams.HeartRate)
				if got := a.Flags.Has(activity.Partial); got != tt.partial {
					t.Errorf("Partial = %v, want %v (flags %v)", got, tt.partial, a.Flags)
				}
				if got := a.Flags.Has(activity.BadChecksum); got != tt.badChecksum {
					t.Errorf("BadChecksum = %v, want %v (flags %v)", got, tt.badChecksum, a.Flags)
				}
				if tt.partial && a.Streams.Len() == 0 {
					t.Errorf("partial activity kept no records")
				}
			}
			if !slices.Equal(sports, tt.sports) {
				t.Errorf("sports = %q, want %q", sports, tt.sports)
			}
			if tt.timerMin > 0 && math.Abs(timerMin-tt.timerMin) > 0.1 {
				t.Errorf("timer = %.2f min, want %.1f", timerMin, tt.timerMin)
			}
			// On the 1 s grid, smart recording gives more heart-rate
			// seconds than records; never clearly fewer.
			if hr < tt.recordsHR*95/100 {
				t.Errorf("heart-rate samples = %d, SDK counts %d records with heart rate", hr, tt.recordsHR)
			}
		})
	}
}

func TestDecodeNotActivity(t *testing.T) {
	dir := corpus.Dir(t, "fit")
	for _, name := range []string{
		"dtcooper__Settings.fit", "dtcooper__Settings2.fit", "muktihari__Settings.fit",
		"dtcooper__MonitoringFile.fit", "dtcooper__WeightScaleMultiUser.fit", "dtcooper__WeightScaleSingleUser.fit",
		"dtcooper__WorkoutCustomTargetValues.fit", "dtcooper__WorkoutIndividualSteps.fit",
		"dtcooper__WorkoutRepeatGreaterThanStep.fit", "dtcooper__WorkoutRepeatSteps.fit",
	} {
		acts, err := decodeFile(t, dir, name)
		if !errors.Is(err, activity.ErrNotActivity) || acts != nil {
			t.Errorf("%s: got %d activities, err %v; want ErrNotActivity", name, len(acts), err)
		}
	}
}

func TestDecodeBadInput(t *testing.T) {
	dir := corpus.Dir(t, "fit")
	valid, err := os.ReadFile(filepath.Join(dir, "dtcooper__activity-small-fenix2-run.fit"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, wantErr string
		data          []byte
	}{
		{"empty", "not a FIT file: bad header", nil},
		{"gpx", "not a FIT file: bad header", []byte(`<?xml version="1.0"?><gpx></gpx>`)},
		{"header only", "truncated at byte 14 before any activity data", valid[:14]},
		{"cut in the file_id", "truncated at byte 40 before any activity data", valid[:40]},
	}
	for _, tt := range tests {
		acts, err := Decode(tt.data)
		if err == nil || err.Error() != tt.wantErr || acts != nil {
			t.Errorf("%s: got %d activities, err %v; want %q", tt.name, len(acts), err, tt.wantErr)
		}
	}
	// Cut in the middle: everything before the break is kept.
	acts, err := Decode(valid[:len(valid)/2])
	if err != nil || len(acts) != 1 {
		t.Fatalf("half a file: %d activities, err %v", len(acts), err)
	}
	want := fmt.Sprintf("truncated at byte %d", len(valid)/2)
	if i := slices.IndexFunc(acts[0].Flags, func(f activity.Flag) bool { return f.Code == activity.Partial }); i < 0 || acts[0].Flags[i].Detail != want {
		t.Errorf("flags = %v, want partial %q", acts[0].Flags, want)
	}
	if n := acts[0].Streams.Len(); n < 1000 {
		t.Errorf("half a 47 min run kept %d s of samples", n)
	}
}

// TestRunningCadence checks that running cadence comes out in steps per
// minute, both feet.
func TestRunningCadence(t *testing.T) {
	acts, err := decodeFile(t, corpus.Dir(t, "fit"), "jimmykane__garmin-stamina.fit")
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	n := 0
	for _, v := range acts[0].Streams.Cadence {
		if !math.IsNaN(v) && v > 0 {
			sum += v
			n++
		}
	}
	if avg := sum / float64(n); avg < 140 || avg > 200 {
		t.Errorf("average running cadence %.1f, want steps per minute (140-200)", avg)
	}
}

func FuzzDecode(f *testing.F) {
	corpustest.AddSeeds(f)
	// A FIT file that is no activity: the refusal's path.
	var wk bytes.Buffer
	if err := EncodeWorkout(&wk, activity.Workout{Name: "Easy", Sport: activity.Running,
		Steps: []activity.Step{{Duration: 30 * time.Minute, HRHighBPM: 140}}}, time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)); err != nil {
		f.Fatal(err)
	}
	f.Add(wk.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		acts, err := DecodeWithin(data, corpustest.FuzzBounds)
		if err != nil && acts != nil {
			t.Errorf("error %v with %d activities", err, len(acts))
		}
		if err == nil && len(acts) == 0 {
			t.Error("no error and no activities")
		}
		for _, a := range acts {
			if strings.Contains(string(a.Sport), "Invalid") {
				t.Errorf("sport %q", a.Sport)
			}
		}
	})
}

func BenchmarkDecode(b *testing.B) { corpustest.BenchmarkDecode(b, "fit", Decode) }

// TestLocalTimestamp checks that the activity message's local_timestamp
// gives the run's local time, and that a file without one states none.
func TestLocalTimestamp(t *testing.T) {
	dir := corpus.Dir(t, "fit")
	for _, tt := range []struct {
		file      string
		wantLocal string // the local start, RFC 3339; "" when the file gives no local time
	}{
		{"dtcooper__activity-small-fenix2-run.fit", "2015-08-15T16:45:08+02:00"},
		{"jimmykane__garmin-stamina.fit", "2026-05-14T12:05:59+08:00"},
		{"dtcooper__Activity.fit", "2012-04-09T17:22:26-04:00"},
		{"dtcooper__2013-02-06-12-11-14.fit", ""},
	} {
		acts, err := decodeFile(t, dir, tt.file)
		if err != nil || len(acts) == 0 {
			t.Fatalf("%s: %d activities, %v", tt.file, len(acts), err)
		}
		got := ""
		if a := acts[0]; a.HasLocalOffset {
			got = a.LocalStart().Format(time.RFC3339)
		}
		if got != tt.wantLocal {
			t.Errorf("%s: local start %q, want %q", tt.file, got, tt.wantLocal)
		}
	}
}
