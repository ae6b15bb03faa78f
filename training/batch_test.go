package training_test

import (
	"context"
	"testing"
	"time"

	"github.com/easyrun/easyrun/store"
)

// batches records the length of every bulk write.
type batches struct {
	store.Store
	analyses, peaks []int
}

func (b *batches) SaveAnalyses(ctx context.Context, athlete store.AthleteID, as []store.Analysis) error {
	b.analyses = append(b.analyses, len(as))
	return b.Store.SaveAnalyses(ctx, athlete, as)
}

func (b *batches) SavePeaks(ctx context.Context, athlete store.AthleteID, ps []store.Peak) error {
	b.peaks = append(b.peaks, len(ps))
	return b.Store.SavePeaks(ctx, athlete, ps)
}

// TestRefreshWritesInShortTransactions checks that a history's analyses
// and peaks are saved a part at a time, so that no transaction holds the
// write lock for the whole of it, and that every one is saved.
func TestRefreshWritesInShortTransactions(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	s := newService(t, now)
	sessions := runner.History(now.AddDate(0, 0, -7*30), 30) // about 160 runs
	save(t, s, sessions...)
	b := &batches{Store: s.Store}
	s.Store = b
	got, err := s.Refresh(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	if got.Analysed != len(sessions) {
		t.Fatalf("analysed %d of %d", got.Analysed, len(sessions))
	}
	for name, sizes := range map[string][]int{"analyses": b.analyses, "peaks": b.peaks} {
		sum := 0
		for _, n := range sizes {
			sum += n
			if n > 64 {
				t.Errorf("%s saved %d in one transaction; want at most 64", name, n)
			}
		}
		if sum != len(sessions) || len(sizes) < 2 {
			t.Errorf("%s saved in %v: %d of %d", name, sizes, sum, len(sessions))
		}
	}
}
