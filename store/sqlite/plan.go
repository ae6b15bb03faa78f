package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/easyrun/easyrun/plan"
	"github.com/easyrun/easyrun/store"
)

// Plan returns the athlete's plan as last saved; store.ErrNotFound when
// there is none.
func (db *DB) Plan(ctx context.Context, athlete store.AthleteID) (*plan.Plan, error) {
	var body []byte
	err := db.plan.QueryRowContext(ctx, athlete).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("plan of athlete %d: %w", athlete, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("plan of athlete %d: %w", athlete, err)
	}
	var p plan.Plan
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, fmt.Errorf("plan of athlete %d: %v: %w", athlete, err, store.ErrCorrupt)
	}
	return &p, nil
}

// SavePlan replaces the athlete's plan. An athlete that does not exist
// gives store.ErrNotFound.
func (db *DB) SavePlan(ctx context.Context, athlete store.AthleteID, p *plan.Plan) error {
	body, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("save plan of athlete %d: %w", athlete, err)
	}
	res, err := db.savePlan.ExecContext(ctx, time.Now().Unix(), string(body), athlete)
	if err := oneRow(res, err); err != nil {
		return fmt.Errorf("save plan of athlete %d: %w", athlete, err)
	}
	return nil
}
