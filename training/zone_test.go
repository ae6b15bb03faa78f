package training_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/sim"
	"github.com/easyrun/easyrun/training"
)

// TestZone resolves the runner's time zone: set, else the offset their
// watch records, else the server's; an override beats them all.
func TestZone(t *testing.T) {
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		set        string // the profile's time zone
		run        bool   // a run whose file records UTC+01:00 (the simulated runner's)
		override   *time.Location
		wantName   string
		wantOrigin activity.Origin
		wantDetail string
	}{
		{"nothing", "", false, nil, time.Local.String(), activity.DefaultValue, "the server's time zone"},
		{"the watch's", "", true, nil, "UTC+01:00", activity.Detected, "detected from your watch: the offset your run of 2026-03-03 08:00 recorded"},
		{"set beats the watch's", "America/New_York", true, nil, "America/New_York", activity.SetByRunner, "set by you"},
		{"override beats set", "America/New_York", true, berlin, "Europe/Berlin", activity.DefaultValue, "fixed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newService(t, now)
			if tt.run {
				save(t, s, sim.Session{Kind: sim.Easy, Start: time.Date(2026, 3, 3, 7, 0, 0, 0, time.UTC), Duration: 40 * time.Minute})
			}
			if err := s.Store.SaveAthlete(ctx, s.Athlete, activity.Athlete{TimeZone: tt.set}); err != nil {
				t.Fatal(err)
			}
			s.Location = tt.override
			z, err := s.Zone(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if z.Name != tt.wantName || z.Origin != tt.wantOrigin || !strings.Contains(z.Detail, tt.wantDetail) || z.Location.String() != tt.wantName {
				t.Errorf("Zone() = %s %q, %s (%s); want %s, %s (%s…)", z.Name, z.Location, z.Origin, z.Detail, tt.wantName, tt.wantOrigin, tt.wantDetail)
			}
			p, err := s.Profile(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if p.Resolved.TimeZone != z.Name || p.Resolved.TimeZoneOrigin != z.Origin {
				t.Errorf("Profile time zone = %s (%s), want Zone's %s (%s)", p.Resolved.TimeZone, p.Resolved.TimeZoneOrigin, z.Name, z.Origin)
			}
		})
	}
}

// TestLoadZone accepts IANA names and refuses the rest, naming the
// field and an example.
func TestLoadZone(t *testing.T) {
	for _, tt := range []struct {
		name string
		ok   bool
	}{
		{"Europe/Berlin", true},
		{"UTC", true},
		{"Mars/Olympus_Mons", false},
		{"", false},
		{"Local", false},
		{"../../etc/passwd", false},
	} {
		_, err := training.LoadZone(tt.name)
		if (err == nil) != tt.ok || (err != nil && (!strings.Contains(err.Error(), "time zone") || !strings.Contains(err.Error(), "Europe/Berlin"))) {
			t.Errorf("LoadZone(%q) = %v; want ok %v, errors naming the time zone and an example", tt.name, err, tt.ok)
		}
	}
}

// TestZoneStart shows a run in the zone the runner set, with its local
// time beside when recorded on another clock; a zone detected from the
// watch is the watch's clock, so a summer run stays at its summer hour.
func TestZoneStart(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	summer := &activity.Activity{Start: time.Date(2026, 7, 1, 16, 0, 0, 0, time.UTC), LocalOffset: 2 * time.Hour, HasLocalOffset: true}
	noOffset := &activity.Activity{Start: summer.Start}
	watch := training.Zone{Location: time.FixedZone("UTC+01:00", 3600), Name: "UTC+01:00", Origin: activity.Detected}
	set := training.Zone{Location: newYork, Name: "America/New_York", Origin: activity.SetByRunner}
	for _, tt := range []struct {
		z         training.Zone
		a         *activity.Activity
		want      string
		elsewhere bool
	}{
		{watch, summer, "18:00 +0200", false},
		{watch, noOffset, "17:00 +0100", false},
		{set, summer, "12:00 -0400", true},
		{set, noOffset, "12:00 -0400", false},
	} {
		if got := tt.z.Start(tt.a).Format("15:04 -0700"); got != tt.want {
			t.Errorf("%s: Start = %s, want %s", tt.z, got, tt.want)
		}
		local, ok := tt.z.Elsewhere(tt.a)
		if ok != tt.elsewhere || (ok && local.Format("15:04 -0700") != "18:00 +0200") {
			t.Errorf("%s: Elsewhere = %s, %v; want %v at 18:00 +0200", tt.z, local, ok, tt.elsewhere)
		}
	}
}
