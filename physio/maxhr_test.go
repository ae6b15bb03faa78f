package physio

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// near reports whether got is within tol of want.
func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestFormulas(t *testing.T) {
	t.Parallel()
	// science.md §1, age 40.
	tests := []struct {
		f    Formula
		want float64
	}{
		{Fox, 180}, {Tanaka, 180.0}, {Gellish, 179.0}, {Nes, 185.4},
	}
	for _, tt := range tests {
		if got := tt.f.MaxHR(40); !near(got, tt.want, 0.01) {
			t.Errorf("%v at 40 = %.2f, want %.2f", tt.f, got, tt.want)
		}
	}
	if got, want := Tanaka.String(), "Tanaka 208 − 0.7 × age"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	detected := activity.Value{V: 188, Detail: "sustained 10 s in your run of 2026-02-01 07:12", ActivityID: 7}
	tests := []struct {
		name       string
		a          activity.Athlete
		detected   activity.Value
		wantMax    float64
		wantOrigin activity.Origin
		wantRest   float64
		wantErr    error
	}{
		{"set wins", activity.Athlete{BirthYear: 1986, MaxHR: activity.Value{V: 195}}, detected, 195, activity.SetByRunner, 60, nil},
		{"detected beats estimate", activity.Athlete{BirthYear: 1986}, detected, 188, activity.Detected, 60, nil},
		{"stale detection replaced", activity.Athlete{BirthYear: 1986, MaxHR: activity.Value{V: 170, Origin: activity.Detected}}, detected, 188, activity.Detected, 60, nil},
		{"estimated with Tanaka", activity.Athlete{BirthYear: 1986}, activity.Value{}, 180, activity.Estimated, 60, nil},
		{"resting set", activity.Athlete{BirthYear: 1986, RestingHR: activity.Value{V: 48, Origin: activity.SetByRunner}}, activity.Value{}, 180, activity.Estimated, 48, nil},
		{"nothing to go on", activity.Athlete{}, activity.Value{}, 0, "", 60, ErrNoMaxHR},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Resolve(tt.a, now, tt.detected)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if p.MaxHR.V != tt.wantMax || p.MaxHR.Origin != tt.wantOrigin {
				t.Errorf("MaxHR = %+v, want %.0f %q", p.MaxHR, tt.wantMax, tt.wantOrigin)
			}
			if p.MaxHR.Detail == "" {
				t.Error("MaxHR has no detail")
			}
			if p.RestingHR.V != tt.wantRest {
				t.Errorf("RestingHR = %+v, want %.0f", p.RestingHR, tt.wantRest)
			}
			if p.LTHR.Known() || p.LTHR.Detail == "" {
				t.Errorf("LTHR = %+v, want unset with a detail", p.LTHR)
			}
		})
	}
}

func TestResolveRejectsImplausible(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, a := range []activity.Athlete{
		{MaxHR: activity.Value{V: 250}},
		{MaxHR: activity.Value{V: 150}, RestingHR: activity.Value{V: 160}},
		{MaxHR: activity.Value{V: 190}, LTHR: activity.Value{V: 195}},
	} {
		if _, err := Resolve(a, now, activity.Value{}); err == nil {
			t.Errorf("Resolve(%+v) accepted an implausible profile", a)
		}
	}
}
