// Package store defines how easyrun keeps activities, the original files
// they came from, and everything derived from them. Implementations live
// in store/sqlite (the embedded default) and store/postgres.
//
// Every method takes the athlete whose data it touches: no query reads or
// writes across athletes.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/analysis"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/recovery"
)

// AthleteID identifies an athlete. The single-user default is DefaultAthlete.
type AthleteID int64

// DefaultAthlete owns all data in single-user mode.
const DefaultAthlete AthleteID = 1

// ErrNotFound is returned when the asked-for record does not exist for this athlete.
var ErrNotFound = errors.New("not found")

// File is one imported file: the original bytes, kept so that nothing is
// ever lost and everything can be re-analysed.
type File struct {
	SHA256 string // hex of the original (uncompressed) bytes: the file's identity
	Name   string // path, or archive path plus member name, as imported
	Format activity.Format
	Data   []byte // the original bytes; Encode compresses them for the store
}

// Outcome says what saving one decoded activity did.
type Outcome string

// Outcomes of Store.SaveFile.
const (
	// Imported: a new activity was stored.
	Imported Outcome = "imported"
	// KnownFile: this exact file was imported before; nothing changed.
	KnownFile Outcome = "known_file"
	// SameSession: another recording of an already stored session, which
	// was at least as rich; this file is remembered as a second source.
	SameSession Outcome = "same_session"
	// Replaced: another recording of a stored session, richer than the
	// one kept so far; it is now the primary source, the old one remembered.
	// The runner's name, RPE and notes stay where the new recording has
	// none (KeepRunnerInput).
	Replaced Outcome = "replaced"
)

// Saved reports the fate of one activity of a file.
type Saved struct {
	ID      int64 // the stored activity this recording belongs to
	Outcome Outcome
}

// Source is one file a stored activity was read from.
type Source struct {
	FileID  int64           `json:"file_id"`
	Name    string          `json:"name"`
	Format  activity.Format `json:"format"`
	SHA256  string          `json:"sha256"`
	Primary bool            `json:"primary"` // the recording whose data the activity holds
}

// Record is a stored activity with its identity and provenance.
type Record struct {
	ID       int64
	Activity activity.Activity
	Sources  []Source
	Imported time.Time
	// Analysis is the stored analysis; nil until the activity is analysed.
	Analysis *analysis.Result
	// Verdicts are the recovery audit's verdicts on this activity (filled
	// by Activity only): a run judged as recovery, or a hard session
	// followed by rest or by another hard day.
	Verdicts []recovery.Verdict
	// Shoe is the id of the shoe the activity was run in; 0 for none.
	Shoe int64
}

// Analysis is the analysis of one stored activity, to be saved.
type Analysis struct {
	ActivityID int64
	Result     analysis.Result
}

// LoadEntry is what the load model needs of one analysed activity.
type LoadEntry struct {
	ActivityID int64
	Start      time.Time // in the runner's local time when the file gave it, else UTC
	// LocalOffset says the file gave Start's local time.
	LocalOffset bool
	Sport       activity.Sport
	Class       analysis.Class
	Hard        bool
	Load        float64
	Method      analysis.LoadMethod
	DurationS   int
	RPE         int // the session RPE when logged, to scale RPE loads by the runner's own history
}

// LoadBasis is what an athlete's stored day summaries (LoadDays) were
// made from: the load model's state at the end of each day from the first
// session on, kept so that a series of recent weeks need not read the
// whole history.
type LoadBasis struct {
	// Version is the maker's version of the summaries: a load model
	// changed since makes them stale.
	Version int
	// Zone names the time zone the sessions without local time were dated in.
	Zone string
	// RPEFactor and RPEPairs are the session-RPE scale the loads were
	// made with (load.RPEScaleOf).
	RPEFactor float64
	RPEPairs  int
	// Unit is the load method of the heart-rate loads; Unloaded counts
	// the sessions without any load.
	Unit     string
	Unloaded int
	// Last is the start of the last analysed session counted; zero for none.
	Last time.Time

	// Changes counts the changes to the athlete's analysed activities:
	// SaveLoadDays takes back the count read before the summaries were
	// made (filled by LoadState).
	Changes int64
	// Current says no analysed activity changed since the summaries were
	// saved (filled by LoadState): only then do they hold.
	Current bool
}

// Peak is what one activity's recording alone says of the runner's
// limits: the highest heart rate it sustained (physio.DetectMaxHR of that
// activity alone) and its fastest segments (analysis.Bests). Max heart
// rate is detected as the highest peak of the last year's runs, and the
// personal bests are the fastest of every run, so keeping each activity's
// peak spares reading every stream to find them.
type Peak struct {
	ActivityID int64
	// Sport is the activity's sport (filled by Peaks; SavePeaks ignores it).
	Sport activity.Sport
	// HR is the peak, origin Detected; zero when the activity has no
	// clean heart rate.
	HR activity.Value
	// Bests are the fastest segments of BestDistances inside the
	// activity; none for a recording that cannot make a personal best.
	Bests []analysis.Best
	// Measured is false when no peak was saved for the activity since it
	// was stored or its recording replaced (filled by Peaks).
	Measured bool
}

// Filter narrows a listing of activities. Zero fields do not filter.
type Filter struct {
	From, To time.Time // start within [From, To)
	Sport    activity.Sport
	Limit    int
	// IDs, when not nil, keeps the activities of these ids alone: none
	// when it is empty. Ids of another athlete's activities match nothing.
	IDs []int64
	// LocalOffset keeps the activities whose file stated its local time
	// (Activity.HasLocalOffset) alone: the runner's zone is detected
	// from the latest of them.
	LocalOffset bool
	// Brief lists each analysis by the values kept beside it, not by all
	// it holds: Record.Analysis has Version, Class, Hard, DurationS and
	// Load alone, for listings that show the class; reading and decoding
	// the whole of each took most of such a listing.
	Brief bool
}

// Store keeps activities and their original files, and the accounts of
// server mode.
type Store interface {
	Accounts

	// KnownFiles reports which of these content hashes name files the
	// athlete already imported whole, so that an importer can skip
	// decoding them again: one question for a batch of files.
	KnownFiles(ctx context.Context, athlete AthleteID, sha256s []string) (map[string]bool, error)

	// SaveFile stores a file and the activities decoded from it, encoded
	// beforehand by Encode so that the caller can encode in parallel. Each
	// activity is written whole or not at all, together with the file
	// row, and recognised as a duplicate of a stored session
	// (activity.SameSession) when it is one. Saving the same file again
	// changes nothing and reports KnownFile.
	SaveFile(ctx context.Context, athlete AthleteID, e *Encoded) ([]Saved, error)

	// SaveFiles stores several files as SaveFile stores each, in one
	// transaction, with one outcome list per file in order: an importer
	// commits once for many files. Each activity is still saved whole or
	// not at all: when one fails, the activities before it are kept, their
	// outcomes returned with the error, and the files after it are not
	// saved. A wrapper of a Store that changes SaveFile changes SaveFiles
	// alike.
	SaveFiles(ctx context.Context, athlete AthleteID, es []*Encoded) ([][]Saved, error)

	// SaveManual stores an activity that has no file: a run logged by hand.
	SaveManual(ctx context.Context, athlete AthleteID, a *activity.Activity) (int64, error)

	// Activities lists activity summaries, newest first, without streams.
	Activities(ctx context.Context, athlete AthleteID, f Filter) ([]Record, error)

	// Activity returns one activity with its streams, laps and sources.
	Activity(ctx context.Context, athlete AthleteID, id int64) (*Record, error)

	// Original returns the original bytes of a stored file.
	Original(ctx context.Context, athlete AthleteID, fileID int64) (File, error)

	// Athlete returns the profile as the runner set it: zero values for
	// what is not set. Detected and estimated values are not stored here.
	// An athlete that does not exist gives ErrNotFound.
	Athlete(ctx context.Context, athlete AthleteID) (activity.Athlete, error)

	// SaveAthlete replaces the runner's profile. An athlete that does not
	// exist gives ErrNotFound.
	SaveAthlete(ctx context.Context, athlete AthleteID, a activity.Athlete) error

	// SetRPE sets the session RPE (1-10; 0 clears it) of an activity; any
	// other value is an error (CheckRPE). The stored analysis stays until
	// the caller saves a new one.
	SetRPE(ctx context.Context, athlete AthleteID, id int64, rpe int) error

	// SetDetails replaces the name, notes and race mark of an activity
	// (CheckDetails bounds the text). The stored analysis stays until the caller saves a
	// new one.
	SetDetails(ctx context.Context, athlete AthleteID, id int64, d Details) error

	// DeleteActivity deletes an activity with what was derived from it;
	// its original files stay (KeptFiles).
	DeleteActivity(ctx context.Context, athlete AthleteID, id int64) error
	// KeptFiles lists the athlete's original files that no stored
	// activity comes from, oldest first.
	KeptFiles(ctx context.Context, athlete AthleteID) ([]KeptFile, error)
	// PurgeFiles deletes those of the athlete's kept files (KeptFiles)
	// whose ids are given, every one of them when ids is nil, and reports
	// how many it deleted. A file an activity still comes from is never
	// deleted; an id that is not a kept file of the athlete's is ignored.
	PurgeFiles(ctx context.Context, athlete AthleteID, ids []int64) (int, error)
	// SetSport sets the sport of an activity as the runner corrected it
	// (one of TagSports; any other is an error, CheckSport), marking it
	// SportTagged: a later recording of the session keeps it
	// (KeepRunnerInput). The stored analysis stays until the caller saves
	// a new one.
	SetSport(ctx context.Context, athlete AthleteID, id int64, sport activity.Sport) error

	// SaveAnalyses stores analyses, replacing earlier ones, in one
	// transaction: an id that is not the athlete's gives ErrNotFound and
	// saves none of them. A recording that replaces a stored one (Outcome
	// Replaced) drops the activity's analysis.
	SaveAnalyses(ctx context.Context, athlete AthleteID, as []Analysis) error

	// SaveVerdicts replaces every stored recovery verdict of the athlete
	// with vs, in one transaction: the audit is made anew from the whole
	// history. A verdict on another athlete's activity gives ErrNotFound
	// and saves none.
	SaveVerdicts(ctx context.Context, athlete AthleteID, vs []recovery.Verdict) error

	// Verdicts lists every stored recovery verdict of the athlete, in the
	// order they were saved.
	Verdicts(ctx context.Context, athlete AthleteID) ([]recovery.Verdict, error)

	// SavePeaks stores the peaks of activities, replacing earlier ones, in
	// one transaction: an id that is not the athlete's gives ErrNotFound
	// and saves none of them. A recording that replaces a stored one
	// (Outcome Replaced) drops the activity's peak.
	SavePeaks(ctx context.Context, athlete AthleteID, ps []Peak) error

	// Peaks lists every activity starting in [from, to), oldest first (as
	// EachActivity), with its peak when one was saved. A zero from or to
	// does not bound the range.
	Peaks(ctx context.Context, athlete AthleteID, from, to time.Time) ([]Peak, error)

	// EachActivity calls fn with every activity matching f, oldest first,
	// streams and stored analysis included, one at a time so that a long
	// history never sits in memory at once. It stops at fn's first error.
	EachActivity(ctx context.Context, athlete AthleteID, f Filter, fn func(*Record) error) error

	// Loads lists the analysed activities in [from, to) with their load,
	// oldest first: what the fitness and fatigue series are built from.
	// A zero from or to does not bound the range.
	Loads(ctx context.Context, athlete AthleteID, from, to time.Time) ([]LoadEntry, error)

	// LoadState returns the basis of the athlete's day summaries and the
	// summary of the last day before before (its calendar date; the zero
	// State when there is none), read together. With no summaries saved
	// the basis is zero and not Current.
	LoadState(ctx context.Context, athlete AthleteID, before time.Time) (LoadBasis, load.State, error)

	// LoadDays lists every day summary of the athlete, oldest first.
	LoadDays(ctx context.Context, athlete AthleteID) ([]load.State, error)

	// SaveLoadDays replaces the athlete's day summaries dated from from
	// on with days, and the basis with b, in one transaction. They are
	// Current unless the activities changed since b.Changes was read.
	SaveLoadDays(ctx context.Context, athlete AthleteID, b LoadBasis, from time.Time, days []load.State) error

	// Plan returns the athlete's training plan as last saved; ErrNotFound
	// when they have none.
	Plan(ctx context.Context, athlete AthleteID) (*plan.Plan, error)

	// SavePlan replaces the athlete's training plan: a runner follows one
	// plan at a time, and an adapted plan replaces the one it came from.
	// An athlete that does not exist gives ErrNotFound.
	SavePlan(ctx context.Context, athlete AthleteID, p *plan.Plan) error

	// SaveFeed makes the athlete's calendar feed, replacing the one they
	// had, whose address stops working: an athlete has one feed at a
	// time. An athlete that does not exist gives ErrNotFound.
	SaveFeed(ctx context.Context, f Feed) error

	// Feed returns the athlete's calendar feed; ErrNotFound when they
	// have none.
	Feed(ctx context.Context, athlete AthleteID) (Feed, error)

	// DeleteFeed revokes the athlete's calendar feed; revoking none is
	// not an error.
	DeleteFeed(ctx context.Context, athlete AthleteID) error

	// SaveMorning stores a morning check-in, checked beforehand by
	// activity.Morning.Validate, replacing the athlete's morning of its
	// date: entering a morning again is no change. A file's morning never
	// replaces the runner's own (Source activity.Manual) and reports
	// false. An athlete that does not exist gives ErrNotFound.
	SaveMorning(ctx context.Context, athlete AthleteID, m activity.Morning) (bool, error)

	// Mornings lists the athlete's mornings dated from from to to, both
	// "2006-01-02" and included, oldest first. An empty from or to does
	// not bound the range.
	Mornings(ctx context.Context, athlete AthleteID, from, to string) ([]activity.Morning, error)

	// Shoes lists the athlete's shoes, by the day they started, each
	// with the distance of the activities assigned to it.
	Shoes(ctx context.Context, athlete AthleteID) ([]activity.Shoe, error)

	// SaveShoe adds a shoe (ID 0) or replaces one of the athlete's, after
	// activity.Shoe.Validate, and returns its id. A default shoe is the
	// only default: new runs are assigned to it when they are stored.
	// Another athlete's shoe gives ErrNotFound.
	SaveShoe(ctx context.Context, athlete AthleteID, s activity.Shoe) (int64, error)

	// SetShoe assigns one of the athlete's shoes to one of their
	// activities (Record.Shoe); 0 takes it off. Another athlete's
	// activity or shoe gives ErrNotFound.
	SetShoe(ctx context.Context, athlete AthleteID, id, shoe int64) error

	// Close releases the store.
	Close() error
}
