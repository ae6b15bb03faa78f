package store

import "time"

// Feed is an athlete's calendar subscription: a private address that
// serves their current plan to a calendar app. The secret in the address
// is shown once, when the feed is made; the store keeps its hash, so a
// stolen database reads no one's plan.
type Feed struct {
	Athlete AthleteID
	Hash    string // hex SHA-256 of the secret
	Created time.Time
}
