// Package auth holds what server mode's sign-in is made of: passwords
// hashed with argon2id, random secrets for session cookies and API
// tokens stored only as hashes, user names, and a limit on failed
// sign-ins. It keeps no state but the limiter's and does no I/O.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id's cost, OWASP's Password Storage Cheat Sheet's first choice:
// 19 MiB of memory, two passes, one lane. A hash takes about 30 ms on
// one core, small for a sign-in and large for a guesser.
const (
	argonTime    = 2
	argonMemKiB  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// Password lengths: short ones are guessed, and argon2 must not be fed
// megabytes by a sign-in form.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 256
)

// ErrBadHash is returned for a stored hash that is not argon2id's PHC string.
var ErrBadHash = errors.New("not an argon2id password hash")

// CheckPassword reports why a new password is not acceptable, or nil.
func CheckPassword(password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLen:
		return fmt.Errorf("password too short: %d characters, at least %d", n, MinPasswordLen)
	case len(password) > MaxPasswordLen:
		return fmt.Errorf("password too long: %d bytes, at most %d", len(password), MaxPasswordLen)
	}
	return nil
}

// HashPassword returns password's argon2id hash in the PHC string format
// ($argon2id$v=19$m=…,t=…,p=…$salt$hash), which names its own cost so
// that raising the cost later leaves old hashes readable.
func HashPassword(password string) string {
	salt := make([]byte, saltLen)
	rand.Read(salt) // crypto/rand.Read never fails
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemKiB, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemKiB, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// VerifyPassword reports whether password matches hash, in time that
// does not depend on where they differ.
func VerifyPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrBadHash
	}
	var version int
	var memKiB, time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("%w: version %q", ErrBadHash, parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memKiB, &time, &threads); err != nil ||
		time == 0 || threads == 0 || memKiB < 8*uint32(threads) || memKiB > 1<<22 {
		return false, fmt.Errorf("%w: parameters %q", ErrBadHash, parts[3])
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("%w: salt: %v", ErrBadHash, err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, fmt.Errorf("%w: key", ErrBadHash)
	}
	got := argon2.IDKey([]byte(password), salt, time, memKiB, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// NewSecret returns 32 random bytes, URL-safe base64: a session's or an
// API token's secret. At 256 bits it cannot be guessed, so a fast hash
// (HashSecret) is enough to store it.
func NewSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret returns the hex SHA-256 of a secret: what the store keeps.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// SameSecret reports whether two secrets are equal, in constant time.
func SameSecret(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// MaxNameLen bounds a user name.
const MaxNameLen = 64

// CheckName reports why a user name is not acceptable, or nil. Names are
// lower-case letters, digits, '.', '_' and '-', starting with a letter
// or digit: what can be typed anywhere and never looks like another name.
func CheckName(name string) error {
	if name == "" {
		return errors.New("user name is empty")
	}
	if len(name) > MaxNameLen {
		return fmt.Errorf("user name too long: %d characters, at most %d", len(name), MaxNameLen)
	}
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case (r == '.' || r == '_' || r == '-') && i > 0:
		default:
			return fmt.Errorf("user name %q: use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit", name)
		}
	}
	return nil
}
