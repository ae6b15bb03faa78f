package fit

import (
	"github.com/easyrun/easyrun/format"
)

// Kind is FIT among the formats: package format recognises and decodes
// FIT files once this package is linked in.
var Kind = format.Register(format.Format{Name: "FIT", Ext: ".fit", Match: isFIT, Decode: DecodeWithin})

// isFIT checks the FIT file header: its size (12, or 14 with a CRC) and
// the ".FIT" signature at offset 8.
func isFIT(data []byte) bool {
	return len(data) >= 12 && (data[0] == 12 || data[0] == 14) && string(data[8:12]) == ".FIT"
}
