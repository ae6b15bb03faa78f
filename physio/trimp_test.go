package physio

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
)

// constant is a 1 s stream of n samples at bpm.
func constant(bpm float64, n int) []float64 {
	hr := make([]float64, n)
	for i := range hr {
		hr[i] = bpm
	}
	return hr
}

func TestTRIMPExamples(t *testing.T) {
	t.Parallel()
	// science.md §4: 30 min at 130 bpm, rest 50, max 190; LTHR 170.
	thirty := constant(130, 30*60)
	gappy := append(constant(130, 15*60), constant(math.NaN(), 600)...)
	gappy = append(gappy, constant(130, 15*60)...)
	base := athlete(50, 190, 170)
	woman, man := base, base
	woman.Sex, man.Sex = activity.Female, activity.Male
	tests := []struct {
		name string
		f    func([]float64, activity.Athlete) (Load, error)
		hr   []float64
		a    activity.Athlete
		want float64
	}{
		{"men", BanisterTRIMP, thirty, man, 32.87},
		{"unknown sex uses men's", BanisterTRIMP, thirty, base, 32.87},
		{"women", BanisterTRIMP, thirty, woman, 38.28},
		{"gaps skipped", BanisterTRIMP, gappy, man, 32.87},
		{"hour at LTHR", BanisterTRIMP, constant(170, 60*60), man, 170.65},
		{"hrTSS", HRTSS, thirty, man, 19.26},
		{"hrTSS of an hour at LTHR", HRTSS, constant(170, 60*60), man, 100},
		// 130 bpm is 68 % of 190: zone 2, 30 min × 2.
		{"Edwards", EdwardsTRIMP, thirty, man, 60},
	}
	for _, tt := range tests {
		l, err := tt.f(tt.hr, tt.a)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !near(l.Value, tt.want, 0.01) {
			t.Errorf("%s = %.3f, want %.2f", tt.name, l.Value, tt.want)
		}
		if l.Method == "" || l.Detail == "" {
			t.Errorf("%s: load %+v does not say how it was computed", tt.name, l)
		}
	}
}

func TestTRIMPSaysSexUnknown(t *testing.T) {
	t.Parallel()
	l, err := BanisterTRIMP(constant(130, 60), athlete(50, 190, 0))
	if err != nil {
		t.Fatal(err)
	}
	if want := "men's constants (sex not set)"; !strings.Contains(l.Detail, want) {
		t.Errorf("detail %q does not say %q", l.Detail, want)
	}
}

func TestTRIMPErrors(t *testing.T) {
	t.Parallel()
	a := athlete(50, 190, 0)
	if _, err := BanisterTRIMP(constant(math.NaN(), 100), a); !errors.Is(err, ErrNoHeartRate) {
		t.Errorf("all-gap stream: err = %v, want ErrNoHeartRate", err)
	}
	if _, err := BanisterTRIMP(constant(130, 10), activity.Athlete{}); !errors.Is(err, ErrNoMaxHR) {
		t.Errorf("no max HR: err = %v, want ErrNoMaxHR", err)
	}
	if _, err := HRTSS(constant(130, 10), a); err == nil {
		t.Error("hrTSS without LTHR accepted")
	}
	if _, err := EdwardsTRIMP(nil, a); !errors.Is(err, ErrNoHeartRate) {
		t.Errorf("empty stream: err = %v, want ErrNoHeartRate", err)
	}
}

// Property: more heart rate for the same time never means less TRIMP.
func TestTRIMPMonotonic(t *testing.T) {
	t.Parallel()
	for _, sex := range []activity.Sex{activity.Male, activity.Female} {
		a := athlete(55, 195, 0)
		a.Sex = sex
		prev := -1.0
		for bpm := 30.0; bpm <= 230; bpm += 0.5 {
			l, err := BanisterTRIMP(constant(bpm, 60), a)
			if err != nil {
				t.Fatal(err)
			}
			if l.Value < prev {
				t.Fatalf("%s: TRIMP at %.1f bpm = %f < %f just below", sex, bpm, l.Value, prev)
			}
			prev = l.Value
		}
	}
}

func TestSessionRPE(t *testing.T) {
	t.Parallel()
	// science.md §4: 35 min at RPE 3 → 105 AU.
	l, err := SessionRPE(35*time.Minute, 3)
	if err != nil {
		t.Fatal(err)
	}
	if l.Value != 105 {
		t.Errorf("SessionRPE(35 min, 3) = %v, want 105", l.Value)
	}
	for _, tt := range []struct {
		d   time.Duration
		rpe int
	}{{35 * time.Minute, 0}, {35 * time.Minute, 11}, {0, 3}} {
		if _, err := SessionRPE(tt.d, tt.rpe); err == nil {
			t.Errorf("SessionRPE(%v, %d) accepted", tt.d, tt.rpe)
		}
	}
}
