package fit

import "encoding/binary"

// crcTables hold the FIT CRC (CRC-16/ARC: reflected polynomial 0xA001,
// initial value 0) for slicing by eight: crcTables[0] advances the CRC by
// one byte, crcTables[k] by a byte followed by k zero bytes. The
// library's CRC takes a byte in two nibble steps; reading eight bytes a
// step makes checking a file's CRC about ten times cheaper, a small share
// of its decode instead of a tenth of it.
var crcTables = func() (t [8][256]uint16) {
	for i := range 256 {
		c := uint16(i)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xA001
			} else {
				c >>= 1
			}
		}
		t[0][i] = c
	}
	for i := range 256 {
		for k := 1; k < 8; k++ {
			c := t[k-1][i]
			t[k][i] = c>>8 ^ t[0][c&0xFF]
		}
	}
	return t
}()

// crc16 continues the FIT CRC crc over b.
func crc16(crc uint16, b []byte) uint16 {
	t := &crcTables
	for len(b) >= 8 {
		x := crc ^ binary.LittleEndian.Uint16(b)
		crc = t[7][x&0xFF] ^ t[6][x>>8] ^ t[5][b[2]] ^ t[4][b[3]] ^
			t[3][b[4]] ^ t[2][b[5]] ^ t[1][b[6]] ^ t[0][b[7]]
		b = b[8:]
	}
	for _, c := range b {
		crc = crc>>8 ^ t[0][byte(crc)^c]
	}
	return crc
}
