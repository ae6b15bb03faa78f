package training_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// TestMornings: a check-in without a date is today's in the runner's
// zone, a date past tomorrow is refused before anything is written, and
// the listing is newest first with what the baseline still needs.
func TestMornings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	zone := time.FixedZone("+10:00", 10*3600)
	now := time.Date(2026, 3, 6, 22, 30, 0, 0, time.UTC) // 08:30 on the 7th in +10:00
	svc := newService(t, now)
	svc.Location = zone
	m, saved, err := svc.SaveMorning(ctx, activity.Morning{RestingHR: 48, RMSSDMs: 62, Sleep: 7 * time.Hour, Legs: activity.TiredLegs, Source: activity.Manual})
	if err != nil || !saved || m.Date != "2026-03-07" {
		t.Fatalf("SaveMorning = %+v, %v, %v; want saved on 2026-03-07", m, saved, err)
	}
	if _, _, err := svc.SaveMorning(ctx, activity.Morning{Date: "2026-03-05", Legs: activity.FreshLegs, Source: activity.Manual}); err != nil {
		t.Fatal(err)
	}
	_, _, err = svc.SaveMorning(ctx, activity.Morning{Date: "2026-03-09", RestingHR: 48, Source: activity.Manual})
	if ie, ok := errors.AsType[*activity.InputError](err); !ok || ie.Field != "date" {
		t.Errorf("a date past tomorrow: err %v, want an *InputError on the date", err)
	}
	got, err := svc.Mornings(ctx, zone, 7)
	if err != nil {
		t.Fatal(err)
	}
	if got.Date != "2026-03-07" || len(got.Recent) != 2 || got.Recent[0].Date != "2026-03-07" || got.Recent[1].Date != "2026-03-05" {
		t.Errorf("Mornings = %+v; want the 7th, then the 5th", got)
	}
	if got.Baseline.Today.RestingHR != 48 || len(got.Off) != 0 || len(got.Normal) != 2 || len(got.Needs) != 2 {
		t.Errorf("Mornings: today %+v, off %q, normal %q, needs %q; want sleep and legs normal, HRV and resting HR needing mornings",
			got.Baseline.Today, got.Off, got.Normal, got.Needs)
	}
}
