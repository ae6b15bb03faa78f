package tcx

import (
	"github.com/easyrun/easyrun/format"
)

// Kind is TCX among the formats: package format recognises and decodes
// TCX files once this package is linked in.
var Kind = format.Register(format.Format{Name: "TCX", Ext: ".tcx", Root: "TrainingCenterDatabase", Decode: DecodeWithin})
