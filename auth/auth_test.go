package auth

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"
)

func TestPasswordRoundTrip(t *testing.T) {
	t.Parallel()
	hash := HashPassword("correct horse battery")
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q: want argon2id PHC with OWASP's parameters", hash)
	}
	if again := HashPassword("correct horse battery"); again == hash {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, tt := range []struct {
		password string
		want     bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"", false},
	} {
		got, err := VerifyPassword(hash, tt.password)
		if err != nil || got != tt.want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tt.password, got, err, tt.want)
		}
	}
}

// A hash made with other parameters, as an older or newer easyrun (or
// libsodium) writes it, verifies by the parameters it names.
func TestVerifyReadsParameters(t *testing.T) {
	t.Parallel()
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte("tempo tuesday"), salt, 3, 8*1024, 2, 24)
	b64 := base64.RawStdEncoding
	hash := "$argon2id$v=19$m=8192,t=3,p=2$" + b64.EncodeToString(salt) + "$" + b64.EncodeToString(key)
	if ok, err := VerifyPassword(hash, "tempo tuesday"); !ok || err != nil {
		t.Errorf("VerifyPassword = %v, %v; want true", ok, err)
	}
}

func TestVerifyRejectsMalformed(t *testing.T) {
	t.Parallel()
	good := HashPassword("long enough password")
	parts := strings.Split(good, "$")
	for name, hash := range map[string]string{
		"empty":        "",
		"bcrypt":       "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"argon2i":      strings.Replace(good, "argon2id", "argon2i", 1),
		"version":      strings.Replace(good, "v=19", "v=16", 1),
		"zero time":    strings.Replace(good, "t=2", "t=0", 1),
		"huge memory":  strings.Replace(good, "m=19456", "m=99999999", 1),
		"bad salt":     strings.Join(append(parts[:4:4], "!!", parts[5]), "$"),
		"missing key":  strings.Join(append(parts[:5:5], ""), "$"),
		"extra fields": good + "$x",
	} {
		if ok, err := VerifyPassword(hash, "long enough password"); ok || !errors.Is(err, ErrBadHash) {
			t.Errorf("%s: VerifyPassword = %v, %v; want false, ErrBadHash", name, ok, err)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	t.Parallel()
	for pw, ok := range map[string]bool{
		"short":                      false,
		"ten chars!":                 true,
		"ééééééééé":                  false, // nine characters, eighteen bytes
		strings.Repeat("x", 256):     true,
		strings.Repeat("x", 257):     false,
		"correct horse battery tape": true,
	} {
		if err := CheckPassword(pw); (err == nil) != ok {
			t.Errorf("CheckPassword(%q) = %v; want ok %v", pw, err, ok)
		}
	}
}

func TestCheckName(t *testing.T) {
	t.Parallel()
	for name, ok := range map[string]bool{
		"anna":                  true,
		"coach.lee":             true,
		"r2_d2-x":               true,
		"":                      false,
		"Anna":                  false,
		".hidden":               false,
		"-flag":                 false,
		"a b":                   false,
		"anna@club":             false,
		"ánna":                  false,
		strings.Repeat("a", 64): true,
		strings.Repeat("a", 65): false,
	} {
		if err := CheckName(name); (err == nil) != ok {
			t.Errorf("CheckName(%q) = %v; want ok %v", name, err, ok)
		}
	}
}

func TestSecrets(t *testing.T) {
	t.Parallel()
	a, b := NewSecret(), NewSecret()
	if a == b || len(a) != 43 {
		t.Errorf("secrets %q and %q: want two different 43-character secrets", a, b)
	}
	if h := HashSecret("abc"); h != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("HashSecret(abc) = %s; want SHA-256's test vector", h)
	}
	if !SameSecret(a, a) || SameSecret(a, b) {
		t.Error("SameSecret does not tell equal from different")
	}
}

func TestLimiter(t *testing.T) {
	t.Parallel()
	l := NewLimiter(3, 15*time.Minute)
	t0 := time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)
	for i := range 3 {
		if w := l.Wait(t0, "name:anna", "ip:10.0.0.1"); w != 0 {
			t.Fatalf("attempt %d: wait %v; want none before the limit", i+1, w)
		}
		l.Fail(t0.Add(time.Duration(i)*time.Minute), "name:anna", "ip:10.0.0.1")
	}
	if w := l.Wait(t0.Add(5*time.Minute), "name:anna"); w != 10*time.Minute {
		t.Errorf("after 3 failures: wait %v; want 10m, the rest of the window", w)
	}
	if w := l.Wait(t0.Add(5*time.Minute), "name:bert", "ip:10.0.0.1"); w != 10*time.Minute {
		t.Errorf("another name from the same address: wait %v; want 10m", w)
	}
	if w := l.Wait(t0.Add(15*time.Minute), "name:anna"); w != 0 {
		t.Errorf("after the window: wait %v; want none", w)
	}
	l.Succeed("name:anna")
	if w := l.Wait(t0.Add(5*time.Minute), "name:anna"); w != 0 {
		t.Errorf("after a success: wait %v; want none", w)
	}
}
