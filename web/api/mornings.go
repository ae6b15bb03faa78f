package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/physio"
	"github.com/easyrun/easyrun/training"
	"github.com/easyrun/easyrun/web/httperr"
)

// CheckIn is the body of PUT /mornings/{date}: the runner's morning,
// each value optional but one; legs on activity.LegsScale.
type CheckIn struct {
	RestingHR float64       `json:"resting_hr,omitempty"` // bpm
	RMSSDMs   float64       `json:"rmssd_ms,omitempty"`   // rMSSD, ms
	SleepS    float64       `json:"sleep_s,omitempty"`    // seconds
	Legs      activity.Legs `json:"legs,omitempty"`       // 1-5
	Note      string        `json:"note,omitempty"`
}

// Mornings is the answer of GET and PUT /mornings, the CLI's morning
// --json shape: the last days' check-ins and today's baseline. Its
// lists are empty, never null.
type Mornings struct {
	Date     string    `json:"date"`
	Recent   []Morning `json:"recent"`
	Baseline Baseline  `json:"baseline"`
	Off      []string  `json:"off"`
	Normal   []string  `json:"normal"`
	Needs    []string  `json:"needs"`
	Method   string    `json:"method"`
	// Saved is the morning a PUT stored.
	Saved *Morning `json:"saved,omitempty"`
}

// maxMorningDays bounds a listing of mornings.
const maxMorningDays = 366

// mornings answers the check-ins of the last days (14 by default, as the
// CLI) with today's baseline.
func (s *server) mornings(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	days, err := intParam(r.URL.Query(), "days", 14)
	if err != nil {
		return err
	}
	if days < 1 || days > maxMorningDays {
		return httperr.BadRequest("days %d: want 1 to %d", days, maxMorningDays)
	}
	ms, err := svc.Mornings(r.Context(), svc.Local(), days)
	if err != nil {
		return fmt.Errorf("mornings: %w", err)
	}
	writeJSON(w, http.StatusOK, morningsOf(ms))
	return nil
}

// setMorning stores the runner's check-in of a date ("today" for today in
// their zone), replacing the one there, as the CLI's morning does.
func (s *server) setMorning(svc *training.Service, w http.ResponseWriter, r *http.Request) error {
	var in CheckIn
	if err := readJSON(w, r, &in); err != nil {
		return err
	}
	sleep, err := activity.SleepOf(in.SleepS, time.Second)
	if err != nil {
		return err
	}
	date := r.PathValue("date")
	if date == "today" {
		date = ""
	}
	m, _, err := svc.SaveMorning(r.Context(), activity.Morning{Date: date, RestingHR: in.RestingHR, RMSSDMs: in.RMSSDMs,
		Sleep: sleep, Legs: in.Legs, Note: in.Note, Source: activity.Manual})
	if err != nil {
		return err
	}
	ms, err := svc.Mornings(r.Context(), svc.Local(), 14)
	if err != nil {
		return fmt.Errorf("mornings: %w", err)
	}
	out := morningsOf(ms)
	saved := morningOf(m)
	out.Saved = &saved
	writeJSON(w, http.StatusOK, out)
	return nil
}

// Morning is activity.Morning with its sleep in seconds too.
type Morning struct {
	Date      string  `json:"date"`
	RestingHR float64 `json:"resting_hr,omitempty"`
	RMSSDMs   float64 `json:"rmssd_ms,omitempty"`
	SleepS    float64 `json:"sleep_s,omitempty"`
	// Sleep is SleepS in nanoseconds, as the domain's JSON has it.
	Sleep  time.Duration   `json:"sleep,omitempty"`
	Legs   activity.Legs   `json:"legs,omitempty"`
	Source activity.Format `json:"source"`
	Device string          `json:"device,omitempty"`
	Note   string          `json:"note,omitempty"`
}

// Baseline is physio.Baseline, today's morning in the API's Morning.
type Baseline struct {
	Date string `json:"date"`
	// Today is the morning of Date; nil when none was logged.
	Today       *Morning `json:"today,omitempty"`
	HRVWeekMs   float64  `json:"hrv_week_ms"`
	HRVWeekDays int      `json:"hrv_week_days"`
	HRVNormalMs float64  `json:"hrv_normal_ms"`
	HRVLowMs    float64  `json:"hrv_low_ms"`
	HRVHighMs   float64  `json:"hrv_high_ms"`
	HRVDays     int      `json:"hrv_days"`
	RHRNormal   float64  `json:"rhr_normal"`
	RHRDays     int      `json:"rhr_days"`
}

func morningOf(m activity.Morning) Morning {
	return Morning{Date: m.Date, RestingHR: m.RestingHR, RMSSDMs: m.RMSSDMs, SleepS: m.Sleep.Seconds(), Sleep: m.Sleep,
		Legs: m.Legs, Source: m.Source, Device: m.Device, Note: m.Note}
}

func baselineOf(b physio.Baseline) Baseline {
	var today *Morning
	if !b.Today.Empty() {
		m := morningOf(b.Today)
		today = &m
	}
	return Baseline{Date: b.Date, Today: today, HRVWeekMs: b.HRVWeekMs, HRVWeekDays: b.HRVWeekDays,
		HRVNormalMs: b.HRVNormalMs, HRVLowMs: b.HRVLowMs, HRVHighMs: b.HRVHighMs, HRVDays: b.HRVDays,
		RHRNormal: b.RHRNormal, RHRDays: b.RHRDays}
}

func morningsOf(ms training.Mornings) Mornings {
	out := Mornings{Date: ms.Date, Recent: make([]Morning, len(ms.Recent)), Baseline: baselineOf(ms.Baseline),
		Off: append([]string{}, ms.Off...), Normal: append([]string{}, ms.Normal...), Needs: append([]string{}, ms.Needs...), Method: ms.Method}
	for i, m := range ms.Recent {
		out.Recent[i] = morningOf(m)
	}
	return out
}
