package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
)

// samplePlan is a one-week plan with a hard day, its recovery run and a
// workout with a repeat block, so that every part of a plan is stored.
func samplePlan(volume time.Duration) *plan.Plan {
	monday := plan.Date{Year: 2026, Month: time.November, Day: 23}
	return &plan.Plan{
		Request: plan.Request{
			Hard:       []plan.HardChoice{{Day: time.Tuesday, Kind: plan.Intervals}},
			Volume:     plan.Volume{Duration: volume},
			Experience: activity.Intermediate,
			Start:      monday,
		},
		Weeks: []plan.Week{{
			Monday: monday, Number: 1, Phase: "build",
			Target: plan.Volume{Duration: volume}, Planned: plan.Volume{Duration: volume},
			Sessions: []plan.Session{
				{Date: monday, Kind: plan.Rest, Slot: plan.Any, Purpose: "rest"},
				{Date: monday.AddDays(1), Kind: plan.Intervals, Hard: true, Slot: plan.Morning,
					Duration: time.Hour, DistanceM: 11000, Distance: 11, Unit: activity.Kilometres,
					HR: plan.HR{LowBPM: 171, HighBPM: 190, Reason: "zone 5"}, RPE: 8, Purpose: "speed",
					Workout: activity.Workout{Name: "Intervals", Sport: activity.Running, Steps: []activity.Step{
						{Intensity: activity.WarmUp, Duration: 15 * time.Minute, HRHighBPM: 133},
						{Repeat: 5, Steps: []activity.Step{
							{Intensity: activity.Active, DistanceM: 1000, HRLowBPM: 171, HRHighBPM: 190},
							{Intensity: activity.Recover, Duration: 2 * time.Minute},
						}},
						{Intensity: activity.CoolDown, Duration: 10 * time.Minute, HRHighBPM: 133},
					}}},
				{Date: monday.AddDays(2), Kind: plan.Recovery, Slot: plan.Evening, Duration: 35 * time.Minute,
					HR: plan.HR{HighBPM: 133, Reason: "recovery cap"}, RPE: 3, Purpose: "recover"},
			},
		}},
	}
}

func testPlan(t *testing.T, s store.Store, other store.AthleteID) {
	ctx := context.Background()
	if _, err := s.Plan(ctx, store.DefaultAthlete); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Plan before saving: err = %v, want ErrNotFound", err)
	}
	p := samplePlan(4 * time.Hour)
	if err := s.SavePlan(ctx, store.DefaultAthlete, p); err != nil {
		t.Fatalf("SavePlan: %v", err)
	}
	if got, err := s.Plan(ctx, store.DefaultAthlete); err != nil || !reflect.DeepEqual(got, p) {
		t.Errorf("Plan = %+v, %v; want %+v", got, err, p)
	}
	// A new plan replaces the old one.
	q := samplePlan(5 * time.Hour)
	if err := s.SavePlan(ctx, store.DefaultAthlete, q); err != nil {
		t.Fatalf("SavePlan again: %v", err)
	}
	if got, err := s.Plan(ctx, store.DefaultAthlete); err != nil || !reflect.DeepEqual(got, q) {
		t.Errorf("Plan after replacing = %+v, %v; want %+v", got, err, q)
	}
	// Another athlete's plan is theirs alone.
	if _, err := s.Plan(ctx, other); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Plan(other): err = %v, want ErrNotFound", err)
	}
	if err := s.SavePlan(ctx, missingAthlete, p); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SavePlan(missing athlete): err = %v, want ErrNotFound", err)
	}
}
