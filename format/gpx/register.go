package gpx

import (
	"github.com/easyrun/easyrun/format"
)

// Kind is GPX among the formats: package format recognises and decodes
// GPX files once this package is linked in.
var Kind = format.Register(format.Format{Name: "GPX", Ext: ".gpx", Root: "gpx", Decode: DecodeWithin})
