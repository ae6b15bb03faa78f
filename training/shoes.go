package training

import (
	"context"
	"fmt"

	"github.com/easyrun/easyrun/activity"
	"github.com/easyrun/easyrun/store"
)

// Shoe returns one of the runner's shoes with its distance.
func (s *Service) Shoe(ctx context.Context, id int64) (activity.Shoe, error) {
	shoes, err := s.Store.Shoes(ctx, s.Athlete)
	if err != nil {
		return activity.Shoe{}, err
	}
	for _, sh := range shoes {
		if sh.ID == id {
			return sh, nil
		}
	}
	return activity.Shoe{}, fmt.Errorf("shoe %d: %w", id, store.ErrNotFound)
}

// RetireShoe marks one of the runner's shoes retired: it keeps its runs
// and distance, and new runs no longer go to it.
func (s *Service) RetireShoe(ctx context.Context, id int64) (activity.Shoe, error) {
	sh, err := s.Shoe(ctx, id)
	if err != nil {
		return activity.Shoe{}, err
	}
	sh.Retired, sh.Default = true, false
	_, err = s.Store.SaveShoe(ctx, s.Athlete, sh)
	return sh, err
}
