package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/load"
	"github.com/easyrun/easyrun/recovery"
	"github.com/easyrun/easyrun/store"
)

// AccountsOpener returns a new store without users for one test, closed
// when the test ends (t.Cleanup).
type AccountsOpener func(t *testing.T) store.Store

// Accounts runs the behaviour every store.Accounts must have against
// stores from open.
func Accounts(t *testing.T, open AccountsOpener) {
	tests := []struct {
		name string
		run  func(t *testing.T, s store.Store)
	}{
		{"AddUser", testAddUser},
		{"AddUsersAtOnce", testAddUsersAtOnce},
		{"SetPassword", testSetPassword},
		{"Sessions", testSessions},
		{"ExpiredSessions", testExpiredSessions},
		{"Tokens", testTokens},
		{"Grants", testGrants},
		{"RemoveUser", testRemoveUser},
		{"RemoveFirstUser", testRemoveFirstUser},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.run(t, open(t))
		})
	}
}

// addUser adds a user whose password hash is "hash of " and their name,
// failing t on error.
func addUser(t *testing.T, s store.Accounts, name string, role store.Role) store.User {
	t.Helper()
	u, err := s.AddUser(context.Background(), name, role, "hash of "+name)
	if err != nil {
		t.Fatalf("AddUser(%s): %v", name, err)
	}
	return u
}

// saveSession saves a session of athlete that expires at expires, made
// a month before, failing t on error. Times are whole seconds, which
// every store keeps.
func saveSession(t *testing.T, s store.Accounts, athlete store.AthleteID, hash string, expires time.Time) store.Session {
	t.Helper()
	sn := store.Session{Athlete: athlete, Hash: hash, CSRF: "csrf of " + hash,
		Created: expires.AddDate(0, -1, 0), Expires: expires}
	if err := s.SaveSession(context.Background(), sn); err != nil {
		t.Fatalf("SaveSession(%d, %s): %v", athlete, hash, err)
	}
	return sn
}

// sessionGone fails t unless the athlete has no session hash.
func sessionGone(t *testing.T, s store.Accounts, athlete store.AthleteID, hash string) {
	t.Helper()
	if got, err := s.Session(context.Background(), athlete, hash); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Session(%d, %s) = %+v, %v; want ErrNotFound", athlete, hash, got, err)
	}
}

// sessionKept fails t unless the athlete still has session want.
func sessionKept(t *testing.T, s store.Accounts, want store.Session) {
	t.Helper()
	if got, err := s.Session(context.Background(), want.Athlete, want.Hash); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Session(%d, %s) = %+v, %v; want %+v", want.Athlete, want.Hash, got, err, want)
	}
}

// sameUsers fails t unless list gave want (nil for none).
func sameUsers(t *testing.T, list string, got []store.User, err error, want ...store.User) {
	t.Helper()
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %+v, %v; want %+v", list, got, err, want)
	}
}

func testAddUser(t *testing.T, s store.Store) {
	ctx := context.Background()
	// A runner used easyrun alone before making accounts.
	before, err := s.SaveManual(ctx, store.DefaultAthlete, Run(start, 1800, activity.FIT))
	if err != nil {
		t.Fatalf("SaveManual: %v", err)
	}
	users, err := s.Users(ctx)
	sameUsers(t, "Users before any is added", users, err)

	ann := addUser(t, s, "ann", store.RoleAdmin)
	if ann.ID != store.DefaultAthlete || ann.Name != "ann" || ann.Role != store.RoleAdmin ||
		time.Since(ann.Created) > time.Minute || time.Until(ann.Created) > time.Second {
		t.Errorf("first user = %+v, want ann, admin, athlete %d, made now", ann, store.DefaultAthlete)
	}
	if recs, err := s.Activities(ctx, ann.ID, store.Filter{}); err != nil || len(recs) != 1 || recs[0].ID != before {
		t.Errorf("the first user's activities = %+v, %v; want the one saved before accounts (%d)", recs, err, before)
	}
	cleo := addUser(t, s, "cleo", store.RoleAthlete)
	ben := addUser(t, s, "ben", store.RoleCoach)
	if cleo.ID == ann.ID || ben.ID == ann.ID || ben.ID == cleo.ID {
		t.Fatalf("users' athletes: ann %d, cleo %d, ben %d; want each their own", ann.ID, cleo.ID, ben.ID)
	}
	// A later user is a new athlete, with a profile and data of their own.
	if a, err := s.Athlete(ctx, ben.ID); err != nil || !reflect.DeepEqual(a, activity.Athlete{}) {
		t.Errorf("Athlete(ben) = %+v, %v; want the zero profile", a, err)
	}
	if recs, err := s.Activities(ctx, ben.ID, store.Filter{}); err != nil || len(recs) != 0 {
		t.Errorf("Activities(ben) = %+v, %v; want none", recs, err)
	}
	if _, err := s.SaveManual(ctx, ben.ID, Run(start, 1800, activity.FIT)); err != nil {
		t.Errorf("SaveManual(ben): %v", err)
	}

	if u, err := s.AddUser(ctx, "ben", store.RoleAdmin, "another hash"); !errors.Is(err, store.ErrExists) {
		t.Errorf("AddUser(ben) again = %+v, %v; want ErrExists", u, err)
	}
	users, err = s.Users(ctx)
	sameUsers(t, "Users", users, err, ann, ben, cleo)
	if u, err := s.User(ctx, ben.ID); err != nil || u != ben {
		t.Errorf("User(ben) = %+v, %v; want %+v", u, err, ben)
	}
	if u, hash, err := s.UserByName(ctx, "ben"); err != nil || u != ben || hash != "hash of ben" {
		t.Errorf("UserByName(ben) = %+v, %q, %v; want %+v and the hash it was added with", u, hash, err, ben)
	}
	if _, err := s.User(ctx, missingAthlete); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("User(missing): err = %v, want ErrNotFound", err)
	}
	if _, _, err := s.UserByName(ctx, "nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UserByName(nobody): err = %v, want ErrNotFound", err)
	}
}

// testAddUsersAtOnce adds users from several goroutines: each gets an
// athlete of their own, and one of them the default athlete.
func testAddUsersAtOnce(t *testing.T, s store.Store) {
	ctx := context.Background()
	const n = 8
	users := make([]store.User, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { users[i], errs[i] = s.AddUser(ctx, fmt.Sprintf("runner %d", i), store.RoleAthlete, "hash") })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("AddUser at once: %v", err)
	}
	athletes := map[store.AthleteID]bool{}
	for _, u := range users {
		athletes[u.ID] = true
		if _, err := s.Athlete(ctx, u.ID); err != nil {
			t.Errorf("Athlete(%d) of %s: %v", u.ID, u.Name, err)
		}
	}
	if len(athletes) != n || !athletes[store.DefaultAthlete] {
		t.Errorf("athletes of users added at once = %v, want %d different ones, %d among them", athletes, n, store.DefaultAthlete)
	}
}

func testSetPassword(t *testing.T, s store.Store) {
	ctx := context.Background()
	ann, ben := addUser(t, s, "ann", store.RoleAthlete), addUser(t, s, "ben", store.RoleAthlete)
	expires := start.AddDate(0, 1, 0)
	saveSession(t, s, ann.ID, "laptop", expires)
	saveSession(t, s, ann.ID, "phone", expires)
	bens := saveSession(t, s, ben.ID, "laptop", expires)
	if err := s.SetPassword(ctx, ann.ID, "new hash"); err != nil {
		t.Fatalf("SetPassword: %v", err)
	}
	if _, hash, err := s.UserByName(ctx, "ann"); err != nil || hash != "new hash" {
		t.Errorf("UserByName(ann) hash = %q, %v; want the new one", hash, err)
	}
	// A new password signs out everywhere, and no one else.
	sessionGone(t, s, ann.ID, "laptop")
	sessionGone(t, s, ann.ID, "phone")
	sessionKept(t, s, bens)
	if _, hash, err := s.UserByName(ctx, "ben"); err != nil || hash != "hash of ben" {
		t.Errorf("UserByName(ben) hash = %q, %v; want theirs unchanged", hash, err)
	}
	if err := s.SetPassword(ctx, missingAthlete, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetPassword(missing): err = %v, want ErrNotFound", err)
	}
}

func testSessions(t *testing.T, s store.Store) {
	ctx := context.Background()
	coach, ann := addUser(t, s, "coach", store.RoleCoach), addUser(t, s, "ann", store.RoleAthlete)
	expires := start.AddDate(0, 1, 0)
	mine := saveSession(t, s, coach.ID, "secret", expires)
	sessionKept(t, s, mine)
	// The right hash with another athlete finds nothing.
	sessionGone(t, s, ann.ID, "secret")
	// Another athlete may have the same hash: the key starts with the athlete.
	anns := saveSession(t, s, ann.ID, "secret", expires)
	if err := s.SaveSession(ctx, store.Session{Athlete: missingAthlete, Hash: "x", Expires: expires}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SaveSession of no user: err = %v, want ErrNotFound", err)
	}

	if err := s.SetViewing(ctx, coach.ID, "secret", ann.ID); err != nil {
		t.Fatalf("SetViewing: %v", err)
	}
	mine.Viewing = ann.ID
	sessionKept(t, s, mine)
	sessionKept(t, s, anns)
	if err := s.SetViewing(ctx, coach.ID, "unknown", ann.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetViewing of no session: err = %v, want ErrNotFound", err)
	}

	if err := s.DeleteSession(ctx, coach.ID, "secret"); err != nil {
		t.Fatalf("DeleteSession: %v", err)
	}
	sessionGone(t, s, coach.ID, "secret")
	sessionKept(t, s, anns)
	if err := s.DeleteSession(ctx, coach.ID, "secret"); err != nil {
		t.Errorf("DeleteSession of a deleted session: %v", err)
	}

	saveSession(t, s, coach.ID, "laptop", expires)
	saveSession(t, s, coach.ID, "phone", expires)
	if err := s.DeleteSessions(ctx, coach.ID); err != nil {
		t.Fatalf("DeleteSessions: %v", err)
	}
	sessionGone(t, s, coach.ID, "laptop")
	sessionGone(t, s, coach.ID, "phone")
	sessionKept(t, s, anns)
}

func testExpiredSessions(t *testing.T, s store.Store) {
	ctx := context.Background()
	ann, ben := addUser(t, s, "ann", store.RoleAthlete), addUser(t, s, "ben", store.RoleAthlete)
	now := start
	past := saveSession(t, s, ann.ID, "past", now.Add(-time.Second))
	saveSession(t, s, ben.ID, "long past", now.Add(-time.Hour))
	at := saveSession(t, s, ann.ID, "now", now)
	later := saveSession(t, s, ann.ID, "later", now.Add(time.Second))
	// Until swept, an expired session is still found: the caller checks.
	sessionKept(t, s, past)

	if err := s.DeleteExpiredSessions(ctx, now); err != nil {
		t.Fatalf("DeleteExpiredSessions: %v", err)
	}
	sessionGone(t, s, ann.ID, "past")
	sessionGone(t, s, ben.ID, "long past")
	sessionKept(t, s, at) // it expires at now, not before
	sessionKept(t, s, later)

	if err := s.DeleteExpiredSessions(ctx, now.Add(500*time.Millisecond)); err != nil {
		t.Fatalf("DeleteExpiredSessions half a second on: %v", err)
	}
	sessionGone(t, s, ann.ID, "now")
	sessionKept(t, s, later)
}

func testTokens(t *testing.T, s store.Store) {
	ctx := context.Background()
	ann, ben := addUser(t, s, "ann", store.RoleAthlete), addUser(t, s, "ben", store.RoleAthlete)
	if got, err := s.Tokens(ctx, ann.ID); err != nil || got != nil {
		t.Errorf("Tokens before any = %+v, %v; want none", got, err)
	}
	saveToken := func(athlete store.AthleteID, name, hash string, created time.Time) store.Token {
		t.Helper()
		want := store.Token{Athlete: athlete, Name: name, Hash: hash, Created: created}
		got, err := s.SaveToken(ctx, want)
		if err != nil {
			t.Fatalf("SaveToken(%s): %v", name, err)
		}
		want.ID = got.ID
		if got.ID == 0 || got != want {
			t.Errorf("SaveToken = %+v, want %+v with an ID", got, want)
		}
		return got
	}
	// Saved out of order, to be listed oldest first.
	backup := saveToken(ann.ID, "backup script", "hash 2", start.Add(time.Hour))
	laptop := saveToken(ann.ID, "laptop", "hash 1", start)
	bens := saveToken(ben.ID, "phone", "hash 1", start)
	if backup.ID == laptop.ID {
		t.Errorf("two tokens of ann have ID %d", laptop.ID)
	}
	if got, err := s.Tokens(ctx, ann.ID); err != nil || !reflect.DeepEqual(got, []store.Token{laptop, backup}) {
		t.Errorf("Tokens(ann) = %+v, %v; want laptop then backup", got, err)
	}
	if got, err := s.TokenByHash(ctx, ann.ID, "hash 1"); err != nil || got != laptop {
		t.Errorf("TokenByHash(ann, hash 1) = %+v, %v; want %+v", got, err, laptop)
	}
	if got, err := s.TokenByHash(ctx, ben.ID, "hash 2"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("TokenByHash(ben, ann's hash) = %+v, %v; want ErrNotFound", got, err)
	}
	if _, err := s.TokenByHash(ctx, ann.ID, "unknown"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("TokenByHash(unknown): err = %v, want ErrNotFound", err)
	}
	if _, err := s.SaveToken(ctx, store.Token{Athlete: missingAthlete, Name: "x", Hash: "x"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SaveToken of no user: err = %v, want ErrNotFound", err)
	}

	// Revoking is scoped to the token's owner.
	if err := s.DeleteToken(ctx, ben.ID, laptop.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteToken(ben, ann's token): err = %v, want ErrNotFound", err)
	}
	if got, err := s.TokenByHash(ctx, ann.ID, "hash 1"); err != nil || got != laptop {
		t.Errorf("after another user's DeleteToken, TokenByHash(ann) = %+v, %v; want %+v", got, err, laptop)
	}
	if err := s.DeleteToken(ctx, ann.ID, laptop.ID); err != nil {
		t.Fatalf("DeleteToken: %v", err)
	}
	if got, err := s.Tokens(ctx, ann.ID); err != nil || !reflect.DeepEqual(got, []store.Token{backup}) {
		t.Errorf("Tokens(ann) after DeleteToken = %+v, %v; want only backup", got, err)
	}
	if err := s.DeleteToken(ctx, ann.ID, laptop.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteToken of a deleted token: err = %v, want ErrNotFound", err)
	}
	if got, err := s.Tokens(ctx, ben.ID); err != nil || !reflect.DeepEqual(got, []store.Token{bens}) {
		t.Errorf("Tokens(ben) = %+v, %v; want theirs kept", got, err)
	}
}

func testGrants(t *testing.T, s store.Store) {
	ctx := context.Background()
	// Added and granted out of name order, for the lists to be sorted.
	ann, cleo := addUser(t, s, "ann", store.RoleAthlete), addUser(t, s, "cleo", store.RoleAthlete)
	dan, ben := addUser(t, s, "dan", store.RoleCoach), addUser(t, s, "ben", store.RoleCoach)
	granted := func(athlete, coach store.User, want bool) {
		t.Helper()
		if got, err := s.Granted(ctx, athlete.ID, coach.ID); err != nil || got != want {
			t.Errorf("Granted(%s, %s) = %v, %v; want %v", athlete.Name, coach.Name, got, err, want)
		}
	}
	granted(ann, ben, false)
	for _, g := range []struct{ athlete, coach store.User }{{cleo, ben}, {ann, dan}, {ann, ben}, {ann, ben}} {
		if err := s.Grant(ctx, g.athlete.ID, g.coach.ID); err != nil {
			t.Fatalf("Grant(%s, %s): %v", g.athlete.Name, g.coach.Name, err)
		}
	}
	granted(ann, ben, true)
	granted(ben, ann, false) // a grant goes one way
	granted(cleo, dan, false)
	coaches, err := s.Coaches(ctx, ann.ID)
	sameUsers(t, "Coaches(ann)", coaches, err, ben, dan)
	athletes, err := s.Athletes(ctx, ben.ID)
	sameUsers(t, "Athletes(ben)", athletes, err, ann, cleo)
	athletes, err = s.Athletes(ctx, ann.ID)
	sameUsers(t, "Athletes(ann)", athletes, err)
	if err := s.Grant(ctx, ann.ID, missingAthlete); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Grant to no user: err = %v, want ErrNotFound", err)
	}

	if err := s.Revoke(ctx, ann.ID, ben.ID); err != nil {
		t.Fatalf("Revoke: %v", err)
	}
	granted(ann, ben, false)
	granted(cleo, ben, true)
	coaches, err = s.Coaches(ctx, ann.ID)
	sameUsers(t, "Coaches(ann) after Revoke", coaches, err, dan)
	athletes, err = s.Athletes(ctx, ben.ID)
	sameUsers(t, "Athletes(ben) after Revoke", athletes, err, cleo)
	if err := s.Revoke(ctx, ann.ID, ben.ID); err != nil {
		t.Errorf("Revoke of what is not granted: %v", err)
	}
}

// userData saves for u two analysed activities with a verdict and a peak,
// a profile, a plan, a session, a token, and returns the activities' ids.
func userData(t *testing.T, s store.Store, u store.User) []int64 {
	t.Helper()
	ctx := context.Background()
	ids := saveDays(t, s, u.ID, activity.Running, activity.Running)
	r := analyse(Run(start, 1200, activity.FIT))
	if err := s.SaveAnalyses(ctx, u.ID, []store.Analysis{analysed(ids[0], r), analysed(ids[1], r)}); err != nil {
		t.Fatalf("SaveAnalyses(%s): %v", u.Name, err)
	}
	v := recovery.Verdict{ActivityID: ids[1], At: start, Kind: recovery.TooHard, Title: "too hard"}
	if err := s.SaveVerdicts(ctx, u.ID, []recovery.Verdict{v}); err != nil {
		t.Fatalf("SaveVerdicts(%s): %v", u.Name, err)
	}
	p := store.Peak{ActivityID: ids[0], HR: activity.Value{V: 181, Origin: activity.Detected}}
	if err := s.SavePeaks(ctx, u.ID, []store.Peak{p}); err != nil {
		t.Fatalf("SavePeaks(%s): %v", u.Name, err)
	}
	if err := s.SaveAthlete(ctx, u.ID, activity.Athlete{Name: u.Name, BirthYear: 1990}); err != nil {
		t.Fatalf("SaveAthlete(%s): %v", u.Name, err)
	}
	if err := s.SavePlan(ctx, u.ID, samplePlan(4*time.Hour)); err != nil {
		t.Fatalf("SavePlan(%s): %v", u.Name, err)
	}
	if _, err := s.SaveMorning(ctx, u.ID, activity.Morning{Date: "2026-03-05", RestingHR: 48, Source: activity.Manual}); err != nil {
		t.Fatalf("SaveMorning(%s): %v", u.Name, err)
	}
	if err := s.SaveLoadDays(ctx, u.ID, store.LoadBasis{Zone: "UTC"}, start, []load.State{{Date: dayOf(start), Load: 60, Days: 1}}); err != nil {
		t.Fatalf("SaveLoadDays(%s): %v", u.Name, err)
	}
	saveSession(t, s, u.ID, "session", start.AddDate(0, 1, 0))
	if _, err := s.SaveToken(ctx, store.Token{Athlete: u.ID, Name: "script", Hash: "token", Created: start}); err != nil {
		t.Fatalf("SaveToken(%s): %v", u.Name, err)
	}
	if err := s.SaveFeed(ctx, store.Feed{Athlete: u.ID, Hash: "feed", Created: start}); err != nil {
		t.Fatalf("SaveFeed(%s): %v", u.Name, err)
	}
	return ids
}

// noData fails t unless the store holds nothing of athlete but, when
// profile, an empty profile.
func noData(t *testing.T, s store.Store, athlete store.AthleteID, ids []int64, profile bool) {
	t.Helper()
	ctx := context.Background()
	if recs, err := s.Activities(ctx, athlete, store.Filter{}); err != nil || len(recs) != 0 {
		t.Errorf("Activities(%d) = %d, %v; want none", athlete, len(recs), err)
	}
	for _, id := range ids {
		if _, err := s.Activity(ctx, athlete, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Activity(%d, %d): err = %v, want ErrNotFound", athlete, id, err)
		}
	}
	f := File("day0.fit", activity.FIT, fmt.Appendf(nil, "athlete %d day %d", athlete, 0)) // as saveDays made it
	if ok, err := known(s, athlete, f.SHA256); ok || err != nil {
		t.Errorf("known to athlete %d = %v, %v; want false", athlete, ok, err)
	}
	if loads, err := s.Loads(ctx, athlete, time.Time{}, time.Time{}); err != nil || len(loads) != 0 {
		t.Errorf("Loads(%d) = %+v, %v; want none", athlete, loads, err)
	}
	if vs, err := s.Verdicts(ctx, athlete); err != nil || len(vs) != 0 {
		t.Errorf("Verdicts(%d) = %+v, %v; want none", athlete, vs, err)
	}
	if ps, err := s.Peaks(ctx, athlete, time.Time{}, time.Time{}); err != nil || len(ps) != 0 {
		t.Errorf("Peaks(%d) = %+v, %v; want none", athlete, ps, err)
	}
	if _, err := s.Plan(ctx, athlete); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Plan(%d): err = %v, want ErrNotFound", athlete, err)
	}
	if ms, err := s.Mornings(ctx, athlete, "", ""); err != nil || len(ms) != 0 {
		t.Errorf("Mornings(%d) = %+v, %v; want none", athlete, ms, err)
	}
	if days, err := s.LoadDays(ctx, athlete); err != nil || len(days) != 0 {
		t.Errorf("LoadDays(%d) = %+v, %v; want none", athlete, days, err)
	}
	if b, _, err := s.LoadState(ctx, athlete, start); err != nil || b.Zone != "" || b.Current {
		t.Errorf("LoadState(%d) = %+v, %v; want no basis", athlete, b, err)
	}
	if tokens, err := s.Tokens(ctx, athlete); err != nil || len(tokens) != 0 {
		t.Errorf("Tokens(%d) = %+v, %v; want none", athlete, tokens, err)
	}
	if f, err := s.Feed(ctx, athlete); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Feed(%d) = %+v, %v; want ErrNotFound", athlete, f, err)
	}
	sessionGone(t, s, athlete, "session")
	a, err := s.Athlete(ctx, athlete)
	switch {
	case profile && (err != nil || !reflect.DeepEqual(a, activity.Athlete{})):
		t.Errorf("Athlete(%d) = %+v, %v; want the zero profile", athlete, a, err)
	case !profile && !errors.Is(err, store.ErrNotFound):
		t.Errorf("Athlete(%d) = %+v, %v; want ErrNotFound", athlete, a, err)
	}
}

func testRemoveUser(t *testing.T, s store.Store) {
	ctx := context.Background()
	ann, ben, coach := addUser(t, s, "ann", store.RoleAthlete), addUser(t, s, "ben", store.RoleCoach), addUser(t, s, "coach", store.RoleCoach)
	anns, bens := userData(t, s, ann), userData(t, s, ben)
	// ben gave and received access.
	for _, g := range [][2]store.User{{ben, coach}, {ann, ben}, {ann, coach}} {
		if err := s.Grant(ctx, g[0].ID, g[1].ID); err != nil {
			t.Fatalf("Grant: %v", err)
		}
	}

	if err := s.RemoveUser(ctx, ben.ID); err != nil {
		t.Fatalf("RemoveUser(ben): %v", err)
	}
	if _, err := s.User(ctx, ben.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("User(ben) after RemoveUser: err = %v, want ErrNotFound", err)
	}
	if _, _, err := s.UserByName(ctx, "ben"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UserByName(ben) after RemoveUser: err = %v, want ErrNotFound", err)
	}
	noData(t, s, ben.ID, bens, false)
	for _, g := range [][2]store.User{{ben, coach}, {ann, ben}} {
		if ok, err := s.Granted(ctx, g[0].ID, g[1].ID); ok || err != nil {
			t.Errorf("Granted(%s, %s) after RemoveUser(ben) = %v, %v; want false", g[0].Name, g[1].Name, ok, err)
		}
	}
	users, err := s.Users(ctx)
	sameUsers(t, "Users after RemoveUser(ben)", users, err, ann, coach)

	// Everyone else keeps everything.
	if r := get(t, s, ann.ID, anns[1]); r.Analysis == nil || len(r.Verdicts) != 1 {
		t.Errorf("ann's activity after RemoveUser(ben) = analysis %v, verdicts %+v; want both kept", r.Analysis, r.Verdicts)
	}
	if ps, err := s.Peaks(ctx, ann.ID, time.Time{}, time.Time{}); err != nil || len(ps) != 2 || !ps[0].Measured {
		t.Errorf("Peaks(ann) = %+v, %v; want her two activities, the first measured", ps, err)
	}
	if _, err := s.Plan(ctx, ann.ID); err != nil {
		t.Errorf("Plan(ann): %v", err)
	}
	if a, err := s.Athlete(ctx, ann.ID); err != nil || a.Name != "ann" {
		t.Errorf("Athlete(ann) = %+v, %v; want her profile", a, err)
	}
	if _, err := s.Session(ctx, ann.ID, "session"); err != nil {
		t.Errorf("Session(ann): %v", err)
	}
	if _, err := s.TokenByHash(ctx, ann.ID, "token"); err != nil {
		t.Errorf("TokenByHash(ann): %v", err)
	}
	if _, err := s.Feed(ctx, ann.ID); err != nil {
		t.Errorf("Feed(ann): %v", err)
	}
	coaches, err := s.Coaches(ctx, ann.ID)
	sameUsers(t, "Coaches(ann) after RemoveUser(ben)", coaches, err, coach)

	if err := s.RemoveUser(ctx, ben.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RemoveUser(ben) again: err = %v, want ErrNotFound", err)
	}
	// A user added next starts empty, whichever athlete they get.
	dan := addUser(t, s, "dan", store.RoleAthlete)
	noData(t, s, dan.ID, nil, true)
}

func testRemoveFirstUser(t *testing.T, s store.Store) {
	ctx := context.Background()
	ann, ben := addUser(t, s, "ann", store.RoleAdmin), addUser(t, s, "ben", store.RoleCoach)
	anns, bens := userData(t, s, ann), userData(t, s, ben)
	if err := s.Grant(ctx, ben.ID, ann.ID); err != nil {
		t.Fatalf("Grant: %v", err)
	}
	if err := s.RemoveUser(ctx, ann.ID); err != nil {
		t.Fatalf("RemoveUser(ann): %v", err)
	}
	// The default athlete stays, emptied, for the single-user default.
	noData(t, s, store.DefaultAthlete, anns, true)
	if ok, err := s.Granted(ctx, ben.ID, ann.ID); ok || err != nil {
		t.Errorf("Granted(ben, ann) after RemoveUser(ann) = %v, %v; want false", ok, err)
	}
	if recs, err := s.Activities(ctx, ben.ID, store.Filter{}); err != nil || len(recs) != len(bens) {
		t.Errorf("Activities(ben) after RemoveUser(ann) = %d, %v; want his %d", len(recs), err, len(bens))
	}
	profile := activity.Athlete{Name: "single", BirthYear: 1980}
	if err := s.SaveAthlete(ctx, store.DefaultAthlete, profile); err != nil {
		t.Fatalf("SaveAthlete(default) after RemoveUser: %v", err)
	}
	if a, err := s.Athlete(ctx, store.DefaultAthlete); err != nil || !reflect.DeepEqual(a, profile) {
		t.Errorf("Athlete(default) = %+v, %v; want %+v", a, err, profile)
	}
	if _, err := s.SaveManual(ctx, store.DefaultAthlete, Run(start, 600, activity.FIT)); err != nil {
		t.Errorf("SaveManual(default) after RemoveUser: %v", err)
	}
	// No user owns the default athlete now: the next one takes it.
	if cleo := addUser(t, s, "cleo", store.RoleAthlete); cleo.ID != store.DefaultAthlete {
		t.Errorf("user added after the first was removed has athlete %d, want %d", cleo.ID, store.DefaultAthlete)
	}
}
