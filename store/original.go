package store

import "fmt"

// PackOriginal compresses the original bytes of a file for storage, as
// streams are compressed.
func PackOriginal(data []byte) []byte { return compress(data) }

// UnpackOriginal returns the original bytes from a blob written by
// PackOriginal for a file of sizeBytes. Anything else wraps ErrCorrupt.
func UnpackOriginal(b []byte, sizeBytes int64) ([]byte, error) {
	if sizeBytes < 0 || sizeBytes > int64(^uint(0)>>1) {
		return nil, fmt.Errorf("unpack original: bad size %d: %w", sizeBytes, ErrCorrupt)
	}
	data, err := decompress(b, int(sizeBytes))
	if err != nil {
		return nil, fmt.Errorf("unpack original: %w", err)
	}
	if int64(len(data)) != sizeBytes {
		return nil, fmt.Errorf("unpack original: %d bytes, want %d: %w", len(data), sizeBytes, ErrCorrupt)
	}
	return data, nil
}
