package training

import (
	"context"
	"fmt"

	"github.com/easyrun/easyrun/rules"
)

// SetRules replaces the runner's own values of the recovery rules, by
// setting name (rules.Settings), and analyses again under them: every
// analysis's basis names the rules it used. Values are checked whole
// before anything is written (rules.Of); a value equal to its default is
// not kept, so a later change of the default reaches the runner.
func (s *Service) SetRules(ctx context.Context, overrides map[string]float64) (rules.Set, error) {
	rl, err := rules.Of(overrides)
	if err != nil {
		return rules.Set{}, err
	}
	a, err := s.Store.Athlete(ctx, s.Athlete)
	if err != nil {
		return rules.Set{}, err
	}
	a.Rules = rl.Overrides()
	if len(a.Rules) == 0 {
		a.Rules = nil
	}
	if err := s.Store.SaveAthlete(ctx, s.Athlete, a); err != nil {
		return rules.Set{}, fmt.Errorf("save rules: %w", err)
	}
	if _, err := s.Refresh(ctx, false); err != nil {
		return rules.Set{}, fmt.Errorf("re-analyse with your rules: %w", err)
	}
	return rl, nil
}
