package activity

import "time"

// Sex selects the constants of sex-specific formulas (TRIMP, energy).
// Unknown uses the men's constants, and says so.
type Sex string

// Sexes.
const (
	SexUnknown Sex = ""
	Male       Sex = "male"
	Female     Sex = "female"
)

// Experience sizes recovery runs and plans.
type Experience string

// Experience levels, as PRODUCT.md uses them.
const (
	ExperienceUnknown Experience = ""
	Beginner          Experience = "beginner"
	Intermediate      Experience = "intermediate"
	Experienced       Experience = "experienced"
)

// Units is how distances are shown to the runner.
type Units string

// Unit systems.
const (
	Kilometres Units = "km"
	Miles      Units = "mi"
)

// ZoneModel names how heart-rate zones are computed (science.md §2).
type ZoneModel string

// Zone models.
const (
	PercentMax ZoneModel = "max"     // %HRmax five zones, the default
	Reserve    ZoneModel = "reserve" // heart-rate reserve (Karvonen)
	Threshold  ZoneModel = "lthr"    // Friel running zones, % of LTHR
)

// Origin says where a physiological value came from.
type Origin string

// Origins, in the order easyrun prefers them.
const (
	SetByRunner Origin = "set"
	// Raced is a max detected in a race or an all-out effort: closer to
	// the true max than one detected in training.
	Raced        Origin = "race"
	Detected     Origin = "detected"
	Estimated    Origin = "estimated"
	DefaultValue Origin = "default"
)

// Value is a number with where it came from, so the runner can see why.
type Value struct {
	V      float64 `json:"value"`
	Origin Origin  `json:"origin,omitempty"`
	// Detail explains the origin: "Tanaka 208 − 0.7 × age",
	// "sustained 10 s in your run of 2026-03-01 07:12".
	Detail string `json:"detail,omitempty"`
	// ActivityID and At locate a detected value.
	ActivityID int64     `json:"activity_id,omitempty"`
	At         time.Time `json:"at,omitzero"`
}

// Known reports whether the value is set at all.
func (v Value) Known() bool { return v.V > 0 }

// Athlete is the runner's profile: what the formulas need to know.
// Zero values mean "not set"; physio resolves them (detect or estimate).
type Athlete struct {
	Name       string     `json:"name,omitempty"`
	BirthYear  int        `json:"birth_year,omitempty"`
	Sex        Sex        `json:"sex,omitempty"`
	MassKg     float64    `json:"mass_kg,omitempty"`
	MaxHR      Value      `json:"max_hr"`
	RestingHR  Value      `json:"resting_hr"`
	LTHR       Value      `json:"lthr"`
	Experience Experience `json:"experience,omitempty"`
	// ExperienceOrigin says whether Experience was set or derived from volume.
	ExperienceOrigin Origin    `json:"experience_origin,omitempty"`
	ExperienceDetail string    `json:"experience_detail,omitempty"`
	Units            Units     `json:"units,omitempty"`
	Zones            ZoneModel `json:"zone_model,omitempty"`
	// RecoveryCap names the recovery-cap preset (physio.Preset): empty for
	// the default, 70 % of max HR.
	RecoveryCap string `json:"recovery_cap,omitempty"`
	// Intensity says what judges how hard a run was: heart rate, or RPE
	// only.
	Intensity IntensitySource `json:"intensity,omitempty"`
	// TimeZone is the runner's IANA time zone (Europe/Berlin): the local
	// day and time of a run whose file states no offset, and of "today".
	// Empty: the zone their watch records. Resolved, it may name a fixed
	// offset ("UTC+01:00").
	TimeZone       string `json:"time_zone,omitempty"`
	TimeZoneOrigin Origin `json:"time_zone_origin,omitempty"`
	TimeZoneDetail string `json:"time_zone_detail,omitempty"`
	// Rules are the runner's own values of the recovery rules, by setting
	// name (rules.Settings) in each setting's unit: only those that differ
	// from the defaults.
	Rules map[string]float64 `json:"rules,omitempty"`
	// Map is how the runner's routes are drawn: on map tiles or not, and
	// the places hidden.
	Map Map `json:"map,omitzero"`
}

// IntensitySource says what judges how hard a run was.
type IntensitySource string

// Intensity sources.
const (
	// ByHeartRate: heart rate decides when it is recorded and can be
	// trusted, else RPE; the default.
	ByHeartRate IntensitySource = ""
	// ByRPE: the runner's RPE alone, for a runner whose heart rate cannot
	// be trusted (a poor optical sensor, beta-blockers).
	ByRPE IntensitySource = "rpe"
)
