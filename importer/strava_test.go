package importer

import (
	"reflect"
	"strings"
	"testing"

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
			got, err := parseStravaIndex(strings.NewReader(tt.csv))
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
