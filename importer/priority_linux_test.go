package importer

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/easyrun/easyrun/internal/corpus"
	"github.com/easyrun/easyrun/internal/priority"
	"github.com/easyrun/easyrun/internal/priority/prioritytest"
	"github.com/easyrun/easyrun/store"
)

// niceness records the priority of the threads that look files up (the
// lookup, beside the decoders) and of the one that saves them (the
// writer).
type niceness struct {
	store.Store
	checked, saved prioritytest.Threads
	lookups        atomic.Int64
}

// KnownFiles records the looking-up thread once per file.
func (n *niceness) KnownFiles(ctx context.Context, athlete store.AthleteID, hashes []string) (map[string]bool, error) {
	n.lookups.Add(1)
	for range hashes {
		n.checked.Record()
	}
	return n.Store.KnownFiles(ctx, athlete, hashes)
}

// SaveFiles records the saving thread once per file.
func (n *niceness) SaveFiles(ctx context.Context, athlete store.AthleteID, es []*store.Encoded) ([][]store.Saved, error) {
	for range es {
		n.saved.Record()
	}
	return n.Store.SaveFiles(ctx, athlete, es)
}

// TestImportLowersOnlyDecoders checks that with Nice the decoders run at a
// lower priority and the writer at the caller's: a writer held back would
// hold the database's write lock, and the server's writes wait for it.
func TestImportLowersOnlyDecoders(t *testing.T) {
	t.Parallel()
	base, err := priority.Thread()
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for i := range 8 { // distinct files, each decoded and stored
		files[fmt.Sprintf("r%d.gpx", i)] = append(corpus.Read(t, gpxFile), '\n', byte('0'+i))
	}
	dir := t.TempDir()
	writeTree(t, dir, files)
	n := &niceness{Store: openStore(t)}
	if _, err := (&Importer{Store: n, Athlete: store.DefaultAthlete, Workers: 2, Nice: 7}).Import(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	if n.checked.Calls() != len(files) || n.saved.Calls() != len(files) {
		t.Fatalf("%d files looked up and %d saved, want %d each", n.checked.Calls(), n.saved.Calls(), len(files))
	}
	// The walker finds the files within the lookup's wait for a batch.
	if got := n.lookups.Load(); got >= int64(len(files)) {
		t.Errorf("%d lookups for %d files, want them asked about in batches", got, len(files))
	}
	n.checked.Check(t, "decoders", min(base+7, priority.MaxNice))
	n.saved.Check(t, "the writer", base)
}
