package store_test

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
	"github.com/easyrun/easyrun/store/storetest"
)

func TestEncodeRoundTrip(t *testing.T) {
	t.Parallel()
	data := []byte("a file of two sessions, as a multisport FIT file is")
	f := storetest.File("two.fit", activity.FIT, data)
	tests := []struct {
		name string
		acts []*activity.Activity
	}{
		{"no activities", nil},
		{"one", []*activity.Activity{storetest.Run(t0, 600, activity.FIT)}},
		{"two", []*activity.Activity{storetest.Run(t0, 600, activity.FIT), storetest.Run(t0.Add(3600e9), 300, activity.FIT)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := store.Encode(f, tt.acts)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if !reflect.DeepEqual(e.File(), f) || !reflect.DeepEqual(e.Activities(), tt.acts) {
				t.Errorf("Encode kept %+v and %d activities, want the file and activities given", e.File(), len(e.Activities()))
			}
			if len(tt.acts) == 0 {
				if e.Original() != nil || e.Packed() != nil {
					t.Errorf("a file with no activities was encoded: %d bytes, %d packed", len(e.Original()), len(e.Packed()))
				}
				return
			}
			if got, err := store.UnpackOriginal(e.Original(), int64(len(data))); err != nil || string(got) != string(data) {
				t.Errorf("original = %q, %v; want %q", got, err, data)
			}
			if len(e.Packed()) != len(tt.acts) {
				t.Fatalf("%d packed, want %d", len(e.Packed()), len(tt.acts))
			}
			for i, p := range e.Packed() {
				a := tt.acts[i]
				s, err := store.DecodeStreams(p.Streams)
				if err != nil {
					t.Fatalf("activity %d: DecodeStreams: %v", i, err)
				}
				if err := storetest.CompareStreams(&s, &a.Streams); err != nil {
					t.Errorf("activity %d: streams: %v", i, err)
				}
				laps, err := store.DecodeLaps([]byte(p.Laps))
				if err != nil || !reflect.DeepEqual(laps, a.Laps) {
					t.Errorf("activity %d: laps = %+v, %v; want %+v", i, laps, err, a.Laps)
				}
				var flags activity.Flags
				if err := json.Unmarshal([]byte(p.Flags), &flags); err != nil || !reflect.DeepEqual(flags, a.Flags) {
					t.Errorf("activity %d: flags = %+v, %v; want %+v", i, flags, err, a.Flags)
				}
			}
		})
	}
}

func TestEncodeRejectsUnquantisable(t *testing.T) {
	t.Parallel()
	bad := storetest.Run(t0, 60, activity.FIT)
	bad.Streams.DistanceM[30] = math.Inf(1)
	f := storetest.File("bad.fit", activity.FIT, []byte("bad"))
	if _, err := store.Encode(f, []*activity.Activity{storetest.Run(t0, 60, activity.FIT), bad}); err == nil {
		t.Error("Encode of an infinite distance: no error")
	}
}
