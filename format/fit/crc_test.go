package fit

import (
	"math/rand/v2"
	"testing"

	libcrc "github.com/muktihari/fit/kit/hash/crc16"
)

// TestCRC16 checks the sliced CRC against the library's on every length
// up to a few blocks and from every starting value the split gives.
func TestCRC16(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 100)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	for n := range len(b) + 1 {
		for split := 0; split <= n; split += 7 {
			h := libcrc.New()
			h.Write(b[:n])
			if got := crc16(crc16(0, b[:split]), b[split:n]); got != h.Sum16() {
				t.Fatalf("length %d split %d: crc %#04x, library %#04x", n, split, got, h.Sum16())
			}
		}
	}
}
