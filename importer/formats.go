package importer

// The activity formats an import reads. Each registers itself with package
// format when linked in; a new format is its package and a line here.
import (
	_ "github.com/easyrun/easyrun/format/fit"
	_ "github.com/easyrun/easyrun/format/gpx"
	_ "github.com/easyrun/easyrun/format/tcx"
)
