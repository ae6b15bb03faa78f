package store

import (
	"time"

	"github.com/easyrun/easyrun/activity"
)

// KeptFile is an original file that no stored activity comes from any
// more: the record of activities the runner deleted, kept until they
// purge it. While kept, a re-import of the file is still a duplicate, so
// a deleted activity does not come back with the next import of a
// folder.
type KeptFile struct {
	ID       int64
	Name     string
	Format   activity.Format
	Stored   int64 // bytes the database keeps for it, which a purge frees
	Imported time.Time
}
