package importer

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

func TestParseStravaIndex(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		csv     string
		want    stravaIndex
		wantErr string
	}{
		{
			name: "recent export with duplicated headers",
			csv: "Activity ID,Activity Name,Activity Type,Distance,Filename,Distance,Perceived Exertion\n" +
				"1,Easy,Run,5.1,activities/1.fit.gz,5100.0,3.0\n" +
				"2,Manual,Run,3,,3000,\n" +
				"3,Spin,Virtual Ride,20,activities/3.tcx.gz,20000,11\n",
			want: stravaIndex{
				"activities/1.fit.gz": {Name: "Easy", Sport: activity.Running, RPE: 3},
				"activities/3.tcx.gz": {Name: "Spin", Sport: activity.Cycling},
			},
		},
		{
			name: "older vintage: other names and case, ragged rows, stray quotes",
			csv: "\uFEFFid,NAME,type,FILENAME\n" +
				"1,Hill \"reps,Run,activities/1.gpx\n" +
				"2,Row,Rowing,./activities/2.fit\n" +
				"3,short\n",
			want: stravaIndex{
				"activities/1.gpx": {Name: `Hill "reps`, Sport: activity.Running},
				"activities/2.fit": {Name: "Row", Sport: "rowing"},
			},
		},
		{
			name:    "no Filename column",
			csv:     "Activity ID,Activity Name\n1,Run\n",
			wantErr: "activities.csv has no Filename column",
		},
		{
			name:    "empty",
			csv:     "",
			wantErr: "read activities.csv header: EOF",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, manual, err := parseStravaIndex(strings.NewReader(tt.csv), "activities.csv")
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if len(manual) > 0 {
				t.Errorf("manual entries %+v from an index without dates", manual)
			}
		})
	}
}

func TestParseStravaManual(t *testing.T) {
	t.Parallel()
	header := "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Moving Time,Distance,Perceived Exertion\n"
	tests := []struct {
		name    string
		row     string
		want    *activity.Activity
		wantErr string
	}{
		{"a treadmill run", `1,"Mar 3, 2026, 6:12:45 PM",Treadmill,Run,2700,8.00,,2580.0,8000.0,7.0`,
			&activity.Activity{Sport: activity.Running, Name: "Treadmill", RPE: 7, Source: activity.Manual,
				Start: time.Date(2026, 3, 3, 18, 12, 45, 0, time.UTC), Elapsed: 45 * time.Minute, Moving: 43 * time.Minute, DistanceM: 8000}, ""},
		{"older date layout, no type, name or distance", `2,2019-05-01 06:30:00,,,1800,,,,,`,
			&activity.Activity{Sport: activity.Running, Name: "Logged run", Source: activity.Manual,
				Start: time.Date(2019, 5, 1, 6, 30, 0, 0, time.UTC), Elapsed: 30 * time.Minute, Moving: 30 * time.Minute}, ""},
		{"a bad date", `3,yesterday,Run,Run,1800,5,,,5000,`, nil, `manual activity: Activity Date "yesterday"`},
		{"no duration", `4,"Mar 3, 2026, 6:12:45 PM",Run,Run,,5,,,5000,`, nil, `manual activity: Elapsed Time "": want seconds from 1 to 345600`},
		{"a negative distance", `5,"Mar 3, 2026, 6:12:45 PM",Run,Run,60,5,,,-5,`, nil, `manual activity: Distance "-5": want metres`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			idx, manual, err := parseStravaIndex(strings.NewReader(header+tt.row+"\n"), "export/activities.csv")
			if err != nil || len(idx) != 0 || len(manual) != 1 {
				t.Fatalf("index %v, %d manual entries, %v; want one manual entry", idx, len(manual), err)
			}
			e := manual[0]
			if e.Name != "export/activities.csv, row 2" {
				t.Errorf("entry named %q, want the index and its row", e.Name)
			}
			if tt.wantErr != "" {
				if e.Err == nil || !strings.Contains(e.Err.Error(), tt.wantErr) || e.Manual != nil {
					t.Errorf("error %v, activity %+v; want an error with %q", e.Err, e.Manual, tt.wantErr)
				}
				return
			}
			if e.Err != nil || !reflect.DeepEqual(e.Manual, tt.want) {
				t.Errorf("got %+v, %v\nwant %+v", e.Manual, e.Err, tt.want)
			}
		})
	}
}

func TestMetaApply(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		meta Meta
		in   activity.Activity
		want activity.Activity
	}{
		{
			name: "export fills everything",
			meta: Meta{Name: "Recovery jog", Sport: activity.Running, RPE: 3},
			in:   activity.Activity{},
			want: activity.Activity{Name: "Recovery jog", Sport: activity.Running, RPE: 3},
		},
		{
			name: "the file's sport wins, the runner's name and RPE win",
			meta: Meta{Name: "Ride to work", Sport: activity.Cycling, RPE: 2},
			in:   activity.Activity{Name: "Lap 1", Sport: activity.Running, RPE: 5},
			want: activity.Activity{Name: "Ride to work", Sport: activity.Running, RPE: 2},
		},
		{
			name: "an empty export row changes nothing",
			in:   activity.Activity{Name: "Track", Sport: activity.Running, RPE: 8},
			want: activity.Activity{Name: "Track", Sport: activity.Running, RPE: 8},
		},
	}
	for _, tt := range tests {
		a := tt.in
		tt.meta.apply(&a)
		if !reflect.DeepEqual(a, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, a, tt.want)
		}
	}
}
